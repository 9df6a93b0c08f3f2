// How upstream orders a merged list, and the check of a `$setElementOrder` list against the patch.

import { PATCH } from "./strategic-merge-directives.js";
import { isObject, isScalar, keyOf, own, report, type Context, type IdOf, type JsonValue, type Path } from "./strategic-merge-values.js";

/**
 * Upstream's normalizeElementOrder + mergeSortedSlice: items named by `wanted` come in its order, the rest keep
 * their `serverOrder` order, and each of the rest is placed before the first wanted item it preceded in `serverOrder`.
 */
export function orderLikeUpstream(merged: JsonValue[], wanted: readonly unknown[], serverOrder: readonly JsonValue[], idOf: IdOf): JsonValue[] {
  const position = (list: readonly unknown[], item: unknown) => list.findIndex((entry) => idOf(entry) === idOf(item));
  const sortBy = (items: JsonValue[], order: readonly unknown[]) =>
    sortLikeGo(items, (a, b) => {
      const [ia, ib] = [position(order, a), position(order, b)];
      return ia < 0 || ib < 0 || ia < ib;
    });
  const fromPatch = sortBy(merged.filter((item) => position(wanted, item) >= 0), wanted);
  const serverOnly = sortBy(merged.filter((item) => position(wanted, item) < 0), serverOrder);
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < fromPatch.length) {
    const left = serverOnly[i];
    const right = fromPatch[j];
    const leftFirst =
      right === undefined ||
      (left !== undefined && position(serverOrder, left) >= 0 && position(serverOrder, right) >= 0 &&
        position(serverOrder, left) < position(serverOrder, right));
    if (leftFirst && left !== undefined) {
      out.push(left);
      i++;
    } else if (right !== undefined) {
      out.push(right);
      j++;
    }
  }
  return out;
}

/**
 * Go's sort.SliceStable (an insertion sort for up to 20 items) with upstream's comparator, which calls any item
 * missing from the order list "less". That only happens for an empty `$setElementOrder`, where it reverses the list.
 */
function sortLikeGo<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  const out = [...items];
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0 && less(out[j] as T, out[j - 1] as T); j--) [out[j - 1], out[j]] = [out[j] as T, out[j - 1] as T];
  }
  return out;
}

/** Upstream's validatePatchWithSetOrderList: the patch's items must appear in the order list, in the same order. */
export function isOrderConsistent(order: unknown[], patched: unknown[], key: string | undefined, at: Path, ctx: Context): boolean {
  if (key !== undefined) {
    const bad = order.findIndex((entry) => !isObject(entry) || !isScalar(own(entry, key)) || own(entry, key) === null);
    if (bad >= 0) {
      report(ctx, [...at, bad], `must be a mapping with \`${key}\``);
      return false;
    }
  }
  if (order.length === 0 || patched.length === 0) return true;
  const idOf = key === undefined ? (v: unknown) => v : keyOf(key);
  const listed = patched.filter((item) => !(isObject(item) && own(item, PATCH) === "delete"));
  let p = 0;
  let o = 0;
  // A literal port: a directive item after the last ordered one still counts as unmatched upstream.
  while (p < listed.length && o < order.length) {
    const item = listed[p];
    if (isObject(item) && Object.hasOwn(item, PATCH)) {
      p++;
      continue;
    }
    if (idOf(item) === idOf(order[o])) p++;
    o++;
  }
  if (p < listed.length) {
    report(ctx, at, "does not list the patch's items in the order the patch gives them");
    return false;
  }
  return true;
}
