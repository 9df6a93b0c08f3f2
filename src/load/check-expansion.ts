import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { LoadLimits } from "./types.js";

export interface ExpansionProblem {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly hint: string;
}

/**
 * Walks a parsed document the way later stages will: following aliases, so a shared node counts
 * each time it is reached. Stops early on a cycle, on excess depth, or once the expansion passes
 * the node budget, so an alias bomb costs a bounded walk instead of an exponential one downstream.
 */
export function checkExpansion(root: unknown, limits: LoadLimits): ExpansionProblem | undefined {
  let visited = 0;
  const onPath = new Set<object>();
  const stack: { value: unknown; depth: number; exit?: object }[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.exit) {
      onPath.delete(top.exit);
      continue;
    }
    const { value, depth } = top;
    if (++visited > limits.maxExpandedNodes) {
      return {
        code: "VMCP103",
        message: `document expands to more than ${limits.maxExpandedNodes} nodes through YAML aliases`,
        hint: 'write the values out instead of nesting aliases (a "billion laughs" document)',
      };
    }
    if (typeof value === "number" && !Number.isFinite(value)) {
      return {
        code: "VMCP101",
        message: "YAML value is not a finite number (.inf or .nan)",
        hint: "Kubernetes objects are JSON; use a finite number or quote the value",
      };
    }
    if (value === null || typeof value !== "object") continue;
    if (depth > limits.maxDepth) {
      return {
        code: "VMCP104",
        message: `YAML nesting deeper than ${limits.maxDepth} levels`,
        hint: "flatten the document; Kubernetes objects never nest this deeply",
      };
    }
    if (onPath.has(value)) {
      return {
        code: "VMCP115",
        message: "YAML alias refers to a node that contains it",
        hint: "a recursive alias has no JSON form; write the value out",
      };
    }
    onPath.add(value);
    stack.push({ value: undefined, depth, exit: value });
    const children = Array.isArray(value) ? value : Object.values(value);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ value: children[i], depth: depth + 1 });
  }
  return undefined;
}
