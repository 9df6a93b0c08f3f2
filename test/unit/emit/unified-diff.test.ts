import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../../src/emit/unified-diff.js";
import { createTempDir } from "../../helpers/temp-dir.js";

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

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a\nb\n", "a\nb\n", { fromName: "A", toName: "B" })).toBe("");
  });

  it("prints headers, a hunk header and three lines of context", () => {
    expect(
      unifiedDiff(
        numbered(10),
        numbered(10, (i) => (i === 5 ? "five" : undefined)),
        { fromName: "A", toName: "B" },
      ),
    ).toBe(
      [
        "--- A",
        "+++ B",
        "@@ -2,7 +2,7 @@",
        " line 2",
        " line 3",
        " line 4",
        "-line 5",
        "+five",
        " line 6",
        " line 7",
        " line 8",
        "",
      ].join("\n"),
    );
  });

  it("takes a missing final newline as the end of the last line", () => {
    expect(unifiedDiff("a\nb", "a\nb\n", { fromName: "A", toName: "B" })).toBe("");
  });

  it("reports texts that differ in more than 2,000 lines as replaced, which is still a correct diff", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}\n`).join("");
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}\n`).join("");
    const out = unifiedDiff(a, b, { fromName: "A", toName: "B" }).split("\n");
    expect(out.slice(0, 3)).toEqual(["--- A", "+++ B", "@@ -1,3000 +1,3000 @@"]);
    expect(out.filter((l) => l.startsWith("-a"))).toHaveLength(3000);
    expect(out.filter((l) => l.startsWith("+b"))).toHaveLength(3000);
  });

  it("colours deletions red and insertions green when asked", () => {
    const out = unifiedDiff("a\n", "b\n", { fromName: "A", toName: "B", color: true });
    expect(out).toContain("\u001b[31m-a\u001b[39m");
    expect(out).toContain("\u001b[32m+b\u001b[39m");
  });

  const cases: [string, string, string][] = [
    ["one change in the middle", numbered(10), numbered(10, (i) => (i === 5 ? "five" : undefined))],
    [
      "two changes far apart: two hunks",
      numbered(30),
      numbered(30, (i) => (i === 3 || i === 25 ? `changed ${i}` : undefined)),
    ],
    [
      "two changes close together: one hunk",
      numbered(30),
      numbered(30, (i) => (i === 10 || i === 15 ? `changed ${i}` : undefined)),
    ],
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
