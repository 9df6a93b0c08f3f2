import { formatFieldPath } from "../diagnostics/create.js";
import type { Diagnostic } from "../diagnostics/types.js";
import type { ResolvedVmcp } from "../resolve/types.js";
import { fieldError, fieldWarning } from "../diagnostics/rule-diagnostic.js";
import { isLabelValue, isQualifiedName } from "../kube/label-syntax.js";
import { RUNCONFIG_CHECKSUM_ANNOTATION, selectorLabels } from "./labels.js";
import { checkRestrictedPod } from "./pod-security.js";
import { applyPodTemplateSpecPatch, type JsonValue } from "./strategic-merge.js";
import type { PodTemplateCheck } from "./types.js";

type Template = Record<string, JsonValue>;
type Obj = Record<string, JsonValue>;

const SPEC_PATH = ["spec", "podTemplateSpec"] as const;
const MAX_LISTED = 5;

const isObj = (v: JsonValue | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function metadataMap(template: Template, field: "labels" | "annotations"): Obj | undefined {
  const meta = template.metadata;
  if (!isObj(meta)) return undefined;
  const map = meta[field];
  return isObj(map) ? map : undefined;
}

/** The config checksum is what rolls the pods on a config change; a patch may not remove or change it. */
function restoreChecksum(v: ResolvedVmcp, template: Template, checksum: string, diagnostics: Diagnostic[]): Template {
  const annotations = metadataMap(template, "annotations");
  if (annotations?.[RUNCONFIG_CHECKSUM_ANNOTATION] === checksum) return template;
  const meta = isObj(template.metadata) ? template.metadata : {};
  diagnostics.push(
    fieldWarning(
      v.resource,
      "VMCP609",
      `spec.podTemplateSpec changes or removes the pod annotation ${RUNCONFIG_CHECKSUM_ANNOTATION}; vmcp-gen keeps its own value, which rolls the pods when config.yaml changes`,
      [...SPEC_PATH, "metadata", "annotations"],
      `remove ${RUNCONFIG_CHECKSUM_ANNOTATION} from spec.podTemplateSpec.metadata.annotations`,
    ),
  );
  return {
    ...template,
    metadata: { ...meta, annotations: { ...(annotations ?? {}), [RUNCONFIG_CHECKSUM_ANNOTATION]: checksum } },
  };
}

/**
 * Label and annotation keys, and label values, in the syntax the API server requires: the
 * PodTemplateSpec schema says only "map of strings", so a key like `team name` or a value with a
 * space passes it and fails at apply time.
 */
function checkPodMetadata(v: ResolvedVmcp, template: Template): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const field of ["labels", "annotations"] as const) {
    for (const [key, value] of Object.entries(metadataMap(template, field) ?? {})) {
      const at = [...SPEC_PATH, "metadata", field, key];
      if (!isQualifiedName(key)) {
        out.push(
          fieldError(
            v.resource,
            "VMCP602",
            `spec.podTemplateSpec.metadata.${field} key ${JSON.stringify(key)} is not a valid ${field === "labels" ? "label" : "annotation"} key; the API server would reject the Deployment`,
            at,
            "use an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
          ),
        );
      } else if (field === "labels" && typeof value === "string" && !isLabelValue(value)) {
        out.push(
          fieldError(
            v.resource,
            "VMCP602",
            `spec.podTemplateSpec.metadata.labels.${key} has a value that is not a valid label value; the API server would reject the Deployment`,
            at,
            "use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit (or an empty value)",
          ),
        );
      }
    }
  }
  return out;
}

/** The Deployment selector is immutable and must match the pod labels, or the API server rejects the Deployment. */
function checkSelectorLabels(v: ResolvedVmcp, template: Template): Diagnostic[] {
  const labels = metadataMap(template, "labels") ?? {};
  const out: Diagnostic[] = [];
  for (const [key, value] of Object.entries(selectorLabels(v.name))) {
    if (labels[key] === value) continue;
    out.push(
      fieldError(
        v.resource,
        "VMCP602",
        `spec.podTemplateSpec changes the pod label ${key} (the Deployment selector needs ${key}: ${value}); the API server would reject the Deployment`,
        [...SPEC_PATH, "metadata", "labels", key],
        `remove ${key} from spec.podTemplateSpec.metadata.labels; add other labels instead`,
      ),
    );
  }
  return out;
}

