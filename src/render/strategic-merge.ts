// A Kubernetes strategic merge patch for corev1.PodTemplateSpec, as the operator applies `spec.podTemplateSpec`
// (strategicpatch.StrategicMergePatch, i.e. MergeParallelList and IgnoreUnmatchedNulls). It ports
// k8s.io/apimachinery/pkg/util/strategicpatch/patch.go function by function, surprises included, because the
// rendered Deployment has to match the operator's byte for byte:
// - a merged list is ordered as normalizeElementOrder does: the patch's items in patch order, the original's other
//   items slotted in by their original position. A patch that only adds a sidecar puts it *before* the existing
//   containers, as `kubectl patch` does;
// - the value of a key the original lacks goes through removeDirectives, which drops any mapping carrying `$patch`,
//   even `$patch: replace`.
// Where upstream would keep a directive as data (a new list item, an atomic list, a replacement body) the user's
// intent is lost, so we report it; so are the `$patch` values upstream rejects and the kind errors the operator only
// meets when decoding the result into a PodTemplateSpec. One divergence is deliberate: with `$setElementOrder` and
// `$patch: delete` in the same list, upstream orders by a slice its deletion has overwritten in place (Go aliasing);
// we order by the original list.

import {
  itemStrategy,
  lookupFieldStrategy,
  type FieldStrategy,
  type PatchTypeName,
} from "./pod-template-patch-strategies.js";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export interface PatchIssue {
  path: (string | number)[];
  message: string;
}

type JsonObject = { [k: string]: JsonValue };
type JsonScalar = null | boolean | number | string;
type PatchObject = Record<string, unknown>;
type Path = (string | number)[];
type IdOf = (item: unknown) => unknown;
type KeyedList = Extract<FieldStrategy, { kind: "list" }> & { mergeKey: string };

/**
 * `honour`: the value of a key the original lacks; upstream strips mappings with `$patch` from it.
 * `literal`: a value upstream copies as data (new list item, atomic list, replace body), so `$patch` in it is lost.
 */
type CopyMode = "honour" | "literal";

interface Context {
  readonly issues: PatchIssue[];
}

const PATCH = "$patch";
const RETAIN_KEYS = "$retainKeys";
const SET_ORDER = "$setElementOrder/";
const DELETE_PRIMITIVES = "$deleteFromPrimitiveList/";
const DROP = Symbol("drop");

/**
 * Applies `patch` (the raw `spec.podTemplateSpec`) to the pod template the operator builds.
 * Never mutates its inputs. Issue paths are relative to `spec.podTemplateSpec`; when there are issues the value is a
 * best effort and should not be rendered.
 */
export function applyPodTemplateSpecPatch(
  original: Record<string, JsonValue>,
  patch: unknown,
): { value: Record<string, JsonValue>; issues: PatchIssue[] } {
  const ctx: Context = { issues: [] };
  const base = structuredClone(original);
  if (patch === null || patch === undefined) return { value: base, issues: ctx.issues };
  if (!isObject(patch)) {
    report(ctx, [], `podTemplateSpec must be a mapping, not ${describe(patch)}`);
    return { value: base, issues: ctx.issues };
  }
  return { value: mergeMapping(base, patch, "PodTemplateSpec", [], ctx), issues: ctx.issues };
}

function mergeMapping(original: JsonObject, patch: PatchObject, type: PatchTypeName | undefined, path: Path, ctx: Context): JsonObject {
  if (Object.hasOwn(patch, PATCH)) return applyMappingDirective(original, patch, type, path, ctx);
  const result: JsonObject = { ...original };
  retainListedKeys(result, patch, path, ctx);
  const ordered = applyElementOrders(result, patch, type, path, ctx);
  for (const [key, value] of Object.entries(patch)) {
    if (!key.startsWith(DELETE_PRIMITIVES)) continue;
    deleteFromPrimitiveList(result, key, value, own(patch, key.slice(DELETE_PRIMITIVES.length)), [...path, key], ctx);
  }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || ordered.has(key)) continue;
    if (key.startsWith("$")) reportUnknownDirective(key, [...path, key], ctx);
    else mergeField(result, key, value, lookupFieldStrategy(type, key), [...path, key], ctx);
  }
  return result;
}

function mergeField(result: JsonObject, key: string, value: unknown, strategy: FieldStrategy | undefined, path: Path, ctx: Context): void {
  if (value === null) {
    delete result[key];
    return;
  }
  const current = own(result, key);
  if (isObject(current) && isObject(value)) {
    put(result, key, mergeMapping(current, value, strategy?.kind === "mapping" ? strategy.type : undefined, path, ctx));
  } else if (Array.isArray(current) && Array.isArray(value)) {
    put(result, key, mergeList(current, value, strategy, path, ctx));
  } else {
    // A new key or a change of kind: upstream takes the patch value, minus nulls and `$patch` mappings.
    const copied = copyValue(value, strategy, path, ctx, "honour");
    if (copied === DROP) delete result[key];
    else put(result, key, copied);
  }
}

