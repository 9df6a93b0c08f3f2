import { expect, it } from "vitest";
import { renderWithVmcpGen } from "../../conformance/compare/render-vmcp-gen.js";
import type { ReconcileResult } from "../../conformance/compare/oracle-types.js";
import { runtimeVerdicts } from "../../conformance/compare/runtime-verdicts.js";
import { goldenScenarios, upstreamScenarios } from "../../conformance/compare/scenarios.js";
import { placeholderObjects } from "../../conformance/compare/seed-references.js";
import { describeOracle, expectRecorded, useOracle } from "./oracle-setup.js";

/**
 * Runtime acceptance: the vMCP runtime's own loader, validator and start-up checks accept every
 * config.yaml vmcp-gen renders, with the environment its Deployment sets. The operator's configs
 * go through the same check; those the runtime refuses are recorded
 * (conformance/expected/runtime-refusals.json): the evidence behind differences 2, 4 and 5.
 */
const scenarios = [
  ...(await goldenScenarios()).map((s) => ({ ...s, name: `golden/${s.name}` })),
  ...(await upstreamScenarios()).map((s) => ({ ...s, name: `upstream/${s.name}` })),
];

describeOracle("runtime acceptance by ToolHive v0.44.0", () => {
  const oracle = useOracle();
  const refusals: { scenario: string; vmcp: string; stage: string; error: string }[] = [];
  let accepted = 0;

  for (const s of scenarios) {
    it.skipIf(s.skip !== undefined)(s.name, async () => {
      const ours = await renderWithVmcpGen(s.files, s.options);
      const mine = await runtimeVerdicts(oracle(), ours.objects);
      for (const [vmcp, r] of mine) {
        expect(r, `the runtime refuses vmcp-gen's config.yaml of ${vmcp}`).toEqual({ accepted: true });
        accepted++;
      }
      const files = Object.fromEntries(
        [...s.files, ...placeholderObjects(s.files, s.options.namespace)].map((f) => [f.path, f.text]),
      );
      const theirs = await oracle().request<ReconcileResult>({
        command: "reconcile",
        files,
        ...(s.options.namespace !== undefined ? { namespace: s.options.namespace } : {}),
      });
      for (const [vmcp, r] of await runtimeVerdicts(oracle(), theirs.objects)) {
        if (!r.accepted) refusals.push({ scenario: s.name, vmcp, stage: r.stage ?? "", error: r.error ?? "" });
      }
    });
  }

  it("checks configs of every golden case that renders", () => {
    expect(accepted).toBeGreaterThanOrEqual(30);
  });

  it("records which operator-rendered configs the runtime refuses", () => {
    const ran = new Set(scenarios.filter((s) => s.skip === undefined).map((s) => s.name));
    expectRecorded(
      "runtime-refusals.json",
      refusals.sort((a, b) => `${a.scenario} ${a.vmcp}`.localeCompare(`${b.scenario} ${b.vmcp}`)),
      (r: { scenario: string }) => ran.has(r.scenario),
    );
  });
});
