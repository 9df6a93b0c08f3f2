import type { EnvVar, ResolvedVmcp } from "../resolve/types.js";

/** Always set, after everything else, as the operator's EnsureRequiredEnvVars does. */
const REQUIRED_ENV: readonly EnvVar[] = [
  { name: "XDG_CONFIG_HOME", value: "/tmp" },
  { name: "HOME", value: "/tmp" },
  { name: "TOOLHIVE_RUNTIME", value: "kubernetes" },
  { name: "UNSTRUCTURED_LOGS", value: "false" },
];

/**
 * The vMCP container's env, in the operator's order (`buildEnvVarsForVmcp`): identity (discovered
 * mode only), the OIDC client secret, outgoing auth secrets, header forwarding, the Redis
 * password, OpenTelemetry, then the required runtime variables. Static mode sets no
 * VMCP_NAME/VMCP_NAMESPACE: with both set, vMCP starts a status reporter that needs a token. No
 * VMCP_SESSION_HMAC_SECRET: the runtime ignores it and vmcp-gen writes no generated Secret.
 */
export function buildEnv(v: ResolvedVmcp): EnvVar[] {
  const env: EnvVar[] = [];
  if (v.mode === "discovered")
    env.push({ name: "VMCP_NAME", value: v.name }, { name: "VMCP_NAMESPACE", value: v.namespace });
  env.push(...(v.incomingAuth?.pod.env ?? []));
  env.push(...v.authEnv, ...v.headerForwardEnv);
  env.push(...(v.sessionStorage?.pod.env ?? []));
  env.push(...(v.telemetry?.pod.env ?? []));
  for (const e of REQUIRED_ENV) if (!env.some((x) => x.name === e.name)) env.push(e);
  if (env.some((e) => e.name.startsWith("TOOLHIVE_SECRET_")))
    env.push({ name: "TOOLHIVE_SECRETS_PROVIDER", value: "environment" });
  return env;
}
