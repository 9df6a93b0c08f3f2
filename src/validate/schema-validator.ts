import schemaFormats, { type SchemaFormat } from "./schema-formats.js";

/**
 * Validation against the structural schemas the CRDs carry, by walking the schema next to the
 * data. The CRDs use a small keyword set (type, properties, required, additionalProperties, items,
 * enum, pattern, format, the length, item, property and number limits, and `anyOf` for
 * int-or-string, see scripts/generate-schemas.mjs); this walker gives,
 * for that set, the findings Ajv gives with `allErrors` and `strict: false`, in Ajv's error shape
 * (keyword, instancePath, schemaPath, params, message), so that diagnostics are written from
 * either one. Ajv, precompiled, cost ~40 ms of every cold start in module size and first-call
 * compilation; the schema JSON is loaded for defaulting anyway. test/unit/validate/
 * schema-validator.test.ts compares the two on every fixture and on random mutations.
 */

export interface StructuralSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, StructuralSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | StructuralSchema;
  readonly items?: StructuralSchema;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly anyOf?: readonly StructuralSchema[];
}

export interface SchemaError {
  readonly keyword: string;
  /** JSON pointer to the value. */
  readonly instancePath: string;
  /** JSON pointer fragment to the keyword (`#/properties/spec/type`). */
  readonly schemaPath: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message: string;
  /** The failing value, the keyword's value and the schema holding it (Ajv's `verbose` fields). */
  readonly data: unknown;
  readonly schema: unknown;
  readonly parentSchema: StructuralSchema;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

// Ajv without strictNumbers: NaN and ±Infinity are numbers, and Infinity passes as an integer.
function hasType(type: string, v: unknown): boolean {
  switch (type) {
    case "string":
      return typeof v === "string";
    case "number":
      return typeof v === "number";
    case "integer":
      return typeof v === "number" && !(v % 1) && !Number.isNaN(v);
    case "boolean":
      return typeof v === "boolean";
    case "object":
      return isObject(v);
    case "array":
      return Array.isArray(v);
    case "null":
      return v === null;
    default:
      return true;
  }
}

/** Length in code points, as JSON Schema (and Ajv's ucs2length) counts it. */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    n++;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}

const patterns = new Map<string, RegExp>();
function regExp(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) {
    re = new RegExp(pattern, "u");
    patterns.set(pattern, re);
  }
  return re;
}

// Deep equality regardless of key order, as Ajv compares enum members.
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A path as a chain of segments, turned into a JSON pointer only for a finding: most values have none. */
interface Trail {
  readonly up: Trail | undefined;
  readonly seg: string | number;
}

function pointer(trail: Trail | undefined): string {
  let out = "";
  for (let t = trail; t; t = t.up) out = `/${String(t.seg).replace(/~/g, "~0").replace(/\//g, "~1")}${out}`;
  return out;
}

type Path = Trail | undefined;
const step = (up: Path, seg: string | number): Trail => ({ up, seg });

class Walker {
  readonly errors: SchemaError[] = [];

  private fail(keyword: string, data: unknown, path: Path, schema: StructuralSchema, sp: Path, params: Record<string, unknown>, message: string): void {
    const schemaPath = `#${pointer(step(sp, keyword))}`;
    this.errors.push({ keyword, instancePath: pointer(path), schemaPath, params, message, data, schema: (schema as Record<string, unknown>)[keyword], parentSchema: schema });
  }

  visit(data: unknown, s: StructuralSchema, path: Path, sp: Path): void {
    if (s.type !== undefined) {
      const types = typeof s.type === "string" ? [s.type] : s.type;
      if (types.length > 0 && !types.some((t) => hasType(t, data))) this.fail("type", data, path, s, sp, { type: types.join(",") }, `must be ${types.join(",")}`);
    }
    // As in Ajv, each keyword group runs when the value has the group's type, whatever `type` says.
    if (typeof data === "number") this.number(data, s, path, sp);
    else if (typeof data === "string") this.string(data, s, path, sp);
    else if (Array.isArray(data)) this.array(data, s, path, sp);
    else if (isObject(data)) this.object(data, s, path, sp);
    if (s.enum !== undefined && !s.enum.some((v) => sameValue(v, data))) this.fail("enum", data, path, s, sp, { allowedValues: s.enum }, "must be equal to one of the allowed values");
    if (s.anyOf !== undefined) this.anyOf(data, s, s.anyOf, path, sp);
  }

