// The patch directives ($patch checks, $retainKeys, $deleteFromPrimitiveList) and copying values as upstream does.

import {
  itemStrategy,
  lookupFieldStrategy,
  type FieldStrategy,
  type PatchTypeName,
} from "./pod-template-patch-strategies.js";
import {
  DROP,
  describe,
  isObject,
  isScalar,
  own,
  pushKept,
  put,
  quote,
  report,
  type Context,
  type JsonObject,
  type JsonValue,
  type Path,
  type PatchObject,
} from "./strategic-merge-values.js";

/**
 * `honour`: the value of a key the original lacks; upstream strips mappings with `$patch` from it.
 * `literal`: a value upstream copies as data (new list item, atomic list, replace body), so `$patch` in it is lost.
 */
export type CopyMode = "honour" | "literal";

export const PATCH = "$patch";
export const RETAIN_KEYS = "$retainKeys";
export const SET_ORDER = "$setElementOrder/";
export const DELETE_PRIMITIVES = "$deleteFromPrimitiveList/";

export function retainListedKeys(result: JsonObject, patch: PatchObject, path: Path, ctx: Context): void {
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

export function deleteFromPrimitiveList(
  result: JsonObject,
  key: string,
  values: unknown,
  added: unknown,
  at: Path,
  ctx: Context,
): void {
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
  else
    put(
      result,
      field,
      current.filter((value) => !values.includes(value)),
    );
}

export function copyValue(
  value: unknown,
  strategy: FieldStrategy | undefined,
  path: Path,
  ctx: Context,
  mode: CopyMode,
): JsonValue | typeof DROP {
  checkKind(value, strategy, path, ctx);
  if (Array.isArray(value)) return copyList(value, strategy, path, ctx, mode);
  if (isObject(value))
    return copyMapping(value, strategy?.kind === "mapping" ? strategy.type : undefined, path, ctx, mode);
  if (isScalar(value)) return value;
  report(ctx, path, `${describe(value)} is not a JSON value`);
  return DROP;
}

function copyMapping(
  value: PatchObject,
  type: PatchTypeName | undefined,
  path: Path,
  ctx: Context,
  mode: CopyMode,
): JsonObject | typeof DROP {
  if (Object.hasOwn(value, PATCH)) {
    if (mode === "honour") {
      checkMappingDirective(value[PATCH], [...path, PATCH], ctx, ["replace", "delete"]);
      return DROP;
    }
    // Copied as data, `$patch: replace` still ends up meaning "this value"; anything else would be lost.
    if (value[PATCH] !== "replace")
      report(ctx, [...path, PATCH], "has no effect here: Kubernetes copies this value as it is");
  }
  return copyMappingBody(value, type, path, ctx, mode);
}

export function copyMappingBody(
  value: PatchObject,
  type: PatchTypeName | undefined,
  path: Path,
  ctx: Context,
  mode: CopyMode,
): JsonObject {
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

export function copyList(
  list: unknown[],
  strategy: FieldStrategy | undefined,
  path: Path,
  ctx: Context,
  mode: CopyMode,
): JsonValue[] {
  const key = strategy?.kind === "list" ? strategy.mergeKey : undefined;
  const item = itemStrategy(strategy);
  const out: JsonValue[] = [];
  list.forEach((entry, index) => {
    const at = [...path, index];
    if (isObject(entry) && Object.hasOwn(entry, PATCH)) {
      if (key === undefined)
        report(ctx, [...at, PATCH], "only lists merged by key accept `$patch` items; this list is replaced as a whole");
      else if (mode === "literal")
        report(ctx, [...at, PATCH], "has no effect here: Kubernetes copies this list item as it is");
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

export function checkMergeKey(item: PatchObject, key: string, at: Path, ctx: Context): boolean {
  const value = own(item, key);
  if (value === undefined || value === null) report(ctx, at, `has no \`${key}\`, which this list is merged by`);
  else if (!isScalar(value)) report(ctx, [...at, key], `must be a scalar to merge by it, not ${describe(value)}`);
  else return true;
  return false;
}

export function checkListDirective(
  item: PatchObject,
  key: string,
  at: Path,
  ctx: Context,
): "replace" | "delete" | undefined {
  const directive = item[PATCH];
  if (directive === "delete") return checkMergeKey(item, key, at, ctx) ? "delete" : undefined;
  if (directive === "replace") {
    // Upstream treats any item with `$patch: replace` as "replace the list" and discards the item's own fields.
    if (Object.keys(item).length > 1)
      report(
        ctx,
        at,
        "a `$patch: replace` item only marks the list for replacement; put the fields in their own items",
      );
    return "replace";
  }
  if (directive === "merge")
    report(
      ctx,
      [...at, PATCH],
      "Kubernetes rejects `$patch: merge` in a list; lists merge by default, so remove the item",
    );
  else report(ctx, [...at, PATCH], `unknown \`$patch\` value ${quote(directive)}; expected "replace" or "delete"`);
  return undefined;
}

export function checkMappingDirective(
  directive: unknown,
  at: Path,
  ctx: Context,
  accepted: readonly unknown[] = [],
): void {
  if (accepted.includes(directive)) return;
  if (directive === "merge")
    report(ctx, at, "Kubernetes rejects `$patch: merge` on a mapping; mappings merge by default, so remove it");
  else report(ctx, at, `unknown \`$patch\` value ${quote(directive)}; expected "replace" or "delete"`);
}

export function reportUnknownDirective(key: string, at: Path, ctx: Context): void {
  const known = key === RETAIN_KEYS || key.startsWith(SET_ORDER) || key.startsWith(DELETE_PRIMITIVES);
  if (known && key.length > key.indexOf("/") + 1) return;
  report(
    ctx,
    at,
    "unknown patch directive; expected `$patch`, `$retainKeys`, `$setElementOrder/<list>` or `$deleteFromPrimitiveList/<list>`",
  );
}
