import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  JSON_SCHEMA_DRAFT,
  emptyStats,
  generateSchemas,
  toJsonSchema,
  transformSchemaNode,
  translatePattern,
} from "../../../scripts/generate-schemas.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const crdDir = path.resolve(repoRoot, "../shared/reference/crds");
const schemasDir = path.join(repoRoot, "schemas");
const GROUP_DIR = "toolhive.stacklok.dev";
const REGENERATE = "run `npm run schemas` and commit the result";

const haveCrds = fs.existsSync(crdDir);
if (!haveCrds) console.warn("skipped: ../shared/reference/crds not present (CRD drift check runs in CI)");

/** First line where two texts differ, for a readable failure instead of a 90 kB diff. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: generated ${JSON.stringify(a[i])}, committed ${JSON.stringify(b[i])}`;
  }
  return "same lines, different bytes (line endings or encoding?)";
}

describe.skipIf(!haveCrds)("committed schemas/ match the generator (drift check)", () => {
  // Generated at collection time so every file gets its own test; only when the CRDs are present.
  const generated = haveCrds ? generateSchemas(crdDir) : new Map<string, string>();

  it("produces the files it should", () => {
    expect(generated.has(`${GROUP_DIR}/virtualmcpserver_v1beta1.json`)).toBe(true);
    expect(generated.has(`${GROUP_DIR}/index.json`)).toBe(true);
    expect(generated.has("SOURCE.md")).toBe(true);
  });

  it.each([...generated.keys()])("schemas/%s is up to date", (rel) => {
    const target = path.join(schemasDir, ...rel.split("/"));
    const expected = generated.get(rel) ?? "";
    expect(fs.existsSync(target), `schemas/${rel} is missing: ${REGENERATE}`).toBe(true);
    const committed = fs.readFileSync(target);
    const same = committed.equals(Buffer.from(expected, "utf8"));
    expect(
      same,
      same ? "" : `schemas/${rel} differs from the generator's output (${firstDifference(expected, committed.toString("utf8"))}): ${REGENERATE}`,
    ).toBe(true);
  });

  it(`has no stale committed files under schemas/${GROUP_DIR}/`, () => {
    const committed = fs.existsSync(path.join(schemasDir, GROUP_DIR))
      ? fs.readdirSync(path.join(schemasDir, GROUP_DIR)).map((name) => `${GROUP_DIR}/${name}`)
      : [];
    const stale = committed.filter((rel) => !generated.has(rel));
    expect(stale, `not produced by the generator any more: ${stale.join(", ")}: ${REGENERATE}`).toEqual([]);
  });
});

describe("translatePattern", () => {
  it("turns the RE2 [[:space:]] class used by the ToolHive CRDs into \\s", () => {
    expect(translatePattern("^https?://[^[:space:]]+$")).toBe("^https?://[^\\s]+$");
  });

  it.each([
    ["[[:digit:]]", "[0-9]"],
    ["[[:alpha:]]", "[A-Za-z]"],
    ["[[:alnum:]_-]", "[A-Za-z0-9_-]"],
    ["[[:upper:][:lower:]]", "[A-Za-z]"],
    ["[[:xdigit:]]", "[0-9A-Fa-f]"],
    ["[[:blank:]]", "[ \\t]"],
    ["[[:^space:]]", "[\\S]"],
  ])("%s -> %s", (input, output) => {
    expect(translatePattern(input)).toBe(output);
  });

  it("[:punct:] becomes exactly the 32 ASCII punctuation characters", () => {
    const re = new RegExp(translatePattern("^[[:punct:]]$"), "u");
    const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
    const punct = ascii.filter((c) => re.test(c)).join("");
    expect(punct).toBe("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
  });

  it("leaves patterns without POSIX classes alone, escapes included", () => {
    for (const p of ["^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "^\\[:space:\\]$", "a[:space:]", "^https?://"]) {
      expect(translatePattern(p)).toBe(p);
    }
  });

  it("escapes a leading ] in a class, which RE2 reads as a literal", () => {
    expect(translatePattern("[]a]")).toBe("[\\]a]");
    expect(translatePattern("[^]a]")).toBe("[^\\]a]");
  });

  it("throws on a POSIX class it cannot translate", () => {
    expect(() => translatePattern("[[:nonsense:]]")).toThrow(/\[:nonsense:\]/);
  });
});

describe("transformSchemaNode", () => {
  it("strips description keywords and Kubernetes extensions, but keeps a property named description", () => {
    const out = transformSchemaNode({
      type: "object",
      description: "a node",
      "x-kubernetes-validations": [{ rule: "self.a != ''" }, { rule: "true" }],
      "x-kubernetes-map-type": "atomic",
      properties: {
        description: { type: "string", description: "the field called description" },
        list: {
          type: "array",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
          items: { type: "object", "x-kubernetes-embedded-resource": true, properties: { name: { type: "string" } } },
        },
      },
    });
    expect(out).toEqual({
      type: "object",
      properties: {
        description: { type: "string" },
        list: {
          type: "array",
          items: { type: "object", properties: { name: { type: "string" } }, additionalProperties: false },
        },
      },
      additionalProperties: false,
    });
  });

  it("keeps data values (default, enum, example) as they are", () => {
    const node = { type: "object", default: { description: "kept" }, properties: { a: { type: "string", enum: ["x"], format: "duration", default: "30s" } } };
    expect(transformSchemaNode(node)).toEqual({ ...node, additionalProperties: false });
  });

  it("turns nullable into a null type and a null enum member", () => {
    expect(transformSchemaNode({ type: "string", nullable: true, enum: ["a", "b"] })).toEqual({
      type: ["string", "null"],
      enum: ["a", "b", null],
    });
    expect(transformSchemaNode({ type: "object", nullable: true, properties: { a: { type: "integer" } } })).toEqual({
      type: ["object", "null"],
      properties: { a: { type: "integer" } },
      additionalProperties: false,
    });
  });

  it("turns x-kubernetes-int-or-string into anyOf integer|string, keeping an existing anyOf", () => {
    expect(transformSchemaNode({ "x-kubernetes-int-or-string": true })).toEqual({ anyOf: [{ type: "integer" }, { type: "string" }] });
    const existing = { anyOf: [{ type: "integer" }, { type: "string", pattern: "^[0-9]+%$" }], "x-kubernetes-int-or-string": true };
    expect(transformSchemaNode(existing)).toEqual({ anyOf: existing.anyOf });
    expect(transformSchemaNode({ "x-kubernetes-int-or-string": true, nullable: true })).toEqual({
      anyOf: [{ type: "integer" }, { type: "string" }, { type: "null" }],
    });
  });

  it("does not close a preserve-unknown-fields node, but still closes its children", () => {
    const out = transformSchemaNode({
      type: "object",
      "x-kubernetes-preserve-unknown-fields": true,
      properties: { child: { type: "object", properties: { a: { type: "string" } } } },
    });
    expect(out).toEqual({
      type: "object",
      properties: { child: { type: "object", properties: { a: { type: "string" } }, additionalProperties: false } },
    });
  });

  it("leaves objects without properties, and an explicit additionalProperties, open", () => {
    expect(transformSchemaNode({ type: "object" })).toEqual({ type: "object" });
    const map = { type: "object", properties: { a: { type: "string" } }, additionalProperties: { type: "string" } };
    expect(transformSchemaNode(map)).toEqual(map);
  });

  it("translates patterns and fails on one JavaScript cannot compile", () => {
    expect(transformSchemaNode({ type: "string", pattern: "^[[:alnum:]]+$" })).toEqual({ type: "string", pattern: "^[A-Za-z0-9]+$" });
    expect(() => transformSchemaNode({ type: "string", pattern: "(?i)abc" })).toThrow(/does not compile/);
  });

  it("counts what it strips and never mutates its input", () => {
    const input = {
      type: "object",
      "x-kubernetes-validations": [{ rule: "a" }, { rule: "b" }],
      properties: {
        a: { type: "string", pattern: "[[:space:]]", "x-kubernetes-validations": [{ rule: "c" }] },
        b: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      },
    };
    const before = structuredClone(input);
    const stats = emptyStats();
    transformSchemaNode(input, stats);
    expect(input).toEqual(before);
    expect(stats).toMatchObject({ celRules: 3, celLists: 2, preserveUnknownFields: 1, patternsTranslated: 1 });
  });

  it("toJsonSchema adds $schema and closes the root", () => {
    const out = toJsonSchema({ type: "object", properties: { apiVersion: { type: "string" } } });
    expect(Object.keys(out)[0]).toBe("$schema");
    expect(out).toEqual({
      $schema: JSON_SCHEMA_DRAFT,
      type: "object",
      properties: { apiVersion: { type: "string" } },
      additionalProperties: false,
    });
  });
});

describe("generateSchemas on a tiny CRD", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmcp-gen-crds-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const version = (name: string, extra: Record<string, unknown>) => `
  - name: ${name}
    served: ${String(extra.served ?? true)}
    storage: ${String(extra.storage ?? false)}
    ${extra.deprecated ? "deprecated: true" : ""}
    schema:
      openAPIV3Schema:
        type: object
        description: Widget
        properties:
          spec:
            type: object
            x-kubernetes-validations:
            - rule: has(self.size)
            properties:
              size: {type: integer, format: int32}
`;
  fs.writeFileSync(
    path.join(dir, "example.com_widgets.yaml"),
    `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:${version("v1alpha1", { deprecated: true })}${version("v1", { storage: true })}${version("v0", { served: false })}`,
  );

  it("writes one file per served version, an index and SOURCE.md, in sorted order", () => {
    const files = generateSchemas(dir);
    expect([...files.keys()]).toEqual([
      "SOURCE.md",
      "example.com/index.json",
      "example.com/widget_v1.json",
      "example.com/widget_v1alpha1.json",
    ]);
    expect(JSON.parse(files.get("example.com/index.json") ?? "")).toEqual([
      { group: "example.com", kind: "Widget", version: "v1", file: "example.com/widget_v1.json", deprecated: false, storage: true },
      { group: "example.com", kind: "Widget", version: "v1alpha1", file: "example.com/widget_v1alpha1.json", deprecated: true, storage: false },
    ]);
    const text = files.get("example.com/widget_v1.json") ?? "";
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(files.get("SOURCE.md")).toMatch(/\| Widget \| v1, v1alpha1 \| 1 \| 1 \| 2 \|/);
    expect(generateSchemas(dir)).toEqual(files);
  });
});
