import { parseAllDocuments } from "yaml";
import type { SourceFile } from "../../src/load/types.js";

/**
 * The operator reads the Secrets a manifest refers to (an OIDC client secret, a header value from
 * a Secret) and refuses to go on without them; in a real cluster they exist, managed outside Git,
 * and vmcp-gen never reads them. So the oracle's cluster gets a placeholder Secret for every
 * `{name, key}` reference under a key that names a secret, when the inputs do not hold one.
 */
const SECRET_REF_KEY = /secret|password/i;

interface SecretRef {
  readonly namespace: string;
  readonly name: string;
  readonly key: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function collect(value: unknown, namespace: string, out: SecretRef[], underKey = ""): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, namespace, out, underKey);
    return;
  }
  if (!isRecord(value)) return;
  if (SECRET_REF_KEY.test(underKey) && typeof value.name === "string" && typeof value.key === "string") out.push({ namespace, name: value.name, key: value.key });
  for (const [k, v] of Object.entries(value)) collect(v, namespace, out, k);
}

/** Every document that parses; the others are the oracle's and vmcp-gen's to report. */
function objectsOf(files: readonly SourceFile[]): Record<string, unknown>[] {
  const docs = files.flatMap((f) =>
    parseAllDocuments(f.text).flatMap((d) => {
      try {
        return [d.toJS({ maxAliasCount: 1000 }) as unknown];
      } catch {
        return [];
      }
    }),
  );
  return docs.flatMap((d) => (isRecord(d) && Array.isArray(d.items) && String(d.kind).endsWith("List") ? d.items : [d])).filter(isRecord);
}

/** A file of placeholder Secrets for the references the inputs leave unmet; none when all are met. */
export function placeholderSecrets(files: readonly SourceFile[], defaultNamespace = "default"): SourceFile[] {
  const objects = objectsOf(files);
  const nsOf = (o: Record<string, unknown>) => String((o.metadata as Record<string, unknown> | undefined)?.namespace ?? defaultNamespace);
  const present = new Set(objects.filter((o) => o.kind === "Secret").map((o) => `${nsOf(o)}/${String((o.metadata as Record<string, unknown> | undefined)?.name)}`));
  const wanted = new Map<string, { namespace: string; name: string; keys: Set<string> }>();
  for (const o of objects) {
    if (o.kind === "Secret") continue;
    const refs: SecretRef[] = [];
    collect(o.spec, nsOf(o), refs);
    for (const r of refs) {
      const id = `${r.namespace}/${r.name}`;
      if (present.has(id)) continue;
      const entry = wanted.get(id) ?? { namespace: r.namespace, name: r.name, keys: new Set<string>() };
      entry.keys.add(r.key);
      wanted.set(id, entry);
    }
  }
  if (wanted.size === 0) return [];
  const docs = [...wanted.values()].map((s) =>
    JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name: s.name, namespace: s.namespace }, stringData: Object.fromEntries([...s.keys].map((k) => [k, "placeholder"])) }),
  );
  return [{ path: "oracle-placeholder-secrets.yaml", text: docs.join("\n---\n") }];
}
