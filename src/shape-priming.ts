import type { SourceFile } from "./load/types.js";

/**
 * V8 lets the empty object literal's shape have at most 1,536 transitions to a first property.
 * A large input exhausts them: every mapping js-yaml builds whose first key V8 has not seen before
 * (a per-backend override map keyed by backend names, say) takes one. From then on, every object
 * whose first property is new to V8 is built in dictionary mode, several times slower to create
 * and to read, so that at 2,000 VirtualMCPServers the validate, resolve and render stages ran
 * 35 % slower per object than at 1,000 (bench/PLAN.md, item 11). Before parsing a large input,
 * the pipeline runs its own stages once over this small example, so that the shapes they build
 * exist before the input's keys use up the transitions. Below the threshold there are too few
 * mappings to matter, and a cold start does not pay for it.
 */
export const PRIMING_THRESHOLD_BYTES = 256 * 1024;

export function needsPriming(files: readonly SourceFile[]): boolean {
  let size = 0;
  for (const f of files) size += f.text.length;
  return size > PRIMING_THRESHOLD_BYTES;
}

// Every kind and most fields the common inputs have: groups, servers, entries (headers, CA bundle,
// SSE), external auth of three types, inline and discovered VirtualMCPServers with overrides.
const SAMPLE = `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPGroup
metadata:
  name: tools
  namespace: shapes
  annotations:
    example.com/owner: platform
  labels:
    app.kubernetes.io/part-of: shapes
spec:
  description: tools
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPExternalAuthConfig
metadata:
  name: sso
  namespace: shapes
spec:
  type: tokenExchange
  tokenExchange:
    tokenUrl: https://sso.example.com/oauth2/token
    clientId: vmcp
    clientSecretRef:
      name: sso
      key: client-secret
    audience: apis
    scopes: [mcp.read]
    subjectTokenType: access_token
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPExternalAuthConfig
metadata:
  name: api-key
  namespace: shapes
spec:
  type: headerInjection
  headerInjection:
    headerName: X-API-Key
    valueSecretRef:
      name: api-key
      key: api-key
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPExternalAuthConfig
metadata:
  name: public
  namespace: shapes
spec:
  type: unauthenticated
---
apiVersion: v1
kind: Secret
metadata:
  name: api-key
  namespace: shapes
stringData:
  api-key: not-a-key
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServer
metadata:
  name: local
  namespace: shapes
  annotations:
    example.com/owner: platform
spec:
  image: ghcr.io/example/tool:1.0.0
  transport: stdio
  proxyMode: streamable-http
  proxyPort: 8080
  groupRef:
    name: tools
  externalAuthConfigRef:
    name: api-key
  env:
    - name: LOG_LEVEL
      value: info
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServerEntry
metadata:
  name: remote
  namespace: shapes
spec:
  groupRef:
    name: tools
  remoteUrl: https://mcp.example.com/mcp
  transport: streamable-http
  caBundleRef:
    configMapRef:
      name: ca
      key: ca.crt
  headerForward:
    addPlaintextHeaders:
      X-Tenant: shapes
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServerEntry
metadata:
  name: sse
  namespace: shapes
spec:
  groupRef:
    name: tools
  remoteUrl: https://sse.example.com/sse
  transport: sse
  externalAuthConfigRef:
    name: sso
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPServer
metadata:
  name: vmcp
  namespace: shapes
  labels:
    app.kubernetes.io/part-of: shapes
spec:
  groupRef:
    name: tools
  incomingAuth:
    type: anonymous
  outgoingAuth:
    source: inline
    default:
      type: externalAuthConfigRef
      externalAuthConfigRef:
        name: public
    backends:
      remote:
        type: externalAuthConfigRef
        externalAuthConfigRef:
          name: sso
      local:
        type: discovered
  config:
    aggregation:
      conflictResolution: prefix
    operational:
      logLevel: debug
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPServer
metadata:
  name: discovered
  namespace: shapes
spec:
  groupRef:
    name: tools
  incomingAuth:
    type: anonymous
  outgoingAuth:
    source: discovered
`;

export const PRIMING_SAMPLE: readonly SourceFile[] = [{ path: "<vmcp-gen priming sample>", text: SAMPLE }];
