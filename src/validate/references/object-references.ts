import type { DiagnosticCode } from "../../diagnostics/codes.js";
import { closestMatch } from "../../diagnostics/suggest.js";
import type { Diagnostic } from "../../diagnostics/types.js";
import type { Resource } from "../../load/types.js";
import type { ResourceIndex } from "../resource-index.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import { collectAt, type PathPattern } from "./collect-at.js";

interface ReferenceSpec {
  readonly from: string;
  readonly target: string;
  readonly code: DiagnosticCode;
  readonly pattern: PathPattern;
}

const ref = (from: string, target: string, code: DiagnosticCode, pattern: string): ReferenceSpec => ({
  from,
  target,
  code,
  pattern: pattern.split("."),
});

// Every reference between ToolHive objects is by name within the referring object's namespace.
const WORKLOAD_REFS = (kind: string) => [
  ref(kind, "MCPGroup", "VMCP401", "spec.groupRef.name"),
  ref(kind, "MCPExternalAuthConfig", "VMCP402", "spec.externalAuthConfigRef.name"),
  ref(kind, "MCPToolConfig", "VMCP403", "spec.toolConfigRef.name"),
  ref(kind, "MCPOIDCConfig", "VMCP405", "spec.oidcConfigRef.name"),
  ref(kind, "MCPAuthzConfig", "VMCP406", "spec.authzConfigRef.name"),
  ref(kind, "MCPTelemetryConfig", "VMCP407", "spec.telemetryConfigRef.name"),
];

export const OBJECT_REFERENCES: readonly ReferenceSpec[] = [
  ref("VirtualMCPServer", "MCPGroup", "VMCP401", "spec.groupRef.name"),
  ref("VirtualMCPServer", "MCPExternalAuthConfig", "VMCP402", "spec.outgoingAuth.default.externalAuthConfigRef.name"),
  ref(
    "VirtualMCPServer",
    "MCPExternalAuthConfig",
    "VMCP402",
    "spec.outgoingAuth.backends.*.externalAuthConfigRef.name",
  ),
  ref("VirtualMCPServer", "MCPToolConfig", "VMCP403", "spec.config.aggregation.tools.*.toolConfigRef.name"),
  ref("VirtualMCPServer", "VirtualMCPCompositeToolDefinition", "VMCP404", "spec.config.compositeToolRefs.*.name"),
  ref("VirtualMCPServer", "MCPOIDCConfig", "VMCP405", "spec.incomingAuth.oidcConfigRef.name"),
  ref("VirtualMCPServer", "MCPAuthzConfig", "VMCP406", "spec.incomingAuth.authzConfigRef.name"),
  ref("VirtualMCPServer", "MCPTelemetryConfig", "VMCP407", "spec.telemetryConfigRef.name"),
  ref("VirtualMCPServer", "EmbeddingServer", "VMCP408", "spec.embeddingServerRef.name"),
  ...WORKLOAD_REFS("MCPServer"),
  ...WORKLOAD_REFS("MCPRemoteProxy"),
  ref("MCPServerEntry", "MCPGroup", "VMCP401", "spec.groupRef.name"),
  ref("MCPServerEntry", "MCPExternalAuthConfig", "VMCP402", "spec.externalAuthConfigRef.name"),
];

/** A note for a namespace that was filled in, not written: the likely cause of a reference across namespaces. */
function defaultedNote(
  target: string,
  name: string,
  namespaces: readonly string[],
  index: ResourceIndex,
  referrer: Resource,
): string {
  const defaulted = namespaces.filter((ns) => index.resource(target, ns, name)?.namespaceDefaulted === true);
  const notes: string[] = [];
  if (defaulted.length > 0)
    notes.push(
      `the ${target} got namespace "${defaulted[0]}" because its file gives none (set its metadata.namespace: ${referrer.namespace}, or run with -n ${referrer.namespace})`,
    );
  if (referrer.namespaceDefaulted === true)
    notes.push(`this ${referrer.kind} got namespace "${referrer.namespace}" because its file gives none`);
  return notes.length > 0 ? `; note: ${notes.join("; ")}` : "";
}

/** `MCPGroup "tools" does not exist in namespace "default".`, with a hint that names a namespace mix-up or a likely typo. */
export function missingReference(
  r: Resource,
  index: ResourceIndex,
  target: string,
  name: string,
  code: DiagnosticCode,
  path: readonly (string | number)[],
): Diagnostic {
  const elsewhere = index.otherNamespaces(target, r.namespace, name);
  const field = path.filter((p) => typeof p === "string").join(".");
  let hint: string;
  if (elsewhere.length > 0) {
    hint = `a ${target} "${name}" exists in namespace ${elsewhere.map((n) => `"${n}"`).join(", ")}, but references only resolve within the same namespace; move one of them, or add the ${target} to namespace "${r.namespace}"${defaultedNote(target, name, elsewhere, index, r)}`;
  } else {
    const guess = closestMatch(
      name,
      index
        .resourcesOfKind(target)
        .filter((c) => c.namespace === r.namespace)
        .map((c) => c.name),
    );
    hint =
      guess !== undefined
        ? `did you mean "${guess}"? (a ${target} of that name is in namespace "${r.namespace}")`
        : `add the ${target} to the inputs, or correct ${field}`;
  }
  return fieldError(r, code, `${target} "${name}" does not exist in namespace "${r.namespace}"`, path, hint);
}

export function checkObjectReferences(resources: readonly Resource[], index: ResourceIndex): Diagnostic[] {
  const byKind = new Map<string, ReferenceSpec[]>();
  for (const spec of OBJECT_REFERENCES) byKind.set(spec.from, [...(byKind.get(spec.from) ?? []), spec]);
  const out: Diagnostic[] = [];
  for (const r of resources) {
    for (const spec of byKind.get(r.kind) ?? []) {
      for (const found of collectAt(r.body, spec.pattern)) {
        if (typeof found.value !== "string" || found.value === "") continue; // the schema reports the wrong type
        if (!index.has(spec.target, r.namespace, found.value))
          out.push(missingReference(r, index, spec.target, found.value, spec.code, found.path));
      }
    }
  }
  return out;
}
