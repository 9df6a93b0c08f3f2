import type { DiagnosticCode } from "../../src/diagnostics/codes.js";

/**
 * What each vmcp-gen error code says about the real system, so that the oracle can check it:
 * - `api-server`: the API server refuses the object (schema, ObjectMeta, unknown field, decoding);
 * - `cel`: a CEL rule of the CRD refuses the object (a subset of api-server, checked as CEL);
 * - `document`: the file or YAML document cannot be read as Kubernetes objects at all;
 * - `operator`: the operator does not reconcile the VirtualMCPServer (an error, or phase Failed);
 * - `status`: the object's own controller marks it invalid (a member the operator then leaves
 *   out, a config object with `Valid=False`);
 * - `runtime`: the vMCP runtime refuses the config.yaml the operator writes;
 * - `command`: about the command line or the whole input set, not about one object.
 * A code lists the claims any of which confirms it; `stricter` names, when none does, why vmcp-gen
 * refuses what the operator would run (the report lists every such case with it).
 */
export type Claim = "api-server" | "cel" | "document" | "operator" | "status" | "runtime" | "command";

export interface CodeClaim {
  readonly claims: readonly Claim[];
  readonly stricter?: string;
}

const claim = (claims: readonly Claim[], stricter?: string): CodeClaim => ({
  claims,
  ...(stricter !== undefined ? { stricter } : {}),
});
const api = claim(["api-server"]);
const cel = claim(["cel"]);
const doc = claim(["document"]);
const operator = claim(["operator"]);
const status = claim(["status"]);
const runtime = claim(["runtime"]);
const command = claim(["command"]);
const stricter = (why: string): CodeClaim => claim([], why);

const LIMITS =
  "vmcp-gen's own input limits against hostile input (file and document size, alias expansion, nesting), far above any real object";
const STRICT = "10. Strict by default";
const CHECKS = "Checks the operator does not make";
const URL_CHECKS = `${CHECKS}: remoteUrl forms the operator's Go parser lets through but a resolver or a browser-grade parser reads as a blocked or broken address`;

