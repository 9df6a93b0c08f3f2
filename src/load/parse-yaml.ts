import jsYaml from "js-yaml";
import { createError } from "../diagnostics/create.js";
import type { Diagnostic } from "../diagnostics/types.js";
import type { DocumentChunk } from "./split-documents.js";
import { checkExpansion } from "./check-expansion.js";
import { KUBECTL_SCHEMA } from "./kubectl-scalars.js";
import type { LoadLimits } from "./types.js";

// Integers as kubectl reads them (`0644` is 420) plus merge keys (`<<`); see kubectl-scalars.ts.
// No timestamps or binary: kubectl's decoder keeps those as plain strings.
const SCHEMA = KUBECTL_SCHEMA;

export interface ParsedDocument {
  readonly value: unknown;
  /** Which chunk of the file, and which document inside it, this value came from. */
  readonly chunk: number;
  readonly indexInChunk: number;
  /** 0-based line where the chunk starts, for positions that cannot be located more precisely. */
  readonly startLine: number;
}

interface YamlExceptionLike {
  reason?: string;
  message: string;
  mark?: { line: number; column: number };
}

function isYamlException(e: unknown): e is YamlExceptionLike {
  return e instanceof jsYaml.YAMLException;
}

/**
 * Parses every chunk of a file. A chunk that fails yields one located diagnostic and no documents;
 * the other chunks still load.
 */
export function parseChunks(
  file: string,
  chunks: readonly DocumentChunk[],
  limits: LoadLimits,
): { documents: ParsedDocument[]; diagnostics: Diagnostic[] } {
  const documents: ParsedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  chunks.forEach((chunk, chunkIndex) => {
    if (Buffer.byteLength(chunk.text, "utf8") > limits.maxDocumentBytes) {
      diagnostics.push(
        createError("VMCP114", `document is larger than ${limits.maxDocumentBytes} bytes`, {
          file,
          line: chunk.startLine + 1,
          column: 1,
          hint: "split the document; the Kubernetes API server refuses objects this large anyway",
        }),
      );
      return;
    }
    let values: unknown[];
    try {
      values = jsYaml.loadAll(chunk.text, undefined, { schema: SCHEMA, json: false, filename: file });
    } catch (e) {
      diagnostics.push(syntaxDiagnostic(file, chunk, e));
      return;
    }
    let indexInChunk = 0;
    for (const value of values) {
      if (value === null || value === undefined) continue;
      const problem = checkExpansion(value, limits);
      if (problem) {
        diagnostics.push(
          createError(problem.code, problem.message, {
            file,
            line: chunk.startLine + 1,
            column: 1,
            hint: problem.hint,
          }),
        );
      } else {
        documents.push({ value, chunk: chunkIndex, indexInChunk, startLine: chunk.startLine });
      }
      indexInChunk++;
    }
  });
  return { documents, diagnostics };
}

function syntaxDiagnostic(file: string, chunk: DocumentChunk, e: unknown): Diagnostic {
  if (e instanceof RangeError) {
    return createError("VMCP104", "YAML nesting is too deep to parse", {
      file,
      line: chunk.startLine + 1,
      column: 1,
      hint: "flatten the document; Kubernetes objects never nest this deeply",
    });
  }
  if (!isYamlException(e)) throw e;
  const reason = e.reason ?? e.message;
  let line = chunk.startLine + (e.mark?.line ?? 0) + 1;
  let column = (e.mark?.column ?? 0) + 1;
  // js-yaml marks where it stopped reading; the character to remove is the first non-printable one.
  const unprintable = /non-printable/.test(reason) ? NON_PRINTABLE.exec(chunk.text) : null;
  if (unprintable) {
    const before = chunk.text.slice(0, unprintable.index);
    line = chunk.startLine + before.split("\n").length;
    column = unprintable.index - before.lastIndexOf("\n");
  }
  const keyLine = chunk.text.split("\n")[e.mark?.line ?? -1] ?? "";
  const runTogether =
    /^apiVersion\s*:/.test(keyLine) ||
    (/^kind\s*:/.test(keyLine) && (chunk.text.match(/^metadata\s*:/gm)?.length ?? 0) > 1);
  if (/duplicated mapping key/.test(reason) && runTogether) {
    // `cat a.yaml b.yaml` joins two files into one document when the second does not start with `---`.
    return createError(
      "VMCP124",
      `a second top-level \`${/^\w+/.exec(keyLine)![0]}\` in one document: two documents without a \`---\` line between them`,
      {
        file,
        line,
        column: 1,
        hint: `add a line \`---\` before line ${line}; when concatenating files, separate them: \`for f in *.yaml; do echo ---; cat "$f"; done | vmcp-gen synth -\``,
      },
    );
  }
  if (/duplicated mapping key/.test(reason)) {
    return createError("VMCP111", "duplicate mapping key", {
      file,
      line,
      column,
      hint: "remove or rename one of the two keys; the API server would keep only one of them",
    });
  }
  return createError("VMCP101", `YAML syntax error: ${reason}`, { file, line, column, hint: syntaxHint(reason) });
}

// What js-yaml refuses as non-printable (YAML 1.2 c-printable, with line breaks and tab allowed).
const NON_PRINTABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;

function syntaxHint(reason: string): string {
  if (/non-printable/.test(reason))
    return 'remove the control character; to keep it, write it as an escape in a double-quoted string ("\\e", "\\u0007")';
  if (/\btabs?\b/i.test(reason)) return "indent with spaces; YAML forbids tabs in indentation";
  if (/bad indentation/.test(reason))
    return "align this line with its siblings; nested keys need more indentation than their parent";
  if (/flow (mapping|collection|sequence)|unexpected end of the stream/.test(reason))
    return "close the open `{`, `[` or quote";
  if (/unknown tag/.test(reason)) return "remove the custom tag; Kubernetes YAML uses plain values";
  return "fix the YAML at this position; `kubectl apply --dry-run=client -f FILE` shows the same problem";
}
