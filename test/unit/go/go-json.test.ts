import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  deploymentAnnotations,
  IMAGEPULLSECRETS_HASH_ANNOTATION,
  PODTEMPLATESPEC_HASH_ANNOTATION,
} from "../../../src/render/deployment-annotations.js";
import { goJsonMarshal } from "../../../src/go/go-json.js";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("goJsonMarshal (Go json.Marshal of a value decoded into any)", () => {
  it.each([
    ["sorts keys byte-wise, compact", { b: 1, a: { d: [1, "x"], c: true } }, '{"a":{"c":true,"d":[1,"x"]},"b":1}'],
    [
      "escapes <, > and & like Go",
      { s: "<a href='x'>&</a>" },
      '{"s":"\\u003ca href=\'x\'\\u003e\\u0026\\u003c/a\\u003e"}',
    ],
    ["escapes U+2028 and U+2029", "a\u2028b\u2029", '"a\\u2028b\\u2029"'],
    ["keeps other non-ASCII as UTF-8", "café ☕", '"café ☕"'],
    ["escapes control characters", "a\nb\t\u0001", '"a\\nb\\t\\u0001"'],
    ["writes floats as Go does", [1.5, 100, 1e21, 1e-7, 0.000001], "[1.5,100,1e+21,1e-7,0.000001]"],
    ["orders keys by UTF-8 bytes, not UTF-16 units", { "\u{1F600}": 1, "\uFF61": 2 }, '{"｡":2,"😀":1}'],
    ["null and empty containers", { a: null, b: [], c: {} }, '{"a":null,"b":[],"c":{}}'],
  ])("%s", (_name, value, expected) => expect(goJsonMarshal(value)).toBe(expected));
});

describe("deploymentAnnotations", () => {
  it('hashes the pull secrets sorted by name, as [{"name":…}]', () => {
    const out = deploymentAnnotations(undefined, ["b", "a"]);
    expect(out).toEqual({ [IMAGEPULLSECRETS_HASH_ANNOTATION]: sha('[{"name":"a"},{"name":"b"}]') });
  });

  it("hashes the raw podTemplateSpec whatever its key order, and even when it is empty", () => {
    const a = deploymentAnnotations({ spec: { nodeSelector: { pool: "a&b" } }, metadata: {} }, []);
    const b = deploymentAnnotations({ metadata: {}, spec: { nodeSelector: { pool: "a&b" } } }, []);
    expect(a).toEqual(b);
    expect(a[PODTEMPLATESPEC_HASH_ANNOTATION]).toBe(
      sha('{"metadata":{},"spec":{"nodeSelector":{"pool":"a\\u0026b"}}}'),
    );
    expect(deploymentAnnotations({}, [])).toEqual({ [PODTEMPLATESPEC_HASH_ANNOTATION]: sha("{}") });
  });

  it("writes nothing without either input", () => expect(deploymentAnnotations(undefined, [])).toEqual({}));
});
