import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ensureBuilt, REPO_ROOT } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { createTempDir } from "../helpers/temp-dir.js";

/** `vmcp-gen complete -- WORDS`, the request the completion scripts make: suggestions and the directive. */
async function complete(...words: string[]): Promise<{ values: string[]; directive: number }> {
  const r = await runInProcess(["complete", "--", ...words], { cwd: REPO_ROOT });
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stdout.trimEnd().split("\n");
  return { values: lines.slice(0, -1).map((l) => l.split("\t")[0]!), directive: Number(lines.at(-1)!.slice(1)) };
}

const NO_SPACE = 2;
const COMMANDS = ["synth", "validate", "inspect", "diff", "probe", "krm", "argocd", "schemas", "completion", "help"];

describe("vmcp-gen complete (the scripts' callback)", () => {
  it("completes commands, subcommands, flags and fixed flag values", async () => {
    expect((await complete("")).values).toEqual(COMMANDS);
    expect((await complete("argocd", "")).values).toEqual(["discover", "generate", "help"]);
    expect((await complete("synth", "--s")).values).toEqual(["--skip-invalid-backends", "--strict-refs"]);
    expect((await complete("inspect", "-o", "")).values).toEqual(["table", "yaml", "json", "mermaid"]);
    expect((await complete("synth", "-o", "")).values).toEqual(["yaml", "json"]);
    expect((await complete("validate", "--diagnostics", "g")).values).toEqual(["github"]);
    expect((await complete("completion", "")).values).toEqual(["bash", "zsh", "fish"]);
  });

  it("completes --vmcp with the VirtualMCPServers of the inputs named before it", async () => {
    expect((await complete("synth", "fixtures/quickstart", "--vmcp", "")).values).toEqual(["engineering"]);
    expect(
      (
        await complete("inspect", "-n", "fixtures", "fixtures/golden/static-two-namespaces/input", "--vmcp", "")
      ).values.sort(),
    ).toEqual(["team-a/gateway", "team-b/gateway"]);
    expect((await complete("diff", "does-not-exist", "--vmcp", "")).values).toEqual([]);
  });

  it("completes paths: folders without a trailing space, then the YAML files in them", async () => {
    const folders = await complete("synth", "fixtures/q");
    expect(folders).toEqual({ values: ["fixtures/quickstart/"], directive: expect.any(Number) as number });
    expect(folders.directive & NO_SPACE).toBe(NO_SPACE);
    const files = await complete("validate", "fixtures/quickstart/");
    expect(files.values).toContain("fixtures/quickstart/vmcp.yaml");
    expect(files.values.every((v) => /\.ya?ml$|\/$/.test(v))).toBe(true);
    expect(files.directive & NO_SPACE).toBe(files.values.some((v) => v.endsWith("/")) ? NO_SPACE : 0);
    expect((await complete("diff", "fixtures/quickstart", "--against", "deploy/a")).values).toEqual(["deploy/argocd/"]);
  });
});

/** A folder holding `vmcp-gen` (the built CLI) for the scripts to call back, as it would be on PATH. */
function shimPath(): string {
  ensureBuilt();
  const t = createTempDir();
  const shim = t.path("vmcp-gen");
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(shim, 0o755);
  return `${t.dir}:${process.env.PATH ?? ""}`;
}

function has(tool: string): boolean {
  return spawnSync(tool, ["--version"], { stdio: "ignore" }).status === 0;
}

const BASH_COMPLETION = "/usr/share/bash-completion/bash_completion";
const SHELLS = {
  bash:
    has("bash") && existsSync(BASH_COMPLETION)
      ? undefined
      : `bash with the bash-completion package (${BASH_COMPLETION}) is not installed`,
  zsh: has("zsh") ? undefined : "zsh is not installed (apt-get install zsh)",
  fish: has("fish") ? undefined : "fish is not installed (apt-get install fish)",
};
for (const [shell, reason] of Object.entries(SHELLS))
  if (reason) console.warn(`test/cli/completion.test.ts: ${shell} skipped: ${reason}`);

/** What `shell`, with `vmcp-gen completion SHELL` loaded, offers for `line`. */
function offered(shell: keyof typeof SHELLS, line: string, PATH: string): string[] {
  const env = { ...process.env, PATH };
  const run = (file: string, args: string[]) =>
    execFileSync(file, args, {
      cwd: REPO_ROOT,
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 30_000,
    });
  let out: string;
  if (shell === "bash") {
    // Sets what bash sets for a completion function, then calls the one the script registered.
    out = run("bash", [
      "-c",
      `source ${BASH_COMPLETION}; source <(vmcp-gen completion bash)
       fn=$(complete -p vmcp-gen | sed -E 's/.* -F ([^ ]+) .*/\\1/')
       COMP_LINE="$1"; COMP_POINT=\${#COMP_LINE}; read -ra COMP_WORDS <<< "$COMP_LINE"
       [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
       COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=()
       "$fn" vmcp-gen; printf '%s\\n' "\${COMPREPLY[@]}"`,
      "bash",
      line,
    ]);
  } else if (shell === "zsh") out = run("zsh", ["-f", path.join(REPO_ROOT, "test/helpers/zsh-complete.zsh"), line]);
  else
    out = run("fish", ["-c", `vmcp-gen completion fish | source; complete -C"$argv[1]"`, line]).replace(/\t.*$/gm, "");
  return out
    .split("\n")
    .filter((l) => l !== "")
    .sort();
}

describe.each(Object.keys(SHELLS) as (keyof typeof SHELLS)[])("the %s script (`vmcp-gen completion`)", (shell) => {
  const reason = SHELLS[shell];
  const run = reason ? it.skip : it;
  run(`completes commands, flags, paths and --vmcp names in ${shell}${reason ? ` (skipped: ${reason})` : ""}`, () => {
    const PATH = shimPath();
    expect(offered(shell, "vmcp-gen sy", PATH)).toEqual(["synth"]);
    expect(offered(shell, "vmcp-gen synth --fl", PATH)).toEqual(["--flux"]);
    expect(offered(shell, "vmcp-gen synth fixtures/quickstart --vmcp ", PATH)).toEqual(["engineering"]);
    expect(offered(shell, "vmcp-gen validate fixtures/qu", PATH)).toEqual(["fixtures/quickstart/"]);
  });
});
