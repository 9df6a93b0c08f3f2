import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
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

const GO_DURATION = /^-?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$|^0$/;
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function createAjv(): Ajv {
  const instance = new Ajv({ allErrors: true, strict: false, validateFormats: true, verbose: true });
  addFormatsModule.default(instance, ["date-time", "uri", "date", "time", "email", "hostname", "ipv4", "ipv6", "uuid"]);
  instance.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max });
  instance.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) || Number.isInteger(n) });
  // Kubernetes' `duration` format is a Go duration string, not ISO 8601.
  instance.addFormat("duration", { type: "string", validate: (s: string) => GO_DURATION.test(s) });
  return instance;
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
