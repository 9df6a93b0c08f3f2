import { z } from "zod";
import { withRules, type ConfigRule } from "./rules.js";

// aggregation of config.yaml: how the tools of the backends are merged and renamed.

export const toolAnnotations = z
  .strictObject({
    title: z.string().optional(),
    readOnlyHint: z.boolean().optional(),
    destructiveHint: z.boolean().optional(),
    idempotentHint: z.boolean().optional(),
    openWorldHint: z.boolean().optional(),
  })
  .meta({ id: "ToolAnnotations" });

type Override = { name?: string | undefined; description?: string | undefined };
const overrideRenames: ConfigRule<Override> = {
  message: "a tool override needs a non-empty name or description (annotations alone are rejected)",
  holds: (v) => (v.name ?? "") !== "" || (v.description ?? "") !== "",
  jsonSchema: {
    anyOf: [
      { required: ["name"], properties: { name: { type: "string", minLength: 1 } } },
      { required: ["description"], properties: { description: { type: "string", minLength: 1 } } },
    ],
  },
};
const toolOverride = withRules(
  z.strictObject({
    name: z.string().optional(),
    description: z.string().optional(),
    annotations: toolAnnotations.optional(),
  }),
  [overrideRenames],
).meta({ id: "ToolOverride" });

const workloadToolConfig = z
  .strictObject({
    workload: z.string().min(1),
    toolConfigRef: z.strictObject({ name: z.string().min(1) }).optional(),
    filter: z.array(z.string()).optional(),
    overrides: z.record(z.string(), toolOverride).optional(),
    excludeAll: z.boolean().optional(),
  })
  .meta({ id: "WorkloadToolConfig" });

const conflictResolutionConfig = z
  .strictObject({ prefixFormat: z.string().optional(), priorityOrder: z.array(z.string().min(1)).optional() })
  .meta({ id: "ConflictResolutionConfig" });

type Aggregation = {
  conflictResolution: string;
  conflictResolutionConfig: { prefixFormat?: string | undefined; priorityOrder?: string[] | undefined };
  tools?: unknown[] | undefined;
};
const strategyNeeds = (
  strategy: string,
  message: string,
  holds: (v: Aggregation) => boolean,
  then: Record<string, unknown>,
): ConfigRule<Aggregation> => ({
  message,
  holds: (v) => v.conflictResolution !== strategy || holds(v),
  jsonSchema: { if: { properties: { conflictResolution: { const: strategy } } }, then },
});

export const aggregation = withRules(
  z.strictObject({
    conflictResolution: z.enum(["prefix", "priority", "manual"]),
    conflictResolutionConfig,
    tools: z.array(workloadToolConfig).optional(),
    excludeAllTools: z.boolean().optional(),
    defaultToolVisibility: z.enum(["allow", "deny", ""]).optional(),
  }),
  [
    strategyNeeds(
      "prefix",
      "prefix conflict resolution needs conflictResolutionConfig.prefixFormat",
      (v) => (v.conflictResolutionConfig.prefixFormat ?? "") !== "",
      {
        properties: {
          conflictResolutionConfig: {
            required: ["prefixFormat"],
            properties: { prefixFormat: { type: "string", minLength: 1 } },
          },
        },
      },
    ),
    strategyNeeds(
      "priority",
      "priority conflict resolution needs conflictResolutionConfig.priorityOrder",
      (v) => (v.conflictResolutionConfig.priorityOrder?.length ?? 0) > 0,
      {
        properties: {
          conflictResolutionConfig: {
            required: ["priorityOrder"],
            properties: { priorityOrder: { type: "array", minItems: 1 } },
          },
        },
      },
    ),
    strategyNeeds("manual", "manual conflict resolution needs tools", (v) => (v.tools?.length ?? 0) > 0, {
      required: ["tools"],
      properties: { tools: { type: "array", minItems: 1 } },
    }),
  ],
).meta({ id: "Aggregation" });
