import { describe, expect, it } from "vitest";
import { loadInputs, loadSources } from "../../../src/load/load-inputs.js";
import type { LoadOptions } from "../../../src/load/types.js";
import { createTempDir } from "../../helpers/temp-dir.js";
import { lineOf, lines } from "../../helpers/yaml-text.js";

function load(text: string, options: LoadOptions = {}, file = "in.yaml") {
  return loadSources([{ path: file, text }], options);
}

function codeLines(text: string, options: LoadOptions = {}) {
  return load(text, options).diagnostics.map((d) => [d.code, d.line]);
}

const cm = (name: string, ...extra: string[]) =>
  lines("apiVersion: v1", "kind: ConfigMap", "metadata:", `  name: ${name}`, ...extra);

describe("loadSources: documents", () => {
  it("loads every document of a multi-document file, with its document index", () => {
    const text = `${cm("one")}---\n# a comment between documents\n---\n${cm("two")}...\n---\n${cm("three")}`;
    const r = load(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.resources.map((x) => [x.name, x.source])).toEqual([
      ["one", { file: "in.yaml", doc: 0 }],
      ["two", { file: "in.yaml", doc: 1 }],
      ["three", { file: "in.yaml", doc: 2 }],
    ]);
    expect(r.sources.locate(r.resources[2]!.source, ["metadata", "name"])).toEqual({
      line: lineOf(text, "name: three"),
      column: 3,
    });
  });

  it("expands `kind: List` into its items, each with its item index", () => {
    const text = lines(
      "apiVersion: v1",
      "kind: List",
      "items:",
      "- apiVersion: v1",
      "  kind: ConfigMap",
      "  metadata:",
      "    name: first",
      "- apiVersion: v1",
      "  kind: ConfigMap",
      "  metadata:",
      "    name: second",
    );
    const r = load(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.resources.map((x) => [x.name, x.source])).toEqual([
      ["first", { file: "in.yaml", doc: 0, item: 0 }],
      ["second", { file: "in.yaml", doc: 0, item: 1 }],
    ]);
    expect(r.sources.locate(r.resources[1]!.source, ["metadata", "name"])?.line).toBe(11);
  });

  it("reports a bad List item at the item, and keeps the good ones", () => {
    const text = lines(
      "apiVersion: v1",
      "kind: List",
      "items:",
      "- 42",
      "- apiVersion: v1",
      "  kind: ConfigMap",
      "  metadata:",
      "    namespace: x",
      "- apiVersion: v1",
      "  kind: ConfigMap",
      "  metadata:",
      "    name: ok",
    );
    const r = load(text);
    expect(r.resources.map((x) => x.name)).toEqual(["ok"]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ["VMCP106", 4],
      ["VMCP109", 7], // metadata.name is missing: its parent's key
    ]);
  });

  it("ignores comments, and resolves merge keys (<<) as Kubernetes does", () => {
    const text = lines(
      "# leading comment",
      "apiVersion: v1 # trailing comment",
      "kind: ConfigMap",
      "metadata:",
      "  name: merged",
      "  labels: &common",
      "    team: platform",
      "    tier: tools",
      "data:",
      "  <<: *common",
      "  tier: overridden",
    );
    const r = load(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.resources[0]?.body.data).toEqual({ team: "platform", tier: "overridden" });
  });

  it("keeps timestamps and YAML 1.1 booleans as strings, and reads integers as kubectl does (a leading 0 is octal)", () => {
    const r = load(
      cm(
        "x",
        "data:",
        "  when: 2024-01-02",
        "  answer: yes",
        "  octal: 0o17",
        "  mode: 0644",
        "  ten: 010",
        "  negative: -010",
        "  nine: 09",
        "  hex: 0X1F",
        "  quoted: '0644'",
        "  float: 010.5",
      ),
    );
    expect(r.resources[0]?.body.data).toEqual({
      when: "2024-01-02",
      answer: "yes",
      octal: 15,
      mode: 420,
      ten: 8,
      negative: -8,
      nine: 9,
      hex: 31,
      quoted: "0644",
      float: 10.5,
    });
  });

  it("reports a scalar or list document as VMCP106 with a hint", () => {
    const r = load(`- a\n- b\n---\njust a string\n---\n${cm("ok")}`);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ["VMCP106", 1],
      ["VMCP106", 4],
    ]);
    expect(r.diagnostics[0]?.message).toMatch(/a list/);
    expect(r.diagnostics[0]?.hint).toMatch(/kind: List|---/);
    expect(r.resources.map((x) => x.name)).toEqual(["ok"]);
  });

  it.each([
    ["VMCP107", "apiVersion", lines("# no apiVersion", "kind: ConfigMap", "metadata:", "  name: x"), 2],
    ["VMCP107", "apiVersion", lines("apiVersion: ''", "kind: ConfigMap", "metadata:", "  name: x"), 1],
    ["VMCP108", "kind", lines("apiVersion: v1", "metadata:", "  name: x"), 1],
    ["VMCP108", "kind", lines("apiVersion: v1", "kind: 3", "metadata:", "  name: x"), 2],
    ["VMCP109", "metadata", lines("apiVersion: v1", "kind: ConfigMap", "data: {}"), 1],
    ["VMCP109", "metadata.name", lines("apiVersion: v1", "kind: ConfigMap", "metadata:", "  labels: {}"), 3],
    ["VMCP109", "metadata.name", lines("apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: 12"), 4],
    [
      "VMCP113",
      "metadata.namespace",
      lines("apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: x", "  namespace: [a]"),
      5,
    ],
  ])("reports %s for a missing or wrong %s, located", (code, _field, text, line) => {
    const r = load(text);
    expect(r.resources).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([[code, line]]);
    expect(r.diagnostics[0]?.hint).toBeTruthy();
  });

  it("loads the other documents of a file when one has a syntax error", () => {
    const text = `${cm("before")}---\nkey: [unclosed\n---\n${cm("after")}`;
    const r = load(text);
    expect(r.resources.map((x) => x.name)).toEqual(["before", "after"]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["VMCP101"]);
    // The source index still maps the documents after the broken one.
    expect(r.sources.locate(r.resources[1]!.source, ["metadata", "name"])?.line).toBe(lineOf(text, "name: after"));
  });

  it("reports VMCP112 for input without objects", () => {
    for (const text of ["", "# only comments\n", "---\n---\n", "~\n"]) {
      const r = load(text);
      expect(r.resources).toEqual([]);
      expect(r.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([["VMCP112", "in.yaml", 1]]);
    }
    expect(loadSources([]).diagnostics.map((d) => d.code)).toEqual(["VMCP112"]);
  });

  it("does not add VMCP112 when the input has other problems", () => {
    expect(codeLines("a: [\n")).toEqual([["VMCP101", 2]]);
  });
});

