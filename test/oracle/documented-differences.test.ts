import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { compareRenders, renderBoth, type RenderPair } from "../../conformance/compare/compare.js";
import { NORMALISATIONS } from "../../conformance/compare/normalise.js";
import { REPO_ROOT } from "../../conformance/compare/oracle-process.js";
import { goldenScenarios } from "../../conformance/compare/scenarios.js";
import { fuzzFiles, fuzzScenarioArb } from "./fuzz-scenarios.js";
import { describeOracle, useOracle } from "./oracle-setup.js";

/**
 * docs/differences-from-operator.md lists every difference the oracle finds and nothing it does
 * not: each rendering difference is a row of the normalisation table and each row is needed by
 * some scenario; each case where vmcp-gen refuses what the operator runs is in the page's table.
 */
const DOC = readFileSync(path.join(REPO_ROOT, "docs", "differences-from-operator.md"), "utf8");

function part(heading: string): string {
  const start = DOC.indexOf(`\n## ${heading}\n`);
  const end = DOC.indexOf("\n## ", start + 1);
  return DOC.slice(start, end < 0 ? undefined : end);
}

const headings = (text: string) => [...text.matchAll(/^### (.+)$/gm)].map((m) => m[1]!);

/** Input limits the oracle cannot be given: the cases that trip them are generated at test time. */
const NOT_SENT_TO_THE_ORACLE = new Set(["VMCP102", "VMCP114"]);

describeOracle("the documented differences are exactly the ones the oracle finds", () => {
  const oracle = useOracle();
  const pairs: RenderPair[] = [];

  beforeAll(async () => {
    for (const s of await goldenScenarios()) if (s.skip === undefined) pairs.push(await renderBoth(oracle(), s));
    // Some differences show only in generated input sets (e.g. XAA in dynamic mode).
    const samples = fc.sample(fuzzScenarioArb, { numRuns: 150, seed: 42 });
    for (const [i, s] of samples.entries())
      pairs.push(await renderBoth(oracle(), { name: `generated ${i}`, files: fuzzFiles(s) }));
  }, 10 * 60_000);

  it("names an existing section of the rendering differences in every normalisation row", () => {
    const rendered = headings(part("Differences in what is rendered"));
    for (const row of NORMALISATIONS) expect(rendered, row.does).toContain(row.section);
  });

  it("has a normalisation row for every rendering difference it documents", () => {
    const sections = new Set(NORMALISATIONS.map((r) => r.section));
    expect(headings(part("Differences in what is rendered")).filter((h) => !sections.has(h))).toEqual([]);
  });

  it("needs every row: without it, some golden case or generated input set differs", () => {
    expect(pairs.every((p) => compareRenders(p).verdict !== "different")).toBe(true);
    const unneeded = NORMALISATIONS.filter((row) => {
      const without = NORMALISATIONS.filter((r) => r !== row);
      return !pairs.some((p) => compareRenders(p, without).verdict === "different");
    }).map((r) => r.section);
    expect(unneeded).toEqual([]);
  });

  it("lists every code of a recorded stricter case in the accepted-differences table, and only those", () => {
    const recorded = JSON.parse(
      readFileSync(path.join(REPO_ROOT, "conformance", "expected", "stricter-cases.json"), "utf8"),
    ) as { code: string }[];
    const found = new Set(recorded.map((c) => c.code));
    const documented = new Set([...part("Differences in what is accepted").matchAll(/VMCP\d{3}/g)].map((m) => m[0]));
    expect([...found].filter((c) => !documented.has(c)).sort()).toEqual([]);
    const table = DOC.slice(DOC.indexOf("### Checks the operator does not make"), DOC.indexOf("### Not rendered yet"));
    const inTable = new Set([...table.matchAll(/VMCP\d{3}/g)].map((m) => m[0]));
    expect([...inTable].filter((c) => !found.has(c) && !NOT_SENT_TO_THE_ORACLE.has(c)).sort()).toEqual([]);
  });
});
