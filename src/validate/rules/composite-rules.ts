import type { Diagnostic } from "../../diagnostics/types.js";
import type { Resource } from "../../load/types.js";
import type { CompositeToolConfig } from "../spec-types.js";
import type { CompositeIssue } from "./composite-issue.js";
import { checkCompositeTool } from "./composite-tool-checks.js";
import { listAt, strAt } from "./cel-fields.js";
import { fieldError, fieldWarning } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

function toDiagnostics(r: Resource, issues: readonly CompositeIssue[]): Diagnostic[] {
  return issues.map((i) =>
    i.severity === "error"
      ? fieldError(r, "VMCP604", i.message, i.path, i.hint)
      : fieldWarning(r, "VMCP613", i.message, i.path, i.hint),
  );
}

/** A VirtualMCPCompositeToolDefinition's spec is one composite tool; the vMCP runtime validates it at startup. */
export const checkCompositeToolDefinition: KindRule<"VirtualMCPCompositeToolDefinition"> = ({ resource, spec }) =>
  toDiagnostics(resource, checkCompositeTool(["spec"], spec));

/**
 * The inline composite tools of a VirtualMCPServer (the operator's `Validate()`), and the names
 * of the merged list: inline tools first, then one per `compositeToolRefs` entry — a name used
 * twice across the two makes the operator's converter fail, and a ref listed twice makes the
 * runtime refuse the file. Duplicates among the inline tools are reported by cel-operator-validate.
 */
export const checkVirtualMcpServerCompositeTools: KindRule<"VirtualMCPServer"> = ({ resource, spec }, ctx) => {
  const out: Diagnostic[] = [];
  const inlineNames = new Map<string, number>();
  listAt(spec.config, "compositeTools").forEach((raw, i) => {
    const path = ["spec", "config", "compositeTools", i];
    // The VirtualMCPServer schema types every inline field but the free-form ones checkCompositeTool covers.
    const tool = raw as CompositeToolConfig;
    out.push(...toDiagnostics(resource, checkCompositeTool(path, tool)));
    if (tool.name && !inlineNames.has(tool.name)) inlineNames.set(tool.name, i);
  });
  const refNames = new Map<string, number>();
  const toolNames = new Map<string, string>(
    [...inlineNames].map(([name, i]) => [name, `spec.config.compositeTools[${i}]`]),
  );
  listAt(spec.config, "compositeToolRefs").forEach((ref, i) => {
    const name = strAt(ref, "name");
    const path = ["spec", "config", "compositeToolRefs", i, "name"];
    if (name === undefined) return; // the schema reports a missing name
    if (name === "") {
      out.push(
        fieldError(
          resource,
          "VMCP604",
          `spec.config.compositeToolRefs[${i}].name is empty`,
          path,
          "set it to the name of a VirtualMCPCompositeToolDefinition in the same namespace, or remove the entry",
        ),
      );
      return;
    }
    if (refNames.has(name)) {
      out.push(
        fieldError(
          resource,
          "VMCP604",
          `spec.config.compositeToolRefs[${i}]: "${name}" is listed twice (first at compositeToolRefs[${refNames.get(name)}])`,
          path,
          "list every VirtualMCPCompositeToolDefinition once",
        ),
      );
      return;
    }
    refNames.set(name, i);
    const def = ctx.index.get("VirtualMCPCompositeToolDefinition", resource.namespace, name);
    const toolName = def?.spec.name;
    if (!toolName) return; // missing (VMCP404) or invalid: reported on its own
    const first = toolNames.get(toolName);
    if (first !== undefined) {
      out.push(
        fieldError(
          resource,
          "VMCP604",
          `composite tool name "${toolName}" of VirtualMCPCompositeToolDefinition "${name}" is already used by ${first}`,
          path,
          "rename one of the two composite tools; vMCP exposes each under its name",
        ),
      );
    } else toolNames.set(toolName, `VirtualMCPCompositeToolDefinition "${name}"`);
  });
  return out;
};