describe("loadSources: YAML syntax and limits", () => {
  it("reports tabs in indentation as VMCP101 with a hint about spaces", () => {
    const r = load(lines("apiVersion: v1", "kind: ConfigMap", "metadata:", "\tname: x"));
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["VMCP101", 4, 1]]);
    expect(r.diagnostics[0]?.hint).toMatch(/spaces/);
    expect(r.diagnostics[0]?.excerpt).toBe("\tname: x");
  });

  it("reports bad indentation as VMCP101 at the offending line", () => {
    const r = load(lines("apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: x", "   namespace: y"));
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["VMCP101", 5]]);
    expect(r.diagnostics[0]?.message).toMatch(/indentation/);
    expect(r.diagnostics[0]?.hint).toMatch(/align/);
  });

  it("reports an unclosed flow collection or quote as VMCP101", () => {
    for (const bad of ["metadata: {name: x", "metadata: [x", 'metadata:\n  name: "x']) {
      const r = load(`apiVersion: v1\nkind: ConfigMap\n${bad}\n`);
      expect(r.diagnostics.map((d) => d.code)).toEqual(["VMCP101"]);
      expect(r.diagnostics[0]?.hint).toMatch(/close/);
    }
  });

  it("reports custom tags as VMCP101", () => {
    const r = load(cm("x", "data:", "  a: !vault secret/x"));
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["VMCP101", 6]]);
    expect(r.diagnostics[0]?.hint).toMatch(/tag/);
  });

  it("reports duplicate mapping keys as VMCP111 at the second key", () => {
    const text = cm("x", "data:", "  a: one", "  b: two", "  a: three");
    const r = load(text);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["VMCP111", lineOf(text, "a: three"), 3]]);
    expect(r.resources).toEqual([]);
  });

  it("stops an alias bomb with VMCP103, quickly", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(", ")}]`);
    }
    const text = lines(
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: bomb",
      "data:",
      ...levels.map((l) => `  ${l}`),
    );
    // 10^10 nodes once expanded; the walk stops at the node budget. (No timing assertion: the test
    // timeout is the guard.)
    const r = load(text);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["VMCP103", 1]]);
    expect(r.diagnostics[0]?.hint).toMatch(/alias/);
    expect(r.resources).toEqual([]);
  });

  it("accepts aliases that expand to a reasonable size", () => {
    const r = load(cm("x", "  labels: &l {a: b}", "  annotations: *l"));
    expect(r.diagnostics).toEqual([]);
  });

  it("respects a lower node budget", () => {
    const r = load(cm("x", "data:", "  a: &a [1, 2, 3, 4]", "  b: [*a, *a, *a]"), { limits: { maxExpandedNodes: 10 } });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["VMCP103"]);
  });

  it("reports a self-recursive alias as VMCP115", () => {
    for (const text of [
      cm("x", "data: &d", "  self: *d"),
      lines("apiVersion: v1", "kind: ConfigMap", "metadata: &m", "  name: x", "  labels: [*m]"),
    ]) {
      expect(codeLines(text)).toEqual([["VMCP115", 1]]);
    }
  });

  it("reports 200-deep nesting as VMCP104, in flow and block style", () => {
    const flow = cm("deep", `data: {a: ${"[".repeat(200)}${"]".repeat(200)}}`);
    const block = cm("deep", "data:", ...Array.from({ length: 200 }, (_, i) => `${"  ".repeat(i + 1)}k${i}:`));
    expect(codeLines(flow)).toEqual([["VMCP104", 1]]);
    expect(codeLines(block)).toEqual([["VMCP104", 1]]);
  });

  it("reports nesting too deep for the parser itself as VMCP104, not a crash", () => {
    const text = cm("deep", `data: {a: ${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
    expect(codeLines(text).map(([code]) => code)).toEqual(["VMCP104"]);
  });

  it("reports .inf and .nan as VMCP101", () => {
    expect(codeLines(cm("x", "spec:", "  replicas: .inf"))).toEqual([["VMCP101", 1]]);
    expect(load(cm("x", "spec:", "  ratio: .NaN")).diagnostics[0]?.message).toMatch(/finite/);
  });

  it("reports a document over maxDocumentBytes as VMCP114 and keeps the others", () => {
    const r = load(`${cm("small")}---\n${cm("big", "data:", `  blob: ${"x".repeat(300)}`)}`, {
      limits: { maxDocumentBytes: 200 },
    });
    expect(r.resources.map((x) => x.name)).toEqual(["small"]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["VMCP114", 5]]);
  });
});

