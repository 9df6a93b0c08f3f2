import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { KUBECTL_SCHEMA, plainScalarType } from "../../../src/load/kubectl-scalars.js";

const read = (text: string) => (jsYaml.load(`v: ${text}`, { schema: KUBECTL_SCHEMA }) as { v: unknown }).v;

describe("scalars as kubectl reads them", () => {
  // Expected values: go-yaml v2's resolve (strconv.ParseInt with base 0) as sigs.k8s.io/yaml uses it.
  it.each([
    ["010", 8],
    ["0644", 420],
    ["0755", 493],
    ["-010", -8],
    ["+010", 8],
    ["0_10", 8],
    ["00", 0],
    ["09", 9],
    ["0o17", 15],
    ["0x1F", 31],
    ["0X1F", 31],
    ["0b11", 3],
    ["1_000", 1000],
    ["10", 10],
    ["010.5", 10.5],
    ["1e3", 1000],
  ])("%s is %d", (text, value) => expect(read(text)).toBe(value));

  it.each(["yes", "on", "y", "No", "OFF", "2024-01-02", "12:30", "0x", "'010'"])("%s stays a string", (text) =>
    expect(typeof read(text)).toBe("string"),
  );

  it("says what a plain key would be", () => {
    expect(["on", "Yes", "true", "n"].map(plainScalarType)).toEqual(["boolean", "boolean", "boolean", "boolean"]);
    expect(["010", "8", "-1", "0x1f"].map(plainScalarType)).toEqual(["integer", "integer", "integer", "integer"]);
    expect(["1.5", ".inf", "1e3"].map(plainScalarType)).toEqual(["float", "float", "float"]);
    expect(["~", "null", ""].map(plainScalarType)).toEqual(["null", "null", "null"]);
    expect(["name", "2024-01-02", "v1", "12:30"].map(plainScalarType)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
