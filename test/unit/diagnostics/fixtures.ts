import { createError, createWarning } from "../../../src/diagnostics/create.js";
import type { Diagnostic } from "../../../src/diagnostics/types.js";

/** A located error, the way the pipeline hands it to the printers. */
export const LOCATED: Diagnostic = {
  ...createError("VMCP401", 'MCPGroup "tools" does not exist in namespace "default"', {
    hint: "add the MCPGroup to the inputs, or correct spec.groupRef.name",
    resource: { kind: "VirtualMCPServer", namespace: "default", name: "demo" },
    path: ["spec", "groupRef", "name"],
    source: { file: "vmcp.yaml", doc: 0 },
    line: 7,
    column: 11,
  }),
  excerpt: "    name: tools",
  subject: { kind: "MCPServerEntry", namespace: "default", name: "other" },
};

export const WARNING: Diagnostic = createWarning("VMCP209", "toolhive.stacklok.dev/v1alpha1 MCPGroup is deprecated", {
  hint: "change apiVersion to toolhive.stacklok.dev/v1beta1; the schema is the same",
  resource: { kind: "MCPGroup", namespace: "", name: "g" },
  path: ["apiVersion"],
  file: "group.yaml",
  line: 1,
  column: 13,
});

export const UNLOCATED: Diagnostic = createError("VMCP112", "the inputs hold no Kubernetes objects");
