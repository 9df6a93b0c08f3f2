/** The ConfigMaps and Secrets a pod needs from its namespace, by name (Secrets with the keys it reads). */
export interface PodReferences {
  readonly configMaps: ReadonlySet<string>;
  /** Secret name → keys read (empty for a whole Secret: a volume without items, `envFrom`, an image pull secret). */
  readonly secrets: ReadonlyMap<string, ReadonlySet<string>>;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * What a pod spec refers to: volumes (projected sources included), `env[].valueFrom` and `envFrom`
 * of every container, and image pull secrets. The pod does not start while one of them is missing.
 */
export function podReferences(podSpec: unknown): PodReferences {
  const configMaps = new Set<string>();
  const secrets = new Map<string, Set<string>>();
  const secret = (name: string | undefined, key?: unknown) => {
    if (name === undefined) return;
    const keys = secrets.get(name) ?? new Set<string>();
    if (typeof key === "string" && key !== "") keys.add(key);
    secrets.set(name, keys);
  };
  if (!isObj(podSpec)) return { configMaps, secrets };
  const fromVolumeSource = (source: Obj) => {
    if (isObj(source.configMap)) {
      const name = str(source.configMap.name);
      if (name !== undefined) configMaps.add(name);
    }
    if (isObj(source.secret)) {
      const name = str(source.secret.secretName ?? source.secret.name);
      const items = list(source.secret.items);
      if (items.length === 0) secret(name);
      for (const item of items) secret(name, item.key);
    }
  };
  for (const volume of list(podSpec.volumes)) {
    fromVolumeSource(volume);
    if (isObj(volume.projected)) for (const source of list(volume.projected.sources)) fromVolumeSource(source);
  }
  for (const container of [...list(podSpec.initContainers), ...list(podSpec.containers)]) {
    for (const env of list(container.env)) {
      const from = isObj(env.valueFrom) ? env.valueFrom : {};
      if (isObj(from.configMapKeyRef)) {
        const name = str(from.configMapKeyRef.name);
        if (name !== undefined) configMaps.add(name);
      }
      if (isObj(from.secretKeyRef)) secret(str(from.secretKeyRef.name), from.secretKeyRef.key);
    }
    for (const source of list(container.envFrom)) {
      if (isObj(source.configMapRef)) {
        const name = str(source.configMapRef.name);
        if (name !== undefined) configMaps.add(name);
      }
      if (isObj(source.secretRef)) secret(str(source.secretRef.name));
    }
  }
  for (const pull of list(podSpec.imagePullSecrets)) secret(str(pull.name));
  return { configMaps, secrets };
}

/** The pod spec of a Deployment-like object (`spec.template.spec`), if it has one. */
export function podSpecOf(object: { readonly [k: string]: unknown }): unknown {
  const spec = object.spec;
  const template = isObj(spec) ? spec.template : undefined;
  return isObj(template) ? template.spec : undefined;
}
