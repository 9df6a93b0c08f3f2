/** The operator's object names, so a cluster can move between the operator and vmcp-gen without renaming. */
export const deploymentName = (vmcp: string) => vmcp;
export const serviceName = (vmcp: string) => `vmcp-${vmcp}`;
export const configMapName = (vmcp: string) => `${vmcp}-vmcp-config`;
export const serviceAccountName = (vmcp: string) => `${vmcp}-vmcp`;
export const serviceUrl = (vmcp: string, namespace: string) => `http://${serviceName(vmcp)}.${namespace}.svc.cluster.local:${VMCP_PORT}`;

export const VMCP_PORT = 4483;
export const CONFIG_MOUNT_DIR = "/etc/vmcp-config";
export const CONFIG_FILE = "config.yaml";
