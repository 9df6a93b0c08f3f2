import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateMergeWorkload, generateWorkload, MEMBERS_PER_GROUP } from "../../bench/workload.mjs";
import { runInProcess } from "../helpers/run-in-process.js";

// The benchmark is only meaningful if its workload is valid input. No timing here: `npm run bench`
// measures, `npm test` never does.
describe("bench workload generator", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vmcp-gen-bench-workload-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes one file per VirtualMCPServer plus shared auth per namespace", () => {
    const stats = generateWorkload(dir, 3);
    expect(stats).toMatchObject({ n: 3, files: 6, documents: 3 * 5 + 3 * (MEMBERS_PER_GROUP + 3) });
    expect(readdirSync(dir).sort()).toEqual(["team-00", "team-01", "team-02"]);
  });

  it("produces inputs that validate without errors", async () => {
    const result = await runInProcess(["validate", dir], { cwd: dir });
    expect(result.stderr).not.toMatch(/: error VMCP/);
    expect(result.code).toBe(0);
  });

  it("is deterministic", () => {
    const again = mkdtempSync(path.join(tmpdir(), "vmcp-gen-bench-workload-"));
    const contents = (root: string) =>
      readdirSync(root, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".yaml"))
        .sort()
        .map((f) => [f, readFileSync(path.join(root, f), "utf8")]);
    try {
      generateWorkload(again, 3);
      expect(contents(again)).toEqual(contents(dir));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});

describe("bench strategic-merge workload", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vmcp-gen-bench-merge-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("renders, with every env entry and volume of its podTemplateSpec merged into the pod", async () => {
    expect(generateMergeWorkload(dir, 50)).toMatchObject({ n: 50, volumes: 5 });
    const result = await runInProcess(["synth", dir], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.match(/name: EXTRA_\d+/g)).toHaveLength(50);
    expect(result.stdout.match(/mountPath: \/extra\/\d+/g)).toHaveLength(5);
  });
});
