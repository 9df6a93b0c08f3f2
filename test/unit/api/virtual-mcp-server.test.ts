import { App, Chart } from "cdk8s";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { InputError, resolveVirtualMcpServer, VirtualMcpServer } from "../../../src/index.js";

// The library API a cdk8s user calls: resolveVirtualMcpServer makes the construct's props from
// ToolHive objects (or throws with vmcp-gen's diagnostics), and the construct renders them.
type Obj = Record<string, unknown>;
const objects = (yaml: string): Obj[] => parseAllDocuments(yaml).map((d) => d.toJS() as Obj);

const GROUP = "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPGroup\nmetadata: {name: tools}\n";
const ENTRY =
  "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPServerEntry\nmetadata: {name: context7}\nspec: {groupRef: {name: tools}, remoteUrl: 'https://mcp.context7.com/mcp', transport: streamable-http}\n";
const vmcp = (name: string, spec = "") =>
  `apiVersion: toolhive.stacklok.dev/v1beta1\nkind: VirtualMCPServer\nmetadata: {name: ${name}}\nspec:\n  groupRef: {name: tools}\n  incomingAuth: {type: anonymous}\n  outgoingAuth: {source: inline}\n${spec}`;
const inputs = (...docs: string[]) => objects(docs.join("---\n"));

function chartWith(props: ConstructorParameters<typeof VirtualMcpServer>[2]) {
  const app = new App({ outdir: "." });
  const chart = new Chart(app, "app", { disableResourceNameHashes: true });
  return { chart, vmcp: new VirtualMcpServer(chart, "vmcp", props) };
}

describe("resolveVirtualMcpServer and VirtualMcpServer", () => {
  it("renders the operator's objects for one VirtualMCPServer, in the namespace given for objects without one", () => {
    const { chart, vmcp: construct } = chartWith(
      resolveVirtualMcpServer({ resources: inputs(GROUP, ENTRY, vmcp("demo")), namespace: "team-a" }),
    );
    const json = chart.toJson() as { kind: string; metadata: { name: string; namespace: string } }[];
    expect(json.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual([
      "ConfigMap team-a/demo-vmcp-config",
      "Deployment team-a/demo",
      "Service team-a/vmcp-demo",
      "ServiceAccount team-a/demo-vmcp",
    ]);
    expect(construct.configYaml).toContain("name: context7\n");
    expect(construct.role).toBeUndefined();
    expect(construct.networkPolicy).toBeUndefined();
    expect(construct.diagnostics).toEqual([]);
  });

  it("throws an InputError listing every diagnostic, located in the object that has it", () => {
    let error: unknown;
    try {
      resolveVirtualMcpServer({ resources: inputs(GROUP, vmcp("demo").replace("name: tools", "name: absent")) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const { diagnostics, message } = error as InputError;
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([["VMCP401", "resources[1]"]]);
    expect(message).toContain("resources[1]:");
    expect(message).toContain("error VMCP401");
  });

  it("needs a name when the objects hold several VirtualMCPServers, and renders the one named", () => {
    const resources = inputs(GROUP, ENTRY, vmcp("a"), vmcp("b"));
    expect(() => resolveVirtualMcpServer({ resources })).toThrow(
      /hold 2 VirtualMCPServers \(default\/a, default\/b\): name the one to render/,
    );
    expect(resolveVirtualMcpServer({ resources, name: "b" }).resolved.name).toBe("b");
    expect(() => resolveVirtualMcpServer({ resources, name: "c" })).toThrow(
      /resolveVirtualMcpServer name: "c" names no VirtualMCPServer/,
    );
  });

  it("adds the network policy when asked, and keeps the warnings of resolving with those of rendering", () => {
    const { vmcp: construct } = chartWith(
      resolveVirtualMcpServer({
        resources: inputs(GROUP, ENTRY, vmcp("demo", "  serviceType: LoadBalancer\n")),
        networkPolicy: { flavor: "kubernetes" },
      }),
    );
    expect(construct.networkPolicy?.kind).toBe("NetworkPolicy");
    expect(construct.diagnostics.map((d) => d.code)).toEqual(["VMCP633"]);
  });

  it("fails the app's synthesis on a render error (a podTemplateSpec the strategic merge cannot apply)", () => {
    const { chart, vmcp: construct } = chartWith(
      resolveVirtualMcpServer({
        resources: inputs(GROUP, ENTRY, vmcp("demo", "  podTemplateSpec:\n    spec:\n      containers: {vmcp: {}}\n")),
      }),
    );
    expect(construct.diagnostics.map((d) => d.code)).toEqual(["VMCP602"]);
    expect(() => chart.toJson()).toThrow(
      /Validation failed[\s\S]*error VMCP602: spec\.podTemplateSpec\.spec\.containers: must be a list/,
    );
  });
});
