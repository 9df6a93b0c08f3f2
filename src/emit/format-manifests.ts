import { documentHeaderText } from "./document-header.js";
import type { OrderedManifest } from "./order-manifests.js";
import { serializeYaml, type JsonValue } from "../yaml/serialize-yaml.js";

export type ManifestFormat = "yaml" | "json";

/** Multi-document YAML (block style, YAML 1.1-safe), each document under its header comment; or one `v1/List` as JSON. */
export function formatManifests(manifests: readonly OrderedManifest[], format: ManifestFormat): string {
  if (format === "json")
    return `${JSON.stringify({ apiVersion: "v1", kind: "List", items: manifests.map((m) => m.object) }, null, 2)}\n`;
  // One buffer per document: joining many short strings is markedly faster than one huge one.
  return manifests.map((m) => documentHeaderText(m) + serializeYaml(m.object as unknown as JsonValue)).join("---\n");
}
