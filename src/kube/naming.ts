/** The operator's object names, so a cluster can move between the operator and vmcp-gen without renaming. */
export const deploymentName = (vmcp: string) => vmcp;
export const serviceName = (vmcp: string) => `vmcp-${vmcp}`;
export const configMapName = (vmcp: string) => `${vmcp}-vmcp-config`;
export const serviceAccountName = (vmcp: string) => `${vmcp}-vmcp`;
export const serviceUrl = (vmcp: string, namespace: string) =>
  `http://${serviceName(vmcp)}.${namespace}.svc.cluster.local:${VMCP_PORT}`;

export const VMCP_PORT = 4483;
export const CONFIG_MOUNT_DIR = "/etc/vmcp-config";
export const CONFIG_FILE = "config.yaml";

/** The operator's volume for an MCPTelemetryConfig CA bundle: this prefix and the ConfigMap name. */
export const OTEL_CA_VOLUME_PREFIX = "otel-ca-bundle-";
/** A volume name is a DNS label. */
export const MAX_VOLUME_NAME = 63;
