import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, REPO_ROOT } from "../helpers/run-cli.js";
import { createTempDir } from "../helpers/temp-dir.js";

// Start-up cost is mostly module loading (bench/PLAN.md): help and version never load cdk8s, and
// nothing loads the yaml package unless a diagnostic needs a source position. `validate` runs the
// render as synth does (it refuses exactly what synth refuses), so it loads what synth loads.
const PROBE = path.join(REPO_ROOT, "test/helpers/module-probe.cjs");

function loadedFiles(args: string[]): string[] {
  const out = createTempDir().path("modules.txt");
  const r = spawnSync(process.execPath, ["--require", PROBE, BIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, VMCP_MODULE_PROBE_FILE: out, NODE_OPTIONS: "" }, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(out, "utf8").split("\n");
}

function loadedPackages(args: string[]): string[] {
  const packages = new Set<string>();
  for (const file of loadedFiles(args)) {
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?!.*node_modules)/.exec(file);
    if (m?.[1]) packages.add(m[1].replace("\\", "/"));
  }
  return [...packages].sort();
}

describe("modules each command loads", () => {
  beforeAll(() => ensureBuilt());

  it.each([["--version"], ["--help"]])("%s loads neither cdk8s nor yaml", (...args) => {
    const loaded = loadedPackages(args);
    expect(loaded).not.toContain("cdk8s");
    expect(loaded).not.toContain("constructs");
    expect(loaded).not.toContain("yaml");
  });

  // Only CommonJS packages show in require.cache (zod, an ES module, would not): these all are.
  it.each([["synth"], ["validate"]])("%s loads cdk8s, but not cdk8s-plus-28 or the yaml package", (command) => {
    const loaded = loadedPackages([command, "fixtures/quickstart"]);
    expect(loaded).toContain("cdk8s");
    for (const absent of ["cdk8s-plus-28", "yaml"]) expect(loaded).not.toContain(absent);
  });

  it("validates with the validators built for the kinds and versions among the inputs, and Ajv's run-time helpers, not its compiler", () => {
    const files = loadedFiles(["validate", "fixtures/quickstart"]).map((f) => path.relative(REPO_ROOT, f).split(path.sep).join("/"));
    expect(files.filter((f) => f.startsWith("dist/validators/")).sort()).toEqual(["dist/validators/index.cjs", "dist/validators/mcpgroup_v1beta1.cjs", "dist/validators/mcpserverentry_v1beta1.cjs", "dist/validators/virtualmcpserver_v1beta1.cjs"]);
    expect(files.some((f) => f.startsWith("node_modules/ajv/dist/runtime/"))).toBe(true);
    expect(files.filter((f) => f.startsWith("node_modules/ajv/dist/compile/") || f === "node_modules/ajv/dist/ajv.js")).toEqual([]);
  });

  it("validate and synth load the same packages", () => {
    expect(loadedPackages(["validate", "fixtures/quickstart"])).toEqual(loadedPackages(["synth", "fixtures/quickstart"]));
  });

  it("loads the yaml package for a diagnostic's position (the probe sees it when it is loaded)", () => {
    const entry = ["apiVersion: toolhive.stacklok.dev/v1beta1", "kind: MCPServerEntry", "metadata:", "  name: e", "spec:", "  groupRef:", "    name: g", "  remoteUrl: https://mcp.example.com/mcp", "  transport: sse", "  caBundleRef:", "    configMapRef:", "      name: absent", "      key: ca.crt"];
    const group = ["apiVersion: toolhive.stacklok.dev/v1beta1", "kind: MCPGroup", "metadata:", "  name: g"];
    const vmcp = ["apiVersion: toolhive.stacklok.dev/v1beta1", "kind: VirtualMCPServer", "metadata:", "  name: v", "spec:", "  groupRef:", "    name: g", "  incomingAuth:", "    type: anonymous"];
    // A CA bundle ConfigMap that is not among the inputs is a warning, located at its line (12).
    const dir = createTempDir({ "in.yaml": [...entry, "---", ...group, "---", ...vmcp, ""].join("\n") });
    const r = spawnSync(process.execPath, [BIN, "validate", dir.dir], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(r.stderr).toMatch(/in\.yaml:12:\d+: warning VMCP409/);
    expect(loadedPackages(["validate", dir.dir])).toContain("yaml");
  });
});
