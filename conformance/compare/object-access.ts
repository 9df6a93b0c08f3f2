import type { KubeObject } from "./oracle-types.js";

/** Accessors over one side's rendered objects, named by the operator's naming conventions. */

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export interface VmcpRef {
  readonly namespace: string;
  readonly name: string;
  readonly spec: Obj;
}

/** The VirtualMCPServers among the admitted inputs. */
export function inputVmcps(inputs: ReadonlyMap<string, KubeObject>): VmcpRef[] {
  return [...inputs.values()]
    .filter((o) => o.kind === "VirtualMCPServer")
    .map((o) => ({ namespace: o.metadata.namespace ?? "default", name: o.metadata.name, spec: (o.spec ?? {}) as Obj }));
}

export function inputSpec(
  inputs: ReadonlyMap<string, KubeObject>,
  kind: string,
  namespace: string,
  name: string,
): Obj | undefined {
  const o = inputs.get(`${kind}/${namespace}/${name}`);
  return o === undefined ? undefined : ((o.spec ?? {}) as Obj);
}

export const isInline = (v: VmcpRef) => (v.spec.outgoingAuth as Obj | undefined)?.source === "inline";

export function find(
  objects: readonly KubeObject[],
  kind: string,
  namespace: string,
  name: string,
): KubeObject | undefined {
  return objects.find((o) => o.kind === kind && (o.metadata.namespace ?? "") === namespace && o.metadata.name === name);
}

export function without(objects: KubeObject[], kind: string, namespace: string, name: string): KubeObject[] {
  return objects.filter(
    (o) => !(o.kind === kind && (o.metadata.namespace ?? "") === namespace && o.metadata.name === name),
  );
}

/** The parsed config.yaml of a VirtualMCPServer (compare parses it before normalising). */
export function configOf(objects: readonly KubeObject[], v: VmcpRef): Obj | undefined {
  const data = find(objects, "ConfigMap", v.namespace, `${v.name}-vmcp-config`)?.data as Obj | undefined;
  const config = data?.["config.yaml"];
  return isObj(config) ? config : undefined;
}

export function podSpecOf(objects: readonly KubeObject[], v: VmcpRef): Obj | undefined {
  const spec = find(objects, "Deployment", v.namespace, v.name)?.spec as Obj | undefined;
  const template = spec?.template as Obj | undefined;
  return template?.spec as Obj | undefined;
}

export function vmcpContainerOf(objects: readonly KubeObject[], v: VmcpRef): Obj | undefined {
  const containers = podSpecOf(objects, v)?.containers;
  return Array.isArray(containers)
    ? (containers.find((c) => isObj(c) && c.name === "vmcp") as Obj | undefined)
    : undefined;
}

export function backendsOf(config: Obj | undefined): Obj[] {
  const backends = config?.backends;
  return Array.isArray(backends) ? backends.filter(isObj) : [];
}

/** Removes list items matching `drop` in place; deletes the list when it becomes empty. */
export function dropItems(owner: Obj | undefined, key: string, drop: (item: Obj) => boolean): void {
  const list = owner?.[key];
  if (!owner || !Array.isArray(list)) return;
  const kept = list.filter((item) => !(isObj(item) && drop(item)));
  if (kept.length === 0) delete owner[key];
  else owner[key] = kept;
}

/** Every string a strategy holds under a key ending in `Env`: the env variables it needs. */
export function envNamesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(envNamesIn);
  if (!isObj(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => (k.endsWith("Env") && typeof v === "string" ? [v] : envNamesIn(v)));
}
