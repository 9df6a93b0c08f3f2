import { formatFieldPath } from "../diagnostics/create.js";
import type { Diagnostic } from "../diagnostics/types.js";
import {
  INDEX_ANNOTATION,
  isRenderedByVmcpGen,
  isToolhiveItem,
  itemOrigin,
  LEGACY_INDEX_ANNOTATION,
  LEGACY_PATH_ANNOTATION,
  PATH_ANNOTATION,
  type KrmItem,
} from "../load/read-resource-list.js";
import { documentHeader } from "./document-header.js";
import type { KrmInputs } from "../load/function-config.js";
import { disposeInputItems } from "./krm-input-items.js";
import type { OrderedManifest } from "./order-manifests.js";
import { objectPath } from "../layout/output-layout.js";
import { serializeYaml, type JsonValue } from "../yaml/serialize-yaml.js";

/** The folder of a kpt package where rendered objects go: `vmcp/<namespace>/<vmcp>/<kind>-<name>.yaml`. */
export const KRM_OUTPUT_FOLDER = "vmcp";

/** A KRM function result (kustomize functions-spec, `results`). */
export interface KrmResult {
  message: string;
  severity: "error" | "warning";
  resourceRef?: { apiVersion: string; kind: string; name: string; namespace?: string };
  field?: { path: string };
  file?: { path: string; index?: number };
  tags?: Record<string, string>;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function itemRef(item: KrmItem): KrmResult["resourceRef"] | undefined {
  const meta = isMapping(item.metadata) ? item.metadata : {};
  if (typeof item.apiVersion !== "string" || typeof item.kind !== "string" || typeof meta.name !== "string")
    return undefined;
  return {
    apiVersion: item.apiVersion,
    kind: item.kind,
    name: meta.name,
    ...(typeof meta.namespace === "string" ? { namespace: meta.namespace } : {}),
  };
}

/** The item a diagnostic came from, through the synthetic file name the pipeline saw. */
export function sourceItemIndex(d: Diagnostic): number | undefined {
  const m = d.file === undefined ? null : /^items\[(\d+)\]$/.exec(d.file);
  return m ? Number(m[1]) : undefined;
}

/**
 * One diagnostic as a KRM result: the resource it is about (with its apiVersion, found among the
 * items), the field path, and the file and index the orchestrator read that item from.
 */
export function toKrmResult(d: Diagnostic, items: readonly KrmItem[], functionConfig?: KrmItem): KrmResult {
  const result: KrmResult = {
    message: `${d.code}: ${d.message}${d.hint ? `; hint: ${d.hint}` : ""}`,
    severity: d.severity,
    tags: { code: d.code },
  };
  const index = sourceItemIndex(d);
  const source = index === undefined ? undefined : items[index];
  let subject = source;
  if (d.resource) {
    const r = d.resource;
    const named = (item: KrmItem) => {
      const ref = itemRef(item);
      // An item without a namespace got the default one in the pipeline: it matches any.
      return (
        ref !== undefined &&
        ref.kind === r.kind &&
        ref.name === r.name &&
        (ref.namespace === undefined || r.namespace === "" || ref.namespace === r.namespace)
      );
    };
    subject =
      (source && named(source) ? source : items.find(named)) ??
      (functionConfig && named(functionConfig) ? functionConfig : subject);
  } else if (!source && functionConfig && d.code === "VMCP711") subject = functionConfig;
  const ref = subject ? itemRef(subject) : undefined;
  if (ref) {
    // The pipeline fills the default namespace in; the resource id says which one it used.
    result.resourceRef =
      d.resource && d.resource.namespace !== "" && ref.namespace === undefined
        ? { ...ref, namespace: d.resource.namespace }
        : ref;
  }
  if (d.path && d.path.length > 0) result.field = { path: formatFieldPath(d.path) };
  const origin = subject ? itemOrigin(subject) : undefined;
  if (origin) result.file = origin;
  return result;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A rendered object as a package item, with the comment lines kpt writes above it in its file. */
export interface RenderedItem {
  readonly item: KrmItem;
  readonly header: readonly string[];
}

/** Rendered objects with the annotations that tell kpt which file of the package each one belongs in. */
export function annotateForPackage(manifests: readonly OrderedManifest[]): RenderedItem[] {
  // Input objects the pods mount are the package's own items already: never added twice.
  return manifests
    .filter((m) => m.origin === "rendered")
    .map((m) => {
      const file = `${KRM_OUTPUT_FOLDER}/${objectPath(m.vmcp, m.object)}`;
      const existing = (m.object.metadata.annotations as Record<string, string> | undefined) ?? {};
      const annotations = {
        ...existing,
        [LEGACY_INDEX_ANNOTATION]: "0",
        [LEGACY_PATH_ANNOTATION]: file,
        [INDEX_ANNOTATION]: "0",
        [PATH_ANNOTATION]: file,
      };
      const metadata: Record<string, unknown> = { ...m.object.metadata, annotations: sortKeys(annotations) };
      return { item: { ...m.object, metadata: sortKeys(metadata) }, header: documentHeader(m) };
    });
}

/**
 * The items of the output ResourceList after a successful render: everything vmcp-gen does not own
 * passes through unchanged, the ToolHive inputs as `inputs` asks (krm-input-items.ts), objects an
 * earlier run rendered are replaced, and the new objects come last.
 */
export function outputItems(
  items: readonly KrmItem[],
  rendered: readonly RenderedItem[],
  options: { readonly inputs: KrmInputs; readonly staticOnly: ReadonlySet<number> },
): RenderedItem[] {
  const kept = disposeInputItems(items, options.inputs, options.staticOnly).filter(
    (item): item is KrmItem => item !== undefined && (isToolhiveItem(item) || !isRenderedByVmcpGen(item)),
  );
  return [...kept.map((item) => ({ item, header: [] })), ...rendered];
}

/** One item of the `items` sequence, its comment lines first (kpt keeps them as the head comment of the item's file). */
function sequenceItem(item: RenderedItem): string {
  const body = serializeYaml(item.item as JsonValue)
    .replace(/\n$/, "")
    .split("\n");
  const lines = [...item.header, ...body].map((l) => (l === "" ? l : `  ${l}`));
  return `- ${lines.join("\n").slice(2)}\n`;
}

/** The ResourceList written to stdout: block YAML only, as kpt rewrites every file in the style it receives. */
export function formatResourceList(items: readonly RenderedItem[], results: readonly KrmResult[]): string {
  const head = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n";
  const list = items.length === 0 ? "items: []\n" : `items:\n${items.map(sequenceItem).join("")}`;
  return head + list + (results.length > 0 ? serializeYaml({ results } as unknown as JsonValue) : "");
}
