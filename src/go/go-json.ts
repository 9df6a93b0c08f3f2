import { createHash } from "node:crypto";

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

// Go's encoder escapes these for HTML safety; JSON.stringify does not.
const GO_EXTRA_ESCAPES = /[<>&\u2028\u2029]/g;

function goString(s: string): string {
  return JSON.stringify(s).replace(GO_EXTRA_ESCAPES, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Go's `json.Marshal` of a value decoded into `any`: map keys sorted byte-wise, compact, `<`, `>`,
 * `&`, U+2028 and U+2029 escaped, numbers as float64. JavaScript's shortest number form and its
 * switch to exponent notation below 1e-6 and from 1e21 match Go's float64 encoding.
 */
export function goJsonMarshal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return goString(value);
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return `[${value.map(goJsonMarshal).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => byteOrder(a, b));
    return `{${entries.map(([k, v]) => `${goString(k)}:${goJsonMarshal(v)}`).join(",")}}`;
  }
  return "null";
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
