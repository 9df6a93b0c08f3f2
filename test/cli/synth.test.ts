import { readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "../helpers/run-cli.js";

const QUICKSTART = "fixtures/quickstart";
const STACK = /\n\s+at .+\(.+:\d+:\d+\)/;

describe("vmcp-gen synth (built CLI)", () => {
  it("renders the quickstart: manifests on stdout only, in install order", async () => {
    const r = await runCli(["synth", QUICKSTART]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const kinds = parseAllDocuments(r.stdout).map((d) => (d.toJS() as { kind: string }).kind);
    expect(kinds).toEqual(["ServiceAccount", "ConfigMap", "ConfigMap", "Service", "Deployment"]);
    expect(r.stdout.endsWith("\n")).toBe(true);
    expect(r.stdout.startsWith("---")).toBe(false);
  });

  it("prints nothing on stdout and exits 1 when any input is invalid", async () => {
    const r = await runCli(["synth", "fixtures/golden/error-invalid-entry/input"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/input\/all\.yaml:15:14: error VMCP502: /);
    expect(r.stderr).toMatch(/hint: /);
    expect(r.stderr).not.toMatch(STACK);
  });

  it("--format json prints one v1 List", async () => {
    const r = await runCli(["synth", QUICKSTART, "--format", "json"]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { apiVersion: string; kind: string; items: { kind: string }[] };
    expect(list.kind).toBe("List");
    expect(list.items.map((i) => i.kind)).toEqual([
      "ServiceAccount",
      "ConfigMap",
      "ConfigMap",
      "Service",
      "Deployment",
    ]);
  });

  it("--image overrides the container image", async () => {
    const r = await runCli([
      "synth",
      QUICKSTART,
      "--image",
      "registry.example.com/vmcp:v0.44.0@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ]);
    expect(r.stdout).toContain(
      "image: registry.example.com/vmcp:v0.44.0@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    );
  });

  it("--vmcp filters by name or namespace/name, and an unknown name is an error", async () => {
    const two = "fixtures/golden/static-two-namespaces/input";
    const all = await runCli(["synth", two]);
    const one = await runCli(["synth", two, "--vmcp", "team-b/gateway"]);
    expect(one.code).toBe(0);
    expect(parseAllDocuments(all.stdout)).toHaveLength(8);
    expect(
      parseAllDocuments(one.stdout).every(
        (d) => (d.toJS() as { metadata: { namespace: string } }).metadata.namespace === "team-b",
      ),
    ).toBe(true);
    const none = await runCli(["synth", two, "--vmcp", "nope"]);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("VMCP702");
  });

  it("reads stdin with -, filling the namespace from -n", async () => {
    const text = ["group.yaml", "entries.yaml", "ca-bundle.yaml", "vmcp.yaml"]
      .map((f) =>
        readFileSync(path.join(REPO_ROOT, QUICKSTART, f), "utf8").replace(/^\s*namespace: toolhive-system\n/gm, ""),
      )
      .join("\n---\n");
    const r = await runCli(["synth", "-", "-n", "from-flag"], { stdin: text });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("namespace: from-flag");
    expect(r.stdout).toContain("url: https://mcp.context7.com/mcp");
  });

  it("an input with no VirtualMCPServer is an error, not an empty success", async () => {
    const r = await runCli(["synth", "-"], {
      stdin: "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPGroup\nmetadata:\n  name: g\n",
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("VMCP701");
  });

  it("a usage error exits 2", async () => {
    expect((await runCli(["synth", QUICKSTART, "--format", "xml"])).code).toBe(2);
    expect((await runCli(["synth", "does/not/exist"])).code).toBe(2);
  });

  it("output is identical across runs", async () => {
    const inputs = [
      "fixtures/golden/static-mixed-group/input",
      "fixtures/golden/static-outgoing-auth/input",
      QUICKSTART,
    ];
    const a = await runCli(["synth", ...inputs]);
    const b = await runCli(["synth", ...[...inputs].reverse()]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(b.stdout).toBe(a.stdout);
  });
});
