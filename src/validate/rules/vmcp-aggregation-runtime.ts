import type { Diagnostic } from "../../diagnostics/types.js";
import { has, isObj, listAt, objAt, strAt } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

/**
 * The vMCP runtime's aggregation rules (config validator) that the operator's `Validate()` does
 * not check, so a file the operator writes would make vMCP refuse to start: a strategy without
 * what it needs once the operator's defaults are in, `deny` visibility with an unlisted priority
 * workload, and tool overrides (after the MCPToolConfig merge) with neither name nor description.
 * The operator-side checks (workloads, priorityOrder when a config is given) are in
 * cel-operator-validate.
 */
export const checkAggregationForRuntime: KindRule<"VirtualMCPServer"> = ({ resource, spec }, ctx) => {
  const agg = objAt(spec.config, "aggregation");
  if (!agg) return [];
  const out: Diagnostic[] = [];
  const base = ["spec", "config", "aggregation"];
  const strategy = strAt(agg, "conflictResolution") ?? "prefix";
  const crc = objAt(agg, "conflictResolutionConfig");
  const tools = listAt(agg, "tools");
  if (strategy === "prefix" && crc && strAt(crc, "prefixFormat") === "") {
    out.push(
      fieldError(
        resource,
        "VMCP606",
        "spec.config.aggregation.conflictResolutionConfig.prefixFormat is empty; vMCP requires one for the prefix strategy",
        [...base, "conflictResolutionConfig", "prefixFormat"],
        "use a format such as '{workload}_', or remove prefixFormat to get that default",
      ),
    );
  }
  if (strategy === "priority" && !has(agg, "conflictResolutionConfig")) {
    out.push(
      fieldError(
        resource,
        "VMCP606",
        'spec.config.aggregation.conflictResolution is "priority" without conflictResolutionConfig.priorityOrder; vMCP refuses to start',
        [...base, "conflictResolution"],
        "add conflictResolutionConfig.priorityOrder with the workloads in priority order",
      ),
    );
  }
  if (strategy === "manual" && tools.length === 0) {
    out.push(
      fieldError(
        resource,
        "VMCP606",
        'spec.config.aggregation.conflictResolution is "manual" but no tools entries are given; vMCP refuses to start',
        [...base, "conflictResolution"],
        "add tools entries with the overrides that resolve the conflicts, or use conflictResolution: prefix",
      ),
    );
  }
  if (strategy === "priority" && strAt(agg, "defaultToolVisibility") === "deny") {
    const listed = new Set(tools.map((t) => strAt(t, "workload")));
    listAt(crc, "priorityOrder").forEach((w, i) => {
      if (typeof w !== "string" || listed.has(w)) return;
      out.push(
        fieldError(
          resource,
          "VMCP606",
          `priorityOrder entry "${w}" has no tools entry while defaultToolVisibility is deny: it could win a name conflict and then be hidden`,
          [...base, "conflictResolutionConfig", "priorityOrder", i],
          `add a tools entry for "${w}", or remove it from priorityOrder`,
        ),
      );
    });
  }
  tools.forEach((tool, i) => {
    const ref = strAt(objAt(tool, "toolConfigRef"), "name");
    const fromConfig = ref ? (ctx.index.get("MCPToolConfig", resource.namespace, ref)?.spec.toolsOverride ?? {}) : {};
    const inline = objAt(tool, "overrides") ?? {};
    for (const [name, override] of Object.entries(inline)) {
      if (isObj(override) && !strAt(override, "name") && !strAt(override, "description")) {
        out.push(
          fieldError(
            resource,
            "VMCP606",
            `spec.config.aggregation.tools[${i}].overrides.${name} sets neither name nor description; vMCP refuses an override that only changes annotations`,
            [...base, "tools", i, "overrides", name],
            "add a name or a description to the override",
          ),
        );
      }
    }
    for (const [name, override] of Object.entries(fromConfig)) {
      if (Object.hasOwn(inline, name) && inline[name] !== null) continue; // the inline override wins
      if (!override.name && !override.description) {
        out.push(
          fieldError(
            resource,
            "VMCP606",
            `tool override "${name}" from MCPToolConfig "${ref}" sets neither name nor description; vMCP refuses an override that only changes annotations`,
            [...base, "tools", i, "toolConfigRef", "name"],
            `add a name or a description to toolsOverride.${name} in MCPToolConfig "${ref}"`,
          ),
        );
      }
    }
  });
  return out;
};
