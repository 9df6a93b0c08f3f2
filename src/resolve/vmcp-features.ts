import type { Diagnostic, StageResult } from "../diagnostics/types.js";
import type { ResourceIndex, Typed } from "../validate/resource-index.js";
import { refuseAuthServer } from "./auth-server.js";
import { resolveImagePullSecrets } from "./image-pull-secrets.js";
import { resolveIncomingAuth } from "./incoming-auth.js";
import { resolveSessionStorage } from "./session-storage.js";
import { resolveTelemetry } from "./telemetry.js";
import type { OutgoingSource, ResolvedVmcp } from "./types.js";

export type VmcpFeatures = Pick<ResolvedVmcp, "incomingAuth" | "telemetry" | "sessionStorage" | "imagePullSecrets">;

/** Incoming auth, telemetry, session storage, pull secrets: the spec fields that do not depend on the group. */
export function resolveVmcpFeatures(
  vmcp: Typed<"VirtualMCPServer">,
  mode: OutgoingSource,
  index: ResourceIndex,
): StageResult<VmcpFeatures> {
  const diagnostics: Diagnostic[] = [...refuseAuthServer(vmcp)];
  const incoming = resolveIncomingAuth(vmcp, mode, index);
  const telemetry = resolveTelemetry(vmcp, index);
  const session = resolveSessionStorage(vmcp);
  const pullSecrets = resolveImagePullSecrets(vmcp);
  diagnostics.push(...incoming.diagnostics, ...pullSecrets.diagnostics);
  const value: VmcpFeatures = {
    incomingAuth: incoming.value,
    ...(telemetry ? { telemetry } : {}),
    ...(session ? { sessionStorage: session } : {}),
    imagePullSecrets: pullSecrets.value,
  };
  return { value, diagnostics };
}
