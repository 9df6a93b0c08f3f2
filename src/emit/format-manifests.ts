import type { ManifestObject } from "../render/types.js";
import { serializeYamlDocuments, type JsonValue } from "./serialize-yaml.js";

export type ManifestFormat = "yaml" | "json";

/** Multi-document YAML (block style, YAML 1.1-safe), or one `v1/List` as JSON. */
export function formatManifests(objects: readonly ManifestObject[], format: ManifestFormat): string {
  if (format === "json") return `${JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }, null, 2)}\n`;
  return serializeYamlDocuments(objects as unknown as JsonValue[]);
}
