import path from "node:path";
import { createError, createWarning } from "../diagnostics/create.js";
import type { Diagnostic } from "../diagnostics/types.js";

/**
 * Files an input folder holds beside the manifests, as platform teams keep one: a kustomization, a
 * Helm chart, a CI workflow, a CRD. Each gets a diagnostic that says what the file is and what to
 * do, instead of "missing metadata.name" or a YAML syntax error about `{{`.
 */

const SKIP_HINT = "or leave it out of the inputs with --exclude or a line in .vmcpgenignore (gitignore syntax)";
const KUSTOMIZATION_NAMES = new Set(["kustomization.yaml", "kustomization.yml", "Kustomization"]);
const KUSTOMIZE_GROUP = "kustomize.config.k8s.io/";
/** Helm's template language, as no ToolHive manifest (whose composite tool templates use `.params` and `.steps`) writes it. */
const HELM_ACTION =
  /\{\{-?[^}\n]{0,200}?(?:\.Values\b|\.Release\b|\.Chart\b|\.Capabilities\b|\.Files\b|\binclude\s+"|\btoYaml\b|\bnindent\b|\brequired\s+"|\btpl\s)/;
const HELM_VALUES_NAME = /^values(?:[-.][\w.-]+)?\.ya?ml$/i;

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const at = (file: string, line = 1) => ({ file, line, column: 1 });

/** A file to refuse by its name alone, before it is parsed. */
export function notAManifestByName(file: string): Diagnostic | undefined {
  if (!KUSTOMIZATION_NAMES.has(path.basename(file))) return undefined;
  return kustomization(file, 1);
}

function kustomization(file: string, line: number): Diagnostic {
  return createError("VMCP120", `${file} is a kustomization, not a manifest: vmcp-gen does not run kustomize`, {
    ...at(file, line),
    hint: `to render what it builds, pipe it in: \`kubectl kustomize ${path.posix.dirname(file)} | vmcp-gen synth -\`; ${SKIP_HINT}`,
  });
}

/** A file that failed to load, recognised by its text as a Helm template. */
export function notAManifestByText(file: string, text: string): Diagnostic | undefined {
  const m = HELM_ACTION.exec(text);
  if (!m) return undefined;
  return createError("VMCP121", `${file} is a Helm template ({{ … }}), not a manifest: vmcp-gen does not run Helm`, {
    ...at(file, text.slice(0, m.index).split("\n").length),
    hint: `render the chart and pipe the result in: \`helm template RELEASE CHART | vmcp-gen synth -\`; ${SKIP_HINT}`,
  });
}

/** A Helm chart folder met by a folder walk: its files are templates and values, never read one by one. */
export function helmChart(chartFile: string): Diagnostic {
  const dir = path.posix.dirname(chartFile);
  return createError(
    "VMCP121",
    `${dir} is a Helm chart (${path.posix.basename(chartFile)}): vmcp-gen does not run Helm, and did not read the chart's files`,
    {
      ...at(chartFile),
      hint: `render the chart and pipe the result in: \`helm template RELEASE ${dir} | vmcp-gen synth -\`; or leave it out of the inputs with --exclude ${path.posix.basename(dir)}/ or that line in .vmcpgenignore`,
    },
  );
}

/**
 * A parsed document that is not a Kubernetes manifest vmcp-gen reads, and why; `undefined` for
 * everything else. A CRD is a warning (it is a valid object; vmcp-gen just does not use it).
 */
export function notAManifestDocument(file: string, line: number, value: unknown): Diagnostic | undefined {
  if (!isMapping(value)) return undefined;
  const { apiVersion, kind } = value;
  if (typeof apiVersion === "string" && apiVersion.startsWith(KUSTOMIZE_GROUP)) return kustomization(file, line);
  if (
    kind === "CustomResourceDefinition" &&
    typeof apiVersion === "string" &&
    apiVersion.startsWith("apiextensions.k8s.io/")
  ) {
    const name = isMapping(value.metadata) && typeof value.metadata.name === "string" ? ` ${value.metadata.name}` : "";
    return createWarning(
      "VMCP123",
      `CustomResourceDefinition${name} is not read and not part of the output: vmcp-gen validates ToolHive kinds against the CRDs of the release it supports, built in`,
      {
        ...at(file, line),
        hint: `static mode needs no ToolHive CRDs in the cluster; install CRDs another way (the ToolHive operator's chart), ${SKIP_HINT}`,
      },
    );
  }
  if (apiVersion !== undefined || kind !== undefined) return undefined;
  if ("jobs" in value && ("on" in value || "true" in value)) {
    return createError("VMCP122", `${file} is a GitHub Actions workflow, not a Kubernetes manifest`, {
      ...at(file, line),
      hint: `keep CI files out of the folder vmcp-gen reads, ${SKIP_HINT}`,
    });
  }
  if (path.posix.basename(file) === "Chart.yaml" && "name" in value && "version" in value) return helmChart(file);
  if (HELM_VALUES_NAME.test(path.posix.basename(file))) {
    return createError(
      "VMCP121",
      `${file} looks like a Helm values file (no apiVersion or kind), not a manifest: vmcp-gen does not run Helm`,
      {
        ...at(file, line),
        hint: `render the chart with these values and pipe the result in: \`helm template RELEASE CHART -f ${file} | vmcp-gen synth -\`; ${SKIP_HINT}`,
      },
    );
  }
  return undefined;
}
