/**
 * A line diff (Myers' O(ND) algorithm) and its unified-format rendering, as `diff -u` prints it.
 * Written here rather than taken from a dependency: it is small, and the output must never change
 * with a library upgrade, since CI jobs and reviewers read it.
 */

export type EditOp = { readonly op: "equal" | "delete" | "insert"; readonly line: string };

/**
 * Beyond this many differing lines the shortest edit script is not worth its quadratic memory: the
 * changed middle is reported as deleted and re-inserted, which is still a correct diff.
 */
const MAX_EDIT_DISTANCE = 2000;

/** Lines of a text; a final newline ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The shortest edit script turning `a` into `b`, deletions before insertions within a change. */
export function diffLines(a: readonly string[], b: readonly string[]): EditOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: EditOp[] = [];
  for (let i = 0; i < start; i++) ops.push({ op: "equal", line: a[i]! });
  ops.push(...middleScript(a.slice(start, endA), b.slice(start, endB)));
  for (let i = endA; i < a.length; i++) ops.push({ op: "equal", line: a[i]! });
  return ops;
}

function replaceAll(a: readonly string[], b: readonly string[]): EditOp[] {
  return [...a.map((line) => ({ op: "delete" as const, line })), ...b.map((line) => ({ op: "insert" as const, line }))];
}

function middleScript(a: readonly string[], b: readonly string[]): EditOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return replaceAll(a, b);
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  // v[k + offset] = furthest x on diagonal k. Before each step d, the diagonals -d-1..d+1 are kept
  // for the backtrack: O(D²) memory in all, bounded by MAX_EDIT_DISTANCE.
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!);
      let x = down ? v[k + 1 + offset]! : v[k - 1 + offset]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[k + offset] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
    }
    v = next;
  }
  return replaceAll(a, b);
}

function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[], dEnd: number): EditOp[] {
  const ops: EditOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d--) {
    // The state before step d, holding diagonals -d-1..d+1.
    const snapshot = trace[d]!;
    const at = (k: number) => snapshot[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > (down ? prevX : prevX + 1) && y > (down ? prevY + 1 : prevY)) {
      ops.push({ op: "equal", line: a[--x]! });
      y--;
    }
    if (down) ops.push({ op: "insert", line: b[--y]! });
    else ops.push({ op: "delete", line: a[--x]! });
  }
  while (x > 0 && y > 0) {
    ops.push({ op: "equal", line: a[--x]! });
    y--;
  }
  return ops.reverse();
}

export interface UnifiedDiffOptions {
  /** Header names: `--- <from>`, `+++ <to>`. */
  readonly fromName: string;
  readonly toName: string;
  /** Lines of context around each change (3, as `diff -u`). */
  readonly context?: number;
  /** ANSI colours: red deletions, green insertions, cyan hunk headers. */
  readonly color?: boolean;
}

const paint = {
  red: (s: string) => `\u001b[31m${s}\u001b[39m`,
  green: (s: string) => `\u001b[32m${s}\u001b[39m`,
  cyan: (s: string) => `\u001b[36m${s}\u001b[39m`,
  bold: (s: string) => `\u001b[1m${s}\u001b[22m`,
};

function range(start: number, count: number): string {
  // GNU diff: a one-line range is just its line; an empty one names the line before it.
  if (count === 1) return String(start);
  return `${count === 0 ? start - 1 : start},${count}`;
}

/** `diff -u` output for two texts, or `""` when they are equal. */
export function unifiedDiff(from: string, to: string, options: UnifiedDiffOptions): string {
  const ops = diffLines(splitLines(from), splitLines(to));
  if (ops.every((o) => o.op === "equal")) return "";
  const context = options.context ?? 3;
  const c = options.color === true ? paint : { red: id, green: id, cyan: id, bold: id };
  const out: string[] = [c.bold(`--- ${options.fromName}`), c.bold(`+++ ${options.toName}`)];
  // Line numbers (1-based) in `from` and `to` at each op.
  const posA: number[] = [];
  const posB: number[] = [];
  let la = 1;
  let lb = 1;
  for (const o of ops) {
    posA.push(la);
    posB.push(lb);
    if (o.op !== "insert") la++;
    if (o.op !== "delete") lb++;
  }
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.op === "equal") {
      i++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change
    // that is at most 2×context equal lines away.
    const start = Math.max(0, i - context);
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end]!.op !== "equal") end++;
      let run = 0;
      while (end + run < ops.length && ops[end + run]!.op === "equal") run++;
      if (end + run < ops.length && run <= 2 * context) {
        end += run;
        continue;
      }
      end = Math.min(ops.length, end + context);
      break;
    }
    const slice = ops.slice(start, end);
    const countA = slice.filter((o) => o.op !== "insert").length;
    const countB = slice.filter((o) => o.op !== "delete").length;
    out.push(c.cyan(`@@ -${range(posA[start]!, countA)} +${range(posB[start]!, countB)} @@`));
    for (const o of slice) {
      if (o.op === "equal") out.push(` ${o.line}`);
      else if (o.op === "delete") out.push(c.red(`-${o.line}`));
      else out.push(c.green(`+${o.line}`));
    }
    i = end;
  }
  return `${out.join("\n")}\n`;
}

function id(s: string): string {
  return s;
}
