import { describe, expect, it } from "vitest";
import { dataRecord } from "../../../src/resolve/data-record.js";

describe("dataRecord", () => {
  it("keeps entries in order, as own properties of a prototype-less object", () => {
    const r = dataRecord([
      ["b", 1],
      ["a", 2],
      ["__proto__", 3],
      ["constructor", 4],
    ]);
    expect(Object.getPrototypeOf(r)).toBeNull();
    expect(Object.keys(r)).toEqual(["b", "a", "__proto__", "constructor"]);
    expect(r.__proto__).toBe(3);
    expect(JSON.stringify(r)).toBe('{"b":1,"a":2,"__proto__":3,"constructor":4}');
  });
});
