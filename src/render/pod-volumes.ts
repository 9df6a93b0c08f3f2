import type { Volume, VolumeMount } from "cdk8s-plus-28/lib/imports/k8s.js";
import { CONFIG_MOUNT_DIR, configMapName } from "../kube/naming.js";
import type { CaBundleMount, ResolvedVmcp } from "../resolve/types.js";

export interface PodVolumes {
  readonly volumes: Volume[];
  readonly mounts: VolumeMount[];
}

function addCaBundle(out: PodVolumes, m: CaBundleMount): void {
  out.volumes.push({ name: m.volumeName, configMap: { name: m.configMap, items: [{ key: m.key, path: m.key }] } });
  out.mounts.push({ name: m.volumeName, mountPath: m.mountPath, readOnly: true });
}

/**
 * Volumes and mounts in the operator's order (`deploymentForVirtualMCPServer`): the config, the
 * OIDC CA bundle, MCPServerEntry CA bundles, the telemetry CA bundle; then vmcp-gen's `/tmp`.
 */
export function buildPodVolumes(v: ResolvedVmcp): PodVolumes {
  const out: PodVolumes = {
    volumes: [{ name: "vmcp-config", configMap: { name: configMapName(v.name) } }],
    mounts: [{ name: "vmcp-config", mountPath: CONFIG_MOUNT_DIR, readOnly: true }],
  };
  for (const m of v.incomingAuth?.pod.volumes ?? []) addCaBundle(out, m);
  // Entry CA bundles in backend-name order (the operator's order is informer order, i.e. none).
  for (const b of v.backends) if (b.caBundle) addCaBundle(out, b.caBundle);
  for (const m of v.telemetry?.pod.volumes ?? []) addCaBundle(out, m);
  // The root filesystem is read-only; HOME and XDG_CONFIG_HOME point here.
  out.volumes.push({ name: "tmp", emptyDir: {} });
  out.mounts.push({ name: "tmp", mountPath: "/tmp" });
  return out;
}