function applyMappingDirective(original: JsonObject, patch: PatchObject, type: PatchTypeName | undefined, path: Path, ctx: Context): JsonObject {
  const directive = patch[PATCH];
  if (directive === "delete") return {};
  const rest = Object.fromEntries(Object.entries(patch).filter(([key]) => key !== PATCH));
  if (directive === "replace") return copyMappingBody(rest, type, path, ctx, "literal");
  checkMappingDirective(directive, [...path, PATCH], ctx);
  return mergeMapping(original, rest, type, path, ctx);
}

function retainListedKeys(result: JsonObject, patch: PatchObject, path: Path, ctx: Context): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const keep = patch[RETAIN_KEYS];
  if (!Array.isArray(keep)) {
    report(ctx, [...path, RETAIN_KEYS], `must be a list of field names, not ${describe(keep)}`);
    return;
  }
  for (const [key, value] of Object.entries(patch)) {
    if (value !== null && value !== undefined && !key.startsWith("$") && !keep.includes(key)) {
      report(ctx, [...path, key], "is set by the patch but not listed in `$retainKeys`");
    }
  }
  for (const key of Object.keys(result)) if (!keep.includes(key)) delete result[key];
}

function mergeList(current: JsonValue[], patch: unknown[], strategy: FieldStrategy | undefined, path: Path, ctx: Context): JsonValue[] {
  if (strategy?.kind !== "list" || !strategy.merge) return copyList(patch, strategy, path, ctx, "literal");
  if (strategy.mergeKey === undefined) return mergeScalarList(current, patch, path, ctx);
  return mergeKeyedList(current, patch, { ...strategy, mergeKey: strategy.mergeKey }, path, ctx);
}

function mergeKeyedList(current: JsonValue[], patch: unknown[], strategy: KeyedList, path: Path, ctx: Context): JsonValue[] {
  const key = strategy.mergeKey;
  const { replace, deletions, items } = readKeyedPatch(patch, key, path, ctx);
  const item = itemStrategy(strategy);
  const copyItem = (value: PatchObject, index: number) => copyValue(value, item, [...path, index], ctx, "literal");
  const idOf = keyOf(key);
  if (replace) {
    const replacement = items.map(({ value, index }) => copyItem(value, index)).filter(isKept);
    return orderLikeUpstream(replacement, [], replacement, idOf);
  }
  const survivors = current.filter((entry) => !deletions.includes(idOf(entry)));
  const merged = [...survivors];
  for (const { value, index } of items) {
    const at = merged.findIndex((entry) => idOf(entry) === value[key]);
    const target = merged[at];
    if (isObject(target)) merged[at] = mergeMapping(target, value, strategy.type, [...path, index], ctx);
    else pushKept(merged, copyItem(value, index));
  }
  return orderLikeUpstream(merged, items.map(({ value }) => value), survivors, idOf);
}

interface KeyedPatch {
  replace: boolean;
  deletions: unknown[];
  items: { value: PatchObject; index: number }[];
}

function readKeyedPatch(patch: unknown[], key: string, path: Path, ctx: Context): KeyedPatch {
  const plan: KeyedPatch = { replace: false, deletions: [], items: [] };
  patch.forEach((entry, index) => {
    const at = [...path, index];
    if (!isObject(entry)) {
      report(ctx, at, `must be a mapping with \`${key}\`, not ${describe(entry)}`);
    } else if (Object.hasOwn(entry, PATCH)) {
      const directive = checkListDirective(entry, key, at, ctx);
      if (directive === "replace") plan.replace = true;
      if (directive === "delete") plan.deletions.push(entry[key]);
    } else if (checkMergeKey(entry, key, at, ctx)) {
      plan.items.push({ value: entry, index });
    }
  });
  return plan;
}

function mergeScalarList(current: JsonValue[], patch: unknown[], path: Path, ctx: Context): JsonValue[] {
  const added: JsonScalar[] = [];
  patch.forEach((value, index) => {
    if (isScalar(value)) added.push(value);
    else report(ctx, [...path, index], `this list is merged by value, so items must be scalars, not ${describe(value)}`);
  });
  const all = [...current, ...added];
  if (new Set(all.map((value) => (value === null ? "null" : typeof value))).size > 1) {
    report(ctx, path, "list items must all have the same type");
  }
  return orderLikeUpstream([...new Set(all)], added, current, (value) => value);
}

/**
 * Upstream's normalizeElementOrder + mergeSortedSlice: items named by `wanted` come in its order, the rest keep
 * their `serverOrder` order, and each of the rest is placed before the first wanted item it preceded in `serverOrder`.
 */
