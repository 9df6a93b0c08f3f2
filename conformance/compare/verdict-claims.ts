import type { DiagnosticCode } from "../../src/diagnostics/codes.js";

/**
 * What each vmcp-gen error code says about the real system, so that the oracle can check it:
 * - `api-server`: the API server refuses the object (schema, ObjectMeta, unknown field, decoding);
 * - `cel`: a CEL rule of the CRD refuses the object (a subset of api-server, checked as CEL);
 * - `document`: the file or YAML document cannot be read as Kubernetes objects at all;
 * - `operator`: the operator does not reconcile the VirtualMCPServer (an error, or phase Failed);
 * - `member`: the operator leaves the group member out (its status is not Valid/Ready);
 * - `runtime`: the vMCP runtime refuses the config.yaml the operator writes;
 * - `stricter`: vmcp-gen refuses what the operator would run; `why` says why (a docs section);
 * - `command`: about the command line or the whole input set, not about one object.
 */
export type Claim = "api-server" | "cel" | "document" | "operator" | "member" | "runtime" | "stricter" | "command";

export interface CodeClaim {
  readonly claim: Claim;
  readonly why?: string;
}

const api: CodeClaim = { claim: "api-server" };
const cel: CodeClaim = { claim: "cel" };
const doc: CodeClaim = { claim: "document" };
const operator: CodeClaim = { claim: "operator" };
const member: CodeClaim = { claim: "member" };
const runtime: CodeClaim = { claim: "runtime" };
const command: CodeClaim = { claim: "command" };
const stricter = (why: string): CodeClaim => ({ claim: "stricter", why });

const LIMITS = "vmcp-gen's own input limits against hostile input (file and document size, alias expansion, nesting), far above any real object";
const STRICT = "10. Strict by default";
const CHECKS = "Checks the operator does not make";

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
  VMCP110: stricter("two objects with one name would overwrite each other when applied; vmcp-gen cannot tell which one is meant"),
  VMCP111: stricter("a repeated key is refused by kubectl's strict decoding (kubectl apply --validate=strict); the oracle's decoder keeps the last value"),
  VMCP112: command,
  VMCP113: api,
  VMCP114: stricter(LIMITS),
  VMCP115: doc,

  VMCP200: api,
  VMCP201: api,
  VMCP202: api,
  VMCP203: api,
  VMCP204: api,
  VMCP205: api,
  VMCP206: api,
  VMCP207: api,
  VMCP208: api,
  VMCP210: api,
  VMCP211: api,

  VMCP301: cel,
  VMCP302: cel,
  VMCP303: cel,
  VMCP304: cel,
  VMCP305: cel,
  VMCP306: cel,
  VMCP307: cel,
  VMCP308: cel,
  VMCP309: cel,
  VMCP310: cel,
  VMCP311: cel,
  VMCP312: cel,
  VMCP313: operator,
  VMCP314: cel,
  VMCP315: cel,
  VMCP316: cel,
  VMCP317: cel,
  VMCP318: operator,
  VMCP352: api,

  VMCP401: operator,
  VMCP402: stricter(`${STRICT}: the operator leaves out a member whose auth config is missing, or fails the VirtualMCPServer that names it`),
  VMCP403: operator,
  VMCP404: operator,
  VMCP405: operator,
  VMCP406: operator,
  VMCP407: operator,
  VMCP408: operator,
  VMCP409: stricter("--strict-refs: a ConfigMap the inputs do not hold is assumed to be managed elsewhere unless the user asks otherwise"),
  VMCP410: stricter(`${STRICT}: the operator leaves out an entry whose CA ConfigMap lacks the key`),
  VMCP411: stricter("a CA bundle that holds no certificate would make every TLS connection to the entry fail at run time"),
  VMCP412: stricter("an empty CA bundle would make every TLS connection to the entry fail at run time"),
  VMCP413: stricter("--strict-refs: a Secret the inputs do not hold is assumed to be managed elsewhere unless the user asks otherwise"),
  VMCP414: stricter("a Secret among the inputs without the referenced key would leave the pod without the variable: it would not start"),
  VMCP415: operator,

  VMCP501: member,
  VMCP502: member,
  VMCP503: member,
  VMCP504: member,
  VMCP505: member,
  VMCP510: operator,
  VMCP511: stricter(`${CHECKS}: two members with one name`),
  VMCP513: member,
  VMCP520: stricter("Not rendered yet: an auth type vMCP cannot use without the embedded auth server"),
  VMCP521: runtime,
  VMCP522: runtime,

  VMCP601: stricter(`${CHECKS}: the API server refuses the Service vmcp-<name> of a VirtualMCPServer name over 58 characters`),
  VMCP602: operator,
  VMCP603: stricter("Not rendered yet: spec.authServerConfig"),
  VMCP604: runtime,
  VMCP605: runtime,
  VMCP606: operator,
  VMCP608: operator,
  VMCP612: operator,
  VMCP615: runtime,
  VMCP616: operator,
  VMCP617: runtime,
  VMCP619: runtime,

  VMCP701: command,
  VMCP702: command,
  VMCP704: command,
  VMCP710: command,
  VMCP711: command,
};
