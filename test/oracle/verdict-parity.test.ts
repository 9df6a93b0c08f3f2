import { describe, expect, it } from "vitest";
import {
  goldenScenarios,
  invalidScenarios,
  upstreamScenarios,
  type FixtureScenario,
} from "../../conformance/compare/scenarios.js";
import { checkVerdicts, type ClaimCheck } from "../../conformance/compare/verdicts.js";
import { describeOracle, expectRecorded, useOracle } from "./oracle-setup.js";

/**
 * Verdict parity: every golden input, every bad-input case and every upstream example goes through
 * vmcp-gen and through the API server's admission, the operator's reconcilers and the runtime's
 * loader. Each vmcp-gen error must be confirmed by what it claims (verdict-claims.ts) — CEL
 * findings by real CEL — and whatever the real code refuses, vmcp-gen refuses. Where vmcp-gen is
 * deliberately stricter, each case is recorded with its reason (conformance/expected/stricter-cases.json).
 */
const suites: readonly [string, FixtureScenario[]][] = [
  ["golden", await goldenScenarios()],
  ["bad-input corpus", await invalidScenarios()],
  ["upstream example", await upstreamScenarios()],
];

describeOracle("verdict parity with ToolHive v0.44.0", () => {
  const oracle = useOracle();
  const stricter: { scenario: string; code: string; at: string; why: string }[] = [];
  const confirmed = new Map<string, number>();

  for (const [kind, scenarios] of suites) {
    if (scenarios.length === 0) {
      console.warn(`skipped the ${kind} cases of verdict parity: none are present`);
      continue;
    }
    describe(kind, () => {
      for (const s of scenarios) {
        it.skipIf(s.skip !== undefined)(`${s.name}${s.skip ? ` (skipped: ${s.skip})` : ""}`, async () => {
          const report = await checkVerdicts(oracle(), s);
          expect(report.problems).toEqual([]);
          for (const c of report.checks as ClaimCheck[]) {
            if (c.outcome === "stricter")
              stricter.push({ scenario: `${kind}/${s.name}`, code: c.code, at: c.at, why: c.why ?? "" });
            else confirmed.set(c.outcome, (confirmed.get(c.outcome) ?? 0) + 1);
          }
        });
      }
    });
  }

  it("records every case where vmcp-gen is deliberately stricter, with its reason", () => {
    const unique = [...new Map(stricter.map((c) => [`${c.scenario} ${c.code} ${c.at}`, c])).values()].sort((a, b) =>
      `${a.scenario} ${a.code} ${a.at}`.localeCompare(`${b.scenario} ${b.code} ${b.at}`),
    );
    const ran = new Set(
      suites.flatMap(([kind, scenarios]) =>
        scenarios.filter((s) => s.skip === undefined).map((s) => `${kind}/${s.name}`),
      ),
    );
    expectRecorded("stricter-cases.json", unique, (c: { scenario: string }) => ran.has(c.scenario));
  });

  it("confirms findings of every kind against the real code (CEL, admission, operator, runtime)", () => {
    for (const claim of ["cel", "api-server", "operator", "status", "runtime", "document"])
      expect(confirmed.get(claim) ?? 0, claim).toBeGreaterThan(0);
  });
});
