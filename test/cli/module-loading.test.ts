import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, REPO_ROOT } from "../helpers/run-cli.js";
import { createTempDir } from "../helpers/temp-dir.js";

// Each of the design card's libraries is loaded by the commands that need it, and start-up cost
// (mostly module loading, docs/performance.md) is not paid by those that do not: help and version
// load only commander; nothing loads the yaml package unless a diagnostic needs a source position.
// `validate` renders as synth does (it refuses exactly what synth refuses), so it loads the same.
const PROBE = path.join(REPO_ROOT, "test/helpers/module-probe.mjs");
const MODULES = path.join(REPO_ROOT, "node_modules");

function loadedFiles(
  args: string[],
  options: { env?: Record<string, string>; input?: string; status?: number } = {},
): string[] {
  const out = createTempDir().path("modules.txt");
  const r = spawnSync(process.execPath, ["--import", PROBE, BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_OPTIONS: "", ...options.env, VMCP_MODULE_PROBE_FILE: out },
    input: options.input ?? "",
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(options.status ?? 0);
  return [...new Set(readFileSync(out, "utf8").split("\n").filter(Boolean))];
}

/** Packages by their place in node_modules: `cdk8s`, and `cdk8s>yaml` for the copy cdk8s bundles. */
function loadedPackages(args: string[], options?: Parameters<typeof loadedFiles>[1]): string[] {
  const packages = new Set<string>();
  for (const file of loadedFiles(args, options)) {
    if (!file.startsWith(MODULES + path.sep)) continue;
    const names = path
      .relative(MODULES, file)
      .split(`${path.sep}node_modules${path.sep}`)
      .map((p) =>
        p
          .split(path.sep)
          .slice(0, p.startsWith("@") ? 2 : 1)
          .join("/"),
      );
    packages.add(names.join(">"));
  }
  return [...packages].sort();
}

const LIBRARIES = ["ajv", "cdk8s", "cdk8s-plus-28", "commander", "yaml", "zod"];
const QUICKSTART = ["fixtures/quickstart"];

describe("the libraries each command loads", () => {
  beforeAll(() => ensureBuilt());

  it.each([["--version"], ["--help"]])("%s loads commander and none of the others", (...args) => {
    expect(LIBRARIES.filter((l) => loadedPackages(args).includes(l))).toEqual(["commander"]);
  });

  it.each([["synth"], ["validate"]])("%s loads Ajv, zod, cdk8s and cdk8s-plus-28, not the yaml package", (command) => {
    expect(LIBRARIES.filter((l) => loadedPackages([command, ...QUICKSTART]).includes(l))).toEqual([
      "ajv",
      "cdk8s",
      "cdk8s-plus-28",
      "commander",
      "zod",
    ]);
  });

  it("validates with the validators built for the kinds and versions among the inputs, and Ajv's run-time helpers, not its compiler", () => {
    const files = loadedFiles(["validate", ...QUICKSTART]).map((f) =>
      path.relative(REPO_ROOT, f).split(path.sep).join("/"),
    );
    expect(files.filter((f) => f.startsWith("dist/validators/")).sort()).toEqual([
      "dist/validators/index.cjs",
      "dist/validators/mcpgroup_v1beta1.cjs",
      "dist/validators/mcpserverentry_v1beta1.cjs",
      "dist/validators/virtualmcpserver_v1beta1.cjs",
    ]);
    expect(files.some((f) => f.startsWith("node_modules/ajv/dist/runtime/"))).toBe(true);
    expect(
      files.filter((f) => f.startsWith("node_modules/ajv/dist/compile/") || f === "node_modules/ajv/dist/ajv.js"),
    ).toEqual([]);
  });

  it("validate and synth load the same packages", () => {
    expect(loadedPackages(["validate", ...QUICKSTART])).toEqual(loadedPackages(["synth", ...QUICKSTART]));
  });

  // Neither renders here (no items; a parameter error stops before reading the folder): zod reads the settings.
  it("krm reads its functionConfig with zod, and argocd generate its parameters", () => {
    const list = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig: {apiVersion: v1, kind: ConfigMap, metadata: {name: fn}, data: {strictRefs: "true"}}\n`;
    expect(LIBRARIES.filter((l) => loadedPackages(["krm"], { input: list }).includes(l))).toEqual(["commander", "zod"]);
    const argocd = loadedPackages(["argocd", "generate"], {
      env: { ARGOCD_APP_PARAMETERS: '[{"name": "strict-refs", "string": "yes"}]' },
      status: 2,
    });
    expect(LIBRARIES.filter((l) => argocd.includes(l))).toEqual(["commander", "zod"]);
  });

  it("schemas exports config.yaml's JSON Schema from the zod model", () => {
    expect(loadedPackages(["schemas", "--output-dir", createTempDir().dir])).toContain("zod");
  });

  it("loads the yaml package for a diagnostic's position (the probe sees it when it is loaded)", () => {
    const entry = [
      "apiVersion: toolhive.stacklok.dev/v1beta1",
      "kind: MCPServerEntry",
      "metadata:",
      "  name: e",
      "spec:",
      "  groupRef:",
      "    name: g",
      "  remoteUrl: https://mcp.example.com/mcp",
      "  transport: sse",
      "  caBundleRef:",
      "    configMapRef:",
      "      name: absent",
      "      key: ca.crt",
    ];
    const group = ["apiVersion: toolhive.stacklok.dev/v1beta1", "kind: MCPGroup", "metadata:", "  name: g"];
    const vmcp = [
      "apiVersion: toolhive.stacklok.dev/v1beta1",
      "kind: VirtualMCPServer",
      "metadata:",
      "  name: v",
      "spec:",
      "  groupRef:",
      "    name: g",
      "  incomingAuth:",
      "    type: anonymous",
    ];
    // A CA bundle ConfigMap that is not among the inputs is a warning, located at its line (12).
    const dir = createTempDir({ "in.yaml": [...entry, "---", ...group, "---", ...vmcp, ""].join("\n") });
    const r = spawnSync(process.execPath, [BIN, "validate", dir.dir], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(r.stderr).toMatch(/in\.yaml:12:\d+: warning VMCP409/);
    expect(loadedPackages(["validate", dir.dir])).toContain("yaml");
  });
});
