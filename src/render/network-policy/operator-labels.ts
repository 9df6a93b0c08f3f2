/**
 * The labels the ToolHive v0.44.0 operator puts on the proxy pods of an MCPServer
 * (`labelsForMCPServer`, mcpserver_controller.go) and an MCPRemoteProxy (`labelsForMCPRemoteProxy`,
 * mcpremoteproxy_controller.go): the Deployment's selector, so every proxy pod carries all five,
 * whatever its podTemplateSpec adds. The proxy listens on `spec.proxyPort` (default 8080), which
 * is both the Service port and the container port.
 */
export function proxyPodLabels(kind: "MCPServer" | "MCPRemoteProxy", name: string): Record<string, string> {
  const app = kind === "MCPServer" ? "mcpserver" : "mcpremoteproxy";
  return {
    app,
    "app.kubernetes.io/instance": name,
    "app.kubernetes.io/name": app,
    toolhive: "true",
    "toolhive-name": name,
  };
}
