import { describe, expect, it } from "vitest";
import { escapeForTerminal } from "../../../src/diagnostics/escape-terminal.js";
import { formatDiagnosticText } from "../../../src/diagnostics/format-text.js";
import type { Diagnostic } from "../../../src/diagnostics/types.js";

const RAW_CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("escapeForTerminal", () => {
  it("writes control characters, DEL, C1 controls and bidi overrides as escapes; keeps tabs and ordinary text", () => {
    expect(escapeForTerminal("a\u001b[2Jb\r\nc\u0007d\u007fe\u009bf\u202eg\u2066h\ti ü 👩")).toBe(
      "a\\e[2Jb\\r\\nc\\u0007d\\u007fe\\u009bf\\u202eg\\u2066h\ti ü 👩",
    );
  });
});

describe("formatDiagnosticText: nothing from the inputs reaches the terminal raw", () => {
  const hostile = "x\u001b[2J\u001b[31mFAKE\r\nerror VMCP000: forged\u202e";
  const d: Diagnostic = {
    severity: "error",
    code: "VMCP210",
    message: `name ${JSON.parse(JSON.stringify(hostile))} is not a valid Kubernetes name`,
    hint: `rename ${hostile}`,
    file: `in${hostile}.yaml`,
    line: 3,
    column: 9,
    resource: { kind: "MCPGroup", namespace: `ns${hostile}`, name: hostile },
    path: ["metadata", "labels", hostile],
    excerpt: `  name: ${hostile}`,
  };

  it("escapes the file, message, excerpt, resource, field path and hint", () => {
    const text = formatDiagnosticText(d, { color: false });
    // Five lines, as for any diagnostic: no line break came from the inputs.
    expect(text.split("\n")).toHaveLength(5);
    for (const line of text.split("\n")) expect(line).not.toMatch(RAW_CONTROL);
    expect(text).toContain("x\\e[2J\\e[31mFAKE\\r\\nerror VMCP000: forged\\u202e");
  });

  it("keeps the caret under the character the column names, after escapes widened the line", () => {
    const lines = formatDiagnosticText({ ...d, excerpt: "a\u001bb: value", column: 4 }, { color: false }).split("\n");
    const source = lines[1]!;
    const caret = lines[2]!;
    expect(source).toBe("  3 | a\\eb: value");
    expect(source[caret.indexOf("^")]).toBe(":");
  });
});
