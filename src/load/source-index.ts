import type { Document, LineCounter, Node } from "yaml";
import type { FieldPath, SourceRef } from "../diagnostics/types.js";
import {
  isCredentialKey,
  isCredentialText,
  isHeaderContainerKey,
  mayHoldCredential,
  mentionsSecretKind,
} from "../kube/sensitive-values.js";
import { plainScalarType } from "./kubectl-scalars.js";
import type { DocumentChunk } from "./split-documents.js";
import { yamlPackage as yaml } from "./yaml-package.js";

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

interface IndexedFile {
  readonly text: string;
  readonly chunks: readonly DocumentChunk[];
  /** For each document index of the file: its chunk and its index inside that chunk. */
  readonly documents: readonly { chunk: number; indexInChunk: number }[];
  /** Chunks whose parsed documents hold a Secret somewhere (found by the loader on the values). */
  readonly secretChunks: ReadonlySet<number>;
  lines?: string[];
  /** Per chunk: `true` when no line may be shown, else the 1-based file lines that may not. */
  hidden?: Map<number, true | Set<number>>;
}

interface ParsedChunk {
  readonly docs: Document.Parsed[];
  readonly counter: LineCounter;
}

/**
 * Turns (file, document, field path) into a line and column. Positions are only needed for
 * diagnostics, so a chunk is parsed with `yaml` (which keeps node ranges) the first time one of
 * its positions is asked for, never on the hot path.
 */
export class SourceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly parsed = new Map<string, ParsedChunk | null>();

  addFile(
    path: string,
    text: string,
    chunks: readonly DocumentChunk[],
    documents: readonly { chunk: number; indexInChunk: number }[],
    secretChunks: ReadonlySet<number> = new Set(),
  ): void {
    this.files.set(path, { text, chunks, documents, secretChunks });
  }

  /** The text of a 1-based line, for excerpts. */
  lineText(file: string, line: number): string | undefined {
    const f = this.files.get(file);
    if (!f) return undefined;
    f.lines ??= f.text.split("\n");
    return f.lines[line - 1];
  }

  /**
   * Whether a line may be shown in a diagnostic excerpt: never a line of a document that holds a
   * Secret (in any layout: block, flow, one-line JSON, nested in lists), nor a line holding a
   * credential-like value (see kube/sensitive-values.ts). Text that does not parse is judged line by
   * line, conservatively. Decided here, where the source is known; printers only print.
   */
  mayShowLine(file: string, line: number): boolean {
    const f = this.files.get(file);
    if (!f) return true;
    let index = -1;
    f.chunks.forEach((c, i) => {
      if (c.startLine <= line - 1) index = i;
    });
    const chunk = f.chunks[index];
    if (!chunk) return true;
    f.hidden ??= new Map();
    let hidden = f.hidden.get(index);
    if (hidden === undefined) {
      hidden = this.hiddenLines(file, f, index, chunk);
      f.hidden.set(index, hidden);
    }
    return hidden !== true && !hidden.has(line);
  }

  private hiddenLines(file: string, f: IndexedFile, index: number, chunk: DocumentChunk): true | Set<number> {
    if (f.secretChunks.has(index) || mentionsSecretKind(chunk.text)) return true;
    const parsed = this.parseChunk(file, index, chunk);
    const hidden = new Set<number>();
    if (parsed?.docs.some((d) => astHoldsSecret(d.contents))) return true;
    if (!parsed || parsed.docs.some((d) => d.errors.length > 0)) {
      chunk.text.split("\n").forEach((text, i) => {
        if (mayHoldCredential(text)) hidden.add(chunk.startLine + i + 1);
      });
      return hidden;
    }
    const mark = (node: unknown, from?: unknown) => {
      const start = rangeStart(from ?? node);
      const end = (node as Node | null | undefined)?.range?.[1];
      if (start === undefined || end === undefined) return;
      const first = parsed.counter.linePos(start).line;
      const last = parsed.counter.linePos(Math.max(start, end - 1)).line;
      for (let l = first; l <= last; l++) hidden.add(chunk.startLine + l);
    };
    for (const doc of parsed.docs) markCredentials(doc, doc.contents, "other", mark);
    return hidden;
  }

  /**
   * `prefer: "value"` points at a scalar value when the whole path exists (a wrong value);
   * `"key"` always points at the mapping key (an unknown or duplicate field).
   */
  locate(ref: SourceRef, path: FieldPath = [], prefer: "key" | "value" = "key"): Position | undefined {
    const f = this.files.get(ref.file);
    const entry = f?.documents[ref.doc];
    if (!f || !entry) return undefined;
    const chunk = f.chunks[entry.chunk];
    if (!chunk) return undefined;
    const items = ref.item === undefined ? [] : [ref.item, ...(ref.subItems ?? [])];
    const fullPath = [...items.flatMap((i) => ["items", i]), ...path];
    const fallback: Position = { line: chunk.startLine + 1, column: 1 };
    const parsed = this.parseChunk(ref.file, entry.chunk, chunk);
    // The loader skips documents that are null (empty, `~`, `null`); `yaml` gives those a null scalar.
    const { isScalar } = yaml();
    const doc = parsed?.docs.filter((d) => d.contents !== null && !(isScalar(d.contents) && d.contents.value === null))[
      entry.indexInChunk
    ];
    if (!parsed || !doc) return fallback;
    const offset = findOffset(doc, fullPath, prefer);
    if (offset === undefined) return fallback;
    const pos = parsed.counter.linePos(offset);
    return { line: chunk.startLine + pos.line, column: pos.col };
  }

  /**
   * The map keys of an object that are written as plain scalars which kubectl does not read as
   * strings (`on`, `010`, `~`, `1.5`), with where they are. Parses the chunk, so call it only for
   * objects whose parsed keys look suspicious.
   */
  plainNonStringKeys(
    ref: SourceRef,
  ): { path: (string | number)[]; key: string; type: string; line: number; column: number }[] {
    const f = this.files.get(ref.file);
    const entry = f?.documents[ref.doc];
    const chunk = entry ? f?.chunks[entry.chunk] : undefined;
    if (!f || !entry || !chunk) return [];
    const parsed = this.parseChunk(ref.file, entry.chunk, chunk);
    const { isMap, isPair, isScalar, isSeq } = yaml();
    const doc = parsed?.docs.filter((d) => d.contents !== null && !(isScalar(d.contents) && d.contents.value === null))[
      entry.indexInChunk
    ];
    if (!parsed || !doc) return [];
    // Down to the list item the object is.
    let node: unknown = doc.contents;
    for (const i of ref.item === undefined ? [] : [ref.item, ...(ref.subItems ?? [])]) {
      const items = isMap(node)
        ? node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === "items")?.value
        : undefined;
      node = isSeq(items) ? items.items[i] : undefined;
    }
    const out: { path: (string | number)[]; key: string; type: string; line: number; column: number }[] = [];
    const walk = (n: unknown, path: (string | number)[]) => {
      if (isMap(n)) {
        for (const pair of n.items) {
          if (!isPair(pair)) continue;
          const key = pair.key;
          const text = isScalar(key) && key.range ? chunk.text.slice(key.range[0], key.range[1]).trim() : undefined;
          const type = text !== undefined && isScalar(key) && key.type === "PLAIN" ? plainScalarType(text) : undefined;
          if (type !== undefined && text !== undefined && key && isScalar(key) && key.range) {
            const pos = parsed.counter.linePos(key.range[0]);
            out.push({ path: [...path, text], key: text, type, line: chunk.startLine + pos.line, column: pos.col });
          }
          walk(pair.value, [...path, text ?? "?"]);
        }
      } else if (isSeq(n)) n.items.forEach((item, i) => walk(item, [...path, i]));
    };
    walk(node, []);
    return out;
  }

  private parseChunk(file: string, index: number, chunk: DocumentChunk): ParsedChunk | undefined {
    const key = `${file}\u0000${index}`;
    if (!this.parsed.has(key)) {
      try {
        const { LineCounter: Counter, parseAllDocuments } = yaml();
        const counter = new Counter();
        const docs = parseAllDocuments(chunk.text, { lineCounter: counter, uniqueKeys: false });
        this.parsed.set(key, Array.isArray(docs) ? { docs, counter } : null);
      } catch {
        this.parsed.set(key, null);
      }
    }
    return this.parsed.get(key) ?? undefined;
  }
}

