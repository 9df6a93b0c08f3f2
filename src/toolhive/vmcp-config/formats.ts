import { z } from "zod";

// The scalar formats of the vMCP runtime's config.yaml, each a named definition of the exported
// JSON Schema (`$defs`), as the runtime's Go types and validator read them.

export const duration = z
  .string()
  .regex(/^[+]?(0|(([0-9]+([.][0-9]*)?|[.][0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$/)
  .meta({
    id: "Duration",
    description:
      'Go duration string parsed with time.ParseDuration (e.g. "30s", "1m30s", "500ms", "0"); negative values are rejected.',
  });

export const positiveDuration = duration
  .regex(/[1-9]/)
  .meta({ id: "PositiveDuration", description: "Duration that must be > 0." });

export const httpUrl = z
  .string()
  .min(8)
  .regex(/^https?:\/\//)
  .meta({ id: "HttpUrl" });

export const optionalAbsolutePath = z
  .string()
  .regex(/^$|^(?![\s\S]*[.][.])\/[^\u0000]*$/)
  .meta({ id: "OptionalAbsolutePath", description: "Empty string (= unset) or an absolute path without '..' or NUL." });

export const envVarName = z
  .string()
  .regex(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/)
  .meta({
    id: "EnvVarName",
    description: "Name of an environment variable read by the vmcp process; it must be set and non-empty at load time.",
  });

export const headerName = z
  .string()
  .max(256)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/)
  .meta({ id: "HeaderName", description: "RFC 7230 token, at most 256 bytes." });

export const headerValue = z
  .string()
  .min(1)
  .max(8192)
  .regex(/^[^\u0000-\u0008\u000A-\u001F\u007F]*$/)
  .meta({
    id: "HeaderValue",
    description: "Non-empty header value without control characters other than TAB, at most 8192 bytes.",
  });

export const nonEmptyString = z.string().min(1).meta({ id: "NonEmptyString" });

export const toolReference = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/)
  .meta({ id: "ToolReference", description: 'Tool reference: "workload.tool", "workload_tool" or "tool".' });

export const jsonObject = z
  .record(z.string(), z.unknown())
  .meta({ id: "JsonObject", description: "Free-form JSON/YAML object; keys are not checked." });

export const stringMap = z.record(z.string(), z.string());

/** A mapping with at least one entry. */
export function nonEmptyRecord<T extends z.ZodType>(value: T) {
  return z
    .record(z.string(), value)
    .refine((r) => Object.keys(r).length > 0, "must have at least one entry")
    .meta({ minProperties: 1 });
}
