import { expect, it } from "vitest";
import { compareScenario } from "../../conformance/compare/compare.js";
import { formatComparison } from "../../conformance/compare/report.js";
import { goldenScenarios, upstreamScenarios } from "../../conformance/compare/scenarios.js";
import { describeOracle, useOracle } from "./oracle-setup.js";

/**
 * Render parity: every golden case and upstream example that vmcp-gen renders, static and
 * discovered, equals what the operator's reconcilers create, up to the differences
 * docs/differences-from-operator.md documents (the normalisation table) — and the operator
 * renders every one of them too.
 */
const scenarios = [
  ...(await goldenScenarios()).map((s) => ({ ...s, name: `golden/${s.name}` })),
  ...(await upstreamScenarios()).map((s) => ({ ...s, name: `upstream/${s.name}` })),
];

describeOracle("render parity with ToolHive v0.44.0", () => {
  const oracle = useOracle();
  const verdicts = new Map<string, number>();

  for (const s of scenarios) {
    it.skipIf(s.skip !== undefined)(s.name, async () => {
      const c = await compareScenario(oracle(), s);
      verdicts.set(c.verdict, (verdicts.get(c.verdict) ?? 0) + 1);
      // A refusal on either side is judged by the verdict parity suite; a render must match.
      expect(c.verdict === "different" || c.verdict === "operator-refused" ? formatComparison(c) : "").toBe("");
    });
  }

  it("compares renders of both modes", () => {
    expect(verdicts.get("equal") ?? 0).toBeGreaterThanOrEqual(25);
  });
});
