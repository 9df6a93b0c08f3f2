import type { FieldPath } from "../../diagnostics/types.js";
import type { InnerStep } from "../spec-types.js";
import { issue, isObject, warning, type CompositeIssue } from "./composite-issue.js";
import { unclosedAction } from "./composite-templates.js";

/**
 * One workflow step, by the rules of the runtime's `ValidateWorkflowStep` (composite_validation.go)
 * plus the startup checks of workflow conversion (an elicitation needs a schema, a forEach inner
 * step an id). Unlike the runtime, every problem is reported, not the first.
 */

const TOOL_REF = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;
const GO_IDENT = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const ERROR_ACTIONS = new Set(["abort", "continue", "retry"]);
const RESPONSE_ACTIONS = new Set(["abort", "continue", "skip_remaining"]);
const MAX_PARALLEL = 50;
const MAX_ITERATIONS = 1000;

// The Go struct's fields: anything else in the free-form forEach inner step is dropped on decode.
const STEP_KEYS = new Set([
  "id",
  "type",
  "tool",
  "arguments",
  "condition",
  "dependsOn",
  "onError",
  "message",
  "schema",
  "timeout",
  "onDecline",
  "onCancel",
  "defaultResults",
  "collection",
  "itemVar",
  "maxParallel",
  "maxIterations",
  "step",
]);

function checkTemplate(out: CompositeIssue[], path: FieldPath, text: string | undefined): void {
  if (text !== undefined && unclosedAction(text))
    out.push(issue(path, "invalid template: an action opened with {{ is never closed", "close the action with }}"));
}

function checkArguments(out: CompositeIssue[], path: FieldPath, args: Record<string, unknown> | undefined): void {
  for (const [name, value] of Object.entries(args ?? {}))
    if (typeof value === "string") checkTemplate(out, [...path, "arguments", name], value);
}

function checkToolName(out: CompositeIssue[], path: FieldPath, tool: string | undefined, what: string): void {
  if (tool === undefined || tool === "") {
    out.push(
      issue(
        [...path, "tool"],
        `tool is required for ${what}`,
        "name the backend tool to call, e.g. github.create_pr or github_create_pr",
      ),
    );
  } else if (!TOOL_REF.test(tool)) {
    out.push(
      issue(
        [...path, "tool"],
        `"${tool}" is not a valid tool name`,
        "use letters, digits, '.', '_' and '-', starting with a letter or digit",
      ),
    );
  }
}

function checkForEach(out: CompositeIssue[], path: FieldPath, step: InnerStep): void {
  if (step.tool)
    out.push(
      issue(
        [...path, "tool"],
        "a forEach step must not have tool",
        "move the tool call into the inner step under step:",
      ),
    );
  if (step.message)
    out.push(
      issue(
        [...path, "message"],
        "a forEach step must not have message",
        "remove message; forEach only iterates a tool call",
      ),
    );
  if (!step.collection)
    out.push(
      issue(
        path,
        "collection is required for forEach steps",
        "set collection to a template that yields an array, e.g. '{{json .steps.list.output.items}}'",
      ),
    );
  else checkTemplate(out, [...path, "collection"], step.collection);
  if (step.itemVar !== undefined && step.itemVar !== "") {
    if (!GO_IDENT.test(step.itemVar))
      out.push(
        issue(
          [...path, "itemVar"],
          `"${step.itemVar}" is not a valid Go identifier`,
          "use letters, digits and '_', not starting with a digit",
        ),
      );
    else if (step.itemVar === "index")
      out.push(
        issue(
          [...path, "itemVar"],
          '"index" is reserved',
          "choose another name; .index already holds the iteration number",
        ),
      );
  }
  if (step.maxParallel !== undefined && (step.maxParallel < 0 || step.maxParallel > MAX_PARALLEL)) {
    out.push(
      issue(
        [...path, "maxParallel"],
        `maxParallel must be between 0 and ${MAX_PARALLEL} (got ${step.maxParallel})`,
        `use at most ${MAX_PARALLEL}; 0 means the default`,
      ),
    );
  }
  if (step.maxIterations !== undefined && (step.maxIterations < 0 || step.maxIterations > MAX_ITERATIONS)) {
    out.push(
      issue(
        [...path, "maxIterations"],
        `maxIterations must be between 0 and ${MAX_ITERATIONS} (got ${step.maxIterations})`,
        `use at most ${MAX_ITERATIONS}; 0 means the default`,
      ),
    );
  }
  const inner = step.step;
  if (!inner) {
    out.push(
      issue(path, "step is required for forEach steps", "add the inner tool step under step: (with id and tool)"),
    );
    return;
  }
  const innerPath = [...path, "step"];
  for (const key of Object.keys(inner)) {
    if (!STEP_KEYS.has(key))
      out.push(
        warning(
          [...innerPath, key],
          `unknown field "${key}" is dropped`,
          "remove it; the vMCP runtime does not know this field",
        ),
      );
  }
  if (inner.type && inner.type !== "tool")
    out.push(
      issue(
        [...innerPath, "type"],
        `the inner step must be a tool step (got "${inner.type}")`,
        "only tool inner steps are supported; remove type or set it to tool",
      ),
    );
  if (!inner.id)
    out.push(
      issue(
        innerPath,
        "id is required on the inner step",
        "give the inner step an id; the runtime needs it to build the workflow",
      ),
    );
  checkToolName(out, innerPath, inner.tool, "the inner step of a forEach");
  checkArguments(out, innerPath, inner.arguments);
}

