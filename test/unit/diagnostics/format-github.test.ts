import { describe, expect, it } from "vitest";
import { formatDiagnosticsGithub } from "../../../src/diagnostics/format-github.js";
import type { Diagnostic } from "../../../src/diagnostics/types.js";
import { LOCATED, UNLOCATED, WARNING } from "./fixtures.js";

describe("formatDiagnosticsGithub", () => {
  it("writes one workflow command per diagnostic", () => {
    const out = formatDiagnosticsGithub([LOCATED, WARNING]).split("\n");
    expect(out[0]).toBe(
      '::error file=vmcp.yaml,line=7,col=11,title=VMCP401 VirtualMCPServer/default/demo::MCPGroup "tools" does not exist in namespace "default"%0Aat spec.groupRef.name%0Ahint: add the MCPGroup to the inputs, or correct spec.groupRef.name',
    );
    expect(out[1]).toMatch(/^::warning file=group\.yaml,line=1,col=13,title=VMCP209 MCPGroup\/g::/);
    expect(out[2]).toBe("");
  });

  it("omits the location properties it does not have", () => {
    expect(formatDiagnosticsGithub([UNLOCATED])).toBe("::error title=VMCP112::the inputs hold no Kubernetes objects\n");
  });

  it("escapes %, CR and LF in the message, and also : and , in properties", () => {
    const d: Diagnostic = {
      severity: "error",
      code: "VMCP101",
      message: "100% wrong\r\nsecond line: a, b",
      file: "C:/dir,x/a%b.yaml",
      line: 2,
      column: 3,
    };
    const out = formatDiagnosticsGithub([d]);
    expect(out).toBe(
      "::error file=C%3A/dir%2Cx/a%25b.yaml,line=2,col=3,title=VMCP101::100%25 wrong%0D%0Asecond line: a, b\n",
    );
    // Exactly one line: a newline in a message cannot start a second command.
    expect(out.trimEnd().split("\n")).toHaveLength(1);
  });

  it("writes nothing for no diagnostics", () => {
    expect(formatDiagnosticsGithub([])).toBe("");
  });
});
