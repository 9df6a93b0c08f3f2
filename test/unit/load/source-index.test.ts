import { describe, expect, it } from "vitest";
import { loadSources } from "../../../src/load/load-inputs.js";
import { SourceIndex } from "../../../src/load/source-index.js";
import { splitDocuments } from "../../../src/load/split-documents.js";
import { columnOf, lineOf, lines } from "../../helpers/yaml-text.js";

const TEXT = lines(
  "# header comment",
  "apiVersion: toolhive.stacklok.dev/v1beta1",
  "kind: VirtualMCPServer",
  "metadata:",
  "  name: demo",
  "spec:",
  "  groupRef:",
  "    name: tools",
  "  incomingAuth: {type: anonymous}",
  "  passthroughHeaders:",
  "    - X-One",
  "    - X-Two",
  "---",
  "apiVersion: v1",
  "kind: List",
  "items:",
  "  - apiVersion: v1",
  "    kind: ConfigMap",
  "    metadata:",
  "      name: first",
  "  - apiVersion: v1",
  "    kind: ConfigMap",
  "    metadata:",
  "      name: second",
  "    data:",
  "      ca.crt: |",
  "        -----BEGIN CERTIFICATE-----",
);

function setup() {
  const loaded = loadSources([{ path: "f.yaml", text: TEXT }]);
  const [vmcp, first, second] = loaded.resources;
  return { sources: loaded.sources, vmcp: vmcp!.source, first: first!.source, second: second!.source };
}

describe("SourceIndex.locate", () => {
  it("points at the key of a field by default, and at a scalar value with prefer=value", () => {
    const { sources, vmcp } = setup();
    expect(sources.locate(vmcp, ["spec", "groupRef", "name"])).toEqual({ line: 8, column: 5 });
    expect(sources.locate(vmcp, ["spec", "groupRef", "name"], "value")).toEqual({
      line: 8,
      column: columnOf(TEXT, "tools"),
    });
  });

  it("points at the key when the value is a mapping or a list, even with prefer=value", () => {
    const { sources, vmcp } = setup();
    expect(sources.locate(vmcp, ["spec", "groupRef"], "value")).toEqual({ line: 7, column: 3 });
  });

  it("finds keys and values inside flow mappings, and sequence items", () => {
    const { sources, vmcp } = setup();
    expect(sources.locate(vmcp, ["spec", "incomingAuth", "type"], "value")).toEqual({
      line: 9,
      column: columnOf(TEXT, "anonymous"),
    });
    expect(sources.locate(vmcp, ["spec", "passthroughHeaders", 1])).toEqual({ line: 12, column: 7 });
    expect(sources.locate(vmcp, ["spec", "passthroughHeaders", 1], "value")).toEqual({ line: 12, column: 7 });
  });

  it("falls back to the nearest ancestor that exists", () => {
    const { sources, vmcp } = setup();
    // spec.groupRef exists, .kind does not: the groupRef key.
    expect(sources.locate(vmcp, ["spec", "groupRef", "kind"], "value")).toEqual({ line: 7, column: 3 });
    // An index past the end of a list: the list's key.
    expect(sources.locate(vmcp, ["spec", "passthroughHeaders", 9])).toEqual({ line: 10, column: 3 });
    // A path through a scalar: the scalar's key.
    expect(sources.locate(vmcp, ["metadata", "name", "x"])).toEqual({ line: 5, column: 3 });
    // Nothing of the path exists: the start of the document's content (after its comments).
    expect(sources.locate(vmcp, ["status"])).toEqual({ line: 2, column: 1 });
    expect(sources.locate(vmcp)).toEqual({ line: 2, column: 1 });
  });

  it("locates fields of List items through items[i]", () => {
    const { sources, first, second } = setup();
    expect(sources.locate(first, ["metadata", "name"], "value")).toEqual({
      line: lineOf(TEXT, "name: first"),
      column: columnOf(TEXT, "first"),
    });
    expect(sources.locate(second, ["data", "ca.crt"])).toEqual({ line: lineOf(TEXT, "ca.crt:"), column: 7 });
    // The item itself, for a finding about the whole object.
    expect(sources.locate(second)).toEqual({ line: lineOf(TEXT, "- apiVersion", 2), column: 5 });
    expect(sources.locate(second, ["spec"])).toEqual({ line: lineOf(TEXT, "- apiVersion", 2), column: 5 });
  });

  it("returns undefined for a file or document it does not know", () => {
    const { sources } = setup();
    expect(sources.locate({ file: "other.yaml", doc: 0 })).toBeUndefined();
    expect(sources.locate({ file: "f.yaml", doc: 7 })).toBeUndefined();
  });

  it("works on a file registered directly, parsing each chunk only when asked", () => {
    const text = "a: 1\n---\nb:\n  c: 2\n";
    const index = new SourceIndex();
    const chunks = splitDocuments(text);
    index.addFile("x.yaml", text, chunks, [
      { chunk: 0, indexInChunk: 0 },
      { chunk: 1, indexInChunk: 0 },
    ]);
    expect(index.locate({ file: "x.yaml", doc: 1 }, ["b", "c"], "value")).toEqual({ line: 4, column: 6 });
    expect(index.locate({ file: "x.yaml", doc: 0 }, ["a"])).toEqual({ line: 1, column: 1 });
  });

  it("falls back to the chunk's first line when the chunk does not parse with `yaml`", () => {
    const text = "a: 1\n---\nb: [\n";
    const index = new SourceIndex();
    index.addFile("x.yaml", text, splitDocuments(text), [{ chunk: 1, indexInChunk: 0 }]);
    expect(index.locate({ file: "x.yaml", doc: 0 }, ["b"])?.line).toBeGreaterThanOrEqual(2);
  });
});

