import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { BIN, ensureBuilt, REPO_ROOT } from "../helpers/run-cli.js";
import { createTempDir, type TempDir } from "../helpers/temp-dir.js";
import { validInputs } from "./helpers/inputs.js";

/**
 * The GitHub Actions examples in examples/ci/ are run for real, step by step: every `run:` step
 * except the install step executes with bash, as Actions runs it (`bash -e {0}`), in a temporary
 * git repository, with `vmcp-gen` (and a recording `flux`) on PATH. `uses:` steps are GitHub's.
 */
const WORKFLOWS = path.join(REPO_ROOT, "examples", "ci", "github-actions");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  env: Record<string, string>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

function loadWorkflow(file: string): Workflow {
  return jsYaml.load(readFileSync(path.join(WORKFLOWS, file), "utf8")) as Workflow;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
    },
  });
}

/** A repository with ToolHive inputs in vmcp/, a bare `origin`, and shims for vmcp-gen and flux. */
function repository(): { t: TempDir; repo: string; bin: string } {
  ensureBuilt();
  const t = createTempDir({ repo: { vmcp: { "vmcp.yaml": validInputs() }, "README.md": "platform\n" }, bin: {} });
  const repo = t.path("repo");
  const bin = t.path("bin");
  writeFileSync(path.join(bin, "vmcp-gen"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  writeFileSync(path.join(bin, "flux"), `#!/bin/sh\necho "flux $*" >> "${t.path("flux.log")}"\n`);
  chmodSync(path.join(bin, "vmcp-gen"), 0o755);
  chmodSync(path.join(bin, "flux"), 0o755);
  execFileSync("git", ["init", "--bare", "-q", "-b", "main", t.path("origin.git")]);
  git(repo, "init", "-q", "-b", "main");
  git(repo, "remote", "add", "origin", t.path("origin.git"));
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "inputs");
  git(repo, "push", "-q", "origin", "main");
  return { t, repo, bin };
}

/** Runs a workflow's `run:` steps in order; stops at the first failure, as Actions does. */
function runSteps(workflow: Workflow, repo: string, bin: string) {
  const log: { name: string; code: number; output: string }[] = [];
  for (const [, job] of Object.entries(workflow.jobs)) {
    for (const step of job.steps) {
      if (!step.run || step.name === "Install vmcp-gen") continue;
      const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], {
        cwd: repo,
        encoding: "utf8",
        env: {
          ...process.env,
          ...workflow.env,
          PATH: `${bin}:${process.env.PATH}`,
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@example.com",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@example.com",
          NO_COLOR: "1",
        },
        timeout: 60_000,
      });
      log.push({ name: step.name ?? "", code: r.status ?? -1, output: `${r.stdout}${r.stderr}` });
      if (r.status !== 0) return log;
    }
  }
  return log;
}

describe("examples/ci/github-actions/vmcp-drift-check.yaml", () => {
  const wf = loadWorkflow("vmcp-drift-check.yaml");

  it("runs on pull requests that touch the inputs or the render, read-only", () => {
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(wf.permissions).toEqual({ contents: "read" });
  });

  it("passes when the committed render matches the inputs", () => {
    const { repo, bin } = repository();
    execFileSync(process.execPath, [BIN, "synth", "vmcp", "--output-dir", "deploy/vmcp"], {
      cwd: repo,
      stdio: "ignore",
    });
    const log = runSteps(wf, repo, bin);
    expect(log.map((s) => [s.name, s.code])).toEqual([
      ["Validate the inputs", 0],
      ["Compare with the committed render", 0],
    ]);
  });

  it("fails the pull request, with the diff and an annotation, when the render is stale", () => {
    const { repo, bin } = repository();
    execFileSync(process.execPath, [BIN, "synth", "vmcp", "--output-dir", "deploy/vmcp"], {
      cwd: repo,
      stdio: "ignore",
    });
    writeFileSync(path.join(repo, "vmcp", "vmcp.yaml"), validInputs({ vmcps: ["demo", "second"] }));
    const log = runSteps(wf, repo, bin);
    const last = log.at(-1)!;
    expect(last.name).toBe("Compare with the committed render");
    expect(last.code).toBe(1);
    expect(last.output).toContain("added:   apps/v1 Deployment team-a/second");
    expect(last.output).toContain(
      "::error title=Rendered manifests are out of date::Run 'vmcp-gen synth vmcp --output-dir deploy/vmcp'",
    );
  });

  it("fails at validation, with a GitHub annotation, on invalid input", () => {
    const { repo, bin } = repository();
    execFileSync(process.execPath, [BIN, "synth", "vmcp", "--output-dir", "deploy/vmcp"], {
      cwd: repo,
      stdio: "ignore",
    });
    writeFileSync(
      path.join(repo, "vmcp", "vmcp.yaml"),
      validInputs().replace("name: tools\n  incomingAuth", "name: nope\n  incomingAuth"),
    );
    const log = runSteps(wf, repo, bin);
    expect(log.at(-1)).toMatchObject({ name: "Validate the inputs", code: 1 });
    expect(log.at(-1)!.output).toMatch(/^::error file=vmcp\/vmcp\.yaml,line=\d+/m);
  });
});

