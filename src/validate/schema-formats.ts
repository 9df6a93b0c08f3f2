import type { Format } from "ajv";
import ajvFormats from "ajv-formats/dist/formats.js";

const GO_DURATION = /^-?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$|^0$/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const full = ajvFormats.fullFormats;

/**
 * The formats the CRD schemas use, shared by the validators precompiled at build time and the
 * runtime fallback that compiles schemas with Ajv.
 */
const schemaFormats: Readonly<Record<string, Format>> = {
  int32: { type: "number", validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX },
  int64: { type: "number", validate: (n: number) => Number.isInteger(n) },
  // Kubernetes' `duration` format is a Go duration string, not ISO 8601.
  duration: { type: "string", validate: (s: string) => GO_DURATION.test(s) },
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

export default schemaFormats;
