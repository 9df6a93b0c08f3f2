import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { BIN, ensureBuilt } from "../helpers/run-cli.js";
import { createTempDir, type TempDir } from "../helpers/temp-dir.js";
import { snapshotTree } from "./helpers/tree.js";
import { validInputs } from "./helpers/inputs.js";

/**
 * vmcp-gen as a KRM function under the real kpt (`kpt fn eval DIR --exec WRAPPER`). kpt is
 * installed on the CI machines; elsewhere these tests are skipped with the reason below.
 */
function kptVersion(): string | undefined {
  try {
    return execFileSync("kpt", ["version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

const KPT = kptVersion();
const SKIP_REASON = "kpt is not on PATH (install kpt 1.0.0-beta.x to run the KRM integration tests)";
if (!KPT) console.warn(`test/integration/kpt.test.ts skipped: ${SKIP_REASON}`);

const KPTFILE = `apiVersion: kpt.dev/v1
kind: Kptfile
metadata:
  name: pkg
  annotations:
    config.kubernetes.io/local-config: "true"
info:
  description: ToolHive inputs rendered by vmcp-gen
`;

const UNRELATED = `# Not a ToolHive object: kpt must get it back unchanged.
apiVersion: v1
kind: ConfigMap
metadata:
  name: unrelated
  namespace: team-a
  annotations:
    team.example.com/owner: platform
data:
  mode: on-call
`;

/** A package folder and an exec wrapper that runs the built CLI (`node bin/vmcp-gen.js krm`). */
function kptPackage(files: Record<string, string>): { t: TempDir; pkg: string; wrapper: string } {
  ensureBuilt();
  const t = createTempDir({ pkg: { Kptfile: KPTFILE, ...files } });
  const wrapper = t.path("vmcp-gen-krm.sh");
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" krm "$@"\n`);
  chmodSync(wrapper, 0o755);
  return { t, pkg: t.path("pkg"), wrapper };
}

function kpt(args: string[], cwd: string) {
  const r = spawnSync("kpt", args, { cwd, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!KPT)(`kpt fn eval --exec (${KPT ?? SKIP_REASON})`, () => {
  it("renders: the rendered objects come out, the Kptfile and other objects unchanged, the inputs consumed", () => {
    const { t, pkg, wrapper } = kptPackage({ "vmcp.yaml": validInputs(), "unrelated.yaml": UNRELATED });
    const before = snapshotTree(pkg);
    const r = kpt(["fn", "eval", pkg, "--exec", wrapper, "-o", "unwrap"], t.dir);
    expect(r.stderr).toContain("[PASS]");
    expect(r.code).toBe(0);
    const docs = jsYaml.loadAll(r.stdout) as { kind: string; metadata: { name: string; annotations?: Record<string, string> }; data?: Record<string, string> }[];
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(["Kptfile/pkg", "ConfigMap/unrelated", "ServiceAccount/demo-vmcp", "ConfigMap/demo-vmcp-config", "Service/vmcp-demo", "Deployment/demo"]);
    expect(docs[0]).toEqual(jsYaml.load(KPTFILE));
    expect(docs[1]).toEqual(jsYaml.load(UNRELATED));
    // kpt keeps the comments of items it gets back.
    expect(r.stdout).toContain("# Not a ToolHive object: kpt must get it back unchanged.");
    // -o unwrap leaves the package itself alone.
    expect(snapshotTree(pkg)).toEqual(before);
  });

  it("writes the rendered objects into the package at vmcp/<namespace>/<vmcp>/ when run in place", () => {
    const { t, pkg, wrapper } = kptPackage({ "vmcp.yaml": validInputs(), "unrelated.yaml": UNRELATED });
    const r = kpt(["fn", "eval", pkg, "--exec", wrapper, "--", "keepInputs=true"], t.dir);
    expect(r.code).toBe(0);
    const files = Object.keys(snapshotTree(pkg)).filter((f) => f.endsWith(".yaml") || f === "Kptfile");
    expect(files.sort()).toEqual(
      [
        "Kptfile",
        "unrelated.yaml",
        "vmcp.yaml",
        "vmcp/team-a/demo/configmap-demo-vmcp-config.yaml",
        "vmcp/team-a/demo/deployment-demo.yaml",
        "vmcp/team-a/demo/service-vmcp-demo.yaml",
        "vmcp/team-a/demo/serviceaccount-demo-vmcp.yaml",
      ].sort(),
    );
    const deployment = readFileSync(path.join(pkg, "vmcp/team-a/demo/deployment-demo.yaml"), "utf8");
    expect(deployment).toContain("kind: Deployment");
    expect(deployment).not.toContain("config.kubernetes.io/path");
    // A second run replaces the objects it rendered: same files, same content.
    const once = snapshotTree(pkg);
    expect(kpt(["fn", "eval", pkg, "--exec", wrapper, "--", "keepInputs=true"], t.dir).code).toBe(0);
    expect(snapshotTree(pkg)).toEqual(once);
  });

  it("fails: a non-zero exit, the error result shown, the package untouched", () => {
    const broken = validInputs().replace("  groupRef:\n    name: tools\n  incomingAuth", "  groupRef:\n    name: no-such-group\n  incomingAuth");
    const { t, pkg, wrapper } = kptPackage({ "vmcp.yaml": broken });
    const before = snapshotTree(pkg);
    const r = kpt(["fn", "eval", pkg, "--exec", wrapper], t.dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("[FAIL]");
    expect(r.stderr).toMatch(/\[error\] toolhive\.stacklok\.dev\/v1beta1\/VirtualMCPServer\/team-a\/demo spec\.groupRef\.name: VMCP401: MCPGroup "no-such-group" does not exist in namespace "team-a"/);
    expect(snapshotTree(pkg)).toEqual(before);
  });

  it("reports a bad functionConfig option as an error result", () => {
    const { t, pkg, wrapper } = kptPackage({ "vmcp.yaml": validInputs() });
    const r = kpt(["fn", "eval", pkg, "--exec", wrapper, "-o", "unwrap", "--", "skipInvalidBackend=true"], t.dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('[error] v1/ConfigMap/function-input data.skipInvalidBackend: VMCP711: functionConfig has no option "skipInvalidBackend"; hint: did you mean "skipInvalidBackends"?');
  });
});
