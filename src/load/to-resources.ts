import { createError, formatResourceId } from "../diagnostics/create.js";
import type { Diagnostic, FieldPath, SourceRef } from "../diagnostics/types.js";
import { holdsSecret, isSecretKind } from "../kube/sensitive-values.js";
import { isClusterScoped, splitApiVersion } from "./kube-scope.js";
import type { Resource } from "./types.js";

const TOOLHIVE_GROUP = "toolhive.stacklok.dev";

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  if (v === null) return "null";
  if (typeof v === "object") return "a mapping";
  return `a ${typeof v}`;
}

/** Keeps a Secret's identity and key names; its values never enter the pipeline. */
function redactSecret(
  obj: Record<string, unknown>,
  meta: Record<string, unknown>,
): { body: Record<string, unknown>; keys: string[] } {
  const keys = new Set<string>();
  for (const field of ["data", "stringData"]) {
    const m = obj[field];
    if (isPlainObject(m)) for (const k of Object.keys(m)) keys.add(k);
  }
  const body: Record<string, unknown> = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata: { name: meta.name, namespace: meta.namespace },
  };
  if (typeof obj.type === "string") body.type = obj.type;
  return { body, keys: [...keys].sort() };
}

/**
 * Turns one parsed document into resources: checks the identifying fields, expands lists, fills
 * the namespace, and redacts Secrets.
 */
export function toResources(
  value: unknown,
  source: SourceRef,
  defaultNamespace: string,
  diagnostics: Diagnostic[],
): Resource[] {
  if (!isPlainObject(value)) {
    diagnostics.push(
      createError("VMCP106", `document is ${describe(value)}, not a Kubernetes object`, {
        source,
        hint: Array.isArray(value)
          ? "wrap several objects in `apiVersion: v1`, `kind: List`, `items: [...]`, or separate them with `---`"
          : "each YAML document must be a mapping with apiVersion, kind and metadata",
      }),
    );
    return [];
  }
  return expandList(value, source, [], defaultNamespace, diagnostics);
}

/** Where item `i` of the list at `at` (indices of the enclosing lists) came from. */
function itemSource(source: SourceRef, at: readonly number[], i: number): SourceRef {
  const [first, ...rest] = [...at, i];
  return rest.length === 0 ? { ...source, item: first } : { ...source, item: first, subItems: rest };
}

/**
 * kubectl reads any object with an `items` field as a list, whatever its kind and apiVersion
 * (`List`, `v1 SecretList`, `meta/v1 List`; apimachinery's unstructured decoder), and gives items
 * that carry neither kind nor apiVersion the list's kind without `List` (a SecretList's items are
 * Secrets). Lists inside lists are expanded too, so every Secret is found wherever it is nested.
 */
function expandList(
  value: Record<string, unknown>,
  source: SourceRef,
  at: readonly number[],
  defaultNamespace: string,
  diagnostics: Diagnostic[],
): Resource[] {
  const here = at.length === 0 ? source : itemSource(source, at.slice(0, -1), at.at(-1)!);
  if (!("items" in value) || value.items === undefined) return toResource(value, here, defaultNamespace, diagnostics);
  if (value.items === null) return [];
  if (!Array.isArray(value.items)) {
    diagnostics.push(
      createError(
        "VMCP106",
        `items is ${describe(value.items)}, not a list: an object with items is a list (as kubectl reads it)`,
        {
          source: here,
          path: ["items"],
          hint: "write items as a list (`- apiVersion: …` entries), or remove the field",
        },
      ),
    );
    return [];
  }
  const itemKind =
    typeof value.kind === "string" && value.kind.endsWith("List") ? value.kind.slice(0, -"List".length) : "";
  const out: Resource[] = [];
  value.items.forEach((item, i) => {
    if (!isPlainObject(item)) {
      out.push(...toResource(item, itemSource(source, at, i), defaultNamespace, diagnostics));
      return;
    }
    const typed =
      item.kind === undefined &&
      item.apiVersion === undefined &&
      itemKind !== "" &&
      typeof value.apiVersion === "string"
        ? { apiVersion: value.apiVersion, kind: itemKind, ...item }
        : item;
    out.push(...expandList(typed, source, [...at, i], defaultNamespace, diagnostics));
  });
  return out;
}

