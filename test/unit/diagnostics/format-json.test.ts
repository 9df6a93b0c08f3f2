import { describe, expect, it } from "vitest";
import { formatDiagnosticsJson, toDiagnosticJson } from "../../../src/diagnostics/format-json.js";
import { LOCATED, UNLOCATED, WARNING } from "./fixtures.js";

describe("formatDiagnosticsJson", () => {
  it("prints { diagnostics, summary } with the public fields only", () => {
    const parsed = JSON.parse(formatDiagnosticsJson([LOCATED, WARNING, UNLOCATED])) as {
      diagnostics: Record<string, unknown>[];
      summary: unknown;
    };
    expect(parsed.summary).toEqual({ errors: 2, warnings: 1 });
    expect(parsed.diagnostics[0]).toEqual({
      severity: "error",
      code: "VMCP401",
      message: 'MCPGroup "tools" does not exist in namespace "default"',
      hint: "add the MCPGroup to the inputs, or correct spec.groupRef.name",
      file: "vmcp.yaml",
      line: 7,
      column: 11,
      resource: { kind: "VirtualMCPServer", namespace: "default", name: "demo", id: "VirtualMCPServer/default/demo" },
      path: "spec.groupRef.name",
      pathSegments: ["spec", "groupRef", "name"],
    });
    expect(parsed.diagnostics[2]).toEqual({
      severity: "error",
      code: "VMCP112",
      message: "the inputs hold no Kubernetes objects",
    });
  });

  it("never exposes internal fields (source, subject, excerpt)", () => {
    const text = formatDiagnosticsJson([LOCATED]);
    for (const field of ["source", "subject", "excerpt"]) expect(text).not.toContain(`"${field}"`);
    expect(Object.keys(toDiagnosticJson(LOCATED)).sort()).toEqual([
      "code",
      "column",
      "file",
      "hint",
      "line",
      "message",
      "path",
      "pathSegments",
      "resource",
      "severity",
    ]);
  });

  it("is one JSON document ending in a newline, also when empty", () => {
    const text = formatDiagnosticsJson([]);
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual({ diagnostics: [], summary: { errors: 0, warnings: 0 } });
  });

  it("names a resource without namespace as Kind/name", () => {
    expect(toDiagnosticJson(WARNING).resource?.id).toBe("MCPGroup/g");
  });
});
