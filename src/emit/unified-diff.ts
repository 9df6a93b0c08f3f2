import { structuredPatch, type StructuredPatchHunk } from "diff";

/**
 * A line diff of two texts in unified format, as `diff -u` prints it: jsdiff finds the hunks,
 * this module only prints them (GNU's hunk ranges, optional colours). The package is pinned, and
 * test/unit/emit/unified-diff.test.ts compares the output with GNU diff, so an upgrade that
 * changes what CI jobs and reviewers read fails there first.
 */

export interface UnifiedDiffOptions {
  /** Header names: `--- <from>`, `+++ <to>`. */
  readonly fromName: string;
  readonly toName: string;
  /** Lines of context around each change (3, as `diff -u`). */
  readonly context?: number;
  /** ANSI colours: red deletions, green insertions, cyan hunk headers. */
  readonly color?: boolean;
}

/**
 * Beyond this many differing lines the shortest edit script is not worth its quadratic cost: the
 * texts are reported as wholly replaced, which is still a correct diff.
 */
const MAX_EDIT_LENGTH = 2000;

const paint = {
  red: (s: string) => `\u001b[31m${s}\u001b[39m`,
  green: (s: string) => `\u001b[32m${s}\u001b[39m`,
  cyan: (s: string) => `\u001b[36m${s}\u001b[39m`,
  bold: (s: string) => `\u001b[1m${s}\u001b[22m`,
};
const plain = { red: id, green: id, cyan: id, bold: id };

function id(s: string): string {
  return s;
}

/** A final newline ends the last line: "a" and "a\n" are the same one line here. */
function lines(text: string): string[] {
  if (text === "") return [];
  const out = text.split("\n");
  if (out[out.length - 1] === "") out.pop();
  return out;
}

function range(start: number, count: number): string {
  // GNU diff: a one-line range is just its line; an empty one names the line before it.
  if (count === 1) return String(start);
  return `${count === 0 ? start - 1 : start},${count}`;
}

function wholeReplacement(a: readonly string[], b: readonly string[]): StructuredPatchHunk {
  return {
    oldStart: 1,
    oldLines: a.length,
    newStart: 1,
    newLines: b.length,
    lines: [...a.map((l) => `-${l}`), ...b.map((l) => `+${l}`)],
  };
}

/** `diff -u` output for two texts, or `""` when they are equal. */
export function unifiedDiff(from: string, to: string, options: UnifiedDiffOptions): string {
  const a = lines(from);
  const b = lines(to);
  const text = (ls: readonly string[]) => ls.map((l) => `${l}\n`).join("");
  const patch = structuredPatch(options.fromName, options.toName, text(a), text(b), undefined, undefined, {
    context: options.context ?? 3,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  const hunks = patch ? patch.hunks : [wholeReplacement(a, b)];
  if (hunks.length === 0) return "";
  const c = options.color === true ? paint : plain;
  const out: string[] = [c.bold(`--- ${options.fromName}`), c.bold(`+++ ${options.toName}`)];
  for (const h of hunks) {
    out.push(c.cyan(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`));
    for (const line of h.lines)
      out.push(line.startsWith("-") ? c.red(line) : line.startsWith("+") ? c.green(line) : line);
  }
  return `${out.join("\n")}\n`;
}
