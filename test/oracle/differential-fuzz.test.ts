import fc from "fast-check";
import { expect, it } from "vitest";
import { compareScenario } from "../../conformance/compare/compare.js";
import { formatComparison } from "../../conformance/compare/report.js";
import { runtimeVerdicts } from "../../conformance/compare/runtime-verdicts.js";
import { fuzzFiles, fuzzScenarioArb } from "./fuzz-scenarios.js";
import { describeOracle, useOracle } from "./oracle-setup.js";

/**
 * Differential fuzz: fast-check generates valid input sets and both vmcp-gen and the operator's
 * reconcilers render them; they must agree up to the documented differences, and the runtime
 * must accept vmcp-gen's config.yaml. 200 cases with a fixed seed here; `npm run oracle:fuzz`
 * runs 5,000 (ORACLE_FUZZ_RUNS, ORACLE_FUZZ_SEED). A failure prints the shrunk input set.
 */
const RUNS = Number(process.env.ORACLE_FUZZ_RUNS ?? 200);
const SEED = Number(process.env.ORACLE_FUZZ_SEED ?? 20261205);

describeOracle("differential fuzz against ToolHive v0.44.0", () => {
  const oracle = useOracle();

  it(
    `agrees with the operator on ${RUNS} generated input sets (seed ${SEED})`,
    async () => {
      const verdicts = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(fuzzScenarioArb, async (s) => {
          const files = fuzzFiles(s);
          const c = await compareScenario(oracle(), { name: "generated", files });
          verdicts.set(c.verdict, (verdicts.get(c.verdict) ?? 0) + 1);
          const inputs = files.map((f) => `# ${f.path}\n${f.text}`).join("---\n");
          expect(c.verdict, `${formatComparison(c)}\ninputs:\n${inputs}`).toBe("equal");
          for (const [vmcp, r] of await runtimeVerdicts(oracle(), c.vmcpGen))
            expect(r, `runtime refuses ${vmcp}\ninputs:\n${inputs}`).toEqual({ accepted: true });
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: false },
      );
      expect(verdicts.get("equal")).toBe(RUNS);
    },
    60 * 60_000,
  );
});
