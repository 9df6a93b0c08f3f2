import { describe, expect, it } from "vitest";
import { canonicalGoDuration, formatGoDuration, parseGoDuration } from "../../../src/go/go-duration.js";

describe("Go durations", () => {
  it.each([
    ["30s", "30s"],
    ["60s", "1m0s"],
    ["90s", "1m30s"],
    ["5m", "5m0s"],
    ["1h", "1h0m0s"],
    ["1.5s", "1.5s"],
    ["500ms", "500ms"],
    ["1m30s", "1m30s"],
    ["2h45m", "2h45m0s"],
    ["0", "0s"],
    ["1500ms", "1.5s"],
    ["100us", "100µs"],
  ])("%s is written %s", (input, expected) => {
    expect(canonicalGoDuration(input)).toBe(expected);
  });

  it("rejects what Go rejects", () => {
    for (const bad of ["30", "", "s", "1x", "1.s2"]) expect(parseGoDuration(bad), bad).toBeUndefined();
  });

  it("formats negative durations", () => {
    expect(formatGoDuration(-90e9)).toBe("-1m30s");
  });
});
