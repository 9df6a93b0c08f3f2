import { parse } from "yaml";
import type { KubeObject } from "./oracle-types.js";

/** One place where the two renders disagree. `undefined` on a side means "absent there". */
export interface Difference {
  /** `Kind/namespace/name`. */
  readonly object: string;
  /** `spec.template.spec.containers[0].env[3].value`; empty for a whole object. */
  readonly path: string;
  readonly vmcpGen: unknown;
  readonly operator: unknown;
}

export function objectKey(o: KubeObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function child(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  const plain = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key);
  return plain ? (path === "" ? key : `${path}.${key}`) : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Go's encoding/json writes a struct field without `omitempty` as `{}` even when it holds nothing
 * (the operator's `spec.strategy`, a Service's `status.loadBalancer`); to the API server that is
 * the same as leaving the field out, so it compares equal to an absent field.
 */
function isEmptyStruct(v: unknown): boolean {
  return isRecord(v) && Object.values(v).every(isEmptyStruct);
}

function diffValues(object: string, path: string, a: unknown, b: unknown, out: Difference[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValues(object, child(path, i), a[i], b[i], out);
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if ((a[k] === undefined && isEmptyStruct(b[k])) || (b[k] === undefined && isEmptyStruct(a[k]))) continue;
      diffValues(object, child(path, k), a[k], b[k], out);
    }
    return;
  }
  if (a === b) return;
  out.push({ object, path, vmcpGen: a, operator: b });
}

/**
 * config.yaml is compared as data, not text: the two sides format YAML differently (documented
 * with the checksum difference), so each ConfigMap's `config.yaml` is parsed before the walk.
 */
export function parseConfigYaml(o: KubeObject): KubeObject {
  const data = o.data as Record<string, unknown> | undefined;
  if (o.kind !== "ConfigMap" || typeof data?.["config.yaml"] !== "string") return o;
  return { ...o, data: { ...data, "config.yaml": parse(data["config.yaml"] as string) as Json } };
}

/** Every difference between two object sets, matched by kind, namespace and name. */
export function diffObjectSets(vmcpGen: readonly KubeObject[], operator: readonly KubeObject[]): Difference[] {
  const left = new Map(vmcpGen.map((o) => [objectKey(o), parseConfigYaml(o)]));
  const right = new Map(operator.map((o) => [objectKey(o), parseConfigYaml(o)]));
  const out: Difference[] = [];
  for (const key of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    const a = left.get(key);
    const b = right.get(key);
    if (a === undefined || b === undefined)
      out.push({
        object: key,
        path: "",
        vmcpGen: a === undefined ? undefined : "(object)",
        operator: b === undefined ? undefined : "(object)",
      });
    else diffValues(key, "", a, b, out);
  }
  return out;
}
