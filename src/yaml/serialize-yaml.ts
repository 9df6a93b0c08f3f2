/**
 * A small, fast, deterministic YAML emitter for plain JSON data.
 *
 * Why not `yaml`'s `stringify`: it is slow for thousands of objects, and in its default YAML 1.2 mode it leaves
 * `on`, `yes`, `no`, `y` and `12:30` unquoted, which Go tooling (Argo CD, kpt, kustomize, kubectl) reads as
 * booleans or sexagesimal numbers (gitops-ecosystem.md §4.2, §5.5). This emitter writes text that YAML 1.1 and
 * YAML 1.2 readers both resolve to the same JSON value.
 *
 * Layout:
 * - Block style everywhere; flow style only for the empty collections `{}` and `[]`.
 * - 2-space indentation. Sequences are NOT indented under their mapping key (`key:\n- a`), which is what
 *   `kustomize build` and `kubectl get -o yaml` emit, so our output diffs cleanly against theirs.
 * - A mapping inside a sequence starts on the dash line (`- name: x\n  value: y`); a sequence inside a sequence
 *   too (`- - a`).
 * - Keys keep insertion order; callers sort.
 * - No anchors or aliases: a value reached twice is written twice. A cycle throws a TypeError.
 * - No line folding and no width limit.
 * - Strings: see yaml-scalars.ts. Numbers are written with `String(n)`; an exponent without a fraction
 *   gets `.0` (`1.0e+21`), because the YAML 1.1 float pattern requires a `.` and PyYAML-style readers
 *   would otherwise read a string. `NaN` and `±Infinity` throw a TypeError.
 */
import { inlineString, writeStringScalar } from "./yaml-scalars.js";

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [k: string]: JsonValue };

/**
 * Implicit keys must end within 1024 characters (YAML spec, libyaml, `yaml`); longer keys are written in the
 * explicit `? key` form. The margin absorbs counting differences (code units vs code points).
 */
const MAX_IMPLICIT_KEY = 1000;

let parts: string[] = [];
const onPath = new Set<object>();
const pads: string[] = [""];

function pad(n: number): string {
  let p = pads[n];
  if (p === undefined) {
    for (let i = pads.length; i <= n; i++) pads[i] = " ".repeat(i);
    p = pads[n] as string;
  }
  return p;
}

/** Thrown inside the walk; carries the path so the public TypeError can say where the bad value is. */
class PathError extends Error {
  readonly path: (string | number)[] = [];
}

function fail(message: string): never {
  throw new PathError(message);
}

function numberScalar(n: number): string {
  if (!Number.isFinite(n)) fail(`cannot serialise the non-finite number ${String(n)} as YAML`);
  const s = String(n);
  const e = s.indexOf("e");
  return e === -1 || s.lastIndexOf(".", e) !== -1 ? s : s.slice(0, e) + ".0" + s.slice(e);
}

function checkObject(v: object): void {
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    fail(
      `cannot serialise a ${(v as { constructor?: { name?: string } }).constructor?.name ?? "non-plain"} object as YAML`,
    );
  }
  if (onPath.has(v)) fail("cannot serialise a cyclic structure as YAML");
}

function badType(v: unknown): never {
  fail(`cannot serialise a value of type ${typeof v} as YAML`);
}

/** Writes a scalar after its key or dash (the key or dash at column `col`); false when `v` is a collection. */
function writeScalar(v: JsonValue, col: number): boolean {
  switch (typeof v) {
    case "string":
      writeStringScalar(parts, v, col);
      return true;
    case "number":
      parts.push(" " + numberScalar(v) + "\n");
      return true;
    case "boolean":
      parts.push(v ? " true\n" : " false\n");
      return true;
    case "object":
      if (v !== null) return false;
      parts.push(" null\n");
      return true;
    default:
      badType(v);
  }
}

/**
 * Writes a non-empty collection after `sep` (a newline under a key, a space after a dash): a
 * sequence with its dashes at `seqCol`, a mapping with its keys at `mapCol`; `inline` continues the
 * current line with the first item. Empty collections are written `[]` and `{}`.
 */
function writeCollection(v: object, sep: string, seqCol: number, mapCol: number, inline: boolean): void {
  if (Array.isArray(v)) {
    if (v.length === 0) parts.push(" []\n");
    else {
      parts.push(sep);
      writeSeq(v as readonly JsonValue[], seqCol, inline);
    }
    return;
  }
  const keys = Object.keys(v);
  if (keys.length === 0) {
    checkObject(v);
    parts.push(" {}\n");
  } else {
    parts.push(sep);
    writeMap(v as { readonly [k: string]: JsonValue }, keys, mapCol, inline);
  }
}

/**
 * Writes the value of a mapping entry after `key:` (or `:` of an explicit key), where the key starts at column
 * `col`. A non-empty sequence goes at column `seqCol`: `col` for implicit keys (indentless, kustomize style),
 * `col + 2` under an explicit `:`.
 */
