import { readFileSync, writeFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { runCli } from "../helpers/run-cli.js";
import { createTempDir, type TempDir } from "../helpers/temp-dir.js";
import { invalidInputs, validInputs } from "../integration/helpers/inputs.js";

async function renderedDir(inputs: string): Promise<TempDir> {
  const t = createTempDir({ "in.yaml": inputs });
  const r = await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir });
  expect(r.code).toBe(0);
  return t;
}

describe("vmcp-gen diff", () => {
  it("exits 0 with a zero summary when the render matches the folder", async () => {
    const t = await renderedDir(validInputs({ vmcps: ["alpha", "beta"] }));
    const r = await runCli(["diff", "in.yaml", "--against", "out"], { cwd: t.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("0 changed, 0 added, 0 removed\n");
    expect(r.stderr).toBe("");
  });

  it("exits 1 and prints a unified diff per changed object, the added and removed objects, and a summary", async () => {
    const t = await renderedDir(validInputs({ vmcps: ["alpha", "beta"], header: "one" }));
    t.write({ "in.yaml": validInputs({ vmcps: ["alpha", "gamma"], header: "two" }) });
    const r = await runCli(["diff", "in.yaml", "--against", "out"], { cwd: t.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines[2]).toMatch(/^@@ -\d+,7 \+\d+,7 @@$/);
    lines[2] = "@@";
    expect(lines.join("\n")).toBe(
      [
        "--- apps/v1 Deployment team-a/alpha (out/team-a/alpha/deployment-alpha.yaml)",
        "+++ apps/v1 Deployment team-a/alpha (rendered)",
        "@@",
        "         - --port=4483",
        "         env:",
        "         - name: TOOLHIVE_HEADER_FORWARD_CONTEXT7",
        `-          value: '{"addPlaintextHeaders":{"X-Test":"one"}}'`,
        `+          value: '{"addPlaintextHeaders":{"X-Test":"two"}}'`,
        "         - name: XDG_CONFIG_HOME",
        "           value: /tmp",
        "         - name: HOME",
        "added:   v1 ServiceAccount team-a/gamma-vmcp",
        "added:   v1 ConfigMap team-a/gamma-vmcp-config",
        "added:   v1 Service team-a/vmcp-gamma",
        "added:   apps/v1 Deployment team-a/gamma",
        // Removed objects in the order of the previous render's files.
        "removed: v1 ConfigMap team-a/beta-vmcp-config (out/team-a/beta/configmap-beta-vmcp-config.yaml)",
        "removed: apps/v1 Deployment team-a/beta (out/team-a/beta/deployment-beta.yaml)",
        "removed: v1 Service team-a/vmcp-beta (out/team-a/beta/service-vmcp-beta.yaml)",
        "removed: v1 ServiceAccount team-a/beta-vmcp (out/team-a/beta/serviceaccount-beta-vmcp.yaml)",
        "1 changed, 4 added, 4 removed",
        "",
      ].join("\n"),
    );
  });

  it("compares with a multi-document file, and with a JSON List, ignoring key order", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    const yaml = await runCli(["synth", "in.yaml"], { cwd: t.dir });
    const json = await runCli(["synth", "in.yaml", "--format", "json"], { cwd: t.dir });
    writeFileSync(t.path("rendered.yaml"), yaml.stdout);
    // Reverse every mapping's key order: another formatter's output is the same objects.
    const reverse = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverse)
        : typeof v === "object" && v !== null
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverse(x)]),
            )
          : v;
    writeFileSync(t.path("rendered.json"), JSON.stringify(reverse(JSON.parse(json.stdout))));
    for (const against of ["rendered.yaml", "rendered.json"]) {
      const r = await runCli(["diff", "in.yaml", "--against", against], { cwd: t.dir });
      expect(r.stdout, against).toBe("0 changed, 0 added, 0 removed\n");
      expect(r.code, against).toBe(0);
    }
  });

  it("reads only the files vmcp-gen wrote in an output folder (the user's YAML is not a previous object)", async () => {
    const t = await renderedDir(validInputs());
    t.write({
      out: { "extra.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\n", "README.md": "x\n" },
    });
    const r = await runCli(["diff", "in.yaml", "--against", "out"], { cwd: t.dir });
    expect(r.stdout).toBe("0 changed, 0 added, 0 removed\n");
    expect(r.code).toBe(0);
  });

  it("reads every YAML file but kustomization.yaml of a folder vmcp-gen did not write", async () => {
    const t = createTempDir({ "in.yaml": validInputs(), plain: { "kustomization.yaml": "resources: [all.yaml]\n" } });
    const yaml = await runCli(["synth", "in.yaml"], { cwd: t.dir });
    writeFileSync(t.path("plain", "all.yaml"), yaml.stdout);
    const same = await runCli(["diff", "in.yaml", "--against", "plain"], { cwd: t.dir });
    expect(same.code).toBe(0);
    writeFileSync(
      t.path("plain", "extra.yaml"),
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: team-a\n",
    );
    const extra = await runCli(["diff", "in.yaml", "--against", "plain"], { cwd: t.dir });
    expect(extra.code).toBe(1);
    expect(extra.stdout).toBe("removed: v1 ConfigMap team-a/other (plain/extra.yaml)\n0 changed, 0 added, 1 removed\n");
  });

  it("exits 2 on invalid input, and prints no diff", async () => {
    const t = await renderedDir(validInputs());
    t.write({ "bad.yaml": invalidInputs() });
    const r = await runCli(["diff", "bad.yaml", "--against", "out"], { cwd: t.dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("VMCP401");
  });

  it("exits 2 on a broken previous render, a missing --against path, and a missing --against flag", async () => {
    const t = createTempDir({ "in.yaml": validInputs(), "broken.yaml": "apiVersion: v1\nkind: [\n" });
    const broken = await runCli(["diff", "in.yaml", "--against", "broken.yaml"], { cwd: t.dir });
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toContain("broken.yaml:");
    expect(broken.stderr).toContain("VMCP101");
    const missing = await runCli(["diff", "in.yaml", "--against", "nowhere"], { cwd: t.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("vmcp-gen: error: --against nowhere does not exist\n");
    const noFlag = await runCli(["diff", "in.yaml"], { cwd: t.dir });
    expect(noFlag.code).toBe(2);
    expect(noFlag.stderr).toContain("required option '--against <dir|file>' not specified");
  });

  it("colours only on a terminal, never with NO_COLOR", async () => {
    const t = await renderedDir(validInputs({ header: "one" }));
    t.write({ "in.yaml": validInputs({ header: "two" }) });
    const piped = await runCli(["diff", "in.yaml", "--against", "out"], { cwd: t.dir });
    expect(piped.rawStdout).not.toContain("\u001b[");
    const forced = await runCli(["diff", "in.yaml", "--against", "out"], { cwd: t.dir, env: { FORCE_COLOR: "1" } });
    expect(forced.rawStdout).toContain("\u001b[31m-");
    const inProcess = async (env: Record<string, string>) => {
      let out = "";
      const code = await main(["diff", "in.yaml", "--against", "out"], {
        cwd: t.dir,
        env,
        stdin: Readable.from([]),
        stdout: { write: (s: string) => ((out += s), true), isTTY: true },
        stderr: { write: () => true, isTTY: true },
      });
      return { code, out };
    };
    const tty = await inProcess({});
    expect(tty.code).toBe(1);
    expect(tty.out).toContain("\u001b[32m+");
    const noColor = await inProcess({ NO_COLOR: "1" });
    expect(noColor.out).not.toContain("\u001b[");
    expect(readFileSync(t.path("out", "kustomization.yaml"), "utf8")).toContain("vmcp-gen");
  });
});
