import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const DOCS_DIR = path.join(REPO_ROOT, "docs");

/** A fenced code block of a Markdown file, with the HTML comment written just before its fence. */
export interface CodeBlock {
  /** Relative to the repository root. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** 1-based line of the closing fence. */
  readonly endLine: number;
  /** The first word of the info string: `yaml`, `sh`, `text`, … */
  readonly lang: string;
  readonly text: string;
  /** `kind` and the rest of `<!-- kind: rest -->` (or `<!-- kind -->`) on the last non-blank line before the fence. */
  readonly marker?: { readonly kind: string; readonly value: string };
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/;
const MARKER = /^<!--\s*([\w-]+)\s*(?::\s*([\s\S]*?))?\s*-->\s*$/;

/** Every fenced block of a Markdown text. */
export function extractBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split("\n");
  const out: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence] = open;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.trimStart().startsWith(fence!)) end++;
    const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent!) ? l.slice(indent!.length) : l));
    let j = i - 1;
    while (j >= 0 && lines[j]!.trim() === "") j--;
    const m = j >= 0 ? MARKER.exec(lines[j]!.trim()) : null;
    out.push({
      file,
      line: i + 1,
      endLine: end + 1,
      lang: open[3] ?? "",
      text: body.length > 0 ? `${body.join("\n")}\n` : "",
      ...(m ? { marker: { kind: m[1]!, value: m[2] ?? "" } } : {}),
    });
    i = end;
  }
  return out;
}

/** README.md and every `docs/*.md`, as repository-relative paths. */
export function documentationFiles(): string[] {
  const docs = readdirSync(DOCS_DIR)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`);
  return ["README.md", ...docs];
}

/**
 * Replaces the bodies of the given blocks of one Markdown text (the fences stay). The blocks must
 * come from `extractBlocks` on the same text; their body indentation is kept.
 */
export function replaceBlocks(markdown: string, replacements: readonly { block: CodeBlock; text: string }[]): string {
  const lines = markdown.split("\n");
  for (const { block, text } of [...replacements].sort((a, b) => b.block.line - a.block.line)) {
    const indent = FENCE.exec(lines[block.line - 1]!)?.[1] ?? "";
    const body =
      text === ""
        ? []
        : text
            .replace(/\n$/, "")
            .split("\n")
            .map((l) => (l === "" ? l : indent + l));
    lines.splice(block.line, block.endLine - block.line - 1, ...body);
  }
  return lines.join("\n");
}

export function readRepoFile(rel: string): string {
  return readFileSync(path.join(REPO_ROOT, rel), "utf8");
}

/** Splits a command line on blanks, honouring single and double quotes (no escapes, no expansion). */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}
