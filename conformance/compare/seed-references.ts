import { parseAllDocuments } from "yaml";
import type { SourceFile } from "../../src/load/types.js";

/**
 * The operator reads the Secrets a manifest refers to (an OIDC client secret, a header value from
 * a Secret) and the CA bundle ConfigMaps of MCPServerEntries, and refuses to go on without them;
 * in a real cluster they exist, managed outside Git (vmcp-gen never reads a Secret, and assumes a
 * ConfigMap it is not given exists). So the oracle's cluster gets a placeholder for every
 * `{name, key}` Secret reference under a key that names a secret, and for every
 * `caBundleRef.configMapRef`, when the inputs do not hold the object.
 */
const SECRET_REF_KEY = /secret|password/i;

interface Ref {
  readonly namespace: string;
  readonly name: string;
  readonly key: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function collect(
  value: unknown,
  namespace: string,
  out: { secrets: Ref[]; configMaps: Ref[] },
  path: readonly string[] = [],
): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, namespace, out, path);
    return;
  }
  if (!isRecord(value)) return;
  const under = path.at(-1) ?? "";
  if (SECRET_REF_KEY.test(under) && typeof value.name === "string" && typeof value.key === "string")
    out.secrets.push({ namespace, name: value.name, key: value.key });
  if (under === "configMapRef" && path.at(-2) === "caBundleRef" && typeof value.name === "string")
    out.configMaps.push({
      namespace,
      name: value.name,
      key: typeof value.key === "string" && value.key !== "" ? value.key : "ca.crt",
    });
  for (const [k, v] of Object.entries(value)) collect(v, namespace, out, [...path, k]);
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
  return docs
    .flatMap((d) => (isRecord(d) && Array.isArray(d.items) && String(d.kind).endsWith("List") ? d.items : [d]))
    .filter(isRecord);
}

function missing(
  refs: readonly Ref[],
  present: ReadonlySet<string>,
): Map<string, { namespace: string; name: string; keys: Set<string> }> {
  const wanted = new Map<string, { namespace: string; name: string; keys: Set<string> }>();
  for (const r of refs) {
    const id = `${r.namespace}/${r.name}`;
    if (present.has(id)) continue;
    const entry = wanted.get(id) ?? { namespace: r.namespace, name: r.name, keys: new Set<string>() };
    entry.keys.add(r.key);
    wanted.set(id, entry);
  }
  return wanted;
}

/** A file of placeholder Secrets and CA ConfigMaps for the references the inputs leave unmet; none when all are met. */
export function placeholderObjects(files: readonly SourceFile[], defaultNamespace = "default"): SourceFile[] {
  const objects = objectsOf(files);
  const nsOf = (o: Record<string, unknown>) =>
    String((o.metadata as Record<string, unknown> | undefined)?.namespace ?? defaultNamespace);
  const idsOf = (kind: string) =>
    new Set(
      objects
        .filter((o) => o.kind === kind)
        .map((o) => `${nsOf(o)}/${String((o.metadata as Record<string, unknown> | undefined)?.name)}`),
    );
  const refs = { secrets: [] as Ref[], configMaps: [] as Ref[] };
  for (const o of objects) if (o.kind !== "Secret" && o.kind !== "ConfigMap") collect(o.spec, nsOf(o), refs);
  const placeholder = (kind: string, field: string) => (s: { namespace: string; name: string; keys: Set<string> }) =>
    JSON.stringify({
      apiVersion: "v1",
      kind,
      metadata: { name: s.name, namespace: s.namespace },
      [field]: Object.fromEntries([...s.keys].map((k) => [k, "placeholder"])),
    });
  const docs = [
    ...[...missing(refs.secrets, idsOf("Secret")).values()].map(placeholder("Secret", "stringData")),
    ...[...missing(refs.configMaps, idsOf("ConfigMap")).values()].map(placeholder("ConfigMap", "data")),
  ];
  return docs.length === 0 ? [] : [{ path: "oracle-placeholder-objects.yaml", text: docs.join("\n---\n") }];
}
