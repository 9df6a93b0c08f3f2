import type { Diagnostic } from "../../diagnostics/types.js";
import { closestMatch } from "../../diagnostics/suggest.js";
import { listAt, objAt } from "./cel-fields.js";
import { fieldError, fieldWarning } from "./rule-diagnostic.js";
import type { KindRule } from "./types.js";

// The event types pkg/audit's Config.Validate accepts (the strings come from toolhive-core);
// anything else makes vMCP refuse to start.
export const AUDIT_EVENT_TYPES: readonly string[] = [
  "mcp_initialize",
  "mcp_tool_call",
  "mcp_tools_list",
  "mcp_resource_read",
  "mcp_resources_list",
  "mcp_prompt_get",
  "mcp_prompts_list",
  "mcp_notification",
  "mcp_ping",
  "mcp_logging",
  "mcp_completion",
  "mcp_roots_list_changed",
  "vmcp_workflow_started",
  "vmcp_workflow_completed",
  "vmcp_workflow_failed",
  "vmcp_workflow_timed_out",
  "vmcp_workflow_step_started",
  "vmcp_workflow_step_completed",
  "vmcp_workflow_step_failed",
  "vmcp_workflow_step_skipped",
  "mcp_request",
  "http_request",
];
const KNOWN = new Set(AUDIT_EVENT_TYPES);

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
      out.push(fieldError(resource, "VMCP617", `spec.config.audit.${field}[${i}]: "${type}" is not an audit event type; vMCP refuses to start`, [...base, field, i], guess ? `did you mean "${guess}"?` : `use one of ${AUDIT_EVENT_TYPES.join(", ")}`));
    });
  }
  if (typeof audit.maxDataSize === "number" && audit.maxDataSize < 0) {
    out.push(fieldError(resource, "VMCP617", "spec.config.audit.maxDataSize cannot be negative; vMCP refuses to start", [...base, "maxDataSize"], "use a size in bytes, or 0 for the default (1024)"));
  }
  if (audit.enabled !== true) {
    out.push(fieldWarning(resource, "VMCP618", "spec.config.audit is present, so vMCP audits every request even though enabled is false", [...base, "enabled"], "set enabled: true to make that explicit, or remove spec.config.audit to turn auditing off"));
  }
  return out;
};
