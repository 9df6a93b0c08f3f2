// Benchmark workload generator: N VirtualMCPServers, each with its own MCPGroup of 10 members
// (MCPServers and MCPServerEntries, some with CA bundles, some with outgoing auth), spread over
// 20 namespaces. Deterministic: the same N always gives byte-identical files.
//
// Layout (one folder per namespace, as a GitOps repository would hold it):
//   <dir>/team-07/_shared.yaml      MCPExternalAuthConfigs and the Secrets they name
//   <dir>/team-07/vmcp-0007.yaml    ConfigMap (CA bundle), MCPGroup, 10 members, VirtualMCPServer
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const NAMESPACES = 20;
export const MEMBERS_PER_GROUP = 10;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let pemCache;
/** The real certificate of fixtures/quickstart/ca-bundle.yaml (node:crypto cannot create X.509). */
export function quickstartPem() {
  if (pemCache) return pemCache;
  const text = readFileSync(path.join(REPO_ROOT, "fixtures", "quickstart", "ca-bundle.yaml"), "utf8");
  const m = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(text);
  if (!m) throw new Error("no PEM certificate in fixtures/quickstart/ca-bundle.yaml");
  pemCache = `${m[0]
    .split("\n")
    .map((l) => l.trim())
    .join("\n")}\n`;
  return pemCache;
}

const pad = (n, w = 4) => String(n).padStart(w, "0");
export const namespaceOf = (i) => `team-${pad(i % NAMESPACES, 2)}`;
export const vmcpName = (i) => `vmcp-${pad(i)}`;

function indent(text, spaces) {
  const p = " ".repeat(spaces);
  return text
    .split("\n")
    .map((l) => (l === "" ? l : p + l))
    .join("\n");
}

function sharedFile(ns) {
  return `# Shared auth for ${ns}: referenced by MCPServers, MCPServerEntries and VirtualMCPServers.
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPExternalAuthConfig
metadata:
  name: backend-api-key
  namespace: ${ns}
  labels:
    app.kubernetes.io/part-of: mcp-platform
spec:
  type: headerInjection
  headerInjection:
    headerName: X-API-Key
    valueSecretRef:
      name: backend-api-key
      key: api-key
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPExternalAuthConfig
metadata:
  name: corp-sso
  namespace: ${ns}
spec:
  type: tokenExchange
  tokenExchange:
    tokenUrl: https://sso.example.com/oauth2/token
    clientId: vmcp-${ns}
    clientSecretRef:
      name: sso-client
      key: client-secret
    audience: backend-apis
    scopes: [mcp.read, mcp.write]
    subjectTokenType: access_token
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPExternalAuthConfig
metadata:
  name: public
  namespace: ${ns}
spec:
  type: unauthenticated
---
apiVersion: v1
kind: Secret
metadata:
  name: backend-api-key
  namespace: ${ns}
type: Opaque
stringData:
  api-key: bench-not-a-real-key
---
apiVersion: v1
kind: Secret
metadata:
  name: sso-client
  namespace: ${ns}
type: Opaque
stringData:
  client-secret: bench-not-a-real-secret
`;
}

const ANNOTATIONS = (i, k) => `  annotations:
    meta.helm.sh/release-name: platform-${pad(i % 50, 2)}
    example.com/ticket: "PLAT-${1000 + i * 10 + k}"
  labels:
    app.kubernetes.io/part-of: mcp-platform`;

/** Member k (0–9) of VirtualMCPServer i: s0–s3 are MCPServers, e0–e5 MCPServerEntries. */
function member(i, k, group, caConfigMap) {
  const ns = namespaceOf(i);
  const base = vmcpName(i);
  if (k < 4) {
    const name = `${base}-s${k}`;
    const stdio = k === 3;
    return `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServer
metadata:
  name: ${name}
  namespace: ${ns}
${ANNOTATIONS(i, k)}
spec:
  image: ghcr.io/example/tool-${k}-mcp:1.${k}.${i % 7}
  transport: ${stdio ? "stdio" : "streamable-http"}
${stdio ? "  proxyMode: sse\n" : ""}  proxyPort: ${8080 + k}
  groupRef:
    name: ${group}
  args:
    - --log-format=json
    - --toolset=${["repos", "issues", "search", "docs"][k]}
  env:
    - name: LOG_LEVEL
      value: info
    - name: REGION
      value: eu-west-${1 + (i % 3)}
  resources:
    requests:
      cpu: 50m
      memory: 64Mi
    limits:
      cpu: 200m
      memory: 256Mi
${k === 1 ? "  externalAuthConfigRef:\n    name: backend-api-key\n" : ""}`;
  }
  const e = k - 4;
  const name = `${base}-e${e}`;
  let extra = "";
  if (e < 2) extra += `  caBundleRef:\n    configMapRef:\n      name: ${caConfigMap}\n      key: ca.crt\n`;
  if (e === 2) extra += "  externalAuthConfigRef:\n    name: corp-sso\n";
  if (e === 3)
    extra += `  headerForward:\n    addPlaintextHeaders:\n      X-Tenant: ${ns}\n      X-MCP-Toolsets: projects,issues\n`;
  return `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServerEntry
metadata:
  name: ${name}
  namespace: ${ns}
${ANNOTATIONS(i, k)}
spec:
  groupRef:
    name: ${group}
  remoteUrl: https://${name}.tools.example.com/mcp
  transport: ${e === 5 ? "sse" : "streamable-http"}
${extra}`;
}

