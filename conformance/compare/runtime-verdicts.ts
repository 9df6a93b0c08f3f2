import type { OracleBatch } from "./oracle-process.js";
import type { KubeObject, RuntimeResult } from "./oracle-types.js";

const CONFIG_SUFFIX = "-vmcp-config";

function envNames(objects: readonly KubeObject[], namespace: string, name: string): string[] {
  const d = objects.find(
    (o) => o.kind === "Deployment" && o.metadata.namespace === namespace && o.metadata.name === name,
  ) as { spec?: { template?: { spec?: { containers?: { env?: { name: string }[] }[] } } } } | undefined;
  return (d?.spec?.template?.spec?.containers ?? []).flatMap((c) => (c.env ?? []).map((e) => e.name));
}

/**
 * The vMCP runtime's verdict on every config.yaml among one side's objects, with the environment
 * variables that side's Deployment sets, keyed by the VirtualMCPServer's `namespace/name`.
 */
export async function runtimeVerdicts(
  oracle: OracleBatch,
  objects: readonly KubeObject[],
): Promise<Map<string, RuntimeResult>> {
  const out = new Map<string, RuntimeResult>();
  for (const cm of objects) {
    const config = (cm.data as Record<string, unknown> | undefined)?.["config.yaml"];
    if (cm.kind !== "ConfigMap" || typeof config !== "string" || !cm.metadata.name.endsWith(CONFIG_SUFFIX)) continue;
    const namespace = cm.metadata.namespace ?? "";
    const name = cm.metadata.name.slice(0, -CONFIG_SUFFIX.length);
    out.set(
      `${namespace}/${name}`,
      await oracle.request<RuntimeResult>({ command: "runtime", config, env: envNames(objects, namespace, name) }),
    );
  }
  return out;
}
