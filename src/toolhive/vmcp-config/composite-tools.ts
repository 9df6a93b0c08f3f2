import { z } from "zod";
import { toolAnnotations } from "./aggregation.js";
import { duration, jsonObject, nonEmptyRecord, toolReference } from "./formats.js";
import { withRules, type ConfigRule } from "./rules.js";

// compositeTools of config.yaml: workflows of tool calls and elicitations (pkg/vmcp/config).

const stepErrorHandling = withRules(
  z.strictObject({
    action: z.enum(["abort", "continue", "retry"]).optional().meta({ default: "abort" }),
    retryCount: z.number().int().min(0).optional(),
    retryDelay: duration.optional(),
  }),
  [
    {
      message: "onError retry needs retryCount >= 1",
      holds: (v) => v.action !== "retry" || (v.retryCount ?? 0) >= 1,
      jsonSchema: {
        if: { required: ["action"], properties: { action: { const: "retry" } } },
        then: { required: ["retryCount"], properties: { retryCount: { type: "integer", minimum: 1 } } },
      },
    },
  ],
).meta({ id: "StepErrorHandling" });

const elicitationResponse = z
  .strictObject({ action: z.enum(["skip_remaining", "abort", "continue"]) })
  .meta({ id: "ElicitationResponse" });

export interface Step {
  type?: string | undefined;
  tool?: string | undefined;
  message?: string | undefined;
  schema?: Record<string, unknown> | undefined;
  collection?: string | undefined;
  step?: Step | undefined;
}
const filled = (s: string | undefined): boolean => (s ?? "") !== "";

const STEP_RULES: readonly ConfigRule<Step>[] = [
  {
    message: "a tool step (type tool or no type) needs tool",
    holds: (v) => (v.type !== undefined && v.type !== "tool") || v.tool !== undefined,
    jsonSchema: {
      if: { anyOf: [{ not: { required: ["type"] } }, { properties: { type: { const: "tool" } } }] },
      then: { required: ["tool"] },
    },
  },
  {
    message: "a step without type may not have both tool and message",
    holds: (v) => v.type !== undefined || !(filled(v.tool) && filled(v.message)),
    jsonSchema: {
      if: { not: { required: ["type"] } },
      then: {
        not: {
          required: ["tool", "message"],
          properties: { tool: { type: "string", minLength: 1 }, message: { type: "string", minLength: 1 } },
        },
      },
    },
  },
  {
    message: "an elicitation step needs message and schema",
    holds: (v) => v.type !== "elicitation" || (filled(v.message) && Object.keys(v.schema ?? {}).length > 0),
    jsonSchema: {
      if: { required: ["type"], properties: { type: { const: "elicitation" } } },
      then: {
        required: ["message", "schema"],
        properties: { message: { type: "string", minLength: 1 }, schema: { type: "object", minProperties: 1 } },
      },
    },
  },
  {
    message: "a forEach step needs collection and a tool step, and has no tool or message of its own",
    holds: (v) =>
      v.type !== "forEach" ||
      (filled(v.collection) &&
        v.step !== undefined &&
        (v.step.type ?? "tool") === "tool" &&
        v.step.tool !== undefined &&
        v.tool === undefined &&
        v.message === undefined),
    jsonSchema: {
      if: { required: ["type"], properties: { type: { const: "forEach" } } },
      then: {
        required: ["collection", "step"],
        properties: {
          collection: { type: "string", minLength: 1 },
          tool: false,
          message: false,
          step: { required: ["tool"], properties: { type: { const: "tool" } } },
        },
      },
    },
  },
];

export const workflowStep: z.ZodType<Step> = withRules(
  z.strictObject({
    id: z.string().min(1),
    type: z.enum(["tool", "elicitation", "forEach"]).optional(),
    tool: toolReference.optional(),
    arguments: jsonObject.optional(),
    condition: z.string().optional(),
    dependsOn: z.array(z.string()).optional(),
    onError: stepErrorHandling.optional(),
    message: z.string().optional(),
    schema: jsonObject.optional(),
    timeout: duration.optional(),
    onDecline: elicitationResponse.optional(),
    onCancel: elicitationResponse.optional(),
    defaultResults: jsonObject.optional(),
    collection: z.string().optional(),
    itemVar: z
      .string()
      .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/)
      .refine((s) => s !== "index", "itemVar index is reserved")
      .meta({ not: { const: "index" } })
      .optional(),
    maxParallel: z.number().int().min(0).max(50).optional(),
    maxIterations: z.number().int().min(0).max(1000).optional(),
    get step() {
      return workflowStep.optional();
    },
  }),
  STEP_RULES,
).meta({ id: "WorkflowStep" });

export interface Property {
  type: string;
  value?: string | undefined;
  properties?: Record<string, Property> | undefined;
}
const PROPERTY_RULES: readonly ConfigRule<Property>[] = [
  {
    message: "an output property has exactly one of value and properties",
    holds: (v) => (v.value !== undefined) !== (v.properties !== undefined),
    jsonSchema: { oneOf: [{ required: ["value"] }, { required: ["properties"] }] },
  },
  {
    message: "an output property that is not an object needs value",
    holds: (v) => v.type === "object" || v.value !== undefined,
    jsonSchema: { if: { not: { properties: { type: { const: "object" } } } }, then: { required: ["value"] } },
  },
];

export const outputProperty: z.ZodType<Property> = withRules(
  z.strictObject({
    type: z.enum(["string", "integer", "number", "boolean", "object", "array"]),
    description: z.string().min(1),
    value: z.string().min(1).optional(),
    get properties() {
      return nonEmptyRecord(outputProperty).optional();
    },
    default: z.unknown().optional(),
  }),
  PROPERTY_RULES,
).meta({ id: "OutputProperty" });

const output = z
  .strictObject({ properties: nonEmptyRecord(outputProperty), required: z.array(z.string()).optional() })
  .meta({ id: "Output" });

const parametersAreAnObject: ConfigRule<{ parameters?: Record<string, unknown> | undefined }> = {
  message: "non-empty parameters need type: object",
  holds: (v) => Object.keys(v.parameters ?? {}).length === 0 || v.parameters?.type === "object",
  jsonSchema: {
    properties: {
      parameters: {
        if: { type: "object", minProperties: 1 },
        then: { required: ["type"], properties: { type: { const: "object" } } },
      },
    },
  },
};

export const compositeTool = withRules(
  z.strictObject({
    name: z.string().min(1),
    description: z.string().min(1),
    parameters: jsonObject.optional(),
    timeout: duration.optional(),
    steps: z.array(workflowStep).min(1),
    output: output.optional(),
    annotations: toolAnnotations.optional(),
  }),
  [parametersAreAnObject],
).meta({ id: "CompositeTool" });

export const compositeToolRef = z.strictObject({ name: z.string().min(1) }).meta({ id: "CompositeToolRef" });
