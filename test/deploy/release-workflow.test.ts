import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { ARCHES } from "../../scripts/build-binary.mjs";
import { REPO_ROOT } from "../helpers/run-cli.js";

/**
 * .github/workflows/release.yaml cannot run here; this checks it with actionlint (with
 * shellcheck on its scripts) where installed, and that its pieces fit: it publishes what
 * `npm run build:binary` writes under the names the Action's install step downloads, builds both
 * images for both architectures, and attaches provenance to everything it publishes.
 */

const WORKFLOW = path.join(REPO_ROOT, ".github/workflows/release.yaml");
const text = readFileSync(WORKFLOW, "utf8");

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string | boolean>;
}
const workflow = jsYaml.load(text) as {
  on: { push: { tags: string[] } };
  jobs: Record<string, { steps: Step[]; strategy?: { matrix: { include: { dockerfile: string }[] } } }>;
};
const steps = (job: string) => workflow.jobs[job]!.steps;

function actionlint(): string | undefined {
  const r = spawnSync("actionlint", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.split("\n")[0] : undefined;
}
const ACTIONLINT = actionlint();
if (!ACTIONLINT)
  console.warn(
    "test/deploy/release-workflow.test.ts: actionlint skipped: not on PATH (go install github.com/rhysd/actionlint/cmd/actionlint@latest)",
  );

describe(".github/workflows/release.yaml", () => {
  it.skipIf(!ACTIONLINT)(`passes actionlint (${ACTIONLINT ?? "skipped: not installed"})`, () => {
    const r = spawnSync("actionlint", ["-no-color", WORKFLOW], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("runs on version tags and publishes the executables build:binary writes, which the Action downloads", () => {
    expect(workflow.on.push.tags).toEqual(["v[0-9]+.[0-9]+.[0-9]+*"]);
    const assets = [...Object.keys(ARCHES).map((a) => `build/bin/vmcp-gen-linux-${a}`), "build/bin/SHA256SUMS"];
    const release = steps("binaries").find((s) => s.run?.includes("gh release create"))!;
    for (const asset of assets) expect(release.run).toContain(asset);
    const install = readFileSync(path.join(REPO_ROOT, "action/install.sh"), "utf8");
    expect(install).toContain('for file in "vmcp-gen-linux-$arch" SHA256SUMS; do');
    expect(install).toContain("Linux/x86_64) arch=amd64");
    expect(install).toContain("Linux/aarch64 | Linux/arm64) arch=arm64");
  });

  it("builds both images for linux/amd64 and linux/arm64, and attaches provenance to executables, images and the npm package", () => {
    expect(workflow.jobs.images!.strategy!.matrix.include.map((i) => i.dockerfile).sort()).toEqual([
      "deploy/argocd/Dockerfile",
      "deploy/cli/Dockerfile",
    ]);
    const build = steps("images").find((s) => s.uses?.startsWith("docker/build-push-action@"))!;
    expect(build.with).toMatchObject({
      platforms: "linux/amd64,linux/arm64",
      provenance: "mode=max",
      sbom: true,
      push: true,
    });
    expect(
      steps("binaries").some(
        (s) =>
          s.uses?.startsWith("actions/attest-build-provenance@") &&
          s.with?.["subject-path"] === "build/bin/vmcp-gen-linux-*",
      ),
    ).toBe(true);
    expect(
      steps("images").some(
        (s) => s.uses?.startsWith("actions/attest-build-provenance@") && s.with?.["push-to-registry"] === true,
      ),
    ).toBe(true);
    expect(steps("npm").some((s) => s.run?.includes("npm publish --provenance"))).toBe(true);
  });
});
