import type { Document, LineCounter, Node } from "yaml";
import type { FieldPath, SourceRef } from "../diagnostics/types.js";
import type { DocumentChunk } from "./split-documents.js";
import { yamlPackage as yaml } from "./yaml-package.js";

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

const SECRET_KIND = /^[ \t-]*kind:[ \t]*["']?Secret["']?[ \t]*(?:#.*)?$/m;

interface IndexedFile {
  readonly text: string;
  readonly chunks: readonly DocumentChunk[];
  /** For each document index of the file: its chunk and its index inside that chunk. */
  readonly documents: readonly { chunk: number; indexInChunk: number }[];
  lines?: string[];
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

  addFile(path: string, text: string, chunks: readonly DocumentChunk[], documents: readonly { chunk: number; indexInChunk: number }[]): void {
    this.files.set(path, { text, chunks, documents });
  }

  /** The text of a 1-based line, for excerpts. */
  lineText(file: string, line: number): string | undefined {
    const f = this.files.get(file);
    if (!f) return undefined;
    f.lines ??= f.text.split("\n");
    return f.lines[line - 1];
  }

  /**
   * Whether a line lies in a document that declares `kind: Secret` (or in a List holding one):
   * such lines may hold secret values and are never shown, even when the document does not parse.
   */
  inSecretDocument(file: string, line: number): boolean {
    const f = this.files.get(file);
    if (!f) return false;
    let chunk: DocumentChunk | undefined;
    for (const c of f.chunks) if (c.startLine <= line - 1) chunk = c;
    return chunk !== undefined && SECRET_KIND.test(chunk.text);
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
    const fullPath = ref.item === undefined ? path : ["items", ref.item, ...path];
    const fallback: Position = { line: chunk.startLine + 1, column: 1 };
    const parsed = this.parseChunk(ref.file, entry.chunk, chunk);
    // The loader skips documents that are null (empty, `~`, `null`); `yaml` gives those a null scalar.
    const { isScalar } = yaml();
    const doc = parsed?.docs.filter((d) => d.contents !== null && !(isScalar(d.contents) && d.contents.value === null))[entry.indexInChunk];
    if (!parsed || !doc) return fallback;
    const offset = findOffset(doc, fullPath, prefer);
    if (offset === undefined) return fallback;
    const pos = parsed.counter.linePos(offset);
    return { line: chunk.startLine + pos.line, column: pos.col };
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
  if (prefer === "value" && matched === path.length && path.length > 0 && isScalar(node)) return rangeStart(node) ?? best;
  return best;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
