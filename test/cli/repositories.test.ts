import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import jsYaml from "js-yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, REPO_ROOT, runCli } from "../helpers/run-cli.js";
import { createTempDir } from "../helpers/temp-dir.js";
import { lines, toolhive } from "../helpers/yaml-text.js";
import { validInputs } from "../integration/helpers/inputs.js";

/**
 * Issue 14: input folders as platform teams keep them, one behaviour across synth, --output-dir,
 * krm and argocd generate, and the small things users hit. Every test runs the built CLI.
 */

beforeAll(() => ensureBuilt(), 120_000);

const CA = readFileSync(path.join(REPO_ROOT, "fixtures", "quickstart", "ca-bundle.yaml"), "utf8").replace(
  "toolhive-system",
  "team-a",
);
const POLICY = lines(
  "apiVersion: networking.k8s.io/v1",
  "kind: NetworkPolicy",
  "metadata:",
  "  name: deny-all",
  "  namespace: team-a",
  "spec:",
  "  podSelector: {}",
);
const SECRET = lines(
  "apiVersion: v1",
  "kind: Secret",
  "metadata:",
  "  name: token",
  "  namespace: team-a",
  "stringData:",
  "  token: s3cr3t-never-shown",
);
const REPO = {
  "vmcp.yaml": validInputs({ caBundle: "internal-ca" }),
  "ca.yaml": CA,
  "policy.yaml": POLICY,
  "secret.yaml": SECRET,
};

type Obj = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
};
const ids = (text: string) => (jsYaml.loadAll(text) as Obj[]).map((o) => `${o.kind}/${o.metadata.name}`);

describe("one rule for the input objects vmcp-gen does not render", () => {
  it("the ConfigMaps a rendered pod mounts are part of the output, the same in synth, --output-dir, argocd generate and krm", async () => {
    const t = createTempDir({ in: REPO });
    const synth = await runCli(["synth", "in"], { cwd: t.dir });
    expect(synth.code, synth.stderr).toBe(0);
    expect(ids(synth.stdout)).toEqual([
      "ServiceAccount/demo-vmcp",
      "ConfigMap/demo-vmcp-config",
      "ConfigMap/internal-ca",
      "Service/vmcp-demo",
      "Deployment/demo",
    ]);
    expect(synth.stdout).toContain(
      "# Copied by vmcp-gen from the inputs: mounted by VirtualMCPServer team-a/demo. Edit the input, not this copy.\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: internal-ca\n",
    );
    // The Secret is never echoed (VMCP705); the other object is listed once (VMCP706).
    expect(synth.stdout).not.toContain("s3cr3t-never-shown");
    expect(synth.stderr).toMatch(
      /^in\/secret\.yaml:1:1: warning VMCP705: Secret team-a\/token is not part of the output/m,
    );
    expect(synth.stderr).toMatch(
      /^in\/policy\.yaml:1:1: warning VMCP706: 1 object among the inputs is not part of the output: NetworkPolicy team-a\/deny-all$/m,
    );

    const dir = await runCli(["synth", "in", "--output-dir", "out"], { cwd: t.dir });
    expect(dir.code, dir.stderr).toBe(0);
    expect(readFileSync(t.path("out", "team-a", "demo", "configmap-internal-ca.yaml"), "utf8")).toMatch(
      /^# Copied by vmcp-gen from the inputs/,
    );
    expect(readFileSync(t.path("out", "kustomization.yaml"), "utf8")).toContain(
      "\n- team-a/demo/configmap-internal-ca.yaml\n",
    );
    expect(existsSync(t.path("out", "team-a", "demo", "secret-token.yaml"))).toBe(false);

    const argocd = await runCli(["argocd", "generate"], { cwd: t.path("in"), env: { ARGOCD_APP_NAMESPACE: "team-a" } });
    expect(argocd.code, argocd.stderr).toBe(0);
    expect(argocd.stdout).toBe(synth.stdout);

    // krm: the package already holds the ConfigMap (and the Secret): both come back as they came, never added twice.
    const items = Object.entries(REPO).flatMap(([file, text]) =>
      (jsYaml.loadAll(text) as Obj[]).map((o, i) => ({
        ...o,
        metadata: {
          ...o.metadata,
          annotations: {
            ...o.metadata.annotations,
            "internal.config.kubernetes.io/path": file,
            "internal.config.kubernetes.io/index": String(i),
          },
        },
      })),
    );
    const krm = await runCli(["krm"], {
      stdin: jsYaml.dump({ apiVersion: "config.kubernetes.io/v1", kind: "ResourceList", items }),
    });
    expect(krm.code, krm.stderr).toBe(0);
    const out = (jsYaml.load(krm.stdout) as { items: Obj[] }).items;
    expect(out.filter((o) => o.metadata.name === "internal-ca")).toEqual(
      items.filter((o) => o.metadata.name === "internal-ca"),
    );
    expect(out.filter((o) => o.kind === "NetworkPolicy" || o.kind === "Secret")).toEqual(
      items.filter((o) => o.kind === "NetworkPolicy" || o.kind === "Secret"),
    );
  });
});

