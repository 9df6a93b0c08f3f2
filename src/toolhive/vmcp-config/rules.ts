import type { z } from "zod";

/**
 * A cross-field rule of the vMCP runtime's config validator: `holds` is checked when a config is
 * parsed, and `jsonSchema` (an `if`/`then`, `oneOf`, `not`, … fragment) is what the exported
 * JSON Schema says for the same rule. The two are written side by side so that they stay one rule;
 * test/unit/toolhive/vmcp-config-model.test.ts holds them to each other and to the reference schema.
 */
export interface ConfigRule<V> {
  readonly message: string;
  readonly holds: (value: V) => boolean;
  readonly jsonSchema: Readonly<Record<string, unknown>>;
}

/** The schema with its rules: checked on parse, exported as the node's `allOf`. */
export function withRules<T extends z.ZodType>(schema: T, rules: readonly ConfigRule<z.output<T>>[]): T {
  return schema
    .superRefine((value, ctx) => {
      for (const r of rules) if (!r.holds(value)) ctx.addIssue({ code: "custom", message: r.message });
    })
    .meta({ allOf: rules.map((r) => r.jsonSchema) });
}

const present = (v: unknown): boolean => v !== undefined && v !== null;
const nonEmpty = (v: unknown): boolean =>
  typeof v === "string" ? v !== "" : Array.isArray(v) ? v.length > 0 : present(v);

/** `field` equal to `value` requires `required` (present, and non-empty for strings and lists). */
export function whenEquals<V extends Record<string, unknown>>(
  field: keyof V & string,
  value: string,
  required: readonly (keyof V & string)[],
  jsonThen: Readonly<Record<string, unknown>>,
): ConfigRule<V> {
  return {
    message: `${field} ${value} requires ${required.join(" and ")}`,
    holds: (v) => v[field] !== value || required.every((r) => nonEmpty(v[r])),
    jsonSchema: { if: { properties: { [field]: { const: value } }, required: [field] }, then: jsonThen },
  };
}

/** Exactly one of `a` and `b` is set. */
export function exactlyOne<V extends Record<string, unknown>>(a: keyof V & string, b: keyof V & string): ConfigRule<V> {
  return {
    message: `exactly one of ${a} and ${b} is required`,
    holds: (v) => present(v[a]) !== present(v[b]),
    jsonSchema: {
      oneOf: [
        { required: [a], not: { required: [b] } },
        { required: [b], not: { required: [a] } },
      ],
    },
  };
}

/** `field` needs `needs` (JSON Schema's dependentRequired). */
export function dependsOn<V extends Record<string, unknown>>(
  field: keyof V & string,
  needs: keyof V & string,
): ConfigRule<V> {
  return {
    message: `${field} requires ${needs}`,
    holds: (v) => !present(v[field]) || present(v[needs]),
    jsonSchema: { dependentRequired: { [field]: [needs] } },
  };
}