  // Branches in order until one passes; its failed predecessors' errors are dropped, as Ajv does.
  private anyOf(data: unknown, s: StructuralSchema, branches: readonly StructuralSchema[], path: Path, sp: Path): void {
    const before = this.errors.length;
    const at = step(sp, "anyOf");
    for (let i = 0; i < branches.length; i++) {
      const mark = this.errors.length;
      this.visit(data, branches[i]!, path, step(at, i));
      if (this.errors.length === mark) {
        this.errors.length = before;
        return;
      }
    }
    this.fail("anyOf", data, path, s, sp, {}, "must match a schema in anyOf");
  }

  private format(data: number | string, s: StructuralSchema, path: Path, sp: Path): void {
    if (s.format === undefined) return;
    const format: SchemaFormat | undefined = schemaFormats[s.format];
    if (format === undefined || format.type !== typeof data) return;
    if (!format.validate(data as never)) this.fail("format", data, path, s, sp, { format: s.format }, `must match format "${s.format}"`);
  }

  private number(data: number, s: StructuralSchema, path: Path, sp: Path): void {
    if (s.maximum !== undefined && !(data <= s.maximum)) this.fail("maximum", data, path, s, sp, { comparison: "<=", limit: s.maximum }, `must be <= ${s.maximum}`);
    if (s.minimum !== undefined && !(data >= s.minimum)) this.fail("minimum", data, path, s, sp, { comparison: ">=", limit: s.minimum }, `must be >= ${s.minimum}`);
    this.format(data, s, path, sp);
  }

  private string(data: string, s: StructuralSchema, path: Path, sp: Path): void {
    if (s.maxLength !== undefined && codePoints(data) > s.maxLength) this.fail("maxLength", data, path, s, sp, { limit: s.maxLength }, `must NOT have more than ${s.maxLength} characters`);
    if (s.minLength !== undefined && codePoints(data) < s.minLength) this.fail("minLength", data, path, s, sp, { limit: s.minLength }, `must NOT have fewer than ${s.minLength} characters`);
    if (s.pattern !== undefined && !regExp(s.pattern).test(data)) this.fail("pattern", data, path, s, sp, { pattern: s.pattern }, `must match pattern "${s.pattern}"`);
    this.format(data, s, path, sp);
  }

  private array(data: readonly unknown[], s: StructuralSchema, path: Path, sp: Path): void {
    if (s.maxItems !== undefined && data.length > s.maxItems) this.fail("maxItems", data, path, s, sp, { limit: s.maxItems }, `must NOT have more than ${s.maxItems} items`);
    if (s.minItems !== undefined && data.length < s.minItems) this.fail("minItems", data, path, s, sp, { limit: s.minItems }, `must NOT have fewer than ${s.minItems} items`);
    if (s.items !== undefined) for (let i = 0; i < data.length; i++) this.visit(data[i], s.items, step(path, i), step(sp, "items"));
  }

  private object(data: Record<string, unknown>, s: StructuralSchema, path: Path, sp: Path): void {
    if (s.maxProperties !== undefined && Object.keys(data).length > s.maxProperties) this.fail("maxProperties", data, path, s, sp, { limit: s.maxProperties }, `must NOT have more than ${s.maxProperties} properties`);
    if (s.minProperties !== undefined && Object.keys(data).length < s.minProperties) this.fail("minProperties", data, path, s, sp, { limit: s.minProperties }, `must NOT have fewer than ${s.minProperties} properties`);
    for (const name of s.required ?? []) if (data[name] === undefined) this.fail("required", data, path, s, sp, { missingProperty: name }, `must have required property '${name}'`);
    const props = s.properties ?? {};
    const extra = s.additionalProperties;
    if (extra !== undefined && extra !== true) {
      for (const key of Object.keys(data)) {
        if (Object.hasOwn(props, key)) continue;
        if (extra === false) this.fail("additionalProperties", data, path, s, sp, { additionalProperty: key }, "must NOT have additional properties");
        else this.visit(data[key], extra, step(path, key), step(sp, "additionalProperties"));
      }
    }
    for (const name of Object.keys(props)) {
      const value = data[name];
      if (value !== undefined) this.visit(value, props[name]!, step(path, name), step(step(sp, "properties"), name));
    }
  }
}

/** Every finding of `data` against `schema`; empty when it is valid. */
export function validateAgainstSchema(schema: StructuralSchema, data: unknown): SchemaError[] {
  const walker = new Walker();
  walker.visit(data, schema, undefined, undefined);
  return walker.errors;
}
