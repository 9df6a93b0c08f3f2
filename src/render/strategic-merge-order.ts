// How upstream orders a merged list, and the check of a `$setElementOrder` list against the patch.

import { PATCH } from "./strategic-merge-directives.js";
import {
  isObject,
  isScalar,
  keyOf,
  own,
  report,
  type Context,
  type IdOf,
  type JsonValue,
  type Path,
} from "./strategic-merge-values.js";

/** Where each id first occurs in `list` (findIndex's answer, in one pass). */
function firstPositions(list: readonly unknown[], idOf: IdOf): Map<unknown, number> {
  const out = new Map<unknown, number>();
  list.forEach((entry, i) => {
    const id = idOf(entry);
    if (!out.has(id)) out.set(id, i);
  });
  return out;
}

/**
 * Upstream's normalizeElementOrder + mergeSortedSlice: items named by `wanted` come in its order, the rest keep
 * their `serverOrder` order, and each of the rest is placed before the first wanted item it preceded in `serverOrder`.
 * Positions are looked up in maps, so a list of thousands of items (env, volumes) merges in O(n log² n).
 */
export function orderLikeUpstream(
  merged: JsonValue[],
  wanted: readonly unknown[],
  serverOrder: readonly JsonValue[],
  idOf: IdOf,
): JsonValue[] {
  const wantedAt = firstPositions(wanted, idOf);
  const serverAt = firstPositions(serverOrder, idOf);
  const rank = (positions: Map<unknown, number>, item: unknown) => positions.get(idOf(item)) ?? -1;
  const sortBy = (items: JsonValue[], positions: Map<unknown, number>) => {
    const ranked = items.map((item) => ({ item, rank: rank(positions, item) }));
    stableSortLikeGo(ranked, (a, b) => a.rank < 0 || b.rank < 0 || a.rank < b.rank);
    return ranked.map((r) => r.item);
  };
  const fromPatch = sortBy(
    merged.filter((item) => wantedAt.has(idOf(item))),
    wantedAt,
  );
  const serverOnly = sortBy(
    merged.filter((item) => !wantedAt.has(idOf(item))),
    serverAt,
  );
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < fromPatch.length) {
    const left = serverOnly[i];
    const right = fromPatch[j];
    const leftAt = left === undefined ? -1 : rank(serverAt, left);
    const rightAt = right === undefined ? -1 : rank(serverAt, right);
    const leftFirst = right === undefined || (left !== undefined && leftAt >= 0 && rightAt >= 0 && leftAt < rightAt);
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
 * Go's sort.SliceStable (sort/zsortfunc.go: insertion sort in blocks of 20, then SymMerge), step for step, so
 * the result is Go's also for upstream's comparator, which calls any item missing from the order list "less" and
 * is then no ordering at all (an empty `$setElementOrder`).
 */
function stableSortLikeGo<T>(data: T[], less: (a: T, b: T) => boolean): void {
  const lessAt = (i: number, j: number) => less(data[i] as T, data[j] as T);
  const swap = (i: number, j: number) => {
    [data[i], data[j]] = [data[j] as T, data[i] as T];
  };
  const insertionSort = (a: number, b: number) => {
    for (let i = a + 1; i < b; i++) for (let j = i; j > a && lessAt(j, j - 1); j--) swap(j, j - 1);
  };
  const swapRange = (a: number, b: number, n: number) => {
    for (let i = 0; i < n; i++) swap(a + i, b + i);
  };
  const rotate = (a: number, m: number, b: number) => {
    let i = m - a;
    let j = b - m;
    while (i !== j) {
      if (i > j) {
        swapRange(m - i, m, j);
        i -= j;
      } else {
        swapRange(m - i, m + j - i, i);
        j -= i;
      }
    }
    swapRange(m - i, m, i);
  };
  const symMerge = (a: number, m: number, b: number): void => {
    if (m - a === 1) {
      let i = m;
      let j = b;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (lessAt(h, a)) i = h + 1;
        else j = h;
      }
      for (let k = a; k < i - 1; k++) swap(k, k + 1);
      return;
    }
    if (b - m === 1) {
      let i = a;
      let j = m;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (!lessAt(m, h)) i = h + 1;
        else j = h;
      }
      for (let k = m; k > i; k--) swap(k, k - 1);
      return;
    }
    const mid = (a + b) >>> 1;
    const n = mid + m;
    let start: number;
    let r: number;
    if (m > mid) {
      start = n - b;
      r = mid;
    } else {
      start = a;
      r = m;
    }
    const p = n - 1;
    while (start < r) {
      const c = (start + r) >>> 1;
      if (!lessAt(p - c, c)) start = c + 1;
      else r = c;
    }
    const end = n - start;
    if (start < m && m < end) rotate(start, m, end);
    if (a < start && start < mid) symMerge(a, start, mid);
    if (mid < end && end < b) symMerge(mid, end, b);
  };
  const n = data.length;
  let blockSize = 20;
  let a = 0;
  let b = blockSize;
  while (b <= n) {
    insertionSort(a, b);
    a = b;
    b += blockSize;
  }
  insertionSort(a, n);
  while (blockSize < n) {
    a = 0;
    b = 2 * blockSize;
    while (b <= n) {
      symMerge(a, a + blockSize, b);
      a = b;
      b += 2 * blockSize;
    }
    const m = a + blockSize;
    if (m < n) symMerge(a, m, n);
    blockSize *= 2;
  }
}

/** Upstream's validatePatchWithSetOrderList: the patch's items must appear in the order list, in the same order. */
export function isOrderConsistent(
  order: unknown[],
  patched: unknown[],
  key: string | undefined,
  at: Path,
  ctx: Context,
): boolean {
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
