import { serializeYaml, type JsonValue } from "../yaml/serialize-yaml.js";
import { formatInspectionTable } from "./format-table.js";
import type { VmcpInspection } from "./types.js";

export type InspectFormat = "table" | "yaml" | "json";

/** `{items: [...]}`, one item per VirtualMCPServer: the shape scripts read from yaml/json output. */
export function inspectionDocument(inspections: readonly VmcpInspection[]): JsonValue {
  return { items: inspections as unknown as JsonValue };
}

export function formatInspections(inspections: readonly VmcpInspection[], format: InspectFormat): string {
  if (format === "table") return formatInspectionTable(inspections);
  const doc = inspectionDocument(inspections);
  return format === "json" ? `${JSON.stringify(doc, null, 2)}\n` : serializeYaml(doc);
}
