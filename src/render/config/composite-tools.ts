import { canonicalGoDuration, parseGoDuration } from "../../go/go-duration.js";
import type { OrderedObject, OrderedValue } from "../../resolve/types.js";
import type { CompositeToolConfig, InnerStep, NestedOutputProperty, OutputConfig } from "../../validate/spec-types.js";
import { toolAnnotations } from "./aggregation.js";
import { goJson, goMap } from "./go-map-order.js";

/**
 * `compositeTools` as the operator writes them (`convertAllCompositeTools`): the inline tools,
 * then one tool per `compositeToolRefs` entry in ref order, each in the field order of the
 * runtime's Go structs. Durations are re-written in Go form (`60s` → `1m0s`); the free-form
 * blobs (`parameters`, `arguments`, `schema`, `defaultResults`, output `default`) pass through
 * with their maps sorted as yaml.v3 sorts them.
 */

/** A Go `Duration` field: written as `time.Duration.String()`, left out when zero or unset. */
function setDuration(out: OrderedObject, key: string, value: string | undefined): void {
  if (value === undefined || value === "" || !parseGoDuration(value)) return;
  out[key] = canonicalGoDuration(value);
}

function setString(out: OrderedObject, key: string, value: string | undefined): void {
  if (value !== undefined && value !== "") out[key] = value;
}

function setInt(out: OrderedObject, key: string, value: number | undefined): void {
  if (value !== undefined && value !== 0) out[key] = value;
}

/** A `thvjson.Map` blob: omitted when empty, as yaml.v3's omitempty sees its map. */
function setMap(out: OrderedObject, key: string, value: unknown): void {
  const v = goJson(value);
  if (v !== undefined && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) out[key] = v;
}

function responseHandler(v: { action?: string | undefined } | undefined): OrderedObject | undefined {
  if (!v) return undefined;
  const out: OrderedObject = {};
  setString(out, "action", v.action);
  return out;
}

export function buildStep(step: InnerStep): OrderedObject {
  const out: OrderedObject = { id: step.id ?? "" };
  setString(out, "type", step.type);
  setString(out, "tool", step.tool);
  setMap(out, "arguments", step.arguments);
  setString(out, "condition", step.condition);
  if (step.dependsOn && step.dependsOn.length > 0) out.dependsOn = [...step.dependsOn];
  if (step.onError) {
    const onError: OrderedObject = {};
    setString(onError, "action", step.onError.action);
    setInt(onError, "retryCount", step.onError.retryCount);
    setDuration(onError, "retryDelay", step.onError.retryDelay);
    out.onError = onError;
  }
  setString(out, "message", step.message);
  setMap(out, "schema", step.schema);
  setDuration(out, "timeout", step.timeout);
  const onDecline = responseHandler(step.onDecline);
  if (onDecline) out.onDecline = onDecline;
  const onCancel = responseHandler(step.onCancel);
  if (onCancel) out.onCancel = onCancel;
  setMap(out, "defaultResults", step.defaultResults);
  setString(out, "collection", step.collection);
  setString(out, "itemVar", step.itemVar);
  setInt(out, "maxParallel", step.maxParallel);
  setInt(out, "maxIterations", step.maxIterations);
  if (step.step) out.step = buildStep(step.step);
  return out;
}

function outputProperty(p: NestedOutputProperty): OrderedValue {
  // `type` and `description` have no omitempty: always written.
  const out: OrderedObject = { type: p.type ?? "", description: p.description ?? "" };
  setString(out, "value", p.value);
  const nested = goMap(p.properties, outputProperty);
  if (Object.keys(nested).length > 0) out.properties = nested;
  const def = goJson(p.default);
  if (def !== undefined) out.default = def;
  return out;
}

function output(o: OutputConfig): OrderedObject {
  const out: OrderedObject = { properties: goMap(o.properties, outputProperty) };
  if (o.required && o.required.length > 0) out.required = [...o.required];
  return out;
}

export function buildCompositeTool(tool: CompositeToolConfig): OrderedObject {
  const out: OrderedObject = { name: tool.name ?? "" };
  setString(out, "description", tool.description);
  setMap(out, "parameters", tool.parameters);
  setDuration(out, "timeout", tool.timeout);
  out.steps = (tool.steps ?? []).map(buildStep);
  if (tool.output) out.output = output(tool.output);
  const annotations = toolAnnotations(tool.annotations);
  if (annotations) out.annotations = annotations;
  return out;
}

/**
 * Inline tools first, then the referenced definitions in `compositeToolRefs` order. The inline
 * tools were validated with their VirtualMCPServer; an item that is not a mapping is left out.
 */
export function buildCompositeTools(inline: unknown, referenced: readonly CompositeToolConfig[]): OrderedObject[] {
  const tools = (Array.isArray(inline) ? inline : []).filter(
    (t): t is CompositeToolConfig => typeof t === "object" && t !== null && !Array.isArray(t),
  );
  return [...tools, ...referenced].map(buildCompositeTool);
}

/** `compositeToolRefs`: kept in the file as given (the operator never clears it). */
export function buildCompositeToolRefs(refs: unknown): OrderedObject[] {
  const out: OrderedObject[] = [];
  for (const ref of Array.isArray(refs) ? refs : []) {
    if (typeof ref === "object" && ref !== null && typeof (ref as { name?: unknown }).name === "string")
      out.push({ name: (ref as { name: string }).name });
  }
  return out;
}