/**
 * Static mode renders a pod without a Kubernetes API token (documented difference 1). A
 * podTemplateSpec can undo that three ways; each is reported, naming what it does (not blocked: a
 * sidecar may need a token, and that is the user's call).
 */
function checkStaticModeToken(v: ResolvedVmcp, before: Template, after: Template): Diagnostic[] {
  if (v.mode !== "inline") return [];
  const spec = isObj(after.spec) ? after.spec : {};
  const rendered = isObj(before.spec) ? before.spec : {};
  const out: Diagnostic[] = [];
  const warn = (what: string, at: (string | number)[]) =>
    out.push(
      fieldWarning(
        v.resource,
        "VMCP620",
        `spec.podTemplateSpec ${what}: in static mode (outgoingAuth.source: inline) vmcp-gen renders the pod without a Kubernetes API token, and this gives it one`,
        [...SPEC_PATH, ...at],
        "remove it if vMCP is meant to run without Kubernetes access; a sidecar that needs a token is your call, and discovered mode is the one that grants vMCP API access",
      ),
    );
  if (spec.automountServiceAccountToken === true)
    warn("sets automountServiceAccountToken: true", ["spec", "automountServiceAccountToken"]);
  for (const field of ["serviceAccountName", "serviceAccount"]) {
    if (typeof spec[field] === "string" && spec[field] !== rendered.serviceAccountName)
      warn(
        `runs the pod as ServiceAccount ${JSON.stringify(spec[field])} instead of ${JSON.stringify(rendered.serviceAccountName)}, whose token may be mounted`,
        ["spec", field],
      );
  }
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  for (const volume of volumes) {
    const sources =
      isObj(volume) && isObj(volume.projected) && Array.isArray(volume.projected.sources)
        ? volume.projected.sources
        : [];
    if (
      sources.some((src) => isObj(src) && src.serviceAccountToken !== undefined && src.serviceAccountToken !== null)
    ) {
      warn(`adds the projected volume ${JSON.stringify(isObj(volume) ? volume.name : "")} with a serviceAccountToken`, [
        "spec",
        "volumes",
      ]);
    }
  }
  return out;
}

function checkVmcpContainer(v: ResolvedVmcp, template: Template): Diagnostic[] {
  const spec = isObj(template.spec) ? template.spec : {};
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  if (containers.some((c) => isObj(c) && c.name === "vmcp")) return [];
  return [
    fieldWarning(
      v.resource,
      "VMCP609",
      'spec.podTemplateSpec removes the "vmcp" container; the pod no longer runs the vMCP server',
      [...SPEC_PATH, "spec", "containers"],
      'keep a container named "vmcp"; to change it, patch it by name',
    ),
  ];
}

function checkPodSecurity(v: ResolvedVmcp, template: Template): Diagnostic[] {
  const violations = checkRestrictedPod(template);
  if (violations.length === 0) return [];
  const listed = violations.slice(0, MAX_LISTED).map((x) => x.message);
  const more = violations.length > MAX_LISTED ? `; and ${violations.length - MAX_LISTED} more` : "";
  return [
    fieldWarning(
      v.resource,
      "VMCP610",
      `with spec.podTemplateSpec applied the pod no longer meets Pod Security Standards "restricted": ${listed.join("; ")}${more}`,
      [...SPEC_PATH],
      "if this is deliberate, make sure the namespace's pod-security.kubernetes.io/enforce level admits it; otherwise remove the settings named above",
    ),
  ];
}

// Keys by which the strategic merge matches list items (containers, env, volumes, mounts, ports, …).
const MERGE_KEYS = ["name", "mountPath", "containerPort", "ip", "topologyKey"] as const;

