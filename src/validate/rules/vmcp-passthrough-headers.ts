import type { Diagnostic } from "../../diagnostics/types.js";
import { FORWARD_RESTRICTED_HEADERS, isHeaderName } from "../../kube/http-headers.js";
import { listAt } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

// The runtime's restricted names (transport/middleware RestrictedHeaders plus vMCP's own
// Authorization and Cookie), lower-cased: the runtime compares canonical header keys.
const RESTRICTED: ReadonlySet<string> = new Set([...FORWARD_RESTRICTED_HEADERS, "authorization", "cookie"]);

/**
 * The header names vMCP forwards from clients to backends (`spec.passthroughHeaders`, or
 * `spec.config.passthroughHeaders` when that is empty): the runtime refuses to start on an empty
 * name, a restricted one, or one that is not an RFC 7230 token.
 */
export const checkPassthroughHeaders: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  const top = spec.passthroughHeaders ?? [];
  const base = top.length > 0 ? ["spec", "passthroughHeaders"] : ["spec", "config", "passthroughHeaders"];
  const names = top.length > 0 ? top : listAt(spec.config, "passthroughHeaders");
  const out: Diagnostic[] = [];
  names.forEach((name, i) => {
    const path = [...base, i];
    if (typeof name !== "string") return; // the schema reports the type
    if (name === "")
      out.push(fieldError(resource, "VMCP615", `${base.join(".")}[${i}] is empty`, path, "remove the empty entry"));
    else if (RESTRICTED.has(name.toLowerCase())) {
      out.push(
        fieldError(
          resource,
          "VMCP615",
          `${base.join(".")}[${i}]: "${name}" is a restricted header and cannot be forwarded`,
          path,
          "remove it: hop-by-hop, forwarding and credential headers (Authorization, Cookie) are never passed through; use outgoingAuth for backend credentials",
        ),
      );
    } else if (!isHeaderName(name)) {
      out.push(
        fieldError(
          resource,
          "VMCP615",
          `${base.join(".")}[${i}]: "${name}" is not a valid header name`,
          path,
          "use letters, digits and !#$%&'*+-.^_`|~ only (no spaces or colons)",
        ),
      );
    }
  });
  return out;
};
