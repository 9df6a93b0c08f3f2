import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/run-in-process.js";
import { createTempDir } from "../helpers/temp-dir.js";
import { lines } from "../helpers/yaml-text.js";
import { validInputs } from "../integration/helpers/inputs.js";

/**
 * "No Secret value ever reaches any stream": Secrets in every list form and layout, and literal
 * credentials in ToolHive objects, through every command and diagnostics format.
 */
const SENTINEL = "s3cr3t-SENTINEL-value";
const B64 = Buffer.from(SENTINEL).toString("base64");

/** Valid Secrets, in every form a folder may hold them. */
const SECRETS = [
  lines(
    "apiVersion: v1",
    "kind: SecretList",
    "items:",
    "- metadata:",
    "    name: from-secretlist",
    "  stringData:",
    `    token: ${SENTINEL}`,
  ),
  lines(
    "apiVersion: meta/v1",
    "kind: List",
    "items:",
    "- apiVersion: v1",
    "  kind: Secret",
    "  metadata: {name: from-meta-list}",
    `  data: {token: ${B64}}`,
  ),
  lines(
    "apiVersion: example.com/v1",
    "kind: List",
    "metadata: {name: other-list}",
    "items:",
    "- apiVersion: v1",
    "  kind: List",
    "  items:",
    "  - apiVersion: v1",
    "    kind: Secret",
    "    metadata: {name: from-nested-list}",
    `    stringData: {token: ${SENTINEL}}`,
    "  - apiVersion: v1",
    "    kind: ConfigMap",
    "    metadata: {name: plain}",
    "    data: {k: v}",
  ),
  `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"one-line-json"},"stringData":{"token":"${SENTINEL}"}}\n`,
  `{apiVersion: v1, kind: Secret, metadata: {name: flow}, stringData: {token: ${SENTINEL}}}\n`,
  lines(
    "apiVersion: templates.example.com/v1",
    "kind: Bundle",
    "metadata: {name: embeds}",
    "spec:",
    "  objects:",
    "  - apiVersion: v1",
    "    kind: Secret",
    "    metadata: {name: inner}",
    `    stringData: {token: ${SENTINEL}}`,
  ),
].join("---\n");

/** The same, each with a problem reported on the line that holds the value. */
const BAD_SECRETS = [
  `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"json","labels":{"a":1}},"stringData":{"token":"${SENTINEL}"}}\n`,
  `{apiVersion: v1, kind: Secret, metadata: {name: flow, annotations: {a: 1}}, stringData: {token: ${SENTINEL}}}\n`,
  lines(
    "apiVersion: meta/v1",
    "kind: List",
    "items:",
    `- {apiVersion: v1, kind: Secret, metadata: {name: dup}, stringData: {token: ${SENTINEL}, token: ${SENTINEL}}}`,
  ),
  lines("apiVersion: v1", "kind: SecretList", "items:", `- {metadata: {name: 5}, stringData: {token: ${SENTINEL}}}`),
].join("---\n");

/** Literal credentials where the CRDs want references, each on a line a diagnostic points at. */
const LITERAL_CREDENTIALS = [
  lines(
    "apiVersion: toolhive.stacklok.dev/v1beta1",
    "kind: MCPExternalAuthConfig",
    "metadata: {name: inline-header, namespace: team-a}",
    "spec:",
    "  type: headerInjection",
    `  headerInjection: {headerName: X-API-Key, headerValue: ${SENTINEL}}`,
  ),
  lines(
    "apiVersion: toolhive.stacklok.dev/v1beta1",
    "kind: MCPExternalAuthConfig",
    "metadata: {name: inline-bearer, namespace: team-a}",
    "spec:",
    "  type: bearerToken",
    "  bearerToken:",
    `    token: Bearer ${SENTINEL}`,
  ),
  `{"apiVersion":"toolhive.stacklok.dev/v1beta1","kind":"MCPExternalAuthConfig","metadata":{"name":"json-token","namespace":"team-a"},"spec":{"type":"tokenExchange","tokenExchange":{"tokenUrl":"https://idp.example.com/token","clientSecret":"${SENTINEL}","audience":"x"}}}\n`,
].join("---\n");

type Run = Awaited<ReturnType<typeof runInProcess>>;

function expectNoSecret(r: Run, what: string): void {
  for (const stream of [r.stdout, r.stderr]) {
    expect(stream, what).not.toContain(SENTINEL);
    expect(stream, what).not.toContain(B64);
  }
}

const FORMATS = ["text", "json", "github"];

