import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../../../src/diagnostics/codes.js";
import {
  countBySeverity,
  createError,
  createWarning,
  dedupeDiagnostics,
  formatFieldPath,
  formatResourceId,
  hasErrors,
  sortDiagnostics,
  withSeverity,
} from "../../../src/diagnostics/create.js";
import { UsageError, InternalError } from "../../../src/diagnostics/errors.js";
import type { Diagnostic } from "../../../src/diagnostics/types.js";

describe("createError / createWarning", () => {
  it("sets only the fields given, and takes the file from the source", () => {
    expect(createError("VMCP101", "m")).toEqual({ severity: "error", code: "VMCP101", message: "m" });
    expect(createWarning("VMCP409", "m", { source: { file: "a.yaml", doc: 2 }, path: ["spec"] })).toEqual({
      severity: "warning",
      code: "VMCP409",
      message: "m",
      file: "a.yaml",
      source: { file: "a.yaml", doc: 2 },
      path: ["spec"],
    });
    expect(createError("VMCP101", "m", { file: "x.yaml", source: { file: "y.yaml", doc: 0 } }).file).toBe("x.yaml");
  });

  it("changes severity without touching the rest", () => {
    const w = createWarning("VMCP409", "m", { hint: "h" });
    expect(withSeverity(w, "error")).toEqual({ ...w, severity: "error" });
    expect(w.severity).toBe("warning");
  });

  it("counts errors and warnings", () => {
    const list = [createError("VMCP101", "a"), createWarning("VMCP209", "b"), createError("VMCP102", "c")];
    expect(countBySeverity(list)).toEqual({ errors: 2, warnings: 1 });
    expect(hasErrors(list)).toBe(true);
    expect(hasErrors([createWarning("VMCP209", "b")])).toBe(false);
  });
});

describe("formatResourceId / formatFieldPath", () => {
  it("formats Kind/namespace/name, or Kind/name without a namespace", () => {
    expect(formatResourceId({ kind: "MCPGroup", namespace: "ns", name: "g" })).toBe("MCPGroup/ns/g");
    expect(formatResourceId({ kind: "Namespace", namespace: "", name: "ns" })).toBe("Namespace/ns");
  });

  it("formats paths with dots, indices, and quoted odd keys", () => {
    expect(formatFieldPath(["spec", "groupRef", "name"])).toBe("spec.groupRef.name");
    expect(formatFieldPath(["spec", "steps", 2, "onError"])).toBe("spec.steps[2].onError");
    expect(formatFieldPath(["data", "ca.crt"])).toBe('data["ca.crt"]');
    expect(formatFieldPath([0, "a"])).toBe("[0].a");
    expect(formatFieldPath([])).toBe("");
  });
});

describe("sortDiagnostics / dedupeDiagnostics", () => {
  const d = (
    file: string | undefined,
    line: number | undefined,
    code: keyof typeof DIAGNOSTIC_CODES,
    message = "m",
  ): Diagnostic => ({
    severity: "error",
    code,
    message,
    ...(file !== undefined ? { file } : {}),
    ...(line !== undefined ? { line, column: 1 } : {}),
  });

  it("sorts by file, line, column, code, message; unlocated last; independent of input order", () => {
    const list = [
      d("b.yaml", 1, "VMCP101"),
      d(undefined, undefined, "VMCP112"),
      d("a.yaml", 10, "VMCP203"),
      d("a.yaml", 2, "VMCP401"),
      d("a.yaml", 2, "VMCP203", "z"),
      d("a.yaml", 2, "VMCP203", "a"),
      d("a.yaml", undefined, "VMCP102"),
    ];
    const expected = [
      "a.yaml:2 VMCP203 a",
      "a.yaml:2 VMCP203 z",
      "a.yaml:2 VMCP401 m",
      "a.yaml:10 VMCP203 m",
      "a.yaml:undefined VMCP102 m",
      "b.yaml:1 VMCP101 m",
      "undefined:undefined VMCP112 m",
    ];
    const show = (l: Diagnostic[]) => l.map((x) => `${x.file}:${x.line} ${x.code} ${x.message}`);
    expect(show(sortDiagnostics(list))).toEqual(expected);
    expect(show(sortDiagnostics([...list].reverse()))).toEqual(expected);
    expect(list[0]?.file).toBe("b.yaml"); // not sorted in place
  });

  it("drops exact repeats only", () => {
    const a = d("a.yaml", 1, "VMCP203");
    const list = [a, { ...a }, { ...a, line: 2 }, { ...a, path: ["spec"] }, { ...a, path: ["spec"] }];
    expect(dedupeDiagnostics(list)).toHaveLength(3);
  });
});

describe("the code catalogue and error classes", () => {
  it("has VMCPnnn codes with a title each", () => {
    for (const [code, title] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(code).toMatch(/^VMCP\d{3}$/);
      expect(title.length).toBeGreaterThan(0);
    }
  });

  it("names its error classes", () => {
    expect(new UsageError("x").name).toBe("UsageError");
    expect(new InternalError("x").name).toBe("InternalError");
    expect(new UsageError("x")).toBeInstanceOf(Error);
  });
});