function vmcpFile(i) {
  const ns = namespaceOf(i);
  const name = vmcpName(i);
  const group = `${name}-tools`;
  const ca = `${name}-ca`;
  // Every tenth VirtualMCPServer runs in discovered mode (Role and RoleBinding, no inline backends).
  const discovered = i % 10 === 9;
  const docs = [
    `# The private CA behind ${name}'s internal entries.
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${ca}
  namespace: ${ns}
data:
  ca.crt: |
${indent(quickstartPem(), 4)}`,
    `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPGroup
metadata:
  name: ${group}
  namespace: ${ns}
${ANNOTATIONS(i, 0)}
spec:
  description: Tools of ${name} (benchmark workload)
`,
  ];
  for (let k = 0; k < MEMBERS_PER_GROUP; k++) docs.push(member(i, k, group, ca));
  docs.push(`apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPServer
metadata:
  name: ${name}
  namespace: ${ns}
${ANNOTATIONS(i, 9)}
spec:
  groupRef:
    name: ${group}
  incomingAuth:
    type: anonymous
  outgoingAuth:
${
  discovered
    ? "    source: discovered\n"
    : `    source: inline
    default:
      type: externalAuthConfigRef
      externalAuthConfigRef:
        name: public
    backends:
      ${name}-e2:
        type: externalAuthConfigRef
        externalAuthConfigRef:
          name: corp-sso
      ${name}-s1:
        type: discovered
`
}  config:
    aggregation:
      conflictResolution: prefix
${i % 25 === 0 ? "    operational:\n      logLevel: debug\n" : ""}`);
  return docs.map((d) => (d.endsWith("\n") ? d : `${d}\n`)).join("---\n");
}

/**
 * Writes the workload for `n` VirtualMCPServers into `dir` (created if missing). Returns counts:
 * files, documents, bytes.
 */
export function generateWorkload(dir, n) {
  let files = 0;
  let bytes = 0;
  let documents = 0;
  const namespaces = Math.min(NAMESPACES, Math.max(n, 1));
  for (let j = 0; j < namespaces; j++) {
    const ns = namespaceOf(j);
    mkdirSync(path.join(dir, ns), { recursive: true });
    const text = sharedFile(ns);
    writeFileSync(path.join(dir, ns, "_shared.yaml"), text);
    files++;
    bytes += Buffer.byteLength(text);
    documents += 5;
  }
  for (let i = 0; i < n; i++) {
    const text = vmcpFile(i);
    writeFileSync(path.join(dir, namespaceOf(i), `${vmcpName(i)}.yaml`), text);
    files++;
    bytes += Buffer.byteLength(text);
    documents += MEMBERS_PER_GROUP + 3;
  }
  return { n, files, documents, bytes };
}

/**
 * The strategic-merge workload: the quickstart, with a podTemplateSpec that gives the vmcp
 * container `n` env entries (one of them overriding an env var vmcp-gen sets) and `n / 10`
 * volumes with their mounts. Merging them into the rendered pod template is what the operator's
 * strategic merge does; a quadratic merge shows here first.
 */
export function generateMergeWorkload(dir, n) {
  const quickstart = path.join(REPO_ROOT, "fixtures", "quickstart");
  mkdirSync(dir, { recursive: true });
  for (const f of ["ca-bundle.yaml", "entries.yaml", "group.yaml"])
    writeFileSync(path.join(dir, f), readFileSync(path.join(quickstart, f)));
  const volumes = Math.floor(n / 10);
  const lines = ["  podTemplateSpec:", "    spec:", "      containers:", "      - name: vmcp", "        env:"];
  for (let i = 0; i < n; i++) lines.push(`        - name: EXTRA_${i}`, `          value: "${i}"`);
  lines.push("        volumeMounts:");
  for (let i = 0; i < volumes; i++) lines.push(`        - name: extra-${i}`, `          mountPath: /extra/${i}`);
  lines.push("      volumes:");
  for (let i = 0; i < volumes; i++) lines.push(`      - name: extra-${i}`, "        emptyDir: {}");
  const text = `${readFileSync(path.join(quickstart, "vmcp.yaml"), "utf8")}${lines.join("\n")}\n`;
  writeFileSync(path.join(dir, "vmcp.yaml"), text);
  return { n, volumes, bytes: Buffer.byteLength(text) };
}
