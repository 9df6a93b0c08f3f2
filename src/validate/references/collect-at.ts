import type { FieldPath } from "../../diagnostics/types.js";

/** A path pattern: keys, with `*` matching every key of a mapping or every item of a list. */
export type PathPattern = readonly string[];

export interface Found {
  readonly path: FieldPath;
  readonly value: unknown;
}

/** Every value at the pattern, with its concrete path. */
export function collectAt(root: unknown, pattern: PathPattern): Found[] {
  let frontier: Found[] = [{ path: [], value: root }];
  for (const seg of pattern) {
    const next: Found[] = [];
    for (const { path, value } of frontier) {
      if (value === null || typeof value !== "object") continue;
      if (seg === "*") {
        if (Array.isArray(value)) value.forEach((v, i) => next.push({ path: [...path, i], value: v }));
        else for (const [k, v] of Object.entries(value)) next.push({ path: [...path, k], value: v });
      } else if (!Array.isArray(value) && Object.hasOwn(value, seg)) {
        next.push({ path: [...path, seg], value: (value as Record<string, unknown>)[seg] });
      }
    }
    frontier = next;
  }
  return frontier;
}
