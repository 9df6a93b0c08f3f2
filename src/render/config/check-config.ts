import { InternalError } from "../../diagnostics/errors.js";
import type { ResolvedVmcp } from "../../resolve/types.js";
import { staticVmcpConfig, vmcpConfig } from "../../toolhive/vmcp-config/config.js";

/**
 * Parses a rendered config.yaml with vmcp-gen's model of the format (src/toolhive/vmcp-config/)
 * before it is emitted. Validation has already refused every input that would make a bad config,
 * so a failure here is a bug in vmcp-gen: an internal error (exit 70), never a config the runtime
 * would refuse at start-up. The message names fields, never values (a value may be a secret).
 */
export function checkRenderedConfig(v: ResolvedVmcp, config: unknown): void {
  const model = v.mode === "inline" ? staticVmcpConfig : vmcpConfig;
  const parsed = model.safeParse(config);
  if (parsed.success) return;
  const issues = parsed.error.issues.map((i) => {
    const at = i.path.length > 0 ? i.path.join(".") : "(root)";
    if (i.code === "custom") return `${at}: ${i.message}`;
    return i.code === "unrecognized_keys" ? `${at}: unknown field(s) ${i.keys.join(", ")}` : `${at}: ${i.code}`;
  });
  throw new InternalError(
    `the config.yaml rendered for VirtualMCPServer ${v.namespace}/${v.name} does not match vmcp-gen's model of the vMCP config format (${issues.join("; ")})`,
  );
}
