import type { FieldPath } from "../../diagnostics/types.js";
import type { CompositeToolConfig, NestedOutputProperty, WorkflowStep } from "../spec-types.js";
import { issue, isObject, type CompositeIssue } from "./composite-issue.js";
import { checkOutput, checkParameters } from "./composite-output.js";
import { checkStep } from "./composite-steps.js";
import { stepOutputRefs } from "./composite-templates.js";
import { checkFreeFormShapes } from "./composite-shapes.js";

/**
 * The runtime's `ValidateCompositeToolConfig` (composite_validation.go) for one composite tool,
 * plus the startup checks of its output. The operator runs it in `Validate()` for inline tools
 * (phase Failed, nothing created); for referenced definitions only the vMCP process does, at
 * startup — so without this check a bad definition fails after the rollout.
 */

/** A cycle in `dependsOn`, as the ids along it (`a → b → a`), or undefined. */
function findCycle(steps: readonly WorkflowStep[]): { at: number; ids: string[] } | undefined {
  const deps = new Map<string, readonly string[]>();
  steps.forEach((s) => s.id && deps.set(s.id, s.dependsOn ?? []));
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, "open");
    stack.push(id);
    for (const dep of deps.get(id) ?? []) {
      if (!deps.has(dep)) continue; // unknown ids are reported on their own
      if (state.get(dep) === "open") return [...stack.slice(stack.indexOf(dep)), dep];
      if (!state.has(dep)) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, "done");
    return undefined;
  };
  for (const s of steps) {
    if (!s.id || state.has(s.id)) continue;
    const ids = visit(s.id);
    if (ids) return { at: steps.findIndex((x) => x.id === ids[0]), ids };
  }
  return undefined;
}

const mayBeSkipped = (s: WorkflowStep) => (s.condition ?? "") !== "" || s.onError?.action === "continue";

function stepTemplates(s: WorkflowStep): string[] {
  const out = [s.condition ?? "", s.message ?? ""];
  for (const v of Object.values(s.arguments ?? {})) if (typeof v === "string") out.push(v);
  return out;
}

function outputTemplates(properties: Readonly<Record<string, NestedOutputProperty>> | undefined): string[] {
  const out: string[] = [];
  for (const p of Object.values(properties ?? {})) {
    if (p.value) out.push(p.value);
    out.push(...outputTemplates(p.properties));
  }
  return out;
}

/**
 * A step that may be skipped (it has a condition, or `onError.action: continue`) must give a
 * `defaultResults` entry for every output field other steps or the output read from it.
 */
function checkDefaultResults(
  path: FieldPath,
  tool: CompositeToolConfig,
  steps: readonly WorkflowStep[],
): CompositeIssue[] {
  const skippable = new Map<string, { index: number; defaults: Set<string> }>();
  steps.forEach((s, index) => {
    if (s.id && mayBeSkipped(s))
      skippable.set(s.id, {
        index,
        defaults: new Set(isObject(s.defaultResults) ? Object.keys(s.defaultResults) : []),
      });
  });
  if (skippable.size === 0) return [];
  const out: CompositeIssue[] = [];
  const reported = new Set<string>();
  const check = (texts: readonly string[], reader: string) => {
    for (const ref of texts.flatMap(stepOutputRefs)) {
      const target = skippable.get(ref.step);
      const key = `${ref.step}\u0000${ref.field}`;
      if (!target || target.defaults.has(ref.field) || reported.has(key)) continue;
      reported.add(key);
      out.push(
        issue(
          [...path, "steps", target.index, "defaultResults"],
          `defaultResults.${ref.field} is required: step "${ref.step}" may be skipped and its output field "${ref.field}" is read by ${reader}`,
          `add defaultResults: {${ref.field}: <value>} to step "${ref.step}", used when it is skipped or fails`,
        ),
      );
    }
  };
  for (const s of steps) check(stepTemplates(s), `step ${s.id ?? "?"}`);
  check(outputTemplates(tool.output?.properties), "the output");
  return out;
}

/** Every problem of one composite tool, located under `path`. */
export function checkCompositeTool(path: FieldPath, tool: CompositeToolConfig): CompositeIssue[] {
  // The rules below read these parts as typed values: a wrong type there is the only finding.
  const shapes = checkFreeFormShapes(path, tool);
  if (shapes.length > 0) return shapes;
  const out: CompositeIssue[] = [];
  if (!tool.name)
    out.push(issue(path, "name is required", "give the composite tool a name; clients call it by this name"));
  if (!tool.description)
    out.push(issue(path, "description is required", "describe what the tool does; clients show it to the model"));
  out.push(...checkParameters([...path, "parameters"], tool.parameters));
  const steps = tool.steps ?? [];
  if (steps.length === 0) out.push(issue(path, "steps must have at least one step", "add the steps of the workflow"));
  const ids = new Set<string>();
  const first = new Map<string, number>();
  steps.forEach((s, i) => {
    const at = [...path, "steps", i];
    if (!s.id) out.push(issue(at, "id is required", "give every step a unique id"));
    else if (first.has(s.id))
      out.push(
        issue(
          [...at, "id"],
          `step id "${s.id}" is duplicated (first used by steps[${first.get(s.id)}])`,
          "give every step a unique id",
        ),
      );
    else first.set(s.id, i);
    if (s.id) ids.add(s.id);
  });
  steps.forEach((s, i) => out.push(...checkStep([...path, "steps", i], s, ids)));
  const cycle = findCycle(steps);
  if (cycle)
    out.push(
      issue(
        [...path, "steps", cycle.at, "dependsOn"],
        `dependency cycle: ${cycle.ids.join(" → ")}`,
        "remove one of the dependsOn entries so the steps can run in order",
      ),
    );
  out.push(...checkDefaultResults(path, tool, steps));
  out.push(...checkOutput([...path, "output"], tool.output));
  return out;
}
