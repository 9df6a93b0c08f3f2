import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import jsYaml from "js-yaml";
import { runCli } from "../helpers/run-cli.js";
import { createTempDir, symlink } from "../helpers/temp-dir.js";
import { invalidInputs, validInputs } from "../integration/helpers/inputs.js";
import { siblingsOf, snapshotTree } from "../integration/helpers/tree.js";

const CRASH_PRELOAD = path.resolve(import.meta.dirname, "../integration/helpers/crash-after.cjs");

function hasKubectl(): boolean {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function identity(doc: Record<string, unknown>): string {
  const meta = doc.metadata as { name: string; namespace?: string };
  return `${doc.apiVersion as string}/${doc.kind as string}/${meta.namespace ?? ""}/${meta.name}`;
}

function parseAll(text: string): Map<string, unknown> {
  const docs = jsYaml.loadAll(text).filter((d): d is Record<string, unknown> => typeof d === "object" && d !== null);
  return new Map(docs.map((d) => [identity(d), d]));
}

describe("synth --output-dir", () => {
  it("writes one file per object and a kustomization.yaml, prints nothing on stdout", async () => {
    const t = createTempDir({ "in.yaml": validInputs({ vmcps: ["alpha", "beta"] }) });
    const r = await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("vmcp-gen: wrote 9 files to out\n");
    expect(readdirSync(t.path("out", "team-a", "alpha")).sort()).toEqual([
      "configmap-alpha-vmcp-config.yaml",
      "deployment-alpha.yaml",
      "service-vmcp-alpha.yaml",
      "serviceaccount-alpha-vmcp.yaml",
    ]);
    const kustomization = readFileSync(t.path("out", "kustomization.yaml"), "utf8");
    expect(kustomization).not.toContain("commonLabels");
    const parsed = jsYaml.load(kustomization) as { kind: string; resources: string[] };
    expect(parsed.kind).toBe("Kustomization");
    expect(parsed.resources).toEqual([...parsed.resources].sort());
    expect(parsed.resources).toHaveLength(8);
    // Each file holds exactly the object synth prints for it.
    const stdout = await runCli(["synth", "in.yaml"], { cwd: t.dir });
    const expected = parseAll(stdout.stdout);
    const written = new Map<string, unknown>();
    for (const file of parsed.resources)
      for (const [k, v] of parseAll(readFileSync(t.path("out", file), "utf8"))) written.set(k, v);
    expect(written).toEqual(expected);
  });

  it.skipIf(!hasKubectl())("renders with kubectl kustomize (the layout Flux and Argo CD read)", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    expect((await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir })).code).toBe(0);
    const built = execFileSync("kubectl", ["kustomize", t.path("out")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout = await runCli(["synth", "in.yaml"], { cwd: t.dir });
    expect(parseAll(built)).toEqual(parseAll(stdout.stdout));
  });

  it("keeps stderr one JSON document with --diagnostics json", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    const r = await runCli(["synth", "in.yaml", "--output-dir", "out", "--diagnostics", "json"], { cwd: t.dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stderr)).toEqual({ diagnostics: [], summary: { errors: 0, warnings: 0 } });
  });

  it("is deterministic and leaves an up-to-date folder untouched", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    expect((await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir })).code).toBe(0);
    const before = snapshotTree(t.path("out"));
    const mtime = statSync(t.path("out", "kustomization.yaml")).mtimeMs;
    const again = await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe("vmcp-gen: out is up to date\n");
    expect(snapshotTree(t.path("out"))).toEqual(before);
    expect(statSync(t.path("out", "kustomization.yaml")).mtimeMs).toBe(mtime);
  });

  it("prunes only the files it wrote before; the user's files stay", async () => {
    const t = createTempDir({ "in.yaml": validInputs({ vmcps: ["alpha", "beta"] }) });
    expect((await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir })).code).toBe(0);
    t.write({
      out: {
        "README.md": "# rendered by CI\n",
        patches: { "extra.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n" },
        "team-a": { beta: { "notes.md": "kept\n" } },
        ".keep": "",
      },
    });
    chmodSync(t.path("out", "patches"), 0o750);
    t.write({ "in.yaml": validInputs({ vmcps: ["alpha"] }) });
    const r = await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("vmcp-gen: wrote 5 files to out, removed 4 stale files\n");
    const tree = snapshotTree(t.path("out"));
    expect(Object.keys(tree).sort()).toEqual(
      [
        ".keep",
        "README.md",
        "kustomization.yaml",
        "patches",
        "patches/extra.yaml",
        "team-a",
        "team-a/alpha",
        "team-a/alpha/configmap-alpha-vmcp-config.yaml",
        "team-a/alpha/deployment-alpha.yaml",
        "team-a/alpha/service-vmcp-alpha.yaml",
        "team-a/alpha/serviceaccount-alpha-vmcp.yaml",
        "team-a/beta",
        "team-a/beta/notes.md",
      ].sort(),
    );
    expect(tree["patches"]).toBe("dir 750");
    expect(readFileSync(t.path("out", "README.md"), "utf8")).toBe("# rendered by CI\n");
    expect(siblingsOf(t.path("out"))).toEqual([]);
  });

  it("a failed render (exit 1) leaves the folder byte-for-byte as it was", async () => {
    const t = createTempDir({ "in.yaml": validInputs(), "bad.yaml": invalidInputs() });
    expect((await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir })).code).toBe(0);
    t.write({ out: { "README.md": "mine\n" } });
    const before = snapshotTree(t.path("out"));
    const r = await runCli(["synth", "bad.yaml", "--output-dir", "out"], { cwd: t.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("VMCP401");
    expect(r.stderr).not.toContain("wrote");
    expect(snapshotTree(t.path("out"))).toEqual(before);
    expect(siblingsOf(t.path("out"))).toEqual([]);
  });

  it("a render killed in the middle of writing leaves the folder byte-for-byte as it was", async () => {
    const t = createTempDir({ "in.yaml": validInputs({ vmcps: ["alpha"] }) });
    expect((await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir })).code).toBe(0);
    t.write({ out: { "README.md": "mine\n" } });
    const before = snapshotTree(t.path("out"));
    t.write({ "in.yaml": validInputs({ vmcps: ["alpha", "beta"] }) });
    const crash = runCli(["synth", "in.yaml", "--output-dir", "out"], {
      cwd: t.dir,
      env: { NODE_OPTIONS: `--require ${CRASH_PRELOAD}`, VMCP_GEN_TEST_CRASH: "writeFile:4" },
    });
    await expect(crash).rejects.toThrow(/killed by SIGKILL/);
    expect(snapshotTree(t.path("out"))).toEqual(before);
    // The half-written sibling and the dead run's lock are left behind; the next render removes both.
    expect(siblingsOf(t.path("out")).map((n) => n.replace(/-[0-9a-f]{12}$/, ""))).toEqual([
      ".out.vmcp-gen-lock",
      ".out.vmcp-gen-new",
    ]);
    const next = await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir });
    expect(next.code).toBe(0);
    expect(siblingsOf(t.path("out"))).toEqual([]);
    expect(existsSync(t.path("out", "team-a", "beta", "deployment-beta.yaml"))).toBe(true);
    expect(readFileSync(t.path("out", "README.md"), "utf8")).toBe("mine\n");
  });

  it("a render killed between the two renames of the swap is undone by the next render", async () => {
    const t = createTempDir({ "in.yaml": validInputs({ vmcps: ["alpha"] }) });
    expect((await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir })).code).toBe(0);
    t.write({ out: { "README.md": "mine\n" } });
    const before = snapshotTree(t.path("out"));
    t.write({ "in.yaml": validInputs({ vmcps: ["beta"] }) });
    const crash = runCli(["synth", "in.yaml", "--output-dir", "out"], {
      cwd: t.dir,
      env: { NODE_OPTIONS: `--require ${CRASH_PRELOAD}`, VMCP_GEN_TEST_CRASH: "rename:2" },
    });
    await expect(crash).rejects.toThrow(/killed by SIGKILL/);
    expect(existsSync(t.path("out"))).toBe(false);
    const backup = siblingsOf(t.path("out")).find((n) => n.includes("vmcp-gen-old-"));
    expect(backup).toBeDefined();
    expect(snapshotTree(t.path(backup!))).toEqual(before);
    const next = await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir });
    expect(next.code).toBe(0);
    expect(siblingsOf(t.path("out"))).toEqual([]);
    expect(readFileSync(t.path("out", "README.md"), "utf8")).toBe("mine\n");
    expect(existsSync(t.path("out", "team-a", "alpha"))).toBe(false);
    expect(existsSync(t.path("out", "team-a", "beta", "deployment-beta.yaml"))).toBe(true);
  });

  it("refuses to overwrite a file it did not write (exit 2, nothing written)", async () => {
    const t = createTempDir({
      "in.yaml": validInputs(),
      out: { "team-a": { demo: { "deployment-demo.yaml": "mine\n" } } },
    });
    const before = snapshotTree(t.path("out"));
    const r = await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /team-a\/demo\/deployment-demo\.yaml is in the way and was not written by vmcp-gen; nothing was written/,
    );
    expect(snapshotTree(t.path("out"))).toEqual(before);
  });

  it("refuses a kustomization.yaml it did not write", async () => {
    const t = createTempDir({ "in.yaml": validInputs(), out: { "kustomization.yaml": "resources: [app.yaml]\n" } });
    const r = await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("kustomization.yaml is in the way");
    expect(readFileSync(t.path("out", "kustomization.yaml"), "utf8")).toBe("resources: [app.yaml]\n");
  });

  it("refuses a folder holding another kustomization file (kustomize would refuse two)", async () => {
    const t = createTempDir({ "in.yaml": validInputs(), out: { "kustomization.yml": "resources: []\n" } });
    const r = await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("kustomization.yml is in the way");
    expect(existsSync(t.path("out", "kustomization.yaml"))).toBe(false);
  });

  it("creates missing parent folders, and follows a symlinked output folder", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    expect((await runCli(["synth", "in.yaml", "--output-dir", "deep/er/out"], { cwd: t.dir })).code).toBe(0);
    expect(existsSync(t.path("deep", "er", "out", "kustomization.yaml"))).toBe(true);
    mkdirSync(t.path("real"));
    t.write({ link: symlink("real") });
    expect((await runCli(["synth", "in.yaml", "--output-dir", "link"], { cwd: t.dir })).code).toBe(0);
    expect(existsSync(t.path("real", "kustomization.yaml"))).toBe(true);
  });

  it("rejects --format with --output-dir, and an output path that is a file", async () => {
    const t = createTempDir({ "in.yaml": validInputs(), "file.txt": "x" });
    const both = await runCli(["synth", "in.yaml", "--output-dir", "out", "--format", "json"], { cwd: t.dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("cannot be used with option '--format <format>'");
    const file = await runCli(["synth", "in.yaml", "--output-dir", "file.txt"], { cwd: t.dir });
    expect(file.code).toBe(2);
    expect(file.stderr).toContain("--output-dir file.txt exists and is not a folder");
  });

  it("--flux marks objects holding ${ so Flux postBuild substitution leaves them alone", async () => {
    const t = createTempDir({ "in.yaml": validInputs({ header: "${TRACE_ID}" }) });
    const plain = await runCli(["synth", "in.yaml"], { cwd: t.dir });
    expect(plain.stdout).toContain("${TRACE_ID}");
    expect(plain.stdout).not.toContain("kustomize.toolkit.fluxcd.io/substitute");
    expect((await runCli(["synth", "in.yaml", "--output-dir", "out", "--flux"], { cwd: t.dir })).code).toBe(0);
    // The header is rendered into the Deployment's environment: that object is marked, the others are not.
    const deployment = jsYaml.load(readFileSync(t.path("out", "team-a", "demo", "deployment-demo.yaml"), "utf8")) as {
      metadata: { annotations: Record<string, string> };
    };
    expect(deployment.metadata.annotations["kustomize.toolkit.fluxcd.io/substitute"]).toBe("disabled");
    expect(readFileSync(t.path("out", "team-a", "demo", "configmap-demo-vmcp-config.yaml"), "utf8")).not.toContain(
      "kustomize.toolkit.fluxcd.io/substitute",
    );
    const stdout = await runCli(["synth", "in.yaml", "--flux"], { cwd: t.dir });
    expect(stdout.stdout.match(/kustomize\.toolkit\.fluxcd\.io\/substitute: disabled/g)).toHaveLength(1);
  });
});