describe("examples/ci/github-actions/vmcp-render-commit.yaml", () => {
  const wf = loadWorkflow("vmcp-render-commit.yaml");

  it("renders, commits and pushes deploy/vmcp; a second run has nothing to commit", () => {
    expect(wf.permissions).toEqual({ contents: "write" });
    const { repo, bin } = repository();
    const first = runSteps(wf, repo, bin);
    expect(first.map((s) => [s.name, s.code])).toEqual([
      ["Render", 0],
      ["Commit the rendered manifests", 0],
    ]);
    expect(git(repo, "log", "-1", "--format=%s")).toBe("Render deploy/vmcp with vmcp-gen 0.1.0\n");
    expect(git(repo, "ls-tree", "-r", "--name-only", "origin/main", "deploy/vmcp").trim().split("\n")).toEqual([
      "deploy/vmcp/kustomization.yaml",
      "deploy/vmcp/team-a/demo/configmap-demo-vmcp-config.yaml",
      "deploy/vmcp/team-a/demo/deployment-demo.yaml",
      "deploy/vmcp/team-a/demo/service-vmcp-demo.yaml",
      "deploy/vmcp/team-a/demo/serviceaccount-demo-vmcp.yaml",
    ]);
    const second = runSteps(wf, repo, bin);
    expect(second.at(-1)!.output).toContain("deploy/vmcp is up to date");
    expect(git(repo, "rev-list", "--count", "HEAD").trim()).toBe("2");
  });

  it("commits deletions too, and keeps the user's own files in the folder", () => {
    const { repo, bin } = repository();
    writeFileSync(path.join(repo, "vmcp", "vmcp.yaml"), validInputs({ vmcps: ["demo", "second"] }));
    expect(runSteps(wf, repo, bin).every((s) => s.code === 0)).toBe(true);
    writeFileSync(path.join(repo, "deploy", "vmcp", "README.md"), "Rendered by CI; edit vmcp/ instead.\n");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "readme");
    writeFileSync(path.join(repo, "vmcp", "vmcp.yaml"), validInputs({ vmcps: ["demo"] }));
    expect(runSteps(wf, repo, bin).every((s) => s.code === 0)).toBe(true);
    const files = git(repo, "ls-tree", "-r", "--name-only", "HEAD", "deploy/vmcp");
    expect(files).toContain("deploy/vmcp/README.md");
    expect(files).not.toContain("second");
  });
});

