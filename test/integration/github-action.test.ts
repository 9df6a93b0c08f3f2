import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import jsYaml from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, REPO_ROOT } from "../helpers/run-cli.js";
import { createTempDir, type TempDir } from "../helpers/temp-dir.js";
import { validInputs } from "./helpers/inputs.js";

/**
 * The GitHub Action (action.yml) run as the runner runs a composite action: each step's `env`
 * with its `${{ inputs.* }}` and `${{ steps.*.outputs.* }}` expressions resolved, its `run:`
 * script under `bash --noprofile --norc -eo pipefail`, GITHUB_ACTION_PATH at the repository,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY as files. vmcp-gen is the built CLI (the `vmcp-gen`
 * input), or a release served locally (the download and checksum path of the install step).
 */

interface Step {
  readonly id: string;
  readonly shell: string;
  readonly env?: Record<string, string>;
  readonly run: string;
}

interface Action {
  readonly inputs: Record<string, { default?: string }>;
  readonly outputs: Record<string, { value: string }>;
  readonly runs: { using: string; steps: Step[] };
}

const action = jsYaml.load(readFileSync(path.join(REPO_ROOT, "action.yml"), "utf8")) as Action;
const EXPRESSION = /\$\{\{\s*(.*?)\s*\}\}/g;

function resolve(
  text: string,
  inputs: Record<string, string>,
  outputs: Record<string, Record<string, string>>,
): string {
  return text.replace(EXPRESSION, (_, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) return inputs[input[1]!] ?? action.inputs[input[1]!]?.default ?? "";
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (output) return outputs[output[1]!]?.[output[2]!] ?? "";
    throw new Error(`expression the test does not evaluate: ${expr}`);
  });
}

const readOutputs = (file: string) =>
  Object.fromEntries(
    readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );

interface ActionRun {
  readonly code: number | null;
  readonly log: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

/** `bash` as the runner runs a step's script (async: the install step may download from a server in this process). */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (b: Buffer) => (output += b.toString()));
    child.stderr.on("data", (b: Buffer) => (output += b.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", fail);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/** Runs the action's steps in `workspace` with `inputs`, stopping at the first failing step, as the runner does. */
async function runAction(
  t: TempDir,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  const summary = t.path("step-summary.md");
  writeFileSync(summary, "");
  const outputs: Record<string, Record<string, string>> = {};
  let log = "";
  let code: number | null = 0;
  for (const step of action.runs.steps) {
    const outputFile = t.path(`output-${step.id}`);
    writeFileSync(outputFile, "");
    const script = t.path(`step-${step.id}.sh`);
    writeFileSync(script, step.run);
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([k, v]) => [k, resolve(v, inputs, outputs)]),
    );
    const r = await bash(script, t.path("workspace"), {
      PATH: process.env.PATH,
      HOME: t.dir,
      RUNNER_TEMP: t.path("runner-temp"),
      GITHUB_ACTION_PATH: REPO_ROOT,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summary,
      ...env,
      ...stepEnv,
    });
    log += r.output;
    outputs[step.id] = readOutputs(outputFile);
    code = r.code;
    if (code !== 0) break;
  }
  const actionOutputs = Object.fromEntries(
    Object.entries(action.outputs).map(([k, o]) => [k, resolve(o.value, inputs, outputs)]),
  );
  return { code, log, outputs: actionOutputs, summary: readFileSync(summary, "utf8") };
}