describe("SourceIndex.lineText and mayShowLine", () => {
  it("returns the text of a 1-based line", () => {
    const { sources } = setup();
    expect(sources.lineText("f.yaml", 8)).toBe("    name: tools");
    expect(sources.lineText("f.yaml", 999)).toBeUndefined();
    expect(sources.lineText("nope.yaml", 1)).toBeUndefined();
  });

  const shown = (text: string) => {
    const { sources } = loadSources([{ path: "s.yaml", text }]);
    return text.split("\n").map((_, i) => sources.mayShowLine("s.yaml", i + 1));
  };

  it("never shows a line of a document that holds a Secret, in any layout", () => {
    const text = lines(
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: a",
      "---",
      "apiVersion: v1",
      "kind: Secret",
      "metadata:",
      "  name: b",
      "stringData:",
      "  k: v",
    );
    // The `---` line starts the Secret's chunk.
    expect(shown(text)).toEqual([true, true, true, true, false, false, false, false, false, false, false, false]);
    const { sources } = loadSources([{ path: "s.yaml", text }]);
    expect(sources.mayShowLine("other.yaml", 1)).toBe(true);
    // One-line JSON, flow style, quoted or escaped kinds, lists of any kind, SecretList items without a kind.
    for (const doc of [
      '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"stringData":{"t":"x"}}',
      "{apiVersion: v1, kind: Secret, metadata: {name: s}, stringData: {t: x}}",
      '{"apiVersion":"v1","kind":"\\u0053ecret","metadata":{"name":"s"},"stringData":{"t":"x"}}',
      lines(
        "apiVersion: meta/v1",
        "kind: List",
        "items:",
        "- {apiVersion: v1, kind: Secret, metadata: {name: s}, data: {t: eA==}}",
      ),
      lines("apiVersion: v1", "kind: SecretList", "items:", "- metadata: {name: s}", "  stringData: {t: x}"),
      lines(
        "apiVersion: v1",
        "kind: List",
        "items:",
        "- apiVersion: v1",
        "  kind: List",
        "  items:",
        "  - apiVersion: v1",
        '    kind: "Secret"',
        "    metadata: {name: s}",
      ),
      // Broken YAML that says Secret somewhere.
      lines('{"kind": "Secret", "stringData": {"t": "x"'),
    ]) {
      expect(
        shown(doc).every((s) => !s),
        doc,
      ).toBe(true);
    }
  });

  it("never shows a line holding a credential-like value; other lines stay", () => {
    const text = lines(
      "apiVersion: toolhive.stacklok.dev/v1beta1",
      "kind: MCPExternalAuthConfig",
      "metadata:",
      "  name: a",
      "spec:",
      "  type: headerInjection",
      "  headerInjection:",
      "    headerName: X-API-Key",
      "    headerValue: s3cr3t",
      "  tokenExchange: {tokenUrl: https://idp.example.com/token, clientSecret: s3cr3t, clientSecretEnv: SECRET_ENV}",
      "  bearerToken:",
      "    token: >-",
      "      s3cr3t",
      "  headers:",
      "    Authorization: x",
      "    X-Other:",
      "      y",
      "  list:",
      "  - name: API_TOKEN",
      "    value: s3cr3t",
      "  - name: PLAIN",
      "    value: shown",
      "  note: Bearer abc",
      "  additionalHeaders:",
      "  - name: X-Auth",
      "    value: s3cr3t",
      "  passthroughHeaders: [X-Trace-Id]",
      "  anchor: &a s3cr3t",
      "  password: *a",
    );
    const visible = shown(text);
    const hiddenLines = visible.flatMap((v, i) => (v ? [] : [i + 1]));
    expect(hiddenLines).toEqual([9, 10, 12, 13, 15, 16, 17, 20, 23, 26, 28, 29]);
  });

  it("judges text that does not parse line by line", () => {
    const text = lines(
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: [a",
      "data:",
      "  password: s3cr3t",
      "  other: x",
    );
    expect(shown(text)).toEqual([true, true, true, true, false, false, true, true]);
  });
});
