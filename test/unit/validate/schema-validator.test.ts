import { createRequire } from "node:module";
import type { Ajv as AjvType, ErrorObject, Format, ValidateFunction } from "ajv";
import fc from "fast-check";
import { loadAll } from "js-yaml";
import { describe, expect, it } from "vitest";
import { applyDefaults } from "../../../src/validate/apply-defaults.js";
import schemaFormats from "../../../src/validate/schema-formats.js";
import { findSchema, listSchemas, loadSchema, type SchemaEntry } from "../../../src/validate/schema-registry.js";
import { validateAgainstSchema } from "../../../src/validate/schema-validator.js";
import { applyMutation, mutationArb } from "../../fuzz/mutate.js";
import { fuzzSeeds } from "../../fuzz/seeds.js";

// vmcp-gen validates with its own schema walker; Ajv (a devDependency) is the reference. Both must
// give the same findings — keyword, place, parameters, message — on every input tried here.

const { Ajv } = createRequire(import.meta.url)("ajv") as typeof import("ajv");
let ajv: AjvType | undefined;
// vmcp-gen's formats are Ajv format definitions ({type, validate}).
const reference = (): AjvType => (ajv ??= new Ajv({ allErrors: true, strict: false, validateFormats: true, formats: schemaFormats as Record<string, Format> }));
const compiled = new Map<string, ValidateFunction>();

function ajvValidator(entry: SchemaEntry): ValidateFunction {
  let v = compiled.get(entry.file);
  if (!v) {
    v = reference().compile(loadSchema(entry));
    compiled.set(entry.file, v);
  }
  return v;
}

type Finding = string;
const finding = (e: Pick<ErrorObject, "keyword" | "instancePath" | "schemaPath" | "params" | "message">): Finding => JSON.stringify([e.keyword, e.instancePath, e.schemaPath, e.params, e.message]);

/** Both validators' findings on one ToolHive object (defaulted first, as vmcp-gen does), sorted. */
function compare(doc: unknown): { ours: Finding[]; ajv: Finding[] } | undefined {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return undefined;
  const { apiVersion, kind } = doc as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== "string" || typeof kind !== "string") return undefined;
  const [group, version] = apiVersion.split("/");
  const entry = findSchema(group ?? "", version ?? "", kind);
  if (!entry) return undefined;
  const body = applyDefaults(doc, loadSchema(entry));
  const validate = ajvValidator(entry);
  validate(body);
  return { ours: validateAgainstSchema(loadSchema(entry), body).map(finding).sort(), ajv: (validate.errors ?? []).map(finding).sort() };
}

function documents(files: readonly { text: string }[]): unknown[] {
  const out: unknown[] = [];
  for (const f of files) {
    try {
      loadAll(f.text, (d) => out.push(d));
    } catch {
      // Not YAML after the mutation: nothing to validate.
    }
  }
  return out;
}

const SUPPORTED = new Set(["type", "properties", "required", "additionalProperties", "items", "enum", "pattern", "format", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minimum", "maximum", "anyOf", "default", "$schema"]);

describe("the schema walker", () => {
  it("knows every keyword the shipped schemas use", () => {
    const unknown = new Set<string>();
    const walk = (s: unknown, inProperties: boolean): void => {
      if (typeof s !== "object" || s === null) return;
      for (const [k, v] of Object.entries(s)) {
        if (inProperties) walk(v, false);
        else {
          if (!SUPPORTED.has(k)) unknown.add(k);
          if (k === "properties" || k === "items" || k === "additionalProperties") walk(v, k === "properties");
          if (k === "anyOf") for (const branch of v as unknown[]) walk(branch, false);
        }
      }
    };
    for (const entry of listSchemas()) walk(loadSchema(entry), false);
    expect([...unknown]).toEqual([]);
  });

  it("gives Ajv's findings on every fixture and golden input", () => {
    let objects = 0;
    let withFindings = 0;
    for (const seed of fuzzSeeds()) {
      for (const doc of documents(seed.files)) {
        const r = compare(doc);
        if (!r) continue;
        objects++;
        if (r.ajv.length > 0) withFindings++;
        expect(r.ours, `${seed.name}: ${JSON.stringify(doc).slice(0, 200)}`).toEqual(r.ajv);
      }
    }
    expect(objects).toBeGreaterThan(100);
    expect(withFindings).toBeGreaterThan(0);
  });

  it("gives Ajv's findings on mutated inputs (2,000 cases)", () => {
    const seeds = fuzzSeeds();
    let withFindings = 0;
    fc.assert(
      fc.property(mutationArb(seeds.length), (m) => {
        const files = applyMutation(seeds[m.seed]!, m).map((f) => ({ text: f.bytes.toString("utf8") }));
        for (const doc of documents(files)) {
          const r = compare(doc);
          if (!r) continue;
          if (r.ajv.length > 0) withFindings++;
          expect(r.ours).toEqual(r.ajv);
        }
      }),
      { numRuns: 2000, seed: 20_261_121 },
    );
    expect(withFindings).toBeGreaterThan(200);
  });

  it.each<[string, unknown]>([
    ["a number where a string belongs, with enum", { type: "string", enum: ["a", "b"] }],
    ["an integer type with a fractional value and a minimum", { type: "integer", minimum: 2, format: "int32" }],
    ["surrogate pairs counted as one character", { type: "string", maxLength: 2 }],
    ["int-or-string, as scripts/generate-schemas.mjs writes it", { anyOf: [{ type: "integer" }, { type: "string" }] }],
    ["a nullable int-or-string with limits in a branch", { anyOf: [{ type: "integer", minimum: 2 }, { type: "string", minLength: 2 }, { type: "null" }] }],
    ["an enum of objects and lists (deep equality, any key order)", { enum: [{ a: 1, b: [1, 2] }, [1, { c: "x" }]] }],
    ["object branches", { type: "object", anyOf: [{ required: ["a"] }, { required: ["b"], properties: { b: { type: "string" } } }] }],
  ])("matches Ajv on %s", (_name, schema) => {
    const validate = reference().compile(schema as object);
    for (const value of ["a", "c", 5, 1.5, 2 ** 31, "😀😀", "😀😀😀", null, [], {}, { a: 1 }, { b: 2 }, { b: "x" }, { b: [1, 2], a: 1 }, { a: 1, b: [2, 1] }, [1, { c: "x" }], [{ c: "x" }, 1], Number.POSITIVE_INFINITY, Number.NaN, true]) {
      validate(value);
      expect(validateAgainstSchema(schema as never, value).map(finding).sort(), JSON.stringify(value)).toEqual((validate.errors ?? []).map(finding).sort());
    }
  });
});
