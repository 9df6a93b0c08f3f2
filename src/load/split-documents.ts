/** A stretch of a file that holds one or more YAML documents, with its first line in the file. */
export interface DocumentChunk {
  readonly text: string;
  /** 0-based line of the chunk's first line in the file. */
  readonly startLine: number;
}

const DOC_START = /^---(?:[ \t]|$)/;
const DOC_END = /^\.\.\.(?:[ \t]|$)/;

function isContentLine(line: string): boolean {
  const t = line.trim();
  return t !== "" && !t.startsWith("#") && !line.startsWith("%") && !DOC_START.test(line) && !DOC_END.test(line);
}

/**
 * Splits a multi-document file at `---` lines so that each document parses on its own: a syntax
 * error then costs one document, not the file, and a document's position can be found again by
 * re-parsing only its chunk. A marker at column 0 always starts a document in YAML, so the split
 * never cuts through a value.
 */
export function splitDocuments(text: string): DocumentChunk[] {
  const lines = text.split("\n");
  const chunks: DocumentChunk[] = [];
  let start = 0;
  let hasContent = false;
  const flush = (end: number) => {
    if (hasContent) chunks.push({ text: lines.slice(start, end).join("\n"), startLine: start });
    start = end;
    hasContent = false;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (DOC_START.test(line)) {
      if (hasContent) flush(i);
      // Content on the marker line itself (`--- {a: 1}`) belongs to this document.
      if (line.slice(3).trim() !== "" && !line.slice(3).trim().startsWith("#")) hasContent = true;
    } else if (DOC_END.test(line)) {
      flush(i + 1);
    } else if (isContentLine(line)) {
      hasContent = true;
    }
  }
  flush(lines.length);
  return chunks;
}
