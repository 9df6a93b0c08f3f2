import { readFileSync } from "node:fs";
import path from "node:path";
import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/run-in-process.js";
import { createTempDir } from "../helpers/temp-dir.js";

const QUICKSTART = path.resolve(import.meta.dirname, "../../fixtures/quickstart");
const quickstart = (file: string) => readFileSync(path.join(QUICKSTART, file), "utf8");

const TOKEN_BACK = [
  "  podTemplateSpec:",
  "    spec:",
  "      automountServiceAccountToken: true",
  "      serviceAccountName: default",
  "      volumes:",
  "      - name: api-token",
  "        projected:",
  "          sources:",
  "          - serviceAccountToken: {path: token}",
  "",
].join("\n");

function inputs(source: "inline" | "discovered") {
  const vmcp = quickstart("vmcp.yaml").replace("source: inline", `source: ${source}`);
  return {
    "group.yaml": quickstart("group.yaml"),
    "entries.yaml": quickstart("entries.yaml"),
    "ca-bundle.yaml": quickstart("ca-bundle.yaml"),
    "vmcp.yaml": `${vmcp}${TOKEN_BACK}`,
  };
}

describe("static mode stays token-free, or says what undoes it", () => {
  it("warns (VMCP620) for each way a podTemplateSpec gives the static-mode pod a token, and renders what was asked", async () => {
    const t = createTempDir(inputs("inline"));
    const r = await runInProcess(["synth", ".", "--diagnostics", "json"], { cwd: t.dir });
    expect(r.code, r.stderr).toBe(0);
    const warnings = (
      JSON.parse(r.stderr) as { diagnostics: { code: string; message: string; path: string }[] }
    ).diagnostics.filter((d) => d.code === "VMCP620");
    expect(warnings.map((d) => d.path)).toEqual([
      "spec.podTemplateSpec.spec.automountServiceAccountToken",
      "spec.podTemplateSpec.spec.serviceAccountName",
      "spec.podTemplateSpec.spec.volumes",
    ]);
    expect(warnings.map((d) => d.message).join("\n")).toMatch(
      /automountServiceAccountToken: true[\s\S]*ServiceAccount "default" instead of "engineering-vmcp"[\s\S]*projected volume "api-token"/,
    );
    const deployment = (
      jsYaml.loadAll(r.stdout) as { kind: string; spec: { template: { spec: Record<string, unknown> } } }[]
    ).find((o) => o.kind === "Deployment")!;
    expect(deployment.spec.template.spec.automountServiceAccountToken).toBe(true);
  });

  it("says nothing in discovered mode, where the pod has a token anyway", async () => {
    const t = createTempDir(inputs("discovered"));
    const r = await runInProcess(["synth", ".", "--diagnostics", "json"], { cwd: t.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain("VMCP620");
  });
});
