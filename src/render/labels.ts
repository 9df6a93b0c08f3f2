export const MANAGED_BY = { "app.kubernetes.io/managed-by": "vmcp-gen" } as const;

/** The operator's five labels: Deployment selector, pod template and Service selector. Never add to them; selectors are immutable. */
export function selectorLabels(vmcp: string): Record<string, string> {
  return {
    app: "virtualmcpserver",
    "app.kubernetes.io/name": "virtualmcpserver",
    "app.kubernetes.io/instance": vmcp,
    toolhive: "true",
    "toolhive-name": vmcp,
  };
}

export function workloadLabels(vmcp: string): Record<string, string> {
  return { ...selectorLabels(vmcp), ...MANAGED_BY };
}

/** The operator's ConfigMap labels (domain `.io`), with vmcp-gen as the manager. */
export function configMapLabels(vmcp: string): Record<string, string> {
  return {
    "toolhive.stacklok.io/component": "vmcp-config",
    "toolhive.stacklok.io/managed-by": "vmcp-gen",
    "toolhive.stacklok.io/virtual-mcp-server": vmcp,
    ...MANAGED_BY,
  };
}

export const CONTENT_CHECKSUM_ANNOTATION = "toolhive.stacklok.dev/content-checksum";
export const RUNCONFIG_CHECKSUM_ANNOTATION = "toolhive.stacklok.dev/runconfig-checksum";
