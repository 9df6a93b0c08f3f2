import { z } from "zod";
import { jsonObject } from "./common.js";
import { toolAnnotationsOverride } from "./tool-override.js";

/**
 * The runtime's `CompositeToolConfig` as the CRDs carry it: inline in
 * `spec.config.compositeTools[]`, and as the whole spec of a VirtualMCPCompositeToolDefinition.
 * Structure only; the runtime's cross-field rules are checked by the composite-* rules.
 */
const elicitationResponse = z.looseObject({ action: z.string().optional() });

const stepErrorHandling = z.looseObject({
  action: z.string().optional(),
  retryCount: z.number().int().optional(),
  retryDelay: z.string().optional(),
});

interface WorkflowStepShape {
  id?: string | undefined;
  type?: string | undefined;
  tool?: string | undefined;
  arguments?: Record<string, unknown> | undefined;
  condition?: string | undefined;
  dependsOn?: string[] | undefined;
  onError?: z.infer<typeof stepErrorHandling> | undefined;
  message?: string | undefined;
  schema?: Record<string, unknown> | undefined;
  timeout?: string | undefined;
  onDecline?: z.infer<typeof elicitationResponse> | undefined;
  onCancel?: z.infer<typeof elicitationResponse> | undefined;
  defaultResults?: unknown;
  collection?: string | undefined;
  itemVar?: string | undefined;
  maxParallel?: number | undefined;
  maxIterations?: number | undefined;
  step?: WorkflowStepShape | undefined;
  [k: string]: unknown;
}

// `step` (the forEach inner step) is a free-form object in the CRD; it is typed as a step here.
export const workflowStep: z.ZodType<WorkflowStepShape> = z.lazy(() =>
  z.looseObject({
    id: z.string().optional(),
    type: z.string().optional(),
    tool: z.string().optional(),
    arguments: jsonObject.optional(),
    condition: z.string().optional(),
    dependsOn: z.array(z.string()).optional(),
    onError: stepErrorHandling.optional(),
    message: z.string().optional(),
    schema: jsonObject.optional(),
    timeout: z.string().optional(),
    onDecline: elicitationResponse.optional(),
    onCancel: elicitationResponse.optional(),
    defaultResults: z.unknown().optional(),
    collection: z.string().optional(),
    itemVar: z.string().optional(),
    maxParallel: z.number().int().optional(),
    maxIterations: z.number().int().optional(),
    step: workflowStep.optional(),
  }),
);

interface OutputPropertyShape {
  type?: string | undefined;
  description?: string | undefined;
  value?: string | undefined;
  properties?: Record<string, OutputPropertyShape> | undefined;
  default?: unknown;
  [k: string]: unknown;
}

export const outputProperty: z.ZodType<OutputPropertyShape> = z.lazy(() =>
  z.looseObject({
    type: z.string().optional(),
    description: z.string().optional(),
    value: z.string().optional(),
    properties: z.record(z.string(), outputProperty).optional(),
    default: z.unknown().optional(),
  }),
);

export const outputConfig = z.looseObject({
  properties: z.record(z.string(), outputProperty).optional(),
  required: z.array(z.string()).optional(),
});

export const compositeToolConfig = z.looseObject({
  name: z.string().optional(),
  description: z.string().optional(),
  parameters: jsonObject.optional(),
  timeout: z.string().optional(),
  steps: z.array(workflowStep).optional(),
  output: outputConfig.optional(),
  annotations: toolAnnotationsOverride.optional(),
});

export type WorkflowStep = WorkflowStepShape;
export type OutputProperty = OutputPropertyShape;
export type OutputConfig = z.infer<typeof outputConfig>;
export type CompositeToolConfig = z.infer<typeof compositeToolConfig>;
