import { createRequire } from "node:module";
import type { Ajv, ValidateFunction } from "ajv";
import type { DefaultingSchema } from "./apply-defaults.js";
import schemaFormats from "./schema-formats.js";

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
const requireAsset = createRequire(new URL("../../schemas/", import.meta.url));

let index: readonly SchemaEntry[] | undefined;

export function listSchemas(): readonly SchemaEntry[] {
  index ??= requireAsset(`./${TOOLHIVE_GROUP}/index.json`) as SchemaEntry[];
  return index;
}

export function findSchema(group: string, version: string, kind: string): SchemaEntry | undefined {
  return listSchemas().find((e) => e.group === group && e.version === version && e.kind === kind);
}

export function kindsOfGroup(group: string): Set<string> {
  return new Set(listSchemas().filter((e) => e.group === group).map((e) => e.kind));
}

export function versionsOfKind(group: string, kind: string): string[] {
  return listSchemas()
    .filter((e) => e.group === group && e.kind === kind)
    .map((e) => e.version);
}

const schemas = new Map<string, DefaultingSchema & Record<string, unknown>>();

export function loadSchema(entry: SchemaEntry): DefaultingSchema & Record<string, unknown> {
  let s = schemas.get(entry.file);
  if (!s) {
    s = requireAsset(`./${entry.file}`) as DefaultingSchema & Record<string, unknown>;
    schemas.set(entry.file, s);
  }
  return s;
}

// Validators are precompiled at build time (scripts/compile-validators.mjs): loading one costs
// ~15 ms where compiling the VirtualMCPServer schema costs ~0.7 s. Running from the TypeScript
// sources (tests) there are none, and schemas are compiled on first use instead.
const requireLocal = createRequire(import.meta.url);

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function createAjv(): Ajv {
  const { Ajv: AjvClass } = requireLocal("ajv") as typeof import("ajv");
  const instance = new AjvClass({ allErrors: true, strict: false, validateFormats: true });
  for (const [name, format] of Object.entries(schemaFormats)) instance.addFormat(name, format);
  return instance;
}

/** Loads the precompiled validators of these schemas, where the build produced them. */
export async function prepareValidators(entries: Iterable<SchemaEntry>): Promise<void> {
  const pending = [...new Set(entries)].filter((e) => !compiled.has(e.file));
  await Promise.all(
    pending.map(async (entry) => {
      const url = new URL(`../validators/${entry.file.split("/").pop()!.replace(/\.json$/, ".js")}`, import.meta.url);
      try {
        const mod = (await import(url.href)) as { default: ValidateFunction };
        compiled.set(entry.file, mod.default);
      } catch (e) {
        if ((e as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw e;
      }
    }),
  );
}

/** Compiled once per process and schema, on first use: commands that never validate a kind never pay for it. */
export function getValidator(entry: SchemaEntry): ValidateFunction {
  let v = compiled.get(entry.file);
  if (!v) {
    ajv ??= createAjv();
    v = ajv.compile(loadSchema(entry));
    compiled.set(entry.file, v);
  }
  return v;
}