/** Error codes only; warnings claim nothing. A code missing here fails the verdict suite. */
export const CODE_CLAIMS: Readonly<Partial<Record<DiagnosticCode, CodeClaim>>> = {
  VMCP101: doc,
  VMCP102: stricter(LIMITS),
  VMCP103: stricter(LIMITS),
  VMCP104: stricter(LIMITS),
  VMCP105: doc,
  VMCP106: doc,
  VMCP107: doc,
  VMCP108: doc,
  VMCP109: api,
  VMCP110: stricter(
    "two objects with one name would overwrite each other when applied; vmcp-gen cannot tell which one is meant",
  ),
  VMCP111: stricter("a repeated key: kubectl's strict decoding refuses it, the oracle's decoder keeps the last value"),
  VMCP112: command,
  VMCP113: claim(
    ["api-server", "document"],
    "kubectl reads a metadata field of the wrong type as unset and sends its own value",
  ),
  VMCP114: stricter(LIMITS),
  VMCP115: doc,
  VMCP116: command,
  VMCP117: command,
  VMCP118: claim(
    ["document", "api-server"],
    'a mapping key YAML reads as a boolean, number or null: kubectl turns it into a string (`on` becomes "true") where kustomize keeps it as written, so the two tools build different objects',
  ),
  VMCP119: doc,

  VMCP200: api,
  VMCP201: api,
  VMCP202: api,
  VMCP203: api,
  VMCP204: api,
  VMCP205: api,
  VMCP206: api,
  VMCP207: api,
  VMCP208: api,
  VMCP210: claim(
    ["api-server"],
    "a name with a dot: the API server accepts it for this object, but not in the Service or volume name the operator derives from it, so the operator's Service or Deployment would be refused",
  ),
  VMCP211: api,
  VMCP220: claim(
    ["operator", "status"],
    "an object without a spec does nothing: the API server stores it, and no controller can use it",
  ),

  VMCP301: cel,
  VMCP302: cel,
  VMCP303: cel,
  VMCP304: cel,
  VMCP305: cel,
  VMCP306: cel,
  VMCP307: cel,
  VMCP308: cel,
  VMCP309: cel,
  VMCP310: claim(
    ["cel", "operator", "runtime"],
    "an MCPServer's rate limits are enforced by the ToolHive proxy in front of it, which refuses a refill period that is not positive (pkg/ratelimit); the oracle runs no MCPServer proxy",
  ),
  VMCP311: cel,
  VMCP312: cel,
  VMCP313: operator,
  VMCP314: cel,
  VMCP315: cel,
  VMCP316: cel,
  VMCP317: cel,
  VMCP318: operator,
  VMCP352: api,

  VMCP401: claim(
    ["operator", "status"],
    "a group member whose MCPGroup does not exist belongs to no group; the operator runs it, vmcp-gen reports the dangling reference",
  ),
  VMCP402: claim(
    ["operator", "status"],
    `${STRICT}: a member whose auth config is missing is left out by the operator`,
  ),
  VMCP403: operator,
  VMCP404: operator,
  VMCP405: operator,
  VMCP406: operator,
  VMCP407: operator,
  VMCP408: operator,
  VMCP409: claim(
    ["operator", "status"],
    "--strict-refs: a ConfigMap the inputs do not hold is assumed to be managed elsewhere unless the user asks otherwise",
  ),
  VMCP410: claim(
    ["operator", "status"],
    `${STRICT}: the operator leaves out an entry whose CA ConfigMap lacks the key`,
  ),
  VMCP411: claim(
    ["operator", "status"],
    "a CA bundle that holds no certificate would make every TLS connection to the entry fail at run time",
  ),
  VMCP412: claim(
    ["operator", "status"],
    "an empty CA bundle would make every TLS connection to the entry fail at run time",
  ),
  VMCP413: claim(
    ["operator", "status"],
    "--strict-refs: a Secret the inputs do not hold is assumed to be managed elsewhere unless the user asks otherwise",
  ),
  VMCP414: claim(
    ["operator", "status"],
    "a Secret among the inputs without the referenced key would leave the pod without the variable: it would not start",
  ),
  VMCP415: operator,

  VMCP501: claim(["status"], URL_CHECKS),
  VMCP502: claim(["status"], URL_CHECKS),
  VMCP503: claim(["status"], URL_CHECKS),
  VMCP504: claim(["status"], URL_CHECKS),
  VMCP505: claim(["status"], URL_CHECKS),
  VMCP510: operator,
  VMCP511: stricter(`${CHECKS}: two members with one name`),
  VMCP513: status,
  VMCP520: claim(
    ["operator", "runtime"],
    "Not rendered yet: an auth type vMCP cannot use without the embedded auth server",
  ),
  VMCP521: runtime,
  VMCP522: runtime,
  VMCP530: claim(
    ["runtime", "status"],
    "a header name or value Go's HTTP client refuses to send (CR, LF, NUL, a non-token name): every request to the backend would fail",
  ),

  VMCP601: stricter(
    `${CHECKS}: the API server refuses the Service vmcp-<name> of a VirtualMCPServer name over 58 characters`,
  ),
  VMCP602: claim(
    ["operator"],
    "the operator writes a Deployment whose selector no longer matches its pod labels, which the API server refuses (the oracle's fake cluster does not validate Deployments)",
  ),
  VMCP603: claim(["operator"], "Not rendered yet: spec.authServerConfig"),
  VMCP604: claim(
    ["runtime", "operator"],
    "a VirtualMCPCompositeToolDefinition that no VirtualMCPServer uses is checked anyway",
  ),
  VMCP605: runtime,
  VMCP606: operator,
  VMCP608: operator,
  VMCP612: claim(
    ["operator", "status"],
    "a telemetry header Go's HTTP client refuses to send (CR, LF, NUL, a non-token name): the exporter's requests would fail",
  ),
  VMCP615: runtime,
  VMCP616: claim(["operator", "api-server"]),
  VMCP617: runtime,
  VMCP619: runtime,

  VMCP701: command,
  VMCP702: command,
  VMCP704: command,
  VMCP710: command,
  VMCP711: command,
};
