// CommonJS, unlike the rest of src/: the validators generated from the CRD schemas at build time
// (scripts/compile-validators.mjs, Ajv standalone code) are CommonJS and require this module, and
// Node 20 cannot require an ES module.
import type { FormatDefinition } from "ajv";
import ajvFormats = require("ajv-formats/dist/formats.js");

const GO_DURATION = /^-?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$|^0$/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const full = ajvFormats.fullFormats;

/**
 * The formats the CRD schemas use (int32, int64, duration, date-time, uri) and the other common
 * ones. The string formats are ajv-formats' "full" definitions; int32, int64 and duration are
 * Kubernetes' (a `duration` is a Go duration string, not ISO 8601).
 */
const schemaFormats = {
  int32: {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX,
  } satisfies FormatDefinition<number>,
  int64: { type: "number", validate: (n: number) => Number.isInteger(n) } satisfies FormatDefinition<number>,
  duration: { type: "string", validate: (s: string) => GO_DURATION.test(s) } satisfies FormatDefinition<string>,
  "date-time": full["date-time"],
  date: full.date,
  time: full.time,
  uri: full.uri,
  email: full.email,
  hostname: full.hostname,
  ipv4: full.ipv4,
  ipv6: full.ipv6,
  uuid: full.uuid,
};

export = schemaFormats;