describe("files that are not manifests", () => {
  const NOT_MANIFESTS = {
    "kustomization.yaml": lines(
      "apiVersion: kustomize.config.k8s.io/v1beta1",
      "kind: Kustomization",
      "resources:",
      "- vmcp.yaml",
    ),
    charts: {
      app: {
        "Chart.yaml": lines("apiVersion: v2", "name: app", "version: 0.1.0"),
        templates: {
          "cm.yaml": lines("apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: {{ .Release.Name }}"),
        },
      },
    },
    "values.yaml": lines("replicaCount: 1"),
    "deploy.yaml": lines("apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: {{ .Values.name }}"),
    "quoted.yaml": lines(
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: helm-notes",
      "data:",
      '  notes.txt: "{{ .Release.Name }} is a string here"',
    ),
    ci: {
      "release.yml": lines("name: release", "on:", "  push: {}", "jobs:", "  build:", "    runs-on: ubuntu-latest"),
    },
    "crd.yaml": lines(
      "apiVersion: apiextensions.k8s.io/v1",
      "kind: CustomResourceDefinition",
      "metadata:",
      "  name: virtualmcpservers.toolhive.stacklok.dev",
    ),
  };

  it("each get a diagnostic that says what the file is and what to do", async () => {
    const t = createTempDir({ ...REPO, ...NOT_MANIFESTS });
    const r = await runCli(["validate", ".", "--diagnostics", "json"], { cwd: t.dir });
    expect(r.code).toBe(1);
    const found = (
      JSON.parse(r.stderr) as {
        diagnostics: { code: string; file: string; severity: string; message: string; hint: string }[];
      }
    ).diagnostics;
    const at = (code: string) =>
      found
        .filter((d) => d.code === code)
        .map((d) => d.file)
        .sort();
    expect(at("VMCP120")).toEqual(["kustomization.yaml"]);
    expect(at("VMCP121")).toEqual(["charts/app/Chart.yaml", "deploy.yaml", "values.yaml"]);
    expect(at("VMCP122")).toEqual(["ci/release.yml"]);
    expect(at("VMCP123")).toEqual(["crd.yaml"]);
    expect(found.find((d) => d.code === "VMCP120")!.hint).toContain("vmcp-gen synth -`");
    expect(
      found
        .filter((d) => d.severity === "error")
        .map((d) => d.code)
        .sort(),
    ).toEqual(["VMCP120", "VMCP121", "VMCP121", "VMCP121", "VMCP122"]);
  });

  it("--exclude and .vmcpgenignore (gitignore syntax) leave them out", async () => {
    const t = createTempDir({
      ...REPO,
      ...NOT_MANIFESTS,
      ".vmcpgenignore": lines("# tooling beside the manifests", "charts/", "ci/", "*.yml", "!keep.yml", "values.yaml"),
    });
    const r = await runCli(["validate", ".", "--exclude", "kustomization.yaml", "--exclude", "deploy.yaml"], {
      cwd: t.dir,
    });
    expect(r.stderr).not.toMatch(/: error VMCP/);
    expect(r.stderr).toMatch(/warning VMCP123/);
    expect(r.stderr).toMatch(/^vmcp-gen: valid: \d+ resources, 1 VirtualMCPServer rendered, 3 warnings$/m);
    expect(r.code).toBe(0);
  });

  it("two files joined without --- get a hint about the missing separator", async () => {
    const group = toolhive("MCPGroup", "tools", []);
    const r = await runCli(["synth", "-"], {
      stdin: group + validInputs({ namespace: null }).split("---\n").slice(1).join("---\n"),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^<stdin>:5:1: error VMCP124: a second top-level `apiVersion` in one document: two documents without a `---` line between them$/m,
    );
    expect(r.stderr).toContain("hint: add a line `---` before line 5");
  });
});

describe("flags that mean one thing", () => {
  it("-o is the output format in every command: -o json prints JSON, -o DIR is refused naming --output-dir, never a folder", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    const json = await runCli(["synth", "in.yaml", "-o", "json"], { cwd: t.dir });
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { kind: string }).kind).toBe("List");
    const dir = await runCli(["synth", "in.yaml", "-o", "deploy/vmcp"], { cwd: t.dir });
    expect(dir.code).toBe(2);
    expect(dir.stderr).toContain(
      "vmcp-gen: error: -o deploy/vmcp: -o is the output format (yaml, json), as kubectl's -o is; to write files into a folder use --output-dir deploy/vmcp",
    );
    expect(readdirSync(t.dir)).toEqual(["in.yaml"]);
    for (const [argv, says] of [
      [["schemas", "-o", "json"], "use --output-dir json"],
      [["validate", "in.yaml", "-o", "json"], "use --diagnostics json"],
      [["inspect", "in.yaml", "-o", "wide"], "-o is the output format (table, yaml, json, mermaid)"],
    ] as const) {
      const r = await runCli([...argv], { cwd: t.dir });
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toContain(says);
    }
    expect(readdirSync(t.dir)).toEqual(["in.yaml"]);
    expect(JSON.parse((await runCli(["inspect", "in.yaml", "-o", "json"], { cwd: t.dir })).stdout)).toHaveProperty(
      "items",
    );
  });

  it("diff --format json is one document for machines", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    expect((await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir })).code).toBe(0);
    const same = await runCli(["diff", "in.yaml", "--against", "out", "--format", "json"], { cwd: t.dir });
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toEqual({
      changed: [],
      added: [],
      removed: [],
      summary: { changed: 0, added: 0, removed: 0 },
    });
    const changed = await runCli(
      [
        "diff",
        "in.yaml",
        "--against",
        "out",
        "-o",
        "json",
        "--image",
        "ghcr.io/stacklok/toolhive/vmcp@sha256:" + "b".repeat(64),
      ],
      { cwd: t.dir },
    );
    expect(changed.code).toBe(1);
    const report = JSON.parse(changed.stdout) as {
      changed: { kind: string; name: string; file: string; diff: string }[];
      summary: { changed: number };
    };
    expect(report.summary.changed).toBe(1);
    expect(report.changed[0]).toMatchObject({
      kind: "Deployment",
      name: "demo",
      file: "out/team-a/demo/deployment-demo.yaml",
    });
    expect(report.changed[0]!.diff).toContain("+        image: ghcr.io/stacklok/toolhive/vmcp@sha256:");
  });

  it("unknown options and commands get did you mean", async () => {
    const option = await runCli(["synth", "--ouput-dir", "x"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("(Did you mean --output-dir?)");
    const command = await runCli(["sytnh"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("(Did you mean synth?)");
  });
});

describe("small things users hit", () => {
  it("every rendered document and file starts with a header that names its VirtualMCPServer, the same for any split of the inputs", async () => {
    const whole = validInputs({ vmcps: ["alpha", "beta"] });
    const t = createTempDir({
      "one.yaml": whole,
      split: Object.fromEntries(whole.split("---\n").map((doc, i) => [`${i}.yaml`, doc])),
    });
    const one = await runCli(["synth", "one.yaml"], { cwd: t.dir });
    const split = await runCli(["synth", "split"], { cwd: t.dir });
    expect(one.code).toBe(0);
    expect(split.stdout).toBe(one.stdout);
    for (const doc of one.stdout.split("---\n"))
      expect(doc).toMatch(
        /^# Generated by vmcp-gen from VirtualMCPServer team-a\/(alpha|beta) — do not edit\napiVersion: /,
      );
    expect((await runCli(["synth", "one.yaml", "--output-dir", "out"], { cwd: t.dir })).code).toBe(0);
    expect(readFileSync(t.path("out", "team-a", "beta", "deployment-beta.yaml"), "utf8")).toMatch(
      /^# Generated by vmcp-gen from VirtualMCPServer team-a\/beta — do not edit\n/,
    );
  });

  it("--image with another tag, or with neither tag nor digest, warns that config.yaml is rendered for v0.44.0", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    for (const [image, warned] of [
      ["registry.example.com/vmcp:v0.45.0", "is tagged v0.45.0"],
      ["registry.example.com/vmcp", "has no tag or digest"],
      ["registry.example.com/vmcp:v0.44.0", undefined],
      ["registry.example.com/vmcp@sha256:" + "c".repeat(64), undefined],
    ] as const) {
      const r = await runCli(["synth", "in.yaml", "--image", image], { cwd: t.dir });
      expect(r.code, image).toBe(0);
      if (warned) expect(r.stderr, image).toContain(`warning VMCP707: the vMCP image ${image} ${warned}`);
      if (warned) expect(r.stderr, image).toContain("but config.yaml is rendered for ToolHive v0.44.0");
      else expect(r.stderr, image).toBe("");
    }
  });

  it("an unknown groupRef gets did you mean; a reference into a namespace that was filled in gets a note", async () => {
    const typo = await runCli(["validate", "-"], {
      stdin: validInputs().replace(
        "groupRef:\n    name: tools\n  incomingAuth",
        "groupRef:\n    name: tool\n  incomingAuth",
      ),
    });
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/error VMCP401: MCPGroup "tool" does not exist in namespace "team-a"/);
    expect(typo.stderr).toContain('hint: did you mean "tools"?');
    // The group and its member have no namespace (so "default"); the VirtualMCPServer is in team-a.
    const t = createTempDir({
      "group.yaml": toolhive("MCPGroup", "tools", []),
      "vmcp.yaml": validInputs().split("---\n").slice(2).join("---\n"),
    });
    const defaulted = await runCli(["validate", "."], { cwd: t.dir });
    expect(defaulted.code).toBe(1);
    expect(defaulted.stderr).toContain(
      'the MCPGroup got namespace "default" because its file gives none (set its metadata.namespace: team-a, or run with -n team-a)',
    );
  });

  it("inspect says expected for the health it cannot observe offline", async () => {
    const r = await runCli(["inspect", "fixtures/quickstart"]);
    expect(r.stdout).toContain("Phase:             Ready, expected once the pods run (Virtual MCP server is running)");
    expect(r.stdout).toContain("reachability not observed offline; vmcp-gen probe checks it");
  });

  it("validate prints a one-line summary on success", async () => {
    const r = await runCli(["validate", "fixtures/quickstart"]);
    expect(r.stderr).toBe("vmcp-gen: valid: 5 resources, 1 VirtualMCPServer rendered, 0 warnings\n");
  });

  it("Argo CD parameters of the wrong type are errors that name the parameter and the type it takes", async () => {
    const t = createTempDir({ "vmcp.yaml": validInputs() });
    const r = await runCli(["argocd", "generate"], {
      cwd: t.dir,
      env: {
        ARGOCD_APP_PARAMETERS: JSON.stringify([
          { name: "skip-invalid-backends", string: true },
          { name: "vmcp", string: "alpha" },
          { name: "image", array: ["x"] },
        ]),
      },
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      'parameter "skip-invalid-backends" takes a string, "true" or "false" (string: "true"), not a boolean (true)',
    );
    expect(r.stderr).toContain('parameter "image" takes a string (string: …), not an array');
    expect(r.stderr).not.toMatch(/--skip-invalid-backends|--image/);
    const filter = await runCli(["argocd", "generate"], {
      cwd: t.dir,
      env: { ARGOCD_APP_PARAMETERS: JSON.stringify([{ name: "vmcp", array: ["nope"] }]) },
    });
    expect(filter.stderr).toContain(
      'error VMCP702: Argo CD setting vmcp (parameter, or ARGOCD_ENV_VMCP_FILTER): "nope" names no VirtualMCPServer',
    );
  });

  it("--help links documentation at URLs of the release, for files that exist and ship", async () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      version: string;
      files: string[];
    };
    const helps = await Promise.all(
      [[], ["probe"], ["argocd"], ["argocd", "generate"], ["argocd", "discover"]].map((p) => runCli([...p, "--help"])),
    );
    const urls = helps.flatMap((h) => [
      ...h.stdout.matchAll(/https:\/\/github\.com\/stacklok\/vmcp-gen\/(?:blob|tree)\/v([\d.]+)\/([^\s)#]+)/g),
    ]);
    expect(urls.length).toBeGreaterThan(5);
    for (const [, version, file] of urls) {
      expect(version).toBe(pkg.version);
      expect(existsSync(path.join(REPO_ROOT, file!)), file).toBe(true);
    }
    for (const h of helps)
      expect(h.stdout, "a repository path instead of a URL").not.toMatch(
        /(?<![\w/.])docs\/[\w-]+\.md(?!\S* in the package)/,
      );
  });
});