describe("loadSources: identity and namespaces", () => {
  it("fills a missing namespace from the options, else `default`, and keeps explicit ones", () => {
    const text = `${cm("a")}---\n${cm("b", "  namespace: explicit")}`;
    expect(load(text).resources.map((r) => r.namespace)).toEqual(["default", "explicit"]);
    const r = load(text, { namespace: "team-a" });
    expect(r.resources.map((x) => x.namespace)).toEqual(["team-a", "explicit"]);
    expect((r.resources[0]?.body.metadata as { namespace?: string }).namespace).toBe("team-a");
  });

  it("gives cluster-scoped kinds no namespace", () => {
    const r = load(
      lines(
        "apiVersion: v1",
        "kind: Namespace",
        "metadata:",
        "  name: tools",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: ClusterRole",
        "metadata:",
        "  name: reader",
      ),
      { namespace: "team-a" },
    );
    expect(r.resources.map((x) => [x.kind, x.namespace, x.group, x.version])).toEqual([
      ["Namespace", "", "", "v1"],
      ["ClusterRole", "", "rbac.authorization.k8s.io", "v1"],
    ]);
  });

  it("never mutates the parsed object when it fills the namespace", () => {
    const r = load(cm("a"), { namespace: "ns" });
    expect(r.resources[0]?.body).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "a", namespace: "ns" },
    });
  });

  it("reports a duplicate resource as VMCP110 at the second one, naming the first in the hint", () => {
    const a = cm("dup");
    const b = `# another file\n${cm("dup", "  namespace: default")}`;
    const r = loadSources([
      { path: "a.yaml", text: a },
      { path: "b.yaml", text: b },
    ]);
    expect(r.resources).toHaveLength(1);
    expect(r.resources[0]?.source.file).toBe("a.yaml");
    expect(r.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([["VMCP110", "b.yaml", lineOf(b, "name: dup")]]);
    expect(r.diagnostics[0]?.hint).toContain("a.yaml:1");
    expect(r.diagnostics[0]?.resource).toEqual({ kind: "ConfigMap", namespace: "default", name: "dup" });
  });

  it("treats the same object under v1alpha1 and v1beta1 as a duplicate", () => {
    const obj = (v: string) =>
      lines(`apiVersion: toolhive.stacklok.dev/${v}`, "kind: MCPGroup", "metadata:", "  name: tools", "spec: {}");
    const text = `${obj("v1alpha1")}---\n${obj("v1beta1")}`;
    const r = load(text);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["VMCP110", lineOf(text, "name: tools", 2)]]);
    expect(r.diagnostics[0]?.hint).toContain("in.yaml:1");
  });

  it("does not treat the same name in another namespace, kind or group as a duplicate", () => {
    const r = load(
      [
        cm("x"),
        cm("x", "  namespace: other"),
        lines("apiVersion: v1", "kind: Secret", "metadata:", "  name: x"),
        lines("apiVersion: example.com/v1", "kind: ConfigMap", "metadata:", "  name: x"),
      ].join("---\n"),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.resources).toHaveLength(4);
  });
});

