import { describe, expect, it } from "vitest";
import { parseGoDuration } from "../../../src/validate/rules/cel-duration.js";

describe("parseGoDuration (Go time.ParseDuration, as CEL duration() uses it)", () => {
  it.each([
    ["0", 0],
    ["1s", 1e9],
    ["1.5s", 1.5e9],
    ["1h30m", 5400e9],
    ["300ms", 300e6],
    ["10us", 10e3],
    ["10\u00b5s", 10e3],
    ["10\u03bcs", 10e3],
    ["7ns", 7],
    [".5m", 30e9],
    ["1.m", 60e9],
    ["-2s", -2e9],
    ["+2s", 2e9],
  ])("%s is %d ns", (text, nanos) => {
    expect(parseGoDuration(text)).toBe(nanos);
  });
  it.each(["", "1", "s", "1d", "1 s", "1s ", "-", ".s", "1sm", "P1D"])("refuses %j", (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});
