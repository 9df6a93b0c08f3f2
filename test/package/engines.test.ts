import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { NODE_RUNTIMES } from "../../scripts/node-runtime.mjs";
import { REPO_ROOT } from "../helpers/run-cli.js";
import { readManifest, runtimeTree } from "../helpers/runtime-tree.js";

/**
 * `engines.node` is a promise about every Node version it admits: each run-time dependency must
 * admit them all (npm warns EBADENGINE otherwise), and the lines CI tests must be among them.
 */

const ENGINES = readManifest(REPO_ROOT).engines?.node ?? "*";

describe("package.json engines", () => {
  it("is admitted by the engines of every run-time dependency", () => {
    const tree = runtimeTree();
    expect(tree.map((m) => m.name)).toContain("kubernetes-models");
    const disagreeing = tree
      .filter((m) => m.engines?.node !== undefined && !semver.subset(ENGINES, m.engines.node))
      .map((m) => `${m.name}@${m.version} wants node ${m.engines!.node}`);
    expect(disagreeing, `engines.node is "${ENGINES}"`).toEqual([]);
  });

  it("admits the Node lines CI tests, the binary's Node and the Node running this test", () => {
    const versions = [...Object.values(NODE_RUNTIMES.lines), NODE_RUNTIMES.binary, process.versions.node];
    for (const v of versions) expect(semver.satisfies(v, ENGINES), `${v} in ${ENGINES}`).toBe(true);
  });

  it("is what the README says: the supported Node lines", () => {
    const lines = [semver.minVersion(ENGINES)!.major, ...Object.keys(NODE_RUNTIMES.lines).map(Number)].sort(
      (a, b) => a - b,
    );
    const named = `${lines.slice(0, -1).join(", ")} and ${lines.at(-1)}`;
    expect(readFileSync(path.join(REPO_ROOT, "README.md"), "utf8")).toContain(`Node.js ${named}`);
  });
});
