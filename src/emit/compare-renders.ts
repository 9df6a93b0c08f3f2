import { escapeForTerminal } from "../diagnostics/escape-terminal.js";
import type { PreviousObject } from "../load/read-previous-render.js";
import type { ManifestObject } from "../render/types.js";
import { serializeYaml, type JsonValue } from "../yaml/serialize-yaml.js";
import { unifiedDiff } from "./unified-diff.js";

/** `apiVersion/kind/namespace/name`: how `diff` matches an object with its previous version. */
function objectKey(o: { readonly apiVersion?: unknown; readonly kind?: unknown; readonly metadata?: unknown }): string {
  const meta = (o.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  return [o.apiVersion, o.kind, meta.namespace ?? "", meta.name].map(String).join("/");
}

/** `apps/v1 Deployment team-a/demo`, the way the report names an object. */
function describeObject(o: {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: unknown;
}): string {
  const meta = (o.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  const name = meta.namespace ? `${String(meta.namespace)}/${String(meta.name)}` : String(meta.name);
  return `${String(o.apiVersion)} ${String(o.kind)} ${name}`;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Key order does not make two objects different: the API server does not keep it either. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isMapping(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/**
 * The previous object with its mapping keys in the order the new one uses (keys it alone has come
 * last), so a diff shows changed values, never a reordering by another formatter.
 */
function alignKeys(previous: unknown, next: unknown): unknown {
  if (Array.isArray(previous))
    return previous.map((item, i) => alignKeys(item, Array.isArray(next) ? next[i] : undefined));
  if (!isMapping(previous)) return previous;
  const order = isMapping(next) ? Object.keys(next).filter((k) => k in previous) : [];
  const rest = Object.keys(previous).filter((k) => !order.includes(k));
  return Object.fromEntries(
    [...order, ...rest].map((k) => [k, alignKeys(previous[k], isMapping(next) ? next[k] : undefined)]),
  );
}

/** An object as `diff --format json` names it. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

function refOf(o: { readonly apiVersion?: unknown; readonly kind?: unknown; readonly metadata?: unknown }): ObjectRef {
  const meta = (o.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  return {
    apiVersion: String(o.apiVersion),
    kind: String(o.kind),
    ...(meta.namespace ? { namespace: String(meta.namespace) } : {}),
    name: String(meta.name),
  };
}

export interface RenderComparison {
  readonly changed: readonly {
    readonly name: string;
    readonly ref: ObjectRef;
    readonly file: string;
    readonly diff: string;
    readonly plainDiff: string;
  }[];
  readonly added: readonly string[];
  readonly addedRefs: readonly ObjectRef[];
  readonly removed: readonly { readonly name: string; readonly ref: ObjectRef; readonly file: string }[];
}

/** Matches rendered objects with a previous render's, and diffs each pair that differs. */
export function compareRenders(
  previous: readonly PreviousObject[],
  rendered: readonly ManifestObject[],
  options: { readonly color: boolean },
): RenderComparison {
  const before = new Map(previous.map((p) => [objectKey(p.object), p]));
  const changed: { name: string; ref: ObjectRef; file: string; diff: string; plainDiff: string }[] = [];
  const added: string[] = [];
  const addedRefs: ObjectRef[] = [];
  for (const object of rendered) {
    const key = objectKey(object);
    const prev = before.get(key);
    before.delete(key);
    if (!prev) {
      added.push(describeObject(object));
      addedRefs.push(refOf(object));
      continue;
    }
    if (canonical(prev.object) === canonical(object)) continue;
    const name = describeObject(object);
    const from = serializeYaml(alignKeys(prev.object, object) as JsonValue);
    const to = serializeYaml(object as unknown as JsonValue);
    const names = { fromName: `${name} (${escapeForTerminal(prev.file)})`, toName: `${name} (rendered)` };
    const plainDiff = unifiedDiff(from, to, { ...names, color: false });
    const diff = options.color ? unifiedDiff(from, to, { ...names, color: true }) : plainDiff;
    changed.push({ name, ref: refOf(object), file: prev.file, diff, plainDiff });
  }
  const removed = [...before.values()].map((p) => ({
    name: describeObject(p.object),
    ref: refOf(p.object),
    file: p.file,
  }));
  return { changed, added, addedRefs, removed };
}

const paint = {
  green: (s: string) => `\u001b[32m${s}\u001b[39m`,
  red: (s: string) => `\u001b[31m${s}\u001b[39m`,
};

/** `2 changed, 1 added, 0 removed`. */
export function summarizeComparison(c: RenderComparison): string {
  return `${c.changed.length} changed, ${c.added.length} added, ${c.removed.length} removed`;
}

/**
 * `diff --format json`: one document for scripts, `{changed, added, removed, summary}`; a changed
 * object carries its unified diff without colour, a changed or removed one the file it was read from.
 */
export function formatComparisonJson(c: RenderComparison): string {
  const report = {
    changed: c.changed.map((ch) => ({ ...ch.ref, file: ch.file, diff: ch.plainDiff })),
    added: c.addedRefs,
    removed: c.removed.map((r) => ({ ...r.ref, file: r.file })),
    summary: { changed: c.changed.length, added: c.added.length, removed: c.removed.length },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The `diff` report: a unified diff per changed object, the added and removed objects, the summary line. */
export function formatComparison(c: RenderComparison, options: { readonly color: boolean }): string {
  const p = options.color ? paint : { green: (s: string) => s, red: (s: string) => s };
  const parts: string[] = c.changed.map((ch) => ch.diff);
  // Names and file names of a previous render are arbitrary text: escaped for the terminal.
  const listed = [
    ...c.added.map((a) => p.green(`added:   ${escapeForTerminal(a)}`)),
    ...c.removed.map((r) => p.red(`removed: ${escapeForTerminal(r.name)} (${escapeForTerminal(r.file)})`)),
  ];
  if (listed.length > 0) parts.push(`${listed.join("\n")}\n`);
  parts.push(`${summarizeComparison(c)}\n`);
  return parts.join("");
}