function orderLikeUpstream(merged: JsonValue[], wanted: readonly unknown[], serverOrder: readonly JsonValue[], idOf: IdOf): JsonValue[] {
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

function applyElementOrders(result: JsonObject, patch: PatchObject, type: PatchTypeName | undefined, path: Path, ctx: Context): Set<string> {
  const ordered = new Set<string>();
  for (const [key, order] of Object.entries(patch)) {
    const field = key.slice(SET_ORDER.length);
    if (!key.startsWith(SET_ORDER) || field === "") continue;
    if (applyElementOrder(result, field, order, patch, lookupFieldStrategy(type, field), path, ctx)) ordered.add(field);
  }
  return ordered;
}

/** Upstream's mergePatchIntoOriginal; returns false when the field is left to the ordinary merge. */
function applyElementOrder(
  result: JsonObject,
  field: string,
  order: unknown,
  patch: PatchObject,
  strategy: FieldStrategy | undefined,
  path: Path,
  ctx: Context,
): boolean {
  const at = [...path, SET_ORDER + field];
  const current = own(result, field);
  const patched = own(patch, field);
  const fail = (where: Path, message: string): false => {
    report(ctx, where, message);
    return false;
  };
  if (!Array.isArray(order)) return fail(at, `must be a list, not ${describe(order)}`);
  if (current !== undefined && !Array.isArray(current)) return fail(at, `orders \`${field}\`, which is not a list`);
  if (patched !== undefined && !Array.isArray(patched)) return fail([...path, field], `must be a list, not ${describe(patched)}`);
  if (current === undefined && patched === undefined) return false;
  const key = strategy?.kind === "list" ? strategy.mergeKey : undefined;
  if (key === undefined && [...order, ...(current ?? []), ...(patched ?? [])].some((v) => !isScalar(v))) {
    return fail(at, "only lists merged by key, or lists of scalars, can be ordered");
  }
  if (!isOrderConsistent(order, patched ?? [], key, at, ctx)) return false;
  if ((current ?? []).length + (patched ?? []).length === 0) return fail(at, "orders an empty list");
  const fieldPath = [...path, field];
  const merged =
    current === undefined ? copyList(patched ?? [], strategy, fieldPath, ctx, "honour")
    : patched === undefined ? current
    : mergeList(current, patched, strategy, fieldPath, ctx);
  put(result, field, orderLikeUpstream(merged, order, current ?? [], key === undefined ? (v) => v : keyOf(key)));
  return true;
}

/** Upstream's validatePatchWithSetOrderList: the patch's items must appear in the order list, in the same order. */
function isOrderConsistent(order: unknown[], patched: unknown[], key: string | undefined, at: Path, ctx: Context): boolean {
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

function deleteFromPrimitiveList(result: JsonObject, key: string, values: unknown, added: unknown, at: Path, ctx: Context): void {
  const field = key.slice(DELETE_PRIMITIVES.length);
  if (!Array.isArray(values) || !values.every(isScalar)) {
    report(ctx, at, "must be a list of scalar values");
    return;
  }
  // Upstream applies the deletion and the addition in Go map order, so the outcome would be random.
  if (Array.isArray(added) && added.some((value) => values.includes(value))) {
    report(ctx, at, `deletes a value the patch also adds to \`${field}\``);
    return;
  }
  const current = own(result, field);
  if (!Array.isArray(current)) return;
  if (!current.every(isScalar)) report(ctx, at, `\`${field}\` is not a list of scalars`);
  else put(result, field, current.filter((value) => !values.includes(value)));
}

function copyValue(value: unknown, strategy: FieldStrategy | undefined, path: Path, ctx: Context, mode: CopyMode): JsonValue | typeof DROP {
  checkKind(value, strategy, path, ctx);
  if (Array.isArray(value)) return copyList(value, strategy, path, ctx, mode);
  if (isObject(value)) return copyMapping(value, strategy?.kind === "mapping" ? strategy.type : undefined, path, ctx, mode);
  if (isScalar(value)) return value;
  report(ctx, path, `${describe(value)} is not a JSON value`);
  return DROP;
}

function copyMapping(value: PatchObject, type: PatchTypeName | undefined, path: Path, ctx: Context, mode: CopyMode): JsonObject | typeof DROP {
  if (Object.hasOwn(value, PATCH)) {
    if (mode === "honour") {
      checkMappingDirective(value[PATCH], [...path, PATCH], ctx, ["replace", "delete"]);
      return DROP;
    }
    // Copied as data, `$patch: replace` still ends up meaning "this value"; anything else would be lost.
    if (value[PATCH] !== "replace") report(ctx, [...path, PATCH], "has no effect here: Kubernetes copies this value as it is");
  }
  return copyMappingBody(value, type, path, ctx, mode);
}

function copyMappingBody(value: PatchObject, type: PatchTypeName | undefined, path: Path, ctx: Context, mode: CopyMode): JsonObject {
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === null || key === PATCH) continue;
    // Directives other than `$patch` are no-ops on a copied value; upstream leaves them for the decoder to drop.
    if (key.startsWith("$")) {
      reportUnknownDirective(key, [...path, key], ctx);
      continue;
    }
    const copied = copyValue(item, lookupFieldStrategy(type, key), [...path, key], ctx, mode);
    if (copied !== DROP) put(out, key, copied);
  }
  return out;
}

