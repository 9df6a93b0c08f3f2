import type { Diagnostic } from "../../diagnostics/types.js";
import { closestMatch } from "../../diagnostics/suggest.js";
import { listAt, objAt } from "./cel-fields.js";
import { fieldError, fieldWarning } from "../../diagnostics/rule-diagnostic.js";
import { AUDIT_EVENT_TYPES } from "../../toolhive/audit-event-types.js";
import type { KindRule } from "./types.js";

const KNOWN: ReadonlySet<string> = new Set(AUDIT_EVENT_TYPES);

/**
 * `spec.config.audit`, which the operator copies into config.yaml as given: the runtime checks it
 * only at startup (unknown event types, a negative maxDataSize), and turns the audit middleware
 * on for any audit block — `enabled: false` included.
 */
export const checkAudit: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  const audit = objAt(spec.config, "audit");
  if (!audit) return [];
  const out: Diagnostic[] = [];
  const base = ["spec", "config", "audit"];
  for (const field of ["eventTypes", "excludeEventTypes"]) {
    listAt(audit, field).forEach((type, i) => {
      if (typeof type !== "string" || KNOWN.has(type)) return;
      const guess = closestMatch(type, AUDIT_EVENT_TYPES);
      out.push(
        fieldError(
          resource,
          "VMCP617",
          `spec.config.audit.${field}[${i}]: "${type}" is not an audit event type; vMCP refuses to start`,
          [...base, field, i],
          guess ? `did you mean "${guess}"?` : `use one of ${AUDIT_EVENT_TYPES.join(", ")}`,
        ),
      );
    });
  }
  if (typeof audit.maxDataSize === "number" && audit.maxDataSize < 0) {
    out.push(
      fieldError(
        resource,
        "VMCP617",
        "spec.config.audit.maxDataSize cannot be negative; vMCP refuses to start",
        [...base, "maxDataSize"],
        "use a size in bytes, or 0 for the default (1024)",
      ),
    );
  }
  if (audit.enabled !== true) {
    out.push(
      fieldWarning(
        resource,
        "VMCP618",
        "spec.config.audit is present, so vMCP audits every request even though enabled is false",
        [...base, "enabled"],
        "set enabled: true to make that explicit, or remove spec.config.audit to turn auditing off",
      ),
    );
  }
  return out;
};
