import { createRequire } from "node:module";
import type * as AjvFormats from "ajv-formats/dist/formats.js";

// Required, not imported: Node would first lex the CommonJS file for named exports.
const ajvFormats = createRequire(import.meta.url)("ajv-formats/dist/formats.js") as typeof AjvFormats;

/** A `format` of the CRD schemas: the JSON type it applies to, and its check. */
export interface SchemaFormat {
  readonly type: "number" | "string";
  readonly validate: (value: never) => boolean;
}

const GO_DURATION = /^-?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$|^0$/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

type AjvFormat = RegExp | ((s: string) => boolean) | { validate: RegExp | ((s: string) => boolean) };

/** A string format as ajv-formats defines it (a RegExp, a function, or an object holding one). */
function stringFormat(def: AjvFormat): SchemaFormat {
  const check = typeof def === "function" || def instanceof RegExp ? def : def.validate;
  return { type: "string", validate: check instanceof RegExp ? (s: string) => check.test(s) : check };
}

const full = ajvFormats.fullFormats as unknown as Record<string, AjvFormat>;

/**
 * The formats the CRD schemas use (int32, int64, duration, date-time, uri) and the other common
 * ones; the string formats are ajv-formats' "full" definitions, which is what Ajv would check.
 */
const schemaFormats: Readonly<Record<string, SchemaFormat>> = {
  int32: { type: "number", validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX },
  int64: { type: "number", validate: (n: number) => Number.isInteger(n) },
  // Kubernetes' `duration` format is a Go duration string, not ISO 8601.
  duration: { type: "string", validate: (s: string) => GO_DURATION.test(s) },
  ...Object.fromEntries(["date-time", "date", "time", "uri", "email", "hostname", "ipv4", "ipv6", "uuid"].map((name) => [name, stringFormat(full[name]!)])),
};

export default schemaFormats;
