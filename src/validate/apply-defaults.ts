/** The subset of a structural JSON Schema that defaulting reads. */
export interface DefaultingSchema {
  readonly type?: string | readonly string[];
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, DefaultingSchema>>;
  readonly items?: DefaultingSchema;
  readonly additionalProperties?: boolean | DefaultingSchema;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function allowsNull(schema: DefaultingSchema): boolean {
  return Array.isArray(schema.type) && schema.type.includes("null");
}

/**
 * Applies the schema's `default` values the way the API server does on decode: a missing field
 * gets its default only when its parent object exists, a defaulted value is itself defaulted, and
 * an explicit `null` on a non-nullable field is replaced by the default. Returns the input itself
 * when nothing changed; never mutates it (documents may share nodes through YAML aliases).
 */
export function applyDefaults<T>(value: T, schema: DefaultingSchema): T {
  return defaultNode(value, schema) as T;
}

function defaultNode(value: unknown, schema: DefaultingSchema): unknown {
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!items) return value;
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = defaultNode(item, items);
      if (next !== item) (out ??= [...value])[i] = next;
    });
    return out ?? value;
  }
  if (!isPlainObject(value)) return value;
  let out: Record<string, unknown> | undefined;
  const set = (key: string, v: unknown) => {
    (out ??= { ...value })[key] = v;
  };
  const props = schema.properties ?? {};
  for (const [key, sub] of Object.entries(props)) {
    const current = value[key];
    if ((current === undefined || (current === null && !allowsNull(sub))) && sub.default !== undefined) {
      set(key, defaultNode(structuredClone(sub.default), sub));
    } else if (current !== undefined && current !== null) {
      const next = defaultNode(current, sub);
      if (next !== current) set(key, next);
    }
  }
  const extra = schema.additionalProperties;
  if (typeof extra === "object") {
    for (const [key, current] of Object.entries(value)) {
      if (key in props) continue;
      const next = defaultNode(current, extra);
      if (next !== current) set(key, next);
    }
  }
  return out ?? value;
}