function checkResponseHandler(
  out: CompositeIssue[],
  path: FieldPath,
  handler: { action?: string | undefined } | undefined,
): void {
  if (!handler) return;
  if (!handler.action)
    out.push(issue([...path, "action"], "action is required", "set action to abort, continue or skip_remaining"));
  else if (!RESPONSE_ACTIONS.has(handler.action))
    out.push(
      issue(
        [...path, "action"],
        `action must be one of abort, continue, skip_remaining (got "${handler.action}")`,
        "use abort, continue or skip_remaining",
      ),
    );
}

/** Checks one step; `ids` holds every step id of the workflow, for `dependsOn`. */
export function checkStep(path: FieldPath, step: InnerStep, ids: ReadonlySet<string>): CompositeIssue[] {
  const out: CompositeIssue[] = [];
  const type = step.type === undefined || step.type === "" ? "tool" : step.type;
  if ((step.type === undefined || step.type === "") && step.tool && step.message) {
    out.push(
      issue(path, "a step with both tool and message and no type is ambiguous", "set type: tool or type: elicitation"),
    );
  } else if (type === "tool") {
    if (!step.tool && step.message) {
      out.push(
        issue(
          [...path, "tool"],
          "tool is required when type is tool; this step has a message, so it looks like an elicitation",
          "an elicitation step must declare type: elicitation (the CRD defaults type to tool)",
        ),
      );
    } else {
      checkToolName(out, path, step.tool, "tool steps");
    }
  } else if (type === "elicitation") {
    if (!step.message)
      out.push(issue(path, "message is required when type is elicitation", "add the message to show the user"));
    if (!isObject(step.schema) || Object.keys(step.schema).length === 0) {
      out.push(
        issue(
          path,
          "schema is required for elicitation steps",
          "add a JSON Schema (type: object) describing the answer; the runtime refuses to start without it",
        ),
      );
    }
  } else if (type === "forEach") {
    checkForEach(out, path, step);
  } else {
    out.push(
      issue(
        [...path, "type"],
        `type must be one of tool, elicitation, forEach (got "${type}")`,
        "use tool, elicitation or forEach",
      ),
    );
  }
  checkArguments(out, path, step.arguments);
  checkTemplate(out, [...path, "condition"], step.condition);
  checkTemplate(out, [...path, "message"], step.message);
  (step.dependsOn ?? []).forEach((dep, i) => {
    if (!ids.has(dep))
      out.push(
        issue(
          [...path, "dependsOn", i],
          `dependsOn references unknown step "${dep}"`,
          `use one of the step ids of this workflow: ${[...ids].join(", ") || "(none)"}`,
        ),
      );
  });
  const onError = step.onError;
  if (onError?.action) {
    if (!ERROR_ACTIONS.has(onError.action))
      out.push(
        issue(
          [...path, "onError", "action"],
          `onError.action must be one of abort, continue, retry (got "${onError.action}")`,
          "use abort, continue or retry",
        ),
      );
    else if (onError.action === "retry" && (onError.retryCount ?? 0) < 1) {
      out.push(
        issue(
          [...path, "onError"],
          "onError.retryCount must be at least 1 when action is retry",
          "set retryCount: 1 or more (retryDelay sets the pause between attempts)",
        ),
      );
    }
  }
  if (type === "elicitation") {
    checkResponseHandler(out, [...path, "onDecline"], step.onDecline);
    checkResponseHandler(out, [...path, "onCancel"], step.onCancel);
  }
  if (step.defaultResults !== undefined && !isObject(step.defaultResults)) {
    out.push(
      issue(
        [...path, "defaultResults"],
        "defaultResults must be an object of output field → value",
        "write defaultResults as a mapping, e.g. {summary: ''}",
      ),
    );
  }
  return out;
}
