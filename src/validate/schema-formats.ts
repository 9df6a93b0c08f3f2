import { createRequire } from "node:module";
import type * as AjvFormats from "ajv-formats/dist/formats.js";

type AjvFormat = RegExp | ((s: string) => boolean) | { validate: RegExp | ((s: string) => boolean) };

// Loaded on the first check of such a format (most inputs have none), and required, not imported:
// Node would first lex the CommonJS file for named exports.
let full: Record<string, AjvFormat> | undefined;
function ajvFullFormat(name: string): AjvFormat {
  full ??= (createRequire(import.meta.url)("ajv-formats/dist/formats.js") as typeof AjvFormats).fullFormats as unknown as Record<string, AjvFormat>;
  return full[name]!;
}

/** A `format` of the CRD schemas: the JSON type it applies to, and its check. */
export interface SchemaFormat {
  readonly type: "number" | "string";
  readonly validate: (value: never) => boolean;
}

const GO_DURATION = /^-?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$|^0$/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** A string format as ajv-formats defines it (a RegExp, a function, or an object holding one). */
function stringFormat(name: string): SchemaFormat {
  let check: ((s: string) => boolean) | undefined;
  const validate = (s: string): boolean => {
    if (!check) {
      const def = ajvFullFormat(name);
      const fn = typeof def === "function" || def instanceof RegExp ? def : def.validate;
      check = fn instanceof RegExp ? (v: string) => fn.test(v) : fn;
    }
    return check(s);
  };
  return { type: "string", validate };
}

/**
 * The formats the CRD schemas use (int32, int64, duration, date-time, uri) and the other common
 * ones; the string formats are ajv-formats' "full" definitions, which is what Ajv would check.
 */
const schemaFormats: Readonly<Record<string, SchemaFormat>> = {
  int32: { type: "number", validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX },
  int64: { type: "number", validate: (n: number) => Number.isInteger(n) },
  // Kubernetes' `duration` format is a Go duration string, not ISO 8601.
  duration: { type: "string", validate: (s: string) => GO_DURATION.test(s) },
  ...Object.fromEntries(["date-time", "date", "time", "uri", "email", "hostname", "ipv4", "ipv6", "uuid"].map((name) => [name, stringFormat(name)])),
};

export default schemaFormats;
