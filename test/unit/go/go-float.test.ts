import { describe, expect, it } from "vitest";
import { formatFloatF } from "../../../src/go/go-float.js";

describe("formatFloatF (strconv.FormatFloat(x, 'f', -1, 64))", () => {
  it.each([
    [0, "0"],
    [1, "1"],
    [0.05, "0.05"],
    [0.1, "0.1"],
    [0.25, "0.25"],
    [1e-7, "0.0000001"],
    [1.5e-7, "0.00000015"],
    [1e21, "1000000000000000000000"],
    [-2.5e-8, "-0.000000025"],
    [123.456, "123.456"],
  ])("%s → %s", (x, expected) => expect(formatFloatF(x)).toBe(expected));
});