describe("loadSources: Secrets", () => {
  const SENTINEL = "s3cr3t-SENTINEL-value";
  const b64 = Buffer.from(SENTINEL).toString("base64");

  it("keeps a Secret's name, namespace, type and key names, and drops every value", () => {
    const text = lines(
      "apiVersion: v1",
      "kind: Secret",
      "metadata:",
      "  name: creds",
      "  annotations:",
      `    kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"token":"${SENTINEL}"}}'`,
      "type: Opaque",
      "data:",
      `  password: ${b64}`,
      "stringData:",
      `  token: ${SENTINEL}`,
    );
    const r = load(text);
    expect(r.diagnostics).toEqual([]);
    const [secret] = r.resources;
    expect(secret?.secretKeys).toEqual(["password", "token"]);
    expect(secret?.body).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "creds", namespace: "default" },
      type: "Opaque",
    });
    expect(JSON.stringify(r.resources)).not.toContain(SENTINEL);
    expect(JSON.stringify(r.resources)).not.toContain(b64);
  });

  it("drops the values of a Secret inside a List too", () => {
    const r = load(
      lines(
        "apiVersion: v1",
        "kind: List",
        "items:",
        "- apiVersion: v1",
        "  kind: Secret",
        "  metadata:",
        "    name: s",
        "  stringData:",
        `    k: ${SENTINEL}`,
      ),
    );
    expect(r.resources[0]?.secretKeys).toEqual(["k"]);
    expect(JSON.stringify(r.resources)).not.toContain(SENTINEL);
  });

  it("reads every list as kubectl does: any kind and apiVersion, nested, SecretList items without a kind", () => {
    const text = [
      lines(
        "apiVersion: v1",
        "kind: SecretList",
        "items:",
        "- metadata:",
        "    name: a",
        "  stringData:",
        `    k: ${SENTINEL}`,
      ),
      lines(
        "apiVersion: meta/v1",
        "kind: List",
        "items:",
        "- apiVersion: v1",
        "  kind: Secret",
        "  metadata: {name: b}",
        `  data: {k: ${b64}}`,
      ),
      lines(
        "apiVersion: v1",
        "kind: List",
        "items:",
        "- apiVersion: v1",
        "  kind: List",
        "  items:",
        "  - apiVersion: v1",
        "    kind: ConfigMap",
        "    metadata: {name: plain}",
        "  - apiVersion: v1",
        "    kind: Secret",
        "    metadata: {name: c}",
        `    stringData: {k: ${SENTINEL}}`,
      ),
      lines("kind: ConfigMapList", "apiVersion: v1", "items: null"),
      `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"d"},"stringData":{"k":"${SENTINEL}"}}\n`,
    ].join("---\n");
    const r = load(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.resources.map((x) => [x.kind, x.name, x.secretKeys])).toEqual([
      ["Secret", "a", ["k"]],
      ["Secret", "b", ["k"]],
      ["ConfigMap", "plain", undefined],
      ["Secret", "c", ["k"]],
      ["Secret", "d", ["k"]],
    ]);
    expect(r.resources[3]?.source).toEqual({ file: "in.yaml", doc: 2, item: 0, subItems: [1] });
    expect(r.sources.locate(r.resources[3]!.source, ["metadata", "name"])?.line).toBe(
      lineOf(text, "metadata: {name: c}"),
    );
    expect(JSON.stringify(r.resources)).not.toContain(SENTINEL);
    expect(JSON.stringify(r.resources)).not.toContain(b64);
  });

  it("keeps only the identity of an object that embeds a Secret, and a Secret of any apiVersion", () => {
    const text = [
      lines(
        "apiVersion: example.com/v1",
        "kind: Bundle",
        "metadata: {name: e}",
        "spec:",
        "  resources:",
        "  - apiVersion: v1",
        "    kind: Secret",
        `    stringData: {k: ${SENTINEL}}`,
      ),
      lines("apiVersion: example.com/v1", "kind: secret", "metadata: {name: f}", `value: ${SENTINEL}`),
    ].join("---\n");
    const r = load(text);
    expect(r.resources.map((x) => [x.kind, x.name, x.embedsSecret, x.body])).toEqual([
      [
        "Bundle",
        "e",
        true,
        { apiVersion: "example.com/v1", kind: "Bundle", metadata: { name: "e", namespace: "default" } },
      ],
      [
        "secret",
        "f",
        undefined,
        { apiVersion: "example.com/v1", kind: "secret", metadata: { name: "f", namespace: "default" } },
      ],
    ]);
    expect(JSON.stringify(r.resources)).not.toContain(SENTINEL);
  });

  it("refuses an object whose items is not a list (kubectl reads it as a list)", () => {
    expect(codeLines(lines("apiVersion: v1", "kind: List", "items: {a: 1}"))).toEqual([["VMCP106", 3]]);
  });

  it("never shows a Secret's lines in a diagnostic", () => {
    const broken = [
      // a duplicate key inside stringData
      lines(
        "apiVersion: v1",
        "kind: Secret",
        "metadata:",
        "  name: a",
        "stringData:",
        `  token: ${SENTINEL}`,
        `  token: ${SENTINEL}`,
      ),
      // a syntax error on the value's line
      lines(
        "apiVersion: v1",
        "kind: Secret",
        "metadata:",
        "  name: b",
        "stringData:",
        `  token: "${SENTINEL}`,
        `  other: x"y"`,
      ),
      // an identity problem in a Secret
      lines(
        "apiVersion: v1",
        "kind: Secret",
        "metadata:",
        `  namespace: ${SENTINEL}`,
        "stringData:",
        `  token: ${SENTINEL}`,
      ),
      // a bad item in a List that holds a Secret
      lines(
        "apiVersion: v1",
        "kind: List",
        "items:",
        "- apiVersion: v1",
        "  kind: Secret",
        "  metadata:",
        "    name: c",
        "  stringData:",
        `    token: ${SENTINEL}`,
        `    token: ${SENTINEL}`,
      ),
      // one-line JSON and flow style, with a problem on the one line
      `{"apiVersion":"v1","kind":"Secret","metadata":{"name":5},"stringData":{"t":"${SENTINEL}"}}\n`,
      `{apiVersion: v1, kind: Secret, metadata: {name: e, labels: {a: 1}}, stringData: {t: ${SENTINEL}}}\n`,
      // a SecretList in another List, the Secret without a name
      lines(
        "apiVersion: v1",
        "kind: List",
        "items:",
        "- apiVersion: v1",
        "  kind: SecretList",
        "  items:",
        `  - {stringData: {t: ${SENTINEL}}}`,
      ),
    ];
    for (const text of broken) {
      const r = load(text);
      expect(r.diagnostics.length, text).toBeGreaterThan(0);
      expect(JSON.stringify(r.diagnostics)).not.toContain(SENTINEL);
      expect(JSON.stringify(r.resources)).not.toContain(SENTINEL);
    }
  });
});

