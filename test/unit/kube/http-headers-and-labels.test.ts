import { describe, expect, it } from "vitest";
import {
  FORWARD_RESTRICTED_HEADERS,
  headerNameProblem,
  headerValueProblem,
  isHeaderName,
} from "../../../src/kube/http-headers.js";
import { isLabelValue, isQualifiedName } from "../../../src/kube/label-syntax.js";

describe("HTTP header names and values, as the runtime checks them", () => {
  it("accepts RFC 7230 tokens up to 256 characters", () => {
    for (const name of ["X-API-Key", "x_trace", "A!#$%&'*+-.^_`|~9"]) expect(isHeaderName(name), name).toBe(true);
    for (const name of ["", "X Bad", "X:Y", "X\r\nY", "Ä", "a".repeat(257)])
      expect(isHeaderName(name), name).toBe(false);
  });

  it("refuses restricted names where headers are forwarded, case-insensitively", () => {
    expect(headerNameProblem("host", FORWARD_RESTRICTED_HEADERS)).toMatch(/restricted/);
    expect(headerNameProblem("X-Forwarded-For", FORWARD_RESTRICTED_HEADERS)).toMatch(/restricted/);
    expect(headerNameProblem("Authorization", FORWARD_RESTRICTED_HEADERS)).toBeUndefined();
  });

  it("refuses values with CR, LF, NUL or other control characters, and over 8192 bytes, without quoting them", () => {
    expect(headerValueProblem("Bearer abc\tdef")).toBeUndefined();
    expect(headerValueProblem("ünïcödé")).toBeUndefined();
    for (const [value, problem] of [
      ["a\r\nX-Evil: 1", /line break/],
      ["a\nb", /line break/],
      ["a\u0000b", /NUL/],
      ["a\u001bb", /control character/],
      ["a\u007fb", /control character/],
      ["x".repeat(8193), /8192/],
      ["", /empty/],
    ] as const) {
      const found = headerValueProblem(value);
      expect(found, JSON.stringify(value.slice(0, 20))).toMatch(problem);
      expect(found).not.toContain(value.slice(0, 5) || "\u0000never");
    }
    expect(headerValueProblem("", { allowEmpty: true })).toBeUndefined();
  });
});

describe("label and annotation syntax", () => {
  it("accepts qualified names with an optional DNS prefix", () => {
    for (const key of ["app", "app.kubernetes.io/name", "example.com/a_b.c-d", "a"])
      expect(isQualifiedName(key), key).toBe(true);
    for (const key of ["", "team name", "/x", "a/b/c", "Example.com/x", "-a", "a-", `${"a".repeat(64)}`, "x/"])
      expect(isQualifiedName(key), key).toBe(false);
  });

  it("accepts label values up to 63 characters, or empty", () => {
    for (const value of ["", "v1", "a.b_c-d"]) expect(isLabelValue(value), value).toBe(true);
    for (const value of ["a b", "-a", "a".repeat(64), "ä"]) expect(isLabelValue(value), value).toBe(false);
  });
});