function copyList(list: unknown[], strategy: FieldStrategy | undefined, path: Path, ctx: Context, mode: CopyMode): JsonValue[] {
  const key = strategy?.kind === "list" ? strategy.mergeKey : undefined;
  const item = itemStrategy(strategy);
  const out: JsonValue[] = [];
  list.forEach((entry, index) => {
    const at = [...path, index];
    if (isObject(entry) && Object.hasOwn(entry, PATCH)) {
      if (key === undefined) report(ctx, [...at, PATCH], "only lists merged by key accept `$patch` items; this list is replaced as a whole");
      else if (mode === "literal") report(ctx, [...at, PATCH], "has no effect here: Kubernetes copies this list item as it is");
      else checkListDirective(entry, key, at, ctx);
      return;
    }
    if (key !== undefined && isObject(entry)) checkMergeKey(entry, key, at, ctx);
    pushKept(out, copyValue(entry, item, at, ctx, mode));
  });
  return out;
}

function checkKind(value: unknown, strategy: FieldStrategy | undefined, path: Path, ctx: Context): void {
  if (strategy?.kind === "mapping" && !isObject(value)) report(ctx, path, `must be a mapping, not ${describe(value)}`);
  if (strategy?.kind === "list" && !Array.isArray(value)) report(ctx, path, `must be a list, not ${describe(value)}`);
}

function checkMergeKey(item: PatchObject, key: string, at: Path, ctx: Context): boolean {
  const value = own(item, key);
  if (value === undefined || value === null) report(ctx, at, `has no \`${key}\`, which this list is merged by`);
  else if (!isScalar(value)) report(ctx, [...at, key], `must be a scalar to merge by it, not ${describe(value)}`);
  else return true;
  return false;
}

function checkListDirective(item: PatchObject, key: string, at: Path, ctx: Context): "replace" | "delete" | undefined {
  const directive = item[PATCH];
  if (directive === "delete") return checkMergeKey(item, key, at, ctx) ? "delete" : undefined;
  if (directive === "replace") {
    // Upstream treats any item with `$patch: replace` as "replace the list" and discards the item's own fields.
    if (Object.keys(item).length > 1) report(ctx, at, "a `$patch: replace` item only marks the list for replacement; put the fields in their own items");
    return "replace";
  }
  if (directive === "merge") report(ctx, [...at, PATCH], "Kubernetes rejects `$patch: merge` in a list; lists merge by default, so remove the item");
  else report(ctx, [...at, PATCH], `unknown \`$patch\` value ${quote(directive)}; expected "replace" or "delete"`);
  return undefined;
}

function checkMappingDirective(directive: unknown, at: Path, ctx: Context, accepted: readonly unknown[] = []): void {
  if (accepted.includes(directive)) return;
  if (directive === "merge") report(ctx, at, "Kubernetes rejects `$patch: merge` on a mapping; mappings merge by default, so remove it");
  else report(ctx, at, `unknown \`$patch\` value ${quote(directive)}; expected "replace" or "delete"`);
}

function reportUnknownDirective(key: string, at: Path, ctx: Context): void {
  const known = key === RETAIN_KEYS || key.startsWith(SET_ORDER) || key.startsWith(DELETE_PRIMITIVES);
  if (known && key.length > key.indexOf("/") + 1) return;
  report(ctx, at, "unknown patch directive; expected `$patch`, `$retainKeys`, `$setElementOrder/<list>` or `$deleteFromPrimitiveList/<list>`");
}

function report(ctx: Context, path: Path, message: string): void {
  ctx.issues.push({ path, message });
}

function keyOf(key: string): IdOf {
  return (item) => (isObject(item) ? own(item, key) : undefined);
}

function isObject(value: unknown): value is PatchObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isScalar(value: unknown): value is JsonScalar {
  return value === null || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

function isKept(value: JsonValue | typeof DROP): value is JsonValue {
  return value !== DROP;
}

function pushKept(list: JsonValue[], value: JsonValue | typeof DROP): void {
  if (value !== DROP) list.push(value);
}

function own<T>(object: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Defines rather than assigns, so a `__proto__` key from YAML stays data. */
function put(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function quote(directive: unknown): string {
  return typeof directive === "string" ? JSON.stringify(directive) : describe(directive);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (isObject(value)) return "a mapping";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
