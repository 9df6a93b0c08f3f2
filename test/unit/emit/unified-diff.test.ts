import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines, splitLines, unifiedDiff } from "../../../src/emit/unified-diff.js";
import { createTempDir } from "../../helpers/temp-dir.js";

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

const lineArrays = fc.array(fc.constantFrom("a", "b", "c", "d", ""), { maxLength: 30 });

function gnuDiff(a: string, b: string): string | undefined {
  const t = createTempDir({});
  writeFileSync(t.path("a"), a);
  writeFileSync(t.path("b"), b);
  try {
    execFileSync("diff", ["-u", "--label", "A", "--label", "B", t.path("a"), t.path("b")], { encoding: "utf8" });
    return "";
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    return err.status === 1 ? err.stdout : undefined;
  }
}

function hasGnuDiff(): boolean {
  try {
    return execFileSync("diff", ["--version"], { encoding: "utf8" }).includes("GNU");
  } catch {
    return false;
  }
}

const numbered = (n: number, change: (i: number) => string | undefined = () => undefined) =>
  Array.from({ length: n }, (_, i) => change(i + 1) ?? `line ${i + 1}`)
    .filter((l) => l !== "")
    .join("\n") + "\n";

describe("diffLines", () => {
  it("is an edit script: the equal and deleted lines give a, the equal and inserted lines give b", () => {
    fc.assert(
      fc.property(lineArrays, lineArrays, (a, b) => {
        const ops = diffLines(a, b);
        expect(ops.filter((o) => o.op !== "insert").map((o) => o.line)).toEqual(a);
        expect(ops.filter((o) => o.op !== "delete").map((o) => o.line)).toEqual(b);
      }),
    );
  });

  it("is a shortest edit script (as many equal lines as the longest common subsequence)", () => {
    fc.assert(
      fc.property(lineArrays, lineArrays, (a, b) => {
        expect(diffLines(a, b).filter((o) => o.op === "equal")).toHaveLength(lcsLength(a, b));
      }),
    );
  });

  it("falls back to a correct (not minimal) script when the texts differ too much", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`);
    const ops = diffLines(a, b);
    expect(ops.filter((o) => o.op !== "insert").map((o) => o.line)).toEqual(a);
    expect(ops.filter((o) => o.op !== "delete").map((o) => o.line)).toEqual(b);
  });

  it("splits text into lines without a phantom last line", () => {
    expect(splitLines("")).toEqual([]);
    expect(splitLines("a\nb\n")).toEqual(["a", "b"]);
    expect(splitLines("a\nb")).toEqual(["a", "b"]);
  });
});

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a\nb\n", "a\nb\n", { fromName: "A", toName: "B" })).toBe("");
  });

  it("prints headers, a hunk header and three lines of context", () => {
    expect(unifiedDiff(numbered(10), numbered(10, (i) => (i === 5 ? "five" : undefined)), { fromName: "A", toName: "B" })).toBe(
      ["--- A", "+++ B", "@@ -2,7 +2,7 @@", " line 2", " line 3", " line 4", "-line 5", "+five", " line 6", " line 7", " line 8", ""].join("\n"),
    );
  });

  it("colours deletions red and insertions green when asked", () => {
    const out = unifiedDiff("a\n", "b\n", { fromName: "A", toName: "B", color: true });
    expect(out).toContain("\u001b[31m-a\u001b[39m");
    expect(out).toContain("\u001b[32m+b\u001b[39m");
  });

  const cases: [string, string, string][] = [
    ["one change in the middle", numbered(10), numbered(10, (i) => (i === 5 ? "five" : undefined))],
    ["two changes far apart: two hunks", numbered(30), numbered(30, (i) => (i === 3 || i === 25 ? `changed ${i}` : undefined))],
    ["two changes close together: one hunk", numbered(30), numbered(30, (i) => (i === 10 || i === 15 ? `changed ${i}` : undefined))],
    ["insertion at the start", numbered(5), `new\n${numbered(5)}`],
    ["deletion at the end", numbered(8), numbered(7)],
    ["everything replaced", "a\nb\n", "c\nd\ne\n"],
    ["from empty", "", "a\nb\n"],
    ["to empty", "a\nb\n", ""],
    ["one line removed from the middle", numbered(9), numbered(9, (i) => (i === 5 ? "" : undefined))],
  ];
  it.skipIf(!hasGnuDiff()).each(cases)("matches GNU diff -u: %s", (_name, a, b) => {
    expect(unifiedDiff(a, b, { fromName: "A", toName: "B" })).toBe(gnuDiff(a, b));
  });
});
