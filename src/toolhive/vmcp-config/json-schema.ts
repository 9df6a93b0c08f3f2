import { z } from "zod";
import { vmcpConfig } from "./config.js";

/**
 * The JSON Schema of config.yaml that `vmcp-gen schemas` writes (draft 2020-12), made from the
 * model: the root is static mode (outgoingAuth.source inline, at least one backend), and
 * `#/$defs/Config` is any config (discovered mode too).
 */
export function vmcpConfigJsonSchema(): Record<string, unknown> {
  const { $defs } = z.toJSONSchema(vmcpConfig, { target: "draft-2020-12" }) as { $defs: Record<string, unknown> };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "urn:toolhive:vmcp:config-yaml:static",
    title: "ToolHive vMCP config.yaml (static mode)",
    type: "object",
    description:
      "Static-mode vMCP configuration (outgoingAuth.source: inline with a non-empty backends list), as a JSON value after YAML parsing. For any vMCP config (dynamic mode too) use #/$defs/Config.",
    $ref: "#/$defs/Config",
    required: ["backends"],
    properties: {
      backends: { type: "array", minItems: 1 },
      outgoingAuth: { type: "object", properties: { source: { const: "inline" } } },
    },
    $defs,
  };
}
