import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { runMain } from "../fuzz/contract.js";
import {
  scenarioArb,
  scenarioDocuments,
  scenarioSentinels,
  SENTINEL,
  type Scenario,
} from "../helpers/random-inputs.js";
import { checkRenderedOutput, parseRendered, type RenderedObject } from "./rendered-output.js";

/**
 * Properties over random *valid* inputs (test/helpers/random-inputs.ts): the render succeeds; it
 * is byte-identical whatever the order of the documents and however they are split into files
 * (or piped through stdin); no Secret value reaches stdout or stderr; static mode has no RBAC, no
 * token and no VMCP_NAME/VMCP_NAMESPACE; every object validates with kubernetes-models, every
 * config.yaml against the vMCP runtime schema, and every pod meets PSS `restricted`.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
const SEED = process.env.PROPERTY_SEED !== undefined ? Number(process.env.PROPERTY_SEED) : 4_242;

let base: string;
let counter = 0;
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), "vmcp-gen-props-"));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Writes the documents, in the given order, into files by the given assignment; returns the folder. */
function writeInputs(docs: readonly string[], fileOf: (i: number) => number): string {
  const dir = path.join(base, String(counter++));
  const files = new Map<number, string[]>();
  docs.forEach((d, i) => files.set(fileOf(i), [...(files.get(fileOf(i)) ?? []), d]));
  mkdirSync(dir, { recursive: true });
  for (const [f, parts] of files)
    writeFileSync(path.join(dir, `part-${String(f).padStart(2, "0")}.yaml`), parts.join("---\n"));
  return dir;
}

const permutationArb = (n: number) => fc.array(fc.nat(), { minLength: n, maxLength: n });
const permute = <T>(items: readonly T[], keys: readonly number[]) =>
  items
    .map((item, i) => ({ item, k: keys[i]! * items.length + i }))
    .sort((a, b) => a.k - b.k)
    .map((e) => e.item);

function staticModeProblems(objects: readonly RenderedObject[]): string[] {
  const problems: string[] = [];
  for (const cm of objects.filter((o) => o.kind === "ConfigMap" && o.metadata.name.endsWith("-vmcp-config"))) {
    const config = parse((cm.data as Record<string, string>)["config.yaml"]!) as { outgoingAuth: { source: string } };
    if (config.outgoingAuth.source !== "inline") continue;
    const ns = cm.metadata.namespace;
    const vmcp = cm.metadata.name.replace(/-vmcp-config$/, "");
    const own = objects.filter(
      (o) => o.metadata.namespace === ns && (o.metadata.name === vmcp || o.metadata.name === `${vmcp}-vmcp`),
    );
    for (const o of own)
      if (["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"].includes(o.kind))
        problems.push(`${ns}/${vmcp}: static mode renders a ${o.kind}`);
    const sa = own.find((o) => o.kind === "ServiceAccount");
    if (sa?.automountServiceAccountToken !== false) problems.push(`${ns}/${vmcp}: ServiceAccount mounts a token`);
    const pod = (
      own.find((o) => o.kind === "Deployment") as
        | {
            spec: {
              template: {
                spec: {
                  automountServiceAccountToken?: boolean;
                  volumes?: { projected?: unknown }[];
                  containers: { env?: { name: string }[] }[];
                };
              };
            };
          }
        | undefined
    )?.spec.template.spec;
    if (pod?.automountServiceAccountToken !== false) problems.push(`${ns}/${vmcp}: the pod mounts a token`);
    if ((pod?.volumes ?? []).some((v) => v.projected !== undefined))
      problems.push(`${ns}/${vmcp}: the pod has a projected (token) volume`);
    const env = (pod?.containers ?? []).flatMap((c) => c.env ?? []).map((e) => e.name);
    for (const name of ["VMCP_NAME", "VMCP_NAMESPACE"])
      if (env.includes(name)) problems.push(`${ns}/${vmcp}: static mode sets ${name}`);
  }
  return problems;
}

describe("random valid inputs", () => {
  it(`render, deterministically and conformantly (${RUNS} cases, seed ${SEED})`, async () => {
    const property = fc.asyncProperty(
      scenarioArb.chain((s: Scenario) => {
        const n = scenarioDocuments(s).length;
        return fc.tuple(
          fc.constant(s),
          permutationArb(n),
          fc.array(fc.nat({ max: 4 }), { minLength: n, maxLength: n }),
          fc.boolean(),
        );
      }),
      async ([scenario, order, split, viaStdin]) => {
        const docs = scenarioDocuments(scenario);
        const first = await runMain(["synth", writeInputs(docs, () => 0), "--diagnostics", "json"], base);
        expect(first.code, first.stderr).toBe(0);
        const objects = parseRendered(first.stdout);
        const report = checkRenderedOutput(first.stdout);
        expect(report.problems).toEqual([]);
        expect(report.podSecurity).toEqual([]);
        expect(staticModeProblems(objects)).toEqual([]);
        for (const sentinel of [SENTINEL, ...scenarioSentinels(scenario)])
          expect(first.stdout + first.stderr).not.toContain(sentinel);

        const shuffled = permute(docs, order);
        const again = viaStdin
          ? await runMain(["synth", "-", "--diagnostics", "json"], base, Buffer.from(shuffled.join("---\n")))
          : await runMain(["synth", writeInputs(shuffled, (i) => split[i]!), "--diagnostics", "json"], base);
        expect(again.code, again.stderr).toBe(0);
        expect(again.stdout).toBe(first.stdout);
      },
    );
    await fc.assert(property, { numRuns: RUNS, seed: SEED });
  }, 300_000);
});
