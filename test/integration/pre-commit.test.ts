import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, ensureBuilt, REPO_ROOT } from "../helpers/run-cli.js";
import { createTempDir, type TempDir } from "../helpers/temp-dir.js";
import { validInputs } from "./helpers/inputs.js";

/**
 * .pre-commit-hooks.yaml under the real pre-commit (`pre-commit try-repo` on this repository, as
 * a user's `repos:` entry would), in a scratch Git repository that keeps its ToolHive inputs in
 * vmcp/ and the committed render in deploy/vmcp/ (the hooks' default args). pre-commit installs
 * the hooks' environment with Node (language: node), from the package this repository packs.
 */

function preCommitVersion(): string | undefined {
  const r = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const PRE_COMMIT = preCommitVersion();
const SKIP = PRE_COMMIT ? undefined : "pre-commit is not installed (apt-get install pre-commit)";
if (SKIP) console.warn(`test/integration/pre-commit.test.ts skipped: ${SKIP}`);

function git(t: TempDir, ...args: string[]): void {
  execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], {
    cwd: t.path("repo"),
    stdio: "ignore",
  });
}

/** Every hook of this repository, on all files of the scratch repository. */
function tryRepo(t: TempDir): { code: number | null; output: string } {
  const r = spawnSync("pre-commit", ["try-repo", REPO_ROOT, "--all-files"], {
    cwd: t.path("repo"),
    env: { ...process.env, PRE_COMMIT_HOME: t.path("pre-commit-home"), NO_COLOR: "1" },
    encoding: "utf8",
    timeout: 600_000,
  });
  return { code: r.status, output: r.stdout + r.stderr };
}

describe.skipIf(!PRE_COMMIT)(`pre-commit hooks (${PRE_COMMIT ?? SKIP})`, () => {
  it("pass on inputs that validate and match the committed render; fail on drift and on invalid input, naming the problem", () => {
    ensureBuilt();
    const t = createTempDir({ repo: { vmcp: { "inputs.yaml": validInputs() }, "README.md": "scratch\n" } });
    execFileSync(process.execPath, [BIN, "synth", "vmcp", "--output-dir", "deploy/vmcp"], {
      cwd: t.path("repo"),
      stdio: "ignore",
    });
    git(t, "init", "-q");
    git(t, "add", "-A");
    git(t, "commit", "-qm", "inputs and their render");

    const clean = tryRepo(t);
    expect(clean.output).toMatch(/vmcp-gen validate\.+Passed/);
    expect(clean.output).toMatch(/vmcp-gen diff\.+Passed/);
    expect(clean.code).toBe(0);

    t.write({ repo: { vmcp: { "inputs.yaml": validInputs({ vmcps: ["demo", "second"] }) } } });
    const drift = tryRepo(t);
    expect(drift.output).toMatch(/vmcp-gen validate\.+Passed/);
    expect(drift.output).toMatch(/vmcp-gen diff\.+Failed/);
    expect(drift.output).toContain("added:   apps/v1 Deployment team-a/second");
    expect(drift.code).toBe(1);

    t.write({
      repo: {
        vmcp: { "inputs.yaml": validInputs().replace("name: tools\n  incomingAuth", "name: missing\n  incomingAuth") },
      },
    });
    const invalid = tryRepo(t);
    expect(invalid.output).toMatch(/vmcp-gen validate\.+Failed/);
    expect(invalid.output).toMatch(
      /vmcp\/inputs\.yaml:\d+:\d+: error VMCP401: MCPGroup "missing" does not exist in namespace "team-a"/,
    );
    expect(invalid.code).toBe(1);
  }, 900_000);
});
