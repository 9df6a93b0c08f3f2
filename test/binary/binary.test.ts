import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { singleFileExecutable } from "../helpers/binary.js";
import { goldenCases } from "../helpers/golden-cases.js";
import { BIN, ensureBuilt, REPO_ROOT } from "../helpers/run-cli.js";
import { createTempDir } from "../helpers/temp-dir.js";
import { validInputs } from "../integration/helpers/inputs.js";

/**
 * The single-file executable (npm run build:binary) end to end, for the machine's architecture:
 * every golden case, every command's help (each command module is a dynamic import that the
 * bundle must keep), the embedded package files, argocd discover/generate as the plugin runs
 * them, and krm under the real kpt. Each is compared with the npm package's CLI
 * (`node bin/vmcp-gen.js`) or the goldens. The arm64 executable runs in
 * test/deploy/images.test.ts, under qemu, inside the images' filesystems.
 */

const HOST = process.arch === "x64" ? "amd64" : process.arch === "arm64" ? "arm64" : undefined;
const found = HOST ? singleFileExecutable(HOST) : { missing: `no executable is built for ${process.arch}` };
const EXE = "file" in found ? found.file : undefined;
const SKIP = "missing" in found ? found.missing : undefined;
if (SKIP) console.warn(`test/binary/binary.test.ts skipped: ${SKIP}`);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(
  file: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; stdin?: string } = {},
): Run {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NO_COLOR: "1", ...options.env };
  const r = spawnSync(file, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    input: options.stdin ?? "",
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const exe = (args: readonly string[], options?: Parameters<typeof run>[2]) => run(EXE!, args, options);
const npmCli = (args: readonly string[], options?: Parameters<typeof run>[2]) => {
  ensureBuilt();
  return run(process.execPath, [BIN, ...args], options);
};

function kptVersion(): string | undefined {
  const r = spawnSync("kpt", ["version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

describe.skipIf(!EXE)(`the single-file executable (${SKIP ?? EXE})`, () => {
  it("prints the package's version and runs without Node's experimental warning", () => {
    const r = exe(["--version"]);
    expect(r).toEqual({
      code: 0,
      stdout: `${(JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version}\n`,
      stderr: "",
    });
  });

  it.each(goldenCases().map((c) => [c.name, c] as const))("golden %s", (_name, c) => {
    const r = exe(c.argv, { cwd: c.dir });
    const expected = (f: string) => readFileSync(path.join(c.dir, "expected", f), "utf8");
    expect(r.stdout).toBe(expected("stdout"));
    expect(r.stderr).toBe(expected("stderr"));
    expect(`${r.code}\n`).toBe(expected("exit-code"));
  });

  it("has every command of the npm package, with the same help (the lazily imported command modules are bundled)", () => {
    const commands = [
      "synth",
      "validate",
      "inspect",
      "diff",
      "krm",
      "argocd",
      "argocd discover",
      "argocd generate",
      "schemas",
      "completion",
    ];
    for (const command of [[], ...commands.map((c) => c.split(" "))]) {
      const args = [...command, "--help"];
      expect(exe(args), args.join(" ")).toEqual(npmCli(args));
    }
  });

  it("writes the JSON Schemas byte for byte as the npm package writes them (the CRD schemas it embeds, config.yaml's from the model)", () => {
    const t = createTempDir();
    expect(exe(["schemas", "--output-dir", t.path("exe")]).code).toBe(0);
    expect(npmCli(["schemas", "--output-dir", t.path("npm")]).code).toBe(0);
    const tree = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
        .sort();
    const written = tree(t.path("exe"));
    expect(written).toEqual(
      [
        ...tree(path.join(REPO_ROOT, "schemas")).filter((f) => f.endsWith(".json") && !f.endsWith("index.json")),
        "vmcp-config.schema.json",
      ].sort(),
    );
    expect(written).toEqual(tree(t.path("npm")));
    for (const f of written)
      expect(readFileSync(t.path("exe", f), "utf8"), f).toBe(readFileSync(t.path("npm", f), "utf8"));
  });

  it("answers completion requests, with --vmcp names read from the inputs", () => {
    expect(exe(["complete", "--", "synth", "fixtures/quickstart", "--vmcp", ""]).stdout).toBe(
      npmCli(["complete", "--", "synth", "fixtures/quickstart", "--vmcp", ""]).stdout,
    );
  });

  it("runs the Argo CD plugin's commands as the sidecar does, with the npm package's output", () => {
    const plugin = readFileSync(path.join(REPO_ROOT, "deploy/argocd/plugin.yaml"), "utf8");
    expect(plugin).toContain("command: [vmcp-gen, argocd, discover]");
    expect(plugin).toContain("command: [vmcp-gen, argocd, generate]");
    const t = createTempDir({ team: { "vmcp.yaml": validInputs({ namespace: null }) } });
    const env = {
      ARGOCD_APP_NAMESPACE: "team-a",
      ARGOCD_APP_PARAMETERS: JSON.stringify([{ name: "vmcp", array: ["demo"] }]),
    };
    for (const args of [
      ["argocd", "discover"],
      ["argocd", "generate"],
    ]) {
      const r = exe(args, { cwd: t.dir, env });
      expect(r.code, r.stderr).toBe(0);
      expect(r).toEqual(npmCli(args, { cwd: t.dir, env }));
    }
  });

  const KPT = kptVersion();
  it.skipIf(!KPT)(`is a KRM function under the real kpt (${KPT ?? "skipped: kpt is not on PATH"})`, () => {
    const t = createTempDir({
      pkg: { Kptfile: "apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: pkg\n", "vmcp.yaml": validInputs() },
    });
    const viaKpt = (name: string, command: string) => {
      const wrapper = t.path(`${name}-krm.sh`);
      writeFileSync(wrapper, `#!/bin/sh\nexec ${command} krm "$@"\n`);
      chmodSync(wrapper, 0o755);
      return execFileSync(
        "kpt",
        ["fn", "eval", t.path("pkg"), "--exec", wrapper, "--output", "unwrap", "--", "namespace=team-a"],
        { cwd: t.dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
      );
    };
    const out = viaKpt("executable", `"${EXE}"`);
    expect(out).toContain("kind: Deployment");
    expect(out).toBe(viaKpt("npm-package", `"${process.execPath}" "${BIN}"`));
  });
});
