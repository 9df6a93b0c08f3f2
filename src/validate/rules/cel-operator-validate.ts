import type { Diagnostic } from "../../diagnostics/types.js";
import { has, isNonEmpty, listAt, objAt, strAt } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

/**
 * The VirtualMCPServer checks of the operator's Go `Validate()` (api/v1beta1/virtualmcpserver_types.go)
 * that the schema cannot express. The operator stops at the first failure (condition `Valid=False`,
 * nothing created); these report every one. Checks the schema already makes (backend `type` set and
 * in the enum, `conflictResolution` in the enum, `groupRef.name`) are left to it.
 */

/** `spec.outgoingAuth.backends[X]`: type externalAuthConfigRef needs a ref with a non-empty name. */
export const checkOutgoingBackendRefs: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  const out: Diagnostic[] = [];
  for (const [name, auth] of Object.entries(spec.outgoingAuth?.backends ?? {})) {
    if (auth.type !== "externalAuthConfigRef") continue;
    const path = ["spec", "outgoingAuth", "backends", name];
    if (!auth.externalAuthConfigRef) {
      out.push(
        fieldError(
          resource,
          "VMCP313",
          `spec.outgoingAuth.backends.${name}.type is "externalAuthConfigRef" but externalAuthConfigRef is not set`,
          path,
          `add externalAuthConfigRef: {name: <MCPExternalAuthConfig>} to backend "${name}", or set its type to discovered`,
        ),
      );
    } else if (auth.externalAuthConfigRef.name === "") {
      out.push(
        fieldError(
          resource,
          "VMCP313",
          `spec.outgoingAuth.backends.${name}.externalAuthConfigRef.name is empty`,
          [...path, "externalAuthConfigRef", "name"],
          "set it to the name of an MCPExternalAuthConfig in the same namespace",
        ),
      );
    }
  }
  return out;
};

/** `spec.config.aggregation`: the priority order, and one non-empty, unique workload per tools entry. */
export const checkAggregation: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  const agg = objAt(spec.config, "aggregation");
  if (!agg) return [];
  const out: Diagnostic[] = [];
  const base = ["spec", "config", "aggregation"];
  // Only when conflictResolutionConfig is set, as in the operator.
  if (
    strAt(agg, "conflictResolution") === "priority" &&
    has(agg, "conflictResolutionConfig") &&
    !isNonEmpty(objAt(agg, "conflictResolutionConfig"), "priorityOrder")
  ) {
    out.push(
      fieldError(
        resource,
        "VMCP606",
        'spec.config.aggregation.conflictResolution is "priority" but conflictResolutionConfig.priorityOrder is empty or missing',
        [...base, "conflictResolutionConfig"],
        "list the workloads in priority order under conflictResolutionConfig.priorityOrder, or use conflictResolution: prefix",
      ),
    );
  }
  const seen = new Map<string, number>();
  listAt(agg, "tools").forEach((tool, i) => {
    const path = [...base, "tools", i];
    const workload = strAt(tool, "workload") ?? "";
    if (workload === "") {
      out.push(
        fieldError(
          resource,
          "VMCP606",
          `spec.config.aggregation.tools[${i}].workload is empty`,
          [...path, "workload"],
          "set workload to the name of the backend (MCPServer, MCPRemoteProxy or MCPServerEntry) these tool settings apply to",
        ),
      );
    } else if (seen.has(workload)) {
      // Not in the operator's Validate(): the vMCP runtime refuses it ("duplicate workload configuration").
      out.push(
        fieldError(
          resource,
          "VMCP606",
          `spec.config.aggregation.tools[${i}].workload "${workload}" repeats tools[${seen.get(workload)}]`,
          [...path, "workload"],
          "merge the two entries: vMCP accepts one tools entry per workload",
        ),
      );
    } else {
      seen.set(workload, i);
    }
    const ref = objAt(tool, "toolConfigRef");
    if (ref && !isNonEmpty(ref, "name")) {
      out.push(
        fieldError(
          resource,
          "VMCP606",
          `spec.config.aggregation.tools[${i}].toolConfigRef.name is empty`,
          [...path, "toolConfigRef", "name"],
          "set it to the name of an MCPToolConfig, or remove toolConfigRef",
        ),
      );
    }
  });
  return out;
};

/** `spec.config.compositeTools[i].name`: unique among the inline composite tools. */
export const checkCompositeToolNames: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  const out: Diagnostic[] = [];
  const seen = new Map<string, number>();
  listAt(spec.config, "compositeTools").forEach((tool, i) => {
    const name = strAt(tool, "name");
    if (name === undefined) return;
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, i);
      return;
    }
    out.push(
      fieldError(
        resource,
        "VMCP604",
        `spec.config.compositeTools[${i}].name "${name}" is duplicated (first used by compositeTools[${first}])`,
        ["spec", "config", "compositeTools", i, "name"],
        "give every composite tool a unique name",
      ),
    );
  });
  return out;
};

/** `spec.config.optimizer` needs `spec.embeddingServerRef` or `optimizer.embeddingService`. */
export const checkOptimizerEmbeddingSource: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  const optimizer = objAt(spec.config, "optimizer");
  if (!optimizer || has(spec, "embeddingServerRef") || isNonEmpty(optimizer, "embeddingService")) return [];
  return [
    fieldError(
      resource,
      "VMCP318",
      "spec.config.optimizer has no embedding service: neither spec.embeddingServerRef nor spec.config.optimizer.embeddingService is set",
      ["spec", "config", "optimizer"],
      "set spec.embeddingServerRef to an EmbeddingServer (recommended), or spec.config.optimizer.embeddingService to the embedding endpoint",
    ),
  ];
};
