import type { OrderedObject, OrderedValue } from "../../resolve/types.js";

/**
 * Go maps in config.yaml (`metadata`, `overrides`, `perWorkload`, and every map inside the
 * free-form JSON blobs of composite tools) come out of yaml.v3 sorted by its `keyList.Less`:
 * rune by rune, letters by code point, non-letters before letters, digit runs compared as
 * numbers. For plain lowercase keys that is byte order; for `tool10` vs `tool9` it is not.
 */

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const isLetter = (c: string) => LETTER.test(c);
const isDigit = (c: string) => DIGIT.test(c);
const digitValue = (c: string) => c.codePointAt(0)! - 48;

/** yaml.v3 v3.0.1 `keyList.Less` for two string keys. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i]!;
    const bc = br[i]!;
    if (ac === bc) {
      digits = isDigit(ac);
      continue;
    }
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac.codePointAt(0)! < bc.codePointAt(0)!;
    if (al || bl) return digits ? al : bl;
    let an = 0;
    let bn = 0;
    if (ac === "0" || bc === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== "0") {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + digitValue(ar[ai]!);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + digitValue(br[bi]!);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac.codePointAt(0)! < bc.codePointAt(0)!;
  }
  return ar.length < br.length;
}

export function compareGoYamlKeys(a: string, b: string): number {
  return goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0;
}

/** A Go map's entries in yaml.v3 order, each value mapped; undefined values are left out. */
export function goMap<T>(
  map: Readonly<Record<string, T>> | undefined,
  value: (v: T) => OrderedValue | undefined,
): OrderedObject {
  const out: OrderedObject = {};
  for (const key of Object.keys(map ?? {}).sort(compareGoYamlKeys)) {
    const v = value(map![key]!);
    // Defined, not assigned: a `__proto__` key from YAML must stay data, not become the prototype.
    if (v !== undefined)
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * A free-form JSON value (`parameters`, `arguments`, `schema`, `defaultResults`, an output
 * `default`), which the operator holds as raw JSON and yaml.v3 writes as sorted maps. `null`s
 * are left out: config.yaml is written without them.
 */
export function goJson(v: unknown): OrderedValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(goJson).filter((x): x is OrderedValue => x !== undefined);
  if (typeof v === "object") return goMap(v as Record<string, unknown>, goJson);
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return undefined;
}
