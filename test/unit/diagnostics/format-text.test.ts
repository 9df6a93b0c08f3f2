import { describe, expect, it } from "vitest";
import {
  formatDiagnosticsText,
  formatDiagnosticText,
  formatSummaryText,
} from "../../../src/diagnostics/format-text.js";
import type { Diagnostic } from "../../../src/diagnostics/types.js";
import { LOCATED, UNLOCATED, WARNING } from "./fixtures.js";

const ESC = "\u001b[";

describe("formatDiagnosticText", () => {
  it("prints location, severity, code, message; the source line with a caret; the resource and path; the hint", () => {
    expect(formatDiagnosticText(LOCATED, { color: false })).toBe(
      [
        'vmcp.yaml:7:11: error VMCP401: MCPGroup "tools" does not exist in namespace "default"',
        "  7 |     name: tools",
        "    |           ^",
        "  in VirtualMCPServer/default/demo spec.groupRef.name",
        "  hint: add the MCPGroup to the inputs, or correct spec.groupRef.name",
      ].join("\n"),
    );
  });

  it("names a cluster-scoped or namespace-less resource as Kind/name, and prints warnings", () => {
    const text = formatDiagnosticText(WARNING, { color: false });
    expect(text.split("\n")).toEqual([
      "group.yaml:1:13: warning VMCP209: toolhive.stacklok.dev/v1alpha1 MCPGroup is deprecated",
      "  in MCPGroup/g apiVersion",
      "  hint: change apiVersion to toolhive.stacklok.dev/v1beta1; the schema is the same",
    ]);
  });

  it("widens the gutter for long line numbers and keeps the caret under the column", () => {
    const d: Diagnostic = { ...LOCATED, line: 1234, column: 5, excerpt: "\tkey: value" };
    const [, source, caret] = formatDiagnosticText(d, { color: false }).split("\n");
    // A tab prints as one space, so the caret stays aligned.
    expect(source).toBe("  1234 |  key: value");
    expect(caret).toBe("       |     ^");
  });

  it("clamps a caret past the end of the line to just after it", () => {
    const d: Diagnostic = { ...LOCATED, column: 80, excerpt: "abc" };
    expect(formatDiagnosticText(d, { color: false }).split("\n")[2]).toBe("    |    ^");
  });

  it("prints a file without a line, and a diagnostic without a file, without crashing", () => {
    expect(
      formatDiagnosticText(
        { severity: "error", code: "VMCP102", message: "too big", file: "big.yaml" },
        { color: false },
      ),
    ).toBe("big.yaml: error VMCP102: too big");
    expect(formatDiagnosticText(UNLOCATED, { color: false })).toBe(
      "vmcp-gen: error VMCP112: the inputs hold no Kubernetes objects",
    );
  });

  it("uses colour only when asked", () => {
    expect(formatDiagnosticText(LOCATED, { color: false })).not.toContain(ESC);
    const coloured = formatDiagnosticText(LOCATED, { color: true });
    expect(coloured).toContain(`${ESC}31merror`);
    expect(coloured).toContain(`${ESC}36m^`);
    expect(formatDiagnosticText(WARNING, { color: true })).toContain(`${ESC}33mwarning`);
  });
});

describe("formatDiagnosticsText", () => {
  it("separates blocks with a blank line and ends with a summary line", () => {
    const text = formatDiagnosticsText([LOCATED, WARNING], { color: false });
    expect(text.endsWith("\n\nFound 1 error and 1 warning.\n")).toBe(true);
    expect(text.split("\n\n")).toHaveLength(3);
  });

  it("prints nothing at all for no diagnostics", () => {
    expect(formatDiagnosticsText([], { color: true })).toBe("");
  });

  it("pluralises the summary", () => {
    expect(formatSummaryText([LOCATED, LOCATED, UNLOCATED])).toBe("Found 3 errors and 0 warnings.");
    expect(formatSummaryText([WARNING, WARNING])).toBe("Found 0 errors and 2 warnings.");
  });
});
