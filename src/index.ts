/**
 * vmcp-gen as a library: the {@link VirtualMcpServer} cdk8s construct, which renders one ToolHive
 * VirtualMCPServer as the operator would (the same construct `vmcp-gen synth` renders with), and
 * {@link resolveVirtualMcpServer}, which makes its props from ToolHive objects. docs/cdk8s.md
 * shows them in a cdk8s app.
 */
export { resolveVirtualMcpServer, type VirtualMcpServerSource } from "./api/resolve-virtual-mcp-server.js";
export { InputError } from "./diagnostics/errors.js";
export type { Diagnostic, FieldPath, ResourceId, Severity } from "./diagnostics/types.js";
export type { NetworkPolicyFlavor, NetworkPolicyOptions } from "./render/network-policy/types.js";
export { VirtualMcpServer, type VirtualMcpServerProps } from "./render/virtual-mcp-server.js";
