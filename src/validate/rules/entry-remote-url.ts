import type { DiagnosticCode } from "../../diagnostics/codes.js";
import type { KindRule } from "./types.js";
import { checkRemoteUrl, type RemoteUrlProblemKind } from "./remote-url.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";

const CODES: Record<RemoteUrlProblemKind, DiagnosticCode> = {
  invalid: "VMCP501",
  "blocked-address": "VMCP502",
  "private-address": "VMCP503",
  "blocked-host": "VMCP504",
  "cluster-internal-host": "VMCP505",
};

/** The operator's SSRF rules for MCPServerEntry.spec.remoteUrl, in place of reading `status.phase`. */
export const checkEntryRemoteUrl: KindRule<"MCPServerEntry"> = ({ resource, spec }) => {
  const problem = checkRemoteUrl(spec.remoteUrl);
  return problem
    ? [fieldError(resource, CODES[problem.kind], problem.message, ["spec", "remoteUrl"], problem.hint)]
    : [];
};
