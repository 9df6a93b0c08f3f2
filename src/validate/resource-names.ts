import type { Diagnostic } from "../diagnostics/types.js";
import type { Resource } from "../load/types.js";
import { fieldError } from "../diagnostics/rule-diagnostic.js";

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The API server's name rules: object names are DNS-1123 subdomains, namespaces DNS-1123 labels. */
export function checkResourceNames(r: Resource): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (r.name.length > 253 || !DNS1123_SUBDOMAIN.test(r.name)) {
    out.push(
      fieldError(
        r,
        "VMCP210",
        `name "${r.name}" is not a valid Kubernetes name${r.name.length > 253 ? " (longer than 253 characters)" : ""}`,
        ["metadata", "name"],
        "use at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit",
      ),
    );
  }
  if (r.namespace !== "" && (r.namespace.length > 63 || !DNS1123_LABEL.test(r.namespace))) {
    out.push(
      fieldError(
        r,
        "VMCP210",
        `namespace "${r.namespace}" is not a valid namespace name`,
        ["metadata", "namespace"],
        "use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit",
      ),
    );
  }
  out.push(...checkDerivedNames(r));
  return out;
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Names built from this object's name that must be DNS labels, which a valid object name need
 * not be (a dot is allowed in names, never in Service or volume names): the API server would
 * refuse the derived object, or the operator could not create it.
 */
function derivedNames(r: Resource): { what: string; name: string; rule: RegExp }[] {
  switch (r.kind) {
    case "VirtualMCPServer":
      return [{ what: "its Service", name: `vmcp-${r.name}`, rule: DNS1035_LABEL }];
    case "MCPServer":
      return [
        { what: "its proxy Service (which the backend URL names)", name: `mcp-${r.name}-proxy`, rule: DNS1035_LABEL },
      ];
    case "MCPRemoteProxy":
      return [
        { what: "its Service (which the backend URL names)", name: `mcp-${r.name}-remote-proxy`, rule: DNS1035_LABEL },
      ];
    case "MCPServerEntry": {
      const spec = r.body.spec as { caBundleRef?: unknown } | undefined;
      // Over 63 characters the volume name is shortened with a hash; a dot stays.
      return spec?.caBundleRef
        ? [{ what: "its CA bundle volume", name: `ca-bundle-${r.name}`.slice(0, 63), rule: DNS1123_LABEL }]
        : [];
    }
    default:
      return [];
  }
}

function checkDerivedNames(r: Resource): Diagnostic[] {
  if (!DNS1123_SUBDOMAIN.test(r.name)) return []; // reported above
  return derivedNames(r)
    .filter((d) => r.name.includes(".") && !d.rule.test(d.name))
    .map((d) =>
      fieldError(
        r,
        "VMCP210",
        `${r.kind} name "${r.name}" cannot be used: ${d.what} would be named "${d.name}", and a dot is not allowed there`,
        ["metadata", "name"],
        "use a name without dots (lower-case letters, digits and '-')",
      ),
    );
}