describe("no Secret value in any stream", () => {
  it("valid Secrets in lists of any kind, nested, one-line JSON, flow style, embedded: every command, every format", async () => {
    const t = createTempDir({ "vmcp.yaml": validInputs(), "secrets.yaml": SECRETS });
    for (const format of FORMATS) {
      for (const argv of [
        ["validate", "."],
        ["synth", "."],
        ["inspect", "."],
        ["synth", ".", "--format", "json"],
      ]) {
        const r = await runInProcess([...argv, "--diagnostics", format], { cwd: t.dir });
        expect(r.code, `${argv.join(" ")}: ${r.stderr}`).toBe(0);
        expectNoSecret(r, argv.join(" "));
      }
    }
    // diff --against a previous render that holds the Secrets too.
    const against = createTempDir({ "previous.yaml": SECRETS });
    const diff = await runInProcess(["diff", ".", "--against", against.path("previous.yaml")], { cwd: t.dir });
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain("removed: v1 Secret one-line-json");
    expectNoSecret(diff, "diff");
  });

  it("argocd generate and synth print no Secret, with VMCP705 for each, wherever it is nested", async () => {
    const t = createTempDir({ "vmcp.yaml": validInputs(), "secrets.yaml": SECRETS });
    for (const argv of [
      ["argocd", "generate"],
      ["synth", ".", "-n", "team-a"],
    ]) {
      const r = await runInProcess(argv, { cwd: t.dir, env: { ARGOCD_APP_NAMESPACE: "team-a" } });
      expect(r.code, r.stderr).toBe(0);
      expectNoSecret(r, argv.join(" "));
      const objects = jsYaml.loadAll(r.stdout) as { kind: string; metadata: { name: string } }[];
      expect(
        objects.filter((o) => !o.metadata.name.includes("demo")).map((o) => `${o.kind}/${o.metadata.name}`),
      ).toEqual([]);
      const warned = [...r.stderr.matchAll(/warning VMCP705: (\S+ \S+)/g)].map((m) => m[1]);
      expect(warned.sort()).toEqual([
        "Bundle team-a/embeds",
        "Secret team-a/flow",
        "Secret team-a/from-meta-list",
        "Secret team-a/from-nested-list",
        "Secret team-a/from-secretlist",
        "Secret team-a/one-line-json",
      ]);
      // The ConfigMap of the nested list is not mounted by the pod: listed as left out, not printed.
      expect(r.stderr).toMatch(
        /warning VMCP706: 1 object among the inputs is not part of the output: ConfigMap team-a\/plain/,
      );
    }
  });

  it("Secrets whose lines a diagnostic points at: no excerpt, in every command and format", async () => {
    const t = createTempDir({ "vmcp.yaml": validInputs(), "secrets.yaml": BAD_SECRETS });
    for (const format of FORMATS) {
      for (const argv of [
        ["validate", "."],
        ["synth", "."],
        ["inspect", "."],
      ]) {
        const r = await runInProcess([...argv, "--diagnostics", format], { cwd: t.dir });
        expect(r.code, argv.join(" ")).toBe(1);
        expect(r.stderr).toMatch(/VMCP113|VMCP111|VMCP109/);
        expectNoSecret(r, `${argv.join(" ")} --diagnostics ${format}`);
      }
    }
    const argocd = await runInProcess(["argocd", "generate"], { cwd: t.dir });
    expect(argocd.code).toBe(1);
    expectNoSecret(argocd, "argocd generate");
  });

  it("literal credentials in ToolHive objects: the line is not shown, nor the value in a message", async () => {
    const t = createTempDir({ "vmcp.yaml": validInputs(), "auth.yaml": LITERAL_CREDENTIALS });
    for (const format of FORMATS) {
      const r = await runInProcess(["validate", ".", "--diagnostics", format], { cwd: t.dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("VMCP203");
      expectNoSecret(r, `validate --diagnostics ${format}`);
    }
    // The text printer still shows the lines that hold no credential.
    const text = await runInProcess(["validate", "."], { cwd: t.dir });
    expect(text.stderr).toMatch(/\n {2}\d+ \| {3}bearerToken:\n/);
  });

  it("krm: the package's own items come back as they came (dropping one would delete it from the package); no value in results or on stderr", async () => {
    const items = [...(jsYaml.loadAll(validInputs()) as object[]), ...(jsYaml.loadAll(SECRETS) as object[])];
    const stdin = jsYaml.dump({ apiVersion: "config.kubernetes.io/v1", kind: "ResourceList", items });
    const r = await runInProcess(["krm"], { cwd: createTempDir().dir, stdin });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain(SENTINEL);
    const out = jsYaml.load(r.stdout) as { items: object[]; results?: unknown[] };
    expect(JSON.stringify(out.results ?? [])).not.toContain(SENTINEL);
    const passed = out.items.filter(
      (i) => !JSON.stringify(i).includes("vmcp-gen") && !JSON.stringify(i).includes("toolhive.stacklok.dev"),
    );
    expect(passed).toEqual(items.filter((i) => !JSON.stringify(i).includes("toolhive.stacklok.dev")));
    // With a problem on the Secrets' lines, results carry no value either.
    const bad = [
      ...(jsYaml.loadAll(validInputs()) as object[]),
      ...(jsYaml.loadAll(BAD_SECRETS.replace(/, token: s3cr3t-SENTINEL-value}/, "}")) as object[]),
    ];
    const failed = await runInProcess(["krm"], {
      cwd: createTempDir().dir,
      stdin: jsYaml.dump({ apiVersion: "config.kubernetes.io/v1", kind: "ResourceList", items: bad }),
    });
    expect(failed.code).toBe(1);
    expect(failed.stderr).not.toContain(SENTINEL);
    expect(JSON.stringify((jsYaml.load(failed.stdout) as { results: unknown[] }).results)).not.toContain(SENTINEL);
  });
});
