import { readPackageFile } from "../package-data/read-package-file.js";
import type { DefaultingSchema } from "./apply-defaults.js";

export const TOOLHIVE_GROUP = "toolhive.stacklok.dev";

export interface SchemaEntry {
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  readonly file: string;
  readonly deprecated: boolean;
  readonly storage: boolean;
}

// The schemas ship inside the package (schemas/); they are package data, not user input.
const readSchemaFile = (file: string): unknown => JSON.parse(readPackageFile(`schemas/${file}`));

let index: readonly SchemaEntry[] | undefined;

export function listSchemas(): readonly SchemaEntry[] {
  index ??= readSchemaFile(`${TOOLHIVE_GROUP}/index.json`) as SchemaEntry[];
  return index;
}

export function findSchema(group: string, version: string, kind: string): SchemaEntry | undefined {
  return listSchemas().find((e) => e.group === group && e.version === version && e.kind === kind);
}

export function kindsOfGroup(group: string): Set<string> {
  return new Set(
    listSchemas()
      .filter((e) => e.group === group)
      .map((e) => e.kind),
  );
}

export function versionsOfKind(group: string, kind: string): string[] {
  return listSchemas()
    .filter((e) => e.group === group && e.kind === kind)
    .map((e) => e.version);
}

type LoadedSchema = DefaultingSchema & Record<string, unknown>;
const schemas = new Map<string, LoadedSchema>();

export function loadSchema(entry: SchemaEntry): LoadedSchema {
  let s = schemas.get(entry.file);
  if (!s) {
    s = readSchemaFile(entry.file) as LoadedSchema;
    schemas.set(entry.file, s);
  }
  return s;
}