/**
 * The offset of the deepest node on the path that exists: the key of a mapping entry (so unknown
 * and missing fields point at their parent's key), or a sequence item.
 */
function findOffset(doc: Document.Parsed, path: FieldPath, prefer: "key" | "value"): number | undefined {
  let node: unknown = doc.contents;
  let best = rangeStart(node);
  let matched = 0;
  const { isMap, isPair, isScalar, isSeq } = yaml();
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      best = rangeStart(pair.key) ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg];
      if (item === undefined) break;
      best = rangeStart(item) ?? best;
      node = item;
    } else {
      break;
    }
    matched++;
  }
  if (prefer === "value" && matched === path.length && path.length > 0 && isScalar(node))
    return rangeStart(node) ?? best;
  return best;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** A `kind: Secret` or `kind: SecretList` anywhere in a parsed document, however its scalars are quoted or escaped. */
function astHoldsSecret(root: unknown): boolean {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        if (
          isScalar(pair.key) &&
          pair.key.value === "kind" &&
          isScalar(pair.value) &&
          typeof pair.value.value === "string" &&
          /^secret(?:list)?$/i.test(pair.value.value)
        )
          return true;
        stack.push(pair.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
  }
  return false;
}

type Mark = (node: unknown, from?: unknown) => void;

/** Where a node sits: the value of a `…headers` key (header name → value), an item of a list under one, or elsewhere. */
type Place = "header-map" | "header-list" | "other";

/** Marks every credential-like value under `node` (the rule of kube/sensitive-values.ts), with the line of its key. */
function markCredentials(doc: Document.Parsed, node: unknown, place: Place, mark: Mark): void {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml();
  const markValue = (pair: { key: unknown; value: unknown }) => {
    mark(pair.value, pair.key);
    // An alias shows nothing itself; its anchor holds the value.
    if (isAlias(pair.value)) mark(pair.value.resolve(doc));
  };
  if (isMap(node)) {
    const nameNode = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === "name");
    const name = nameNode && isScalar(nameNode.value) ? String(nameNode.value.value) : undefined;
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const value = pair.value;
      const scalar = isScalar(value) || isAlias(value);
      if (place === "header-map") markValue(pair);
      else if (key === "value" && (place === "header-list" || (name !== undefined && isCredentialKey(name))))
        markValue(pair);
      else if (scalar && isCredentialKey(key)) markValue(pair);
      else if (isScalar(value) && typeof value.value === "string" && isCredentialText(value.value)) markValue(pair);
      else if (isSeq(value) && isCredentialKey(key) && value.items.every((i) => isScalar(i) || isAlias(i)))
        markValue(pair);
      else if (isHeaderContainerKey(key))
        markCredentials(doc, value, isSeq(value) ? "header-list" : "header-map", mark);
      else markCredentials(doc, value, "other", mark);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (isScalar(item) && typeof item.value === "string" && isCredentialText(item.value)) mark(item);
      else markCredentials(doc, item, place === "header-list" ? "header-list" : "other", mark);
    }
  }
}
