import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { configMapChecksum } from "../../src/render/checksum.js";
import { goldenCases, readTree } from "../helpers/golden-cases.js";
import { validateKubeObject } from "../helpers/kube-models.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { runtimeSchemaErrors } from "../helpers/runtime-schema.js";

type Obj = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [k: string]: unknown;
};

const rendering = goldenCases().filter((c) => c.expectedExit === 0 && c.argv[0] === "synth");

async function render(c: (typeof rendering)[number]): Promise<{ text: string; objects: Obj[] }> {
  const r = await runInProcess(c.argv, { cwd: c.dir });
  expect(r.code, r.stderr).toBe(0);
  return { text: r.stdout, objects: parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj) };
}

/** A deterministic shuffle, so a failure reproduces. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe.each(rendering.map((c) => [c.name, c] as const))("output of %s", (_name, c) => {
  it("validates every object against the Kubernetes API schemas", async () => {
    const { objects } = await render(c);
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) expect(() => validateKubeObject(o), `${o.kind}/${o.metadata.name}`).not.toThrow();
  });

  it("carries no cdk8s labels, no nulls, no ownerReferences and no generated Secret", async () => {
    const { text, objects } = await render(c);
    expect(text).not.toMatch(/cdk8s\.io|: null$|ownerReferences/m);
    expect(objects.filter((o) => o.kind === "Secret")).toEqual([]);
    // The ConfigMaps the pods mount are the inputs, copied unchanged; everything vmcp-gen renders carries its label.
    const rendered = objects.filter((o) => o.kind !== "ConfigMap" || o.metadata.name.endsWith("-vmcp-config"));
    for (const o of rendered)
      expect(o.metadata.labels?.["app.kubernetes.io/managed-by"], `${o.kind}/${o.metadata.name}`).toBe("vmcp-gen");
  });

  it("writes a config.yaml the vMCP runtime schema accepts, with the operator's checksum on the pod template", async () => {
    const { objects } = await render(c);
    for (const cm of objects.filter((o) => o.kind === "ConfigMap" && o.metadata.name.endsWith("-vmcp-config"))) {
      const data = cm.data as Record<string, string>;
      const config = parse(data["config.yaml"]!) as { outgoingAuth: { source: string } };
      const mode = config.outgoingAuth.source === "inline" ? "static" : "any";
      expect(runtimeSchemaErrors(config, mode), cm.metadata.name).toEqual([]);
      const sum = configMapChecksum(data, cm.metadata.labels ?? {});
      expect(cm.metadata.annotations?.["toolhive.stacklok.dev/content-checksum"]).toBe(sum);
      const vmcp = cm.metadata.name.replace(/-vmcp-config$/, "");
      const dep = objects.find(
        (o) => o.kind === "Deployment" && o.metadata.name === vmcp && o.metadata.namespace === cm.metadata.namespace,
      ) as { spec: { template: { metadata: { annotations: Record<string, string> } } } } | undefined;
      expect(dep?.spec.template.metadata.annotations["toolhive.stacklok.dev/runconfig-checksum"]).toBe(sum);
    }
  });

  it("is byte-identical when the inputs are shuffled and split into one file per document", async () => {
    const { text } = await render(c);
    const docs = [...readTree(path.join(c.dir, "input")).values()]
      .flatMap((t) => t.split(/^---\s*$/m))
      .filter((d) => d.trim() !== "");
    for (const seed of [1, 7, 42]) {
      const dir = mkdtempSync(path.join(tmpdir(), "vmcp-gen-split-"));
      try {
        shuffle(docs, seed).forEach((d, i) =>
          writeFileSync(path.join(dir, `${String(i).padStart(3, "0")}-${seed}.yaml`), d),
        );
        const again = await runInProcess([...c.argv.slice(0, 1), dir, ...c.argv.slice(2)], { cwd: c.dir });
        expect(again.stdout).toBe(text);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it("never echoes a Secret value and renders no RBAC or token in static mode", async () => {
    const r = await runInProcess(c.argv, { cwd: c.dir });
    expect(r.stdout + r.stderr).not.toMatch(/SENTINEL/);
    const objects = parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj);
    for (const cm of objects.filter((o) => o.kind === "ConfigMap")) {
      const config = parse((cm.data as Record<string, string>)["config.yaml"] ?? "{}") as {
        outgoingAuth?: { source: string };
      };
      if (config.outgoingAuth?.source !== "inline") continue;
      const ns = cm.metadata.namespace;
      const vmcp = cm.metadata.name.replace(/-vmcp-config$/, "");
      const own = objects.filter(
        (o) => o.metadata.namespace === ns && (o.metadata.name === vmcp || o.metadata.name === `${vmcp}-vmcp`),
      );
      expect(own.filter((o) => ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"].includes(o.kind))).toEqual(
        [],
      );
      const sa = own.find((o) => o.kind === "ServiceAccount");
      if (sa) expect(sa.automountServiceAccountToken).toBe(false);
      const dep = own.find((o) => o.kind === "Deployment") as
        | {
            spec: {
              template: {
                spec: { automountServiceAccountToken?: boolean; containers: { env?: { name: string }[] }[] };
              };
            };
          }
        | undefined;
      expect(dep?.spec.template.spec.automountServiceAccountToken).toBe(false);
      const env = dep?.spec.template.spec.containers.flatMap((ct) => ct.env ?? []).map((e) => e.name) ?? [];
      expect(env).not.toContain("VMCP_NAME");
      expect(env).not.toContain("VMCP_NAMESPACE");
    }
  });
});