describe("examples/ci/github-actions/vmcp-flux-oci.yaml and examples/flux/", () => {
  it("renders with --flux and pushes the folder as an OCI artifact, then tags it latest", () => {
    const wf = loadWorkflow("vmcp-flux-oci.yaml");
    const { t, repo, bin } = repository();
    const env = { ...wf.env, ARTIFACT: "oci://ghcr.io/example-org/vmcp-manifests" };
    const log = runSteps({ ...wf, env }, repo, bin);
    expect(log.map((s) => [s.name, s.code])).toEqual([
      ["Render", 0],
      ["Push the artifact", 0],
    ]);
    expect(existsSync(path.join(repo, "out", "vmcp", "kustomization.yaml"))).toBe(true);
    const sha = git(repo, "rev-parse", "HEAD").trim();
    const flux = readFileSync(t.path("flux.log"), "utf8").trim().split("\n");
    expect(flux[0]).toBe(
      `flux push artifact oci://ghcr.io/example-org/vmcp-manifests:${sha} --path=out/vmcp --source=${t.path("origin.git")} --revision=main@sha1:${sha}`,
    );
    expect(flux[1]).toBe(`flux tag artifact oci://ghcr.io/example-org/vmcp-manifests:${sha} --tag latest`);
  });

  it("points Flux at what the workflows produce", () => {
    const git = jsYaml.loadAll(readFileSync(path.join(REPO_ROOT, "examples", "flux", "git", "vmcp.yaml"), "utf8")) as {
      apiVersion: string;
      kind: string;
      metadata: { name: string };
      spec: Record<string, unknown>;
    }[];
    expect(git.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual([
      "source.toolkit.fluxcd.io/v1 GitRepository",
      "kustomize.toolkit.fluxcd.io/v1 Kustomization",
    ]);
    expect(git[1]!.spec).toMatchObject({
      path: `./${loadWorkflow("vmcp-render-commit.yaml").env.VMCP_OUTPUT}`,
      prune: true,
      sourceRef: { kind: "GitRepository", name: git[0]!.metadata.name },
    });
    const oci = jsYaml.loadAll(
      readFileSync(path.join(REPO_ROOT, "examples", "flux", "oci", "vmcp.yaml"), "utf8"),
    ) as typeof git;
    expect(oci.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual([
      "source.toolkit.fluxcd.io/v1 OCIRepository",
      "kustomize.toolkit.fluxcd.io/v1 Kustomization",
    ]);
    expect(oci[1]!.spec).toMatchObject({
      path: "./",
      sourceRef: { kind: "OCIRepository", name: oci[0]!.metadata.name },
    });
    expect(oci[0]!.spec).toMatchObject({ ref: { tag: "latest" } });
  });
});

describe("examples/ci/github-actions/vmcp-pr-comment.yaml", () => {
  const wf = loadWorkflow("vmcp-pr-comment.yaml");

  /** Runs the workflow on a pull request that adds a VirtualMCPServer; `gh` records the comment it would post. */
  function pullRequest() {
    const { t, repo, bin } = repository();
    const base = git(repo, "rev-parse", "HEAD").trim();
    writeFileSync(path.join(repo, "vmcp", "vmcp.yaml"), validInputs({ vmcps: ["demo", "second"] }));
    git(repo, "commit", "-q", "-am", "add second");
    writeFileSync(
      path.join(bin, "gh"),
      `#!/bin/sh\necho "gh $*" >> "${t.path("gh.log")}"\ncp "$5" "${t.path("comment.md")}"\n`,
    );
    chmodSync(path.join(bin, "gh"), 0o755);
    execFileSync("mkdir", ["-p", t.path("runner")]);
    const env = { ...wf.env, BASE_SHA: base, PR_NUMBER: "7", GH_TOKEN: "unused", RUNNER_TEMP: t.path("runner") };
    return { t, log: runSteps({ ...wf, env }, repo, bin) };
  }

  it("may write pull-request comments and nothing else", () => {
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(wf.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  });

  it("posts the render's diff against the base branch and the topology diagram in one comment", async () => {
    const { t, log } = pullRequest();
    expect(log.map((s) => [s.name, s.code])).toEqual([
      ["Render the base branch", 0],
      ["Diff and topology", 0],
      ["Post the comment", 0],
    ]);
    expect(readFileSync(t.path("gh.log"), "utf8")).toBe(
      `gh pr comment 7 --body-file ${t.path("runner", "comment.md")} --edit-last --create-if-none\n`,
    );
    const comment = readFileSync(t.path("comment.md"), "utf8");
    expect(comment).toContain("0 changed, 4 added, 0 removed");
    expect(comment).toContain("added:   apps/v1 Deployment team-a/second");
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(comment)?.[1];
    expect(diagram).toContain("VirtualMCPServer second<br/>mode: inline (static)");
    expect(diagram).toBe(
      execFileSync(process.execPath, [BIN, "inspect", "vmcp", "--format", "mermaid"], {
        cwd: path.join(t.path("repo")),
        encoding: "utf8",
      }),
    );
  });
});