function toResource(
  value: unknown,
  source: SourceRef,
  defaultNamespace: string,
  diagnostics: Diagnostic[],
): Resource[] {
  const fail = (
    code: "VMCP106" | "VMCP107" | "VMCP108" | "VMCP109" | "VMCP113",
    message: string,
    path: FieldPath,
    hint: string,
  ) => {
    diagnostics.push(createError(code, message, { source, path, hint }));
    return [];
  };
  if (!isPlainObject(value))
    return fail(
      "VMCP106",
      `list item is ${describe(value)}, not a Kubernetes object`,
      [],
      "each item of a List must be a mapping with apiVersion, kind and metadata",
    );
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== "string" || apiVersion === "") {
    return fail(
      "VMCP107",
      apiVersion === undefined ? "missing apiVersion" : "apiVersion must be a non-empty string",
      ["apiVersion"],
      "add `apiVersion:`, e.g. `toolhive.stacklok.dev/v1beta1` for ToolHive kinds",
    );
  }
  if (typeof kind !== "string" || kind === "") {
    return fail(
      "VMCP108",
      kind === undefined ? "missing kind" : "kind must be a non-empty string",
      ["kind"],
      "add `kind:`, e.g. `VirtualMCPServer`",
    );
  }
  const meta = value.metadata;
  if (!isPlainObject(meta)) {
    return fail(
      "VMCP109",
      meta === undefined ? "missing metadata.name" : "metadata must be a mapping",
      ["metadata"],
      "add `metadata:` with a `name:`",
    );
  }
  if (typeof meta.name !== "string" || meta.name === "") {
    return fail(
      "VMCP109",
      meta.name === undefined ? "missing metadata.name" : "metadata.name must be a non-empty string",
      ["metadata", "name"],
      "give the object a name under `metadata.name`",
    );
  }
  if (meta.namespace !== undefined && (typeof meta.namespace !== "string" || meta.namespace === "")) {
    return fail(
      "VMCP113",
      "metadata.namespace must be a non-empty string",
      ["metadata", "namespace"],
      "set a namespace name, or remove the field and use -n",
    );
  }
  checkStringMaps(meta, source, diagnostics);
  const { group, version } = splitApiVersion(apiVersion);
  const namespace = isClusterScoped(kind) ? "" : (meta.namespace ?? defaultNamespace);
  const base = {
    apiVersion,
    group,
    version,
    kind,
    name: meta.name,
    namespace,
    source,
    ...(namespace !== "" && meta.namespace === undefined ? { namespaceDefaulted: true as const } : {}),
  };
  // Any apiVersion: a `kind: Secret` of another group is not echoed either.
  if (isSecretKind(kind)) {
    const { body, keys } = redactSecret(value, { ...meta, namespace });
    return [{ ...base, body, secretKeys: keys }];
  }
  // An object that embeds a Secret (a template, a bundle of manifests) keeps only its identity,
  // unless vmcp-gen must read it (a ToolHive kind; its lines are still never shown).
  if (group !== TOOLHIVE_GROUP && holdsSecret(value)) {
    const body: Record<string, unknown> = {
      apiVersion,
      kind,
      metadata: { name: meta.name, ...(namespace !== "" ? { namespace } : {}) },
    };
    return [{ ...base, body, embedsSecret: true }];
  }
  const body =
    namespace === meta.namespace || namespace === "" ? value : { ...value, metadata: { ...meta, namespace } };
  return [{ ...base, body }];
}

/**
 * `metadata.labels` and `metadata.annotations` are maps of strings; the API server refuses
 * anything else, and a number or mapping there would otherwise be stringified into config.yaml.
 */
function checkStringMaps(meta: Record<string, unknown>, source: SourceRef, diagnostics: Diagnostic[]): void {
  for (const field of ["labels", "annotations"]) {
    const map = meta[field];
    if (map === undefined || map === null) continue;
    if (!isPlainObject(map)) {
      diagnostics.push(
        createError("VMCP113", `metadata.${field} must be a mapping of strings, not ${describe(map)}`, {
          source,
          path: ["metadata", field],
          hint: `write metadata.${field} as \`key: "value"\` lines`,
        }),
      );
      continue;
    }
    for (const [key, value] of Object.entries(map)) {
      if (typeof value === "string") continue;
      diagnostics.push(
        createError(
          "VMCP113",
          `metadata.${field}.${key} must be a string, not ${isPlainObject(value) ? "a mapping" : describe(value)}`,
          { source, path: ["metadata", field, key], hint: "quote the value; label and annotation values are strings" },
        ),
      );
    }
  }
}

/** Same kind, namespace and name twice (across API versions too): the later one is reported and dropped. */
export function dropDuplicates(
  resources: readonly Resource[],
  diagnostics: Diagnostic[],
  where: (r: Resource) => string,
): Resource[] {
  const first = new Map<string, Resource>();
  const out: Resource[] = [];
  for (const r of resources) {
    const key = `${r.group}\u0000${r.kind}\u0000${r.namespace}\u0000${r.name}`;
    const prev = first.get(key);
    if (prev) {
      const id = { kind: r.kind, namespace: r.namespace, name: r.name };
      diagnostics.push(
        createError("VMCP110", `${formatResourceId(id)} is defined twice`, {
          source: r.source,
          resource: id,
          path: ["metadata", "name"],
          hint: `it is first defined at ${where(prev)}; remove one of the two, or rename it`,
        }),
      );
      continue;
    }
    first.set(key, r);
    out.push(r);
  }
  return out;
}