function writeEntryValue(v: JsonValue, col: number, seqCol: number): void {
  if (!writeScalar(v, col)) writeCollection(v as object, "\n", seqCol, col + 2, false);
}

/** Writes a sequence entry after `-`, the dash being at column `col`. */
function writeItem(v: JsonValue, col: number): void {
  if (!writeScalar(v, col)) writeCollection(v as object, " ", col + 2, col + 2, true);
}

/** Writes mapping entries with keys at column `col`; when `inline`, the first key continues the current line. */
function writeMap(obj: { readonly [k: string]: JsonValue }, keys: string[], col: number, inline: boolean): void {
  checkObject(obj);
  onPath.add(obj);
  const p = pad(col);
  let i = 0;
  try {
    for (; i < keys.length; i++) {
      const k = keys[i] as string;
      if (i > 0 || !inline) parts.push(p);
      const ks = inlineString(k);
      const value = obj[k] as JsonValue;
      if (ks.length <= MAX_IMPLICIT_KEY) {
        parts.push(ks + ":");
        writeEntryValue(value, col, col);
      } else {
        parts.push("? " + ks + "\n" + p + ":");
        writeEntryValue(value, col, col + 2);
      }
    }
  } catch (err) {
    if (err instanceof PathError) err.path.push(keys[i] as string);
    throw err;
  }
  onPath.delete(obj);
}

/** Writes sequence entries with dashes at column `col`; when `inline`, the first dash continues the current line. */
function writeSeq(arr: readonly JsonValue[], col: number, inline: boolean): void {
  if (onPath.has(arr)) fail("cannot serialise a cyclic structure as YAML");
  onPath.add(arr);
  const p = pad(col);
  let i = 0;
  try {
    for (; i < arr.length; i++) {
      parts.push(i > 0 || !inline ? p + "-" : "-");
      writeItem(arr[i] as JsonValue, col);
    }
  } catch (err) {
    if (err instanceof PathError) err.path.push(i);
    throw err;
  }
  onPath.delete(arr);
}

function writeDocument(v: JsonValue): void {
  switch (typeof v) {
    case "string":
      writeStringScalar(parts, v, -1);
      return;
    case "number":
      parts.push(numberScalar(v) + "\n");
      return;
    case "boolean":
      parts.push(v ? "true\n" : "false\n");
      return;
    case "object":
      if (v === null) parts.push("null\n");
      else if (Array.isArray(v)) {
        if (v.length === 0) parts.push("[]\n");
        else writeSeq(v as readonly JsonValue[], 0, false);
      } else {
        const keys = Object.keys(v);
        if (keys.length === 0) {
          checkObject(v);
          parts.push("{}\n");
        } else writeMap(v as { readonly [k: string]: JsonValue }, keys, 0, false);
      }
      return;
    default:
      badType(v);
  }
}

/** Runs `emit` against a fresh buffer and joins it; a bad value becomes a TypeError naming its path. */
function render(emit: () => void, docIndex?: number): string {
  // Save and restore, so that a getter which itself serialises cannot corrupt this call's buffer.
  const savedParts = parts;
  const savedPath = onPath.size === 0 ? undefined : [...onPath];
  parts = [];
  onPath.clear();
  try {
    emit();
    return parts.join("");
  } catch (err) {
    if (err instanceof PathError) {
      if (docIndex !== undefined) err.path.push(docIndex);
      const path = err.path.reverse().map((s) => (typeof s === "number" ? `[${s}]` : `.${JSON.stringify(s)}`));
      throw new TypeError(`${err.message} (at ${path.length === 0 ? "the document root" : "$" + path.join("")})`);
    }
    throw err;
  } finally {
    parts = savedParts;
    onPath.clear();
    if (savedPath !== undefined) for (const o of savedPath) onPath.add(o);
  }
}

/**
 * Serialises one value as a YAML document: block style, 2-space indentation, sequences not indented under their
 * key, ending with `"\n"`. Mapping keys keep insertion order.
 *
 * @throws TypeError for values that are not plain JSON data (undefined, functions, bigints, symbols, class
 * instances such as `Date` or `Map`, sparse array holes), for `NaN` and `±Infinity`, and for cyclic structures.
 * The message names the path to the offending value.
 */
export function serializeYaml(value: JsonValue): string {
  return render(() => writeDocument(value));
}

/**
 * Serialises several values as a multi-document YAML stream: documents joined with `"---\n"`, no leading marker,
 * no empty documents, and the text ends with the last document's `"\n"` (a last value ending in a keep-chomped
 * `|+` block scalar carries its trailing blank lines as content). An empty list gives `""`.
 *
 * @throws TypeError as {@link serializeYaml}; the path starts with the document's index.
 */
export function serializeYamlDocuments(values: readonly JsonValue[]): string {
  // One buffer per document: joining many short arrays is markedly faster than one huge one.
  const docs: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as JsonValue;
    docs.push(render(() => writeDocument(value), i));
  }
  return docs.join("---\n");
}
