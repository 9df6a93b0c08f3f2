import type { Diagnostic } from "../diagnostics/types.js";
import type { Resource } from "../load/types.js";
import { fieldError } from "./rules/rule-diagnostic.js";

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The API server's name rules: object names are DNS-1123 subdomains, namespaces DNS-1123 labels. */
export function checkResourceNames(r: Resource): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (r.name.length > 253 || !DNS1123_SUBDOMAIN.test(r.name)) {
    out.push(
      fieldError(r, "VMCP210", `name "${r.name}" is not a valid Kubernetes name${r.name.length > 253 ? " (longer than 253 characters)" : ""}`, ["metadata", "name"], "use at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"),
    );
  }
  if (r.namespace !== "" && (r.namespace.length > 63 || !DNS1123_LABEL.test(r.namespace))) {
    out.push(fieldError(r, "VMCP210", `namespace "${r.namespace}" is not a valid namespace name`, ["metadata", "namespace"], "use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit"));
  }
  return out;
}
