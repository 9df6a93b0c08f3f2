import { DEFAULT_CA_KEY } from "../validate/references/config-map-references.js";
import { objAt, strAt } from "../validate/rules/cel-fields.js";
import type { ValidatedModel } from "../validate/validate-resources.js";
import { incomingAuthView, type IncomingAuthView } from "./incoming-auth-view.js";
import type { InspectBackend, VmcpInspection } from "./types.js";

interface TopologyInput {
  readonly inspection: VmcpInspection;
  readonly incomingAuth: IncomingAuthView;
}

/**
 * Text inside a quoted Mermaid label. Mermaid decodes `#name;` and `#35;` entities there, so `#`
 * itself (the fragment of an SSE URL) is written as an entity too; `<`, `>` and `&` would be read
 * as HTML by GitHub's renderer.
 */
function text(value: string): string {
  return value.replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`);
}

const lines = (...parts: readonly (string | undefined)[]) =>
  `"${parts
    .filter((p): p is string => p !== undefined && p !== "")
    .map(text)
    .join("<br/>")}"`;

const MODE = { inline: "mode: inline (static)", discovered: "mode: discovered (dynamic)" } as const;

function incomingLabel(auth: IncomingAuthView): string {
  const type = auth.type === "" ? "incoming auth: none set" : `incoming auth: ${auth.type}`;
  return lines(
    type,
    auth.oidcConfigRef !== undefined ? `MCPOIDCConfig ${auth.oidcConfigRef}` : undefined,
    auth.authz === undefined
      ? undefined
      : auth.authz === "inline"
        ? "authz: inline Cedar"
        : `authz: MCPAuthzConfig ${auth.authz}`,
  );
}

/** The ConfigMap a reviewer knows, in both modes (static mode's inspection carries the mounted path). */
function caBundle(b: InspectBackend, namespace: string, model: ValidatedModel): string | undefined {
  if (b.caBundleConfigMap !== undefined) return `CA: ConfigMap ${b.caBundleConfigMap}`;
  if (b.caBundlePath === undefined) return undefined;
  const ref = objAt(
    objAt(objAt(model.index.resource(b.kind, namespace, b.name)?.body, "spec"), "caBundleRef"),
    "configMapRef",
  );
  const name = strAt(ref, "name");
  return name !== undefined ? `CA: ConfigMap ${name}/${strAt(ref, "key") || DEFAULT_CA_KEY}` : `CA: ${b.caBundlePath}`;
}

function authLabel(b: InspectBackend): string {
  return b.authConfigRef !== undefined ? `auth: ${b.authType} (${b.authConfigRef})` : `auth: ${b.authType}`;
}

/** Node ids are positional (v0, v0b1): names may hold dots, which Mermaid ids may not. */
function drawServer(input: TopologyInput, i: number, model: ValidatedModel): { nodes: string[]; edges: string[] } {
  const v = input.inspection;
  const id = `v${i}`;
  const nodes = [
    `    ${id}[${lines(`VirtualMCPServer ${v.name}`, MODE[v.mode], `group: ${v.group}`, `phase: ${v.status.phase}${v.status.phase === "Failed" ? "" : " (expected)"}`)}]:::${v.status.phase.toLowerCase()}`,
  ];
  const edges = [`  clients${i}(["MCP clients"]) -->|${incomingLabel(input.incomingAuth)}| ${id}`];
  v.backends.forEach((b, j) => {
    nodes.push(`    ${id}b${j}[${lines(b.name, b.kind, b.url, caBundle(b, v.namespace, model))}]`);
    edges.push(`  ${id} -->|${lines(b.transport, authLabel(b))}| ${id}b${j}`);
  });
  v.droppedBackends.forEach((d, j) => {
    nodes.push(`    ${id}d${j}[${lines(d.name, d.kind)}]:::dropped`);
    edges.push(`  ${id} -.->|${lines(`left out: ${d.reason}`)}| ${id}d${j}`);
  });
  return { nodes, edges };
}

/**
 * A Mermaid flowchart of every inspected VirtualMCPServer: clients and incoming auth, the server
 * (mode, group, phase) in its namespace, and an edge per backend labelled with transport and
 * outgoing auth. GitHub renders it in a ```mermaid block of a pull-request comment.
 */
export function formatMermaid(inspections: readonly VmcpInspection[], model: ValidatedModel): string {
  const inputs: TopologyInput[] = inspections.map((inspection) => ({
    inspection,
    incomingAuth: incomingAuthView(model, inspection),
  }));
  const out = ["flowchart LR"];
  const edges: string[] = [];
  // Inspections come sorted by namespace: one subgraph per namespace (backends share their server's).
  const namespaces = [...new Set(inputs.map((input) => input.inspection.namespace))];
  namespaces.forEach((ns, n) => {
    out.push(`  subgraph ns${n}[${lines(`namespace ${ns}`)}]`);
    inputs.forEach((input, i) => {
      if (input.inspection.namespace !== ns) return;
      const drawn = drawServer(input, i, model);
      out.push(...drawn.nodes);
      edges.push(...drawn.edges);
    });
    out.push("  end");
  });
  out.push(...edges);
  if (inputs.length === 0) out.push(`  empty[${lines("no VirtualMCPServer")}]`);
  out.push(
    "  classDef ready fill:#e6f4ea,stroke:#1e8e3e",
    "  classDef degraded fill:#fef7e0,stroke:#f9ab00",
    "  classDef failed fill:#fce8e6,stroke:#d93025",
    "  classDef pending fill:#e8f0fe,stroke:#1a73e8",
    "  classDef dropped stroke-dasharray:4 4,color:#5f6368",
  );
  return `${out.join("\n")}\n`;
}
