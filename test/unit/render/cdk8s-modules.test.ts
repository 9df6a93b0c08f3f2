import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../helpers/run-cli.js";

// In a fresh process (the module cache is per process): render/cdk8s-modules.js defers cdk8s's
// YAML helper, and with it the `yaml` package, until something uses it.
function inFreshNode(code: string): string[] {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: REPO_ROOT, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout.trim().split("\n");
}

const MODULES = path.join(REPO_ROOT, "dist/render/cdk8s-modules.js");
const yamlLoaded = `Object.keys(require.cache).some((f) => f.includes("${path.sep}yaml${path.sep}dist${path.sep}"))`;

describe("cdk8s modules", () => {
  it("synthesises a chart without loading the yaml package", () => {
    const out = inFreshNode(`
      import { createRequire } from "node:module";
      const require = createRequire(${JSON.stringify(MODULES)});
      const { cdk8s } = await import(${JSON.stringify(MODULES)});
      const app = new cdk8s.App({ outdir: "." });
      const chart = new cdk8s.Chart(app, "c", { namespace: "ns", disableResourceNameHashes: true });
      new cdk8s.ApiObject(chart, "o", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: { b: "2", a: "1" } });
      console.log(JSON.stringify(chart.toJson()));
      console.log(${yamlLoaded});
    `);
    expect(JSON.parse(out[0]!)).toEqual([{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "ns" }, data: { a: "1", b: "2" } }]);
    expect(out[1]).toBe("false");
  });

  it("loads the real YAML helper on first use of Yaml", () => {
    const out = inFreshNode(`
      import { createRequire } from "node:module";
      const require = createRequire(${JSON.stringify(MODULES)});
      await import(${JSON.stringify(MODULES)});
      const { Yaml } = require("cdk8s");
      console.log(JSON.stringify(Yaml.stringify({ a: 1 })));
      console.log(${yamlLoaded});
    `);
    expect(out).toEqual([JSON.stringify("a: 1\n"), "true"]);
  });
});
