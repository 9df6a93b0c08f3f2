import { lines } from "../../helpers/yaml-text.js";

export interface InputOptions {
  /** Namespace written into every object; none when `null` (so -n or the environment decides). */
  readonly namespace?: string | null;
  /** One VirtualMCPServer per name, all aggregating the same group. */
  readonly vmcps?: readonly string[];
  /** A plaintext header the backend is called with (to put `${...}` into the rendered config). */
  readonly header?: string;
  /** A CA bundle ConfigMap (key `ca.crt`) the entry trusts: mounted by the static-mode pod. */
  readonly caBundle?: string;
}

function meta(name: string, namespace: string | null): string[] {
  return ["metadata:", `  name: ${name}`, ...(namespace === null ? [] : [`  namespace: ${namespace}`])];
}

/** A small valid input set: an MCPGroup, one MCPServerEntry and the VirtualMCPServers, as one multi-document text. */
export function validInputs(options: InputOptions = {}): string {
  const ns = options.namespace === undefined ? "team-a" : options.namespace;
  const docs = [
    lines("apiVersion: toolhive.stacklok.dev/v1beta1", "kind: MCPGroup", ...meta("tools", ns)),
    lines(
      "apiVersion: toolhive.stacklok.dev/v1beta1",
      "kind: MCPServerEntry",
      ...meta("context7", ns),
      "spec:",
      "  groupRef:",
      "    name: tools",
      "  remoteUrl: https://mcp.context7.com/mcp",
      "  transport: streamable-http",
      ...(options.header ? ["  headerForward:", "    addPlaintextHeaders:", `      X-Test: '${options.header}'`] : []),
      ...(options.caBundle
        ? ["  caBundleRef:", "    configMapRef:", `      name: ${options.caBundle}`, "      key: ca.crt"]
        : []),
    ),
    ...(options.vmcps ?? ["demo"]).map((name) =>
      lines(
        "apiVersion: toolhive.stacklok.dev/v1beta1",
        "kind: VirtualMCPServer",
        ...meta(name, ns),
        "spec:",
        "  groupRef:",
        "    name: tools",
        "  incomingAuth:",
        "    type: anonymous",
        "  outgoingAuth:",
        "    source: inline",
      ),
    ),
  ];
  return docs.join("---\n");
}

/** An input set that fails validation: the VirtualMCPServer names a group that does not exist. */
export function invalidInputs(): string {
  return lines(
    "apiVersion: toolhive.stacklok.dev/v1beta1",
    "kind: VirtualMCPServer",
    "metadata:",
    "  name: broken",
    "  namespace: team-a",
    "spec:",
    "  groupRef:",
    "    name: missing-group",
    "  incomingAuth:",
    "    type: anonymous",
  );
}