/**
 * Where a problem found in the merged template was written in the podTemplateSpec: list indices
 * differ after a merge (a patched container may be item 1 of the result and item 0 of the patch),
 * so items are matched by their merge key. Stops at the deepest point the patch has.
 */
function patchPath(template: unknown, patch: unknown, path: readonly (string | number)[]): (string | number)[] {
  const out: (string | number)[] = [];
  let t = template;
  let p = patch;
  for (const seg of path) {
    if (typeof seg === "number") {
      if (!Array.isArray(t) || !Array.isArray(p)) break;
      const item = t[seg] as Record<string, unknown> | undefined;
      const key = MERGE_KEYS.find((k) => item && typeof item === "object" && item[k] !== undefined);
      const index = key
        ? p.findIndex((x) => typeof x === "object" && x !== null && (x as Record<string, unknown>)[key] === item![key])
        : p.length === t.length
          ? seg
          : -1;
      if (index < 0) break;
      out.push(index);
      t = item;
      p = p[index];
    } else {
      if (typeof t !== "object" || t === null || typeof p !== "object" || p === null || !Object.hasOwn(p, seg)) break;
      out.push(seg);
      t = (t as Record<string, unknown>)[seg];
      p = (p as Record<string, unknown>)[seg];
    }
  }
  return out;
}

/** The operator decodes the merged template into a PodTemplateSpec; the API server validates it. */
function checkSchema(v: ResolvedVmcp, template: Template, check: PodTemplateCheck | undefined): Diagnostic[] {
  if (!check) return [];
  return check(template).map((issue) => {
    const at = [...SPEC_PATH, ...patchPath(template, v.spec.podTemplateSpec, issue.path)];
    return fieldError(
      v.resource,
      "VMCP602",
      `${formatFieldPath([...SPEC_PATH, ...issue.path])} ${issue.message} (after spec.podTemplateSpec is merged into the pod template)`,
      at,
      "fix this field in spec.podTemplateSpec; the merged pod template must be a valid Kubernetes PodTemplateSpec",
    );
  });
}

/**
 * Applies `spec.podTemplateSpec` to the pod template as the operator does, with a Kubernetes
 * strategic merge patch (user values win). A patch the operator could not apply is an error at
 * its path. Afterwards the config checksum annotation is put back, the selector labels are
 * checked, the result is checked against the Kubernetes PodTemplateSpec schema when a checker
 * is given, and a pod that is no longer PSS `restricted` is reported (not blocked: it may be
 * deliberate).
 */
export function applyUserPodTemplate(
  v: ResolvedVmcp,
  template: Template,
  checksum: string,
  check?: PodTemplateCheck,
): { template: Template; diagnostics: Diagnostic[] } {
  const raw = v.spec.podTemplateSpec;
  if (raw === undefined || raw === null) return { template, diagnostics: [] };
  const patched = applyPodTemplateSpecPatch(template, raw);
  if (patched.issues.length > 0) {
    const diagnostics = patched.issues.map((issue) =>
      fieldError(
        v.resource,
        "VMCP602",
        `${formatFieldPath([...SPEC_PATH, ...issue.path])}: ${issue.message}`,
        [...SPEC_PATH, ...issue.path],
        "fix this field so that the operator's strategic merge patch can apply it",
      ),
    );
    // The patched value is a best effort, never rendered; its labels still show a selector mismatch.
    return { template, diagnostics: [...diagnostics, ...checkSelectorLabels(v, patched.value)] };
  }
  const diagnostics: Diagnostic[] = [];
  const restored = restoreChecksum(v, patched.value, checksum, diagnostics);
  const invalid = checkSchema(v, restored, check);
  diagnostics.push(
    ...invalid,
    ...checkSelectorLabels(v, restored),
    ...checkPodMetadata(v, restored),
    ...checkVmcpContainer(v, restored),
    ...checkStaticModeToken(v, template, restored),
  );
  if (invalid.length === 0) diagnostics.push(...checkPodSecurity(v, restored));
  return { template: restored, diagnostics };
}