/** A workspace with ToolHive inputs in vmcp/, and the built CLI as an executable for the vmcp-gen input. */
function workspace(): { t: TempDir; exe: string } {
  ensureBuilt();
  const t = createTempDir({ workspace: { vmcp: { "inputs.yaml": validInputs() } }, "runner-temp": {} });
  const exe = t.path("vmcp-gen");
  writeFileSync(exe, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(exe, 0o755);
  return { t, exe };
}

describe("action.yml", () => {
  it("is a composite action whose scripts never expand ${{ }} expressions (inputs reach them as environment variables)", () => {
    expect(action.runs.using).toBe("composite");
    for (const step of action.runs.steps) {
      expect(step.shell).toBe("bash");
      expect(step.run).not.toMatch(EXPRESSION);
    }
    const used = action.runs.steps.flatMap((s) => Object.values(s.env ?? {})).join("\n");
    for (const input of Object.keys(action.inputs)) expect(used, input).toContain(`inputs.${input} }}`);
  });

  it("validates, renders into output-dir and writes the inspect table into the job summary", async () => {
    const { t, exe } = workspace();
    const r = await runAction(t, { paths: "vmcp", "output-dir": "deploy/vmcp", "vmcp-gen": exe });
    expect(r.code, r.log).toBe(0);
    expect(existsSync(t.path("workspace/deploy/vmcp/kustomization.yaml"))).toBe(true);
    expect(r.outputs["vmcp-gen"]).toBe(exe);
    expect(r.summary).toContain("| validate | passed |");
    expect(r.summary).toContain("| synth | rendered into `deploy/vmcp` |");
    expect(r.summary).toContain("VirtualMCPServer:  team-a/demo");
    expect(r.summary).toContain("  context7  MCPServerEntry  https://mcp.context7.com/mcp");
  });

  it("diff-against: passes when the committed render is current, fails with an annotation and differences=true when not", async () => {
    const { t, exe } = workspace();
    expect((await runAction(t, { paths: "vmcp", "output-dir": "deploy/vmcp", "vmcp-gen": exe })).code).toBe(0);
    const same = await runAction(t, { paths: "vmcp", "diff-against": "deploy/vmcp", "vmcp-gen": exe });
    expect(same.code, same.log).toBe(0);
    expect(same.outputs.differences).toBe("false");
    t.write({ workspace: { vmcp: { "inputs.yaml": validInputs({ vmcps: ["demo", "second"] }) } } });
    const changed = await runAction(t, { paths: "vmcp", "diff-against": "deploy/vmcp", "vmcp-gen": exe });
    expect(changed.code).toBe(1);
    expect(changed.outputs.differences).toBe("true");
    expect(changed.log).toContain("added:   apps/v1 Deployment team-a/second");
    expect(changed.log).toContain(
      "::error title=Rendered manifests are out of date::Run 'vmcp-gen synth vmcp --output-dir deploy/vmcp' (with the same flags) and commit deploy/vmcp.",
    );
    expect(changed.summary).toContain("| diff | `deploy/vmcp` differs from the render: see the log |");
  });

  it("reports invalid input as annotations on the lines to fix, renders nothing, and still summarises", async () => {
    const { t, exe } = workspace();
    t.write({
      workspace: {
        vmcp: { "inputs.yaml": validInputs().replace("name: tools\n  incomingAuth", "name: missing\n  incomingAuth") },
      },
    });
    const r = await runAction(t, { paths: "vmcp", "output-dir": "deploy/vmcp", "vmcp-gen": exe });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(
      /^::error file=vmcp\/inputs\.yaml,line=\d+,col=\d+,title=VMCP401 VirtualMCPServer\/team-a\/demo::MCPGroup "missing" does not exist/m,
    );
    expect(existsSync(t.path("workspace/deploy/vmcp"))).toBe(false);
    expect(r.summary).toContain("| validate | failed (exit 1): see the annotations |");
    expect(r.summary).toContain("Phase:             Failed");
  });

  it("passes the render flags through (namespace, vmcp filter, image, flux) and refuses a boolean input that is neither true nor false", async () => {
    const { t, exe } = workspace();
    t.write({ workspace: { vmcp: { "inputs.yaml": validInputs({ namespace: null, vmcps: ["one", "two"] }) } } });
    const r = await runAction(t, {
      paths: "vmcp",
      "output-dir": "out",
      namespace: "team-b",
      vmcp: "two",
      image: "registry.example.com/vmcp:v1",
      flux: "true",
      "vmcp-gen": exe,
    });
    expect(r.code, r.log).toBe(0);
    expect(r.log).toContain(
      "+ vmcp-gen synth vmcp --namespace team-b --vmcp two --image registry.example.com/vmcp:v1 --flux --output-dir out --diagnostics github",
    );
    expect(existsSync(t.path("workspace/out/team-b/two"))).toBe(true);
    expect(existsSync(t.path("workspace/out/team-b/one"))).toBe(false);
    const bad = await runAction(t, { paths: "vmcp", "strict-refs": "yes", "vmcp-gen": exe });
    expect(bad.code).toBe(2);
    expect(bad.log).toContain(
      '::error title=vmcp-gen action::the strict-refs input takes "true" or "false", not "yes"',
    );
  });
});

const LINUX_RUNNER = process.platform === "linux" && (process.arch === "x64" || process.arch === "arm64");
describe.skipIf(!LINUX_RUNNER)(
  `action.yml install step, from a release${LINUX_RUNNER ? "" : " (skipped: the release executables are for Linux)"}`,
  () => {
    const ARCH = process.arch === "x64" ? "amd64" : "arm64";
    const release = new Map<string, string>();
    let server: Server;
    let url = "";
    beforeAll(async () => {
      server = createServer((req, res) => {
        const body = release.get(req.url ?? "");
        res.writeHead(body === undefined ? 404 : 200).end(body ?? "not found");
      });
      await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((done) => server.close(() => done())));

    function publish(version: string, executable: string, sums: string) {
      release.set(`/acme/vmcp-gen/releases/download/v${version}/vmcp-gen-linux-${ARCH}`, executable);
      release.set(`/acme/vmcp-gen/releases/download/v${version}/SHA256SUMS`, sums);
    }

    it("downloads the release's executable, checks it against SHA256SUMS, keeps it in the tool cache, and refuses one that does not match", async () => {
      const { t } = workspace();
      const executable = `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`;
      const sha = createHash("sha256").update(executable).digest("hex");
      publish("0.1.0", executable, `${"0".repeat(64)}  vmcp-gen-linux-other\n${sha}  vmcp-gen-linux-${ARCH}\n`);
      const env = {
        GITHUB_SERVER_URL: url,
        GITHUB_ACTION_REPOSITORY: "acme/vmcp-gen",
        RUNNER_TOOL_CACHE: t.path("tool-cache"),
      };
      const r = await runAction(t, { paths: "vmcp", version: "v0.1.0" }, env);
      expect(r.code, r.log).toBe(0);
      expect(r.outputs["vmcp-gen"]).toBe(t.path(`tool-cache/vmcp-gen/0.1.0/${ARCH}/vmcp-gen`));
      expect(r.log).toMatch(/^vmcp-gen \d+\.\d+\.\d+ at /m);

      publish("0.1.1", `${executable}# tampered\n`, `${sha}  vmcp-gen-linux-${ARCH}\n`);
      const tampered = await runAction(t, { paths: "vmcp", version: "0.1.1" }, env);
      expect(tampered.code).toBe(1);
      expect(tampered.log).toContain(
        `::error title=vmcp-gen action::vmcp-gen-linux-${ARCH} does not match the release's SHA256SUMS`,
      );
      expect(existsSync(t.path(`tool-cache/vmcp-gen/0.1.1`))).toBe(false);
    });

    it("runs the release of its own version (package.json) when no version is given", async () => {
      const { t } = workspace();
      const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string })
        .version;
      const executable = `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`;
      publish(
        version,
        executable,
        `${createHash("sha256").update(executable).digest("hex")}  vmcp-gen-linux-${ARCH}\n`,
      );
      const r = await runAction(
        t,
        { paths: "vmcp" },
        { GITHUB_SERVER_URL: url, GITHUB_ACTION_REPOSITORY: "acme/vmcp-gen", RUNNER_TOOL_CACHE: t.path("tool-cache") },
      );
      expect(r.code, r.log).toBe(0);
      expect(r.outputs["vmcp-gen"]).toBe(t.path(`tool-cache/vmcp-gen/${version}/${ARCH}/vmcp-gen`));
    });
  },
);
