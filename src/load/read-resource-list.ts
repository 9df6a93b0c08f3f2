import { createError } from "../diagnostics/create.js";
import { UsageError } from "../diagnostics/errors.js";
import type { Diagnostic } from "../diagnostics/types.js";
import { splitApiVersion } from "./kube-scope.js";
import { resolveLimits } from "./limits.js";
import { parseChunks } from "./parse-yaml.js";
import { readInputs, type InputContext } from "./read-inputs.js";
import { splitDocuments } from "./split-documents.js";
import type { SourceFile } from "./types.js";

/** A KRM object as received: plain JSON data, passed back unchanged when vmcp-gen does not own it. */
export type KrmItem = Record<string, unknown>;

export interface ResourceList {
  readonly items: readonly KrmItem[];
  readonly functionConfig?: unknown;
}

export const RESOURCE_LIST_API_VERSIONS = ["config.kubernetes.io/v1", "config.kubernetes.io/v1beta1"];

/** Annotations an orchestrator (kpt, kustomize) sets on items to say where they came from. */
export const PATH_ANNOTATION = "internal.config.kubernetes.io/path";
export const INDEX_ANNOTATION = "internal.config.kubernetes.io/index";
export const LEGACY_PATH_ANNOTATION = "config.kubernetes.io/path";
export const LEGACY_INDEX_ANNOTATION = "config.kubernetes.io/index";
export const LOCAL_CONFIG_ANNOTATION = "config.kubernetes.io/local-config";
const ORCHESTRATOR_ANNOTATION =
  /^(internal\.config\.kubernetes\.io\/|config\.kubernetes\.io\/(path|index)$|config\.k8s\.io\/id$|kustomize\.config\.k8s\.io\/id$)/;

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function itemAnnotations(item: KrmItem): Record<string, unknown> {
  const meta = isMapping(item.metadata) ? item.metadata : {};
  return isMapping(meta.annotations) ? meta.annotations : {};
}

/** Where the orchestrator read the item from: `{path, index}`, as a KRM result's `file`. */
export function itemOrigin(item: KrmItem): { path: string; index?: number } | undefined {
  const a = itemAnnotations(item);
  const p = a[PATH_ANNOTATION] ?? a[LEGACY_PATH_ANNOTATION];
  if (typeof p !== "string" || p === "") return undefined;
  const i = Number(a[INDEX_ANNOTATION] ?? a[LEGACY_INDEX_ANNOTATION]);
  return Number.isInteger(i) && i >= 0 ? { path: p, index: i } : { path: p };
}

export function isToolhiveItem(item: KrmItem): boolean {
  return typeof item.apiVersion === "string" && splitApiVersion(item.apiVersion).group === "toolhive.stacklok.dev";
}

export function isLocalConfig(item: KrmItem): boolean {
  return itemAnnotations(item)[LOCAL_CONFIG_ANNOTATION] === "true";
}

/** An object an earlier run rendered into the package: replaced by this run's render, never kept twice. */
export function isRenderedByVmcpGen(item: KrmItem): boolean {
  const meta = isMapping(item.metadata) ? item.metadata : {};
  return isMapping(meta.labels) && meta.labels["app.kubernetes.io/managed-by"] === "vmcp-gen";
}

/** The item without the orchestrator's bookkeeping annotations, as the pipeline should see it. */
function withoutOrchestratorAnnotations(item: KrmItem): KrmItem {
  const meta = isMapping(item.metadata) ? item.metadata : undefined;
  if (!meta || !isMapping(meta.annotations)) return item;
  const annotations = Object.fromEntries(
    Object.entries(meta.annotations).filter(([k]) => !ORCHESTRATOR_ANNOTATION.test(k)),
  );
  const { annotations: _dropped, ...rest } = meta;
  return { ...item, metadata: Object.keys(annotations).length > 0 ? { ...rest, annotations } : rest };
}

/** The synthetic file name the pipeline sees for item `i`, so its diagnostics can be traced back. */
export function itemSourcePath(i: number): string {
  return `items[${i}]`;
}

/**
 * The items vmcp-gen reads as inputs, one in-memory file each: every ToolHive item, and the other
 * items a reference may point at (CA bundle ConfigMaps, Secrets). Tooling config (local-config),
 * and objects an earlier run rendered, are not inputs.
 */
export function resourceListSources(items: readonly KrmItem[]): SourceFile[] {
  const files: SourceFile[] = [];
  items.forEach((item, i) => {
    const input = isToolhiveItem(item) || (!isLocalConfig(item) && !isRenderedByVmcpGen(item));
    // JSON is YAML: the loader parses it like any input file.
    if (input)
      files.push({
        path: itemSourcePath(i),
        text: `${JSON.stringify(withoutOrchestratorAnnotations(item), null, 2)}\n`,
      });
  });
  return files;
}

/**
 * Reads and checks the ResourceList on stdin. The framing (one YAML document, a ResourceList with
 * an `items` list of objects) must be right before any item is looked at; problems with the
 * items themselves are the pipeline's to report.
 */
export async function readResourceList(ctx: InputContext): Promise<{ list?: ResourceList; diagnostics: Diagnostic[] }> {
  const limits = resolveLimits(undefined);
  const read = await readInputs(["-"], ctx, limits);
  if (read.diagnostics.length > 0) return { diagnostics: read.diagnostics };
  const file = read.files[0];
  if (!file) throw new UsageError("krm reads a ResourceList on standard input, but none is available");
  const parsed = parseChunks(file.path, splitDocuments(file.text), {
    ...limits,
    maxDocumentBytes: limits.maxFileBytes,
  });
  if (parsed.diagnostics.length > 0) return { diagnostics: parsed.diagnostics };
  const fail = (message: string, hint: string) => ({
    diagnostics: [createError("VMCP710", message, { file: file.path, hint })],
  });
  if (parsed.documents.length !== 1)
    return fail(
      `standard input holds ${parsed.documents.length} YAML documents, not one ResourceList`,
      "a KRM function reads exactly one ResourceList; run it through kpt fn eval/render or kustomize",
    );
  const list = parsed.documents[0]!.value;
  if (
    !isMapping(list) ||
    list.kind !== "ResourceList" ||
    !RESOURCE_LIST_API_VERSIONS.includes(String(list.apiVersion))
  ) {
    return fail(
      "standard input is not a KRM ResourceList",
      `expected apiVersion: ${RESOURCE_LIST_API_VERSIONS[0]}, kind: ResourceList; to render plain manifests use vmcp-gen synth -`,
    );
  }
  const items = list.items ?? [];
  if (!Array.isArray(items))
    return fail("ResourceList items is not a list", "items must be a list of Kubernetes objects");
  const bad = items.findIndex((item) => !isMapping(item));
  if (bad !== -1) return fail(`ResourceList items[${bad}] is not an object`, "every item must be a Kubernetes object");
  return {
    list: {
      items: items as KrmItem[],
      ...(list.functionConfig !== undefined ? { functionConfig: list.functionConfig } : {}),
    },
    diagnostics: [],
  };
}
