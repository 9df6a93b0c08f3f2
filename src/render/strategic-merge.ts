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
import {
  DELETE_PRIMITIVES,
  PATCH,
  SET_ORDER,
  checkListDirective,
  checkMappingDirective,
  checkMergeKey,
  copyList,
  copyMappingBody,
  copyValue,
  deleteFromPrimitiveList,
  reportUnknownDirective,
  retainListedKeys,
} from "./strategic-merge-directives.js";
import { isOrderConsistent, orderLikeUpstream } from "./strategic-merge-order.js";
import {
  DROP,
  describe,
  isKept,
  isObject,
  isScalar,
  keyOf,
  own,
  pushKept,
  put,
  report,
  type Context,
  type JsonObject,
  type JsonScalar,
  type JsonValue,
  type Path,
  type PatchIssue,
  type PatchObject,
} from "./strategic-merge-values.js";

export type { JsonValue, PatchIssue } from "./strategic-merge-values.js";

type KeyedList = Extract<FieldStrategy, { kind: "list" }> & { mergeKey: string };

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

function mergeMapping(
  original: JsonObject,
  patch: PatchObject,
  type: PatchTypeName | undefined,
  path: Path,
  ctx: Context,
): JsonObject {
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

function mergeField(
  result: JsonObject,
  key: string,
  value: unknown,
  strategy: FieldStrategy | undefined,
  path: Path,
  ctx: Context,
): void {
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

function applyMappingDirective(
  original: JsonObject,
  patch: PatchObject,
  type: PatchTypeName | undefined,
  path: Path,
  ctx: Context,
): JsonObject {
  const directive = patch[PATCH];
  if (directive === "delete") return {};
  const rest = Object.fromEntries(Object.entries(patch).filter(([key]) => key !== PATCH));
  if (directive === "replace") return copyMappingBody(rest, type, path, ctx, "literal");
  checkMappingDirective(directive, [...path, PATCH], ctx);
  return mergeMapping(original, rest, type, path, ctx);
}

function mergeList(
  current: JsonValue[],
  patch: unknown[],
  strategy: FieldStrategy | undefined,
  path: Path,
  ctx: Context,
): JsonValue[] {
  if (strategy?.kind !== "list" || !strategy.merge) return copyList(patch, strategy, path, ctx, "literal");
  if (strategy.mergeKey === undefined) return mergeScalarList(current, patch, path, ctx);
  return mergeKeyedList(current, patch, { ...strategy, mergeKey: strategy.mergeKey }, path, ctx);
}

function mergeKeyedList(
  current: JsonValue[],
  patch: unknown[],
  strategy: KeyedList,
  path: Path,
  ctx: Context,
): JsonValue[] {
  const key = strategy.mergeKey;
  const { replace, deletions, items } = readKeyedPatch(patch, key, path, ctx);
  const item = itemStrategy(strategy);
  const copyItem = (value: PatchObject, index: number) => copyValue(value, item, [...path, index], ctx, "literal");
  const idOf = keyOf(key);
  if (replace) {
    const replacement = items.map(({ value, index }) => copyItem(value, index)).filter(isKept);
    return orderLikeUpstream(replacement, [], replacement, idOf);
  }
  const deleted = new Set(deletions);
  const survivors = current.filter((entry) => !deleted.has(idOf(entry)));
  const merged = [...survivors];
  // Where each key first occurs in `merged` (upstream's linear search, as a map: thousands of env entries merge in linear time).
  const at = new Map<unknown, number>();
  const remember = (i: number) => {
    const id = idOf(merged[i]);
    if (!at.has(id)) at.set(id, i);
  };
  merged.forEach((_, i) => remember(i));
  for (const { value, index } of items) {
    const i = at.get(value[key]);
    const target = i === undefined ? undefined : merged[i];
    if (i !== undefined && isObject(target))
      merged[i] = mergeMapping(target, value, strategy.type, [...path, index], ctx);
    else {
      pushKept(merged, copyItem(value, index));
      if (merged.length > 0) remember(merged.length - 1);
    }
  }
  return orderLikeUpstream(
    merged,
    items.map(({ value }) => value),
    survivors,
    idOf,
  );
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
    else
      report(ctx, [...path, index], `this list is merged by value, so items must be scalars, not ${describe(value)}`);
  });
  const all = [...current, ...added];
  if (new Set(all.map((value) => (value === null ? "null" : typeof value))).size > 1) {
    report(ctx, path, "list items must all have the same type");
  }
  return orderLikeUpstream([...new Set(all)], added, current, (value) => value);
}

function applyElementOrders(
  result: JsonObject,
  patch: PatchObject,
  type: PatchTypeName | undefined,
  path: Path,
  ctx: Context,
): Set<string> {
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
  if (patched !== undefined && !Array.isArray(patched))
    return fail([...path, field], `must be a list, not ${describe(patched)}`);
  if (current === undefined && patched === undefined) return false;
  const key = strategy?.kind === "list" ? strategy.mergeKey : undefined;
  if (key === undefined && [...order, ...(current ?? []), ...(patched ?? [])].some((v) => !isScalar(v))) {
    return fail(at, "only lists merged by key, or lists of scalars, can be ordered");
  }
  if (!isOrderConsistent(order, patched ?? [], key, at, ctx)) return false;
  if ((current ?? []).length + (patched ?? []).length === 0) return fail(at, "orders an empty list");
  const fieldPath = [...path, field];
  const merged =
    current === undefined
      ? copyList(patched ?? [], strategy, fieldPath, ctx, "honour")
      : patched === undefined
        ? current
        : mergeList(current, patched, strategy, fieldPath, ctx);
  put(result, field, orderLikeUpstream(merged, order, current ?? [], key === undefined ? (v) => v : keyOf(key)));
  return true;
}
