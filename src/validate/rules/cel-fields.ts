/**
 * Safe reads of the loose, already-defaulted objects the CEL rules look at (preserve-unknown-fields
 * parts of the schemas, typed `unknown`); these helpers narrow without trusting the shape.
 */
export type Obj = Readonly<Record<string, unknown>>;

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * CEL `has(self.key)`: the field is present. The API server drops a `null` on a non-nullable
 * field before CEL runs, so `null` counts as absent.
 */
export function has(v: unknown, key: string): boolean {
  return isObj(v) && v[key] !== undefined && v[key] !== null;
}

export function objAt(v: unknown, key: string): Obj | undefined {
  const out = isObj(v) ? v[key] : undefined;
  return isObj(out) ? out : undefined;
}

export function listAt(v: unknown, key: string): readonly unknown[] {
  const out = isObj(v) ? v[key] : undefined;
  return Array.isArray(out) ? out : [];
}

export function strAt(v: unknown, key: string): string | undefined {
  const out = isObj(v) ? v[key] : undefined;
  return typeof out === "string" ? out : undefined;
}

/** `has(self.key) && self.key` for a boolean field. */
export function isTrue(v: unknown, key: string): boolean {
  return isObj(v) && v[key] === true;
}

/** `has(self.key) && size(self.key) > 0` for a string, list or map field. */
export function isNonEmpty(v: unknown, key: string): boolean {
  const out = isObj(v) ? v[key] : undefined;
  if (typeof out === "string" || Array.isArray(out)) return out.length > 0;
  return isObj(out) && Object.keys(out).length > 0;
}
