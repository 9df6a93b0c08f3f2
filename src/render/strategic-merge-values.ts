// The strategic merge's value model: JSON values, the issues it reports, and how it reads, writes and describes them.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export interface PatchIssue {
  path: (string | number)[];
  message: string;
}

export type JsonObject = { [k: string]: JsonValue };
export type JsonScalar = null | boolean | number | string;
export type PatchObject = Record<string, unknown>;
export type Path = (string | number)[];
export type IdOf = (item: unknown) => unknown;

export interface Context {
  readonly issues: PatchIssue[];
}

export const DROP = Symbol("drop");

export function report(ctx: Context, path: Path, message: string): void {
  ctx.issues.push({ path, message });
}

export function keyOf(key: string): IdOf {
  return (item) => (isObject(item) ? own(item, key) : undefined);
}

export function isObject(value: unknown): value is PatchObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isScalar(value: unknown): value is JsonScalar {
  return (
    value === null ||
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value))
  );
}

export function isKept(value: JsonValue | typeof DROP): value is JsonValue {
  return value !== DROP;
}

export function pushKept(list: JsonValue[], value: JsonValue | typeof DROP): void {
  if (value !== DROP) list.push(value);
}

export function own<T>(object: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Defines rather than assigns, so a `__proto__` key from YAML stays data. */
export function put(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

export function quote(directive: unknown): string {
  return typeof directive === "string" ? JSON.stringify(directive) : describe(directive);
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (isObject(value)) return "a mapping";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
