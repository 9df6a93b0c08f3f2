import { createHash } from "node:crypto";
import { CONTENT_CHECKSUM_ANNOTATION } from "./labels.js";

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * The operator's ConfigMap checksum: SHA-256 (hex) over data keys and values, then labels, then
 * annotations other than the checksum itself, each sorted byte-wise and concatenated with no
 * separators. The same value on the pod template rolls the pods exactly when the config changes.
 */
export function configMapChecksum(
  data: Record<string, string>,
  labels: Record<string, string>,
  annotations: Record<string, string> = {},
): string {
  const h = createHash("sha256");
  for (const k of Object.keys(data).sort(byteOrder)) h.update(k).update(data[k]!);
  for (const k of Object.keys(labels).sort(byteOrder)) h.update(k).update(labels[k]!);
  for (const k of Object.keys(annotations).sort(byteOrder))
    if (k !== CONTENT_CHECKSUM_ANNOTATION) h.update(k).update(annotations[k]!);
  return h.digest("hex");
}