describe("loadInputs", () => {
  it("reads files and parses them, with read problems first", async () => {
    const t = createTempDir({ "a.yaml": cm("a"), "bin.yaml": Buffer.from([0x61, 0x00]), sub: { "b.yml": cm("b") } });
    const r = await loadInputs(["."], { cwd: t.dir });
    expect(r.resources.map((x) => [x.name, x.source.file])).toEqual([
      ["a", "a.yaml"],
      ["b", "sub/b.yml"],
    ]);
    expect(r.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([["VMCP105", "bin.yaml", 1]]);
  });

  it("applies maxFileBytes and does not add VMCP112 when the only input was refused", async () => {
    const t = createTempDir({ "big.yaml": cm("big", "data:", `  blob: ${"x".repeat(500)}`) });
    const r = await loadInputs(["big.yaml"], { cwd: t.dir }, { limits: { maxFileBytes: 100 } });
    expect(r.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([["VMCP102", "big.yaml", 1, 1]]);
  });

  it("reads stdin and locates its diagnostics as <stdin>", async () => {
    async function* stdin() {
      yield "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  nam: x\n";
    }
    const r = await loadInputs(["-"], { cwd: "/", stdin: stdin() });
    expect(r.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([["VMCP109", "<stdin>", 3]]);
  });

  it("accepts a BOM and CRLF line ends, with the right lines", async () => {
    const text = `\ufeff${cm("a")}---\n${cm("a")}`.replace(/\n/g, "\r\n");
    const t = createTempDir({ "win.yaml": text });
    const r = await loadInputs(["win.yaml"], { cwd: t.dir });
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column, d.excerpt])).toEqual([["VMCP110", 9, 3, "  name: a"]]);
  });
});
