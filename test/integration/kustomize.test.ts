import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { BIN, ensureBuilt, REPO_ROOT } from "../helpers/run-cli.js";
import { createTempDir } from "../helpers/temp-dir.js";

/**
 * examples/kustomize/: vmcp-gen as an exec KRM transformer. Standalone kustomize is not installed
 * here, so the function is fed the ResourceList kustomize builds for a transformer (the resources,
 * and the transformer config as functionConfig, marked local-config), through the example's own
 * wrapper script. kubectl's embedded kustomize is run to pin down the documented pitfall: it
 * skips exec functions without a word.
 */
const EXAMPLE = path.join(REPO_ROOT, "examples", "kustomize");

function hasKubectl(): boolean {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("examples/kustomize", () => {
  it("the wrapper named in the function spec runs vmcp-gen krm as a transformer", () => {
    ensureBuilt();
    const t = createTempDir({ bin: {} });
    writeFileSync(t.path("bin", "vmcp-gen"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(t.path("bin", "vmcp-gen"), 0o755);
    const config = jsYaml.load(readFileSync(path.join(EXAMPLE, "vmcp-gen.yaml"), "utf8")) as {
      metadata: { annotations: Record<string, string> };
    };
    const spec = jsYaml.load(config.metadata.annotations["config.kubernetes.io/function"]!) as {
      exec: { path: string; args?: string[] };
    };
    // kubectl's kustomize v5.5 refuses `args` in an exec spec: the wrapper takes none.
    expect(spec.exec.args).toBeUndefined();
    const functionConfig = {
      ...config,
      metadata: {
        ...config.metadata,
        annotations: { ...config.metadata.annotations, "config.kubernetes.io/local-config": "true" },
      },
    };
    const items = (jsYaml.loadAll(readFileSync(path.join(EXAMPLE, "inputs.yaml"), "utf8")) as object[]).map((o, i) => ({
      ...o,
      metadata: {
        ...(o as { metadata: object }).metadata,
        annotations: { "config.kubernetes.io/index": String(i), "internal.config.kubernetes.io/index": String(i) },
      },
    }));
    const r = spawnSync(path.join(EXAMPLE, spec.exec.path), [], {
      cwd: EXAMPLE,
      input: jsYaml.dump({ apiVersion: "config.kubernetes.io/v1", kind: "ResourceList", items, functionConfig }),
      encoding: "utf8",
      env: { ...process.env, PATH: `${t.path("bin")}:${process.env.PATH}` },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = jsYaml.load(r.stdout) as {
      items: { kind: string; metadata: { namespace?: string; annotations?: Record<string, string> } }[];
    };
    // kustomize leaves local-config items out of the build: the static-mode inputs come back marked, the render after them.
    const applied = out.items.filter((i) => i.metadata.annotations?.["config.kubernetes.io/local-config"] !== "true");
    expect(applied.map((i) => i.kind)).toEqual(["ServiceAccount", "ConfigMap", "Service", "Deployment"]);
    expect(applied.every((i) => i.metadata.namespace === "team-a")).toBe(true);
    expect(out.items.length - applied.length).toBe(items.length);
  });

  it.skipIf(!hasKubectl())(
    "kubectl kustomize skips the exec function without an error (the documented pitfall)",
    () => {
      const r = spawnSync("kubectl", ["kustomize", "--enable-alpha-plugins", EXAMPLE], { encoding: "utf8" });
      expect(r.status).toBe(0);
      const kinds = (jsYaml.loadAll(r.stdout) as { kind: string }[]).map((d) => d.kind);
      expect(kinds).toContain("VirtualMCPServer");
      expect(kinds).not.toContain("Deployment");
    },
  );
});
