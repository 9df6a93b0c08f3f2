import { expect } from "vitest";
import type { Diagnostic } from "../../../src/diagnostics/types.js";
import { loadSources } from "../../../src/load/load-inputs.js";
import { locateDiagnostics } from "../../../src/load/locate-diagnostics.js";
import { validateResources } from "../../../src/validate/validate-resources.js";

export interface Finding {
  readonly code: string;
  readonly line: number | undefined;
}

/** Strips the indentation common to every non-blank line, so tests can indent their YAML. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw({ raw: strings }, ...values).replace(/^\n/, "");
  const lines = raw.split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join("\n");
}

/** Loads and validates one in-memory file and gives every diagnostic its line. */
export function validateText(text: string): Diagnostic[] {
  const load = loadSources([{ path: "t.yaml", text }]);
  const result = validateResources(load.resources);
  return locateDiagnostics([...load.diagnostics, ...result.diagnostics], load.sources);
}

/**
 * Every finding except missing references (VMCP4xx: the tests do not bother to add the MCPGroup
 * or the referenced configs), sorted by line. A schema error would show up here too, so a clean
 * result proves the rules ran on the typed spec.
 */
export function findings(text: string): Finding[] {
  return validateText(text)
    .filter((d) => !d.code.startsWith("VMCP4"))
    .map((d) => ({ code: d.code, line: d.line }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code));
}

/** The findings a text announces: a `# VMCPnnn` comment (one or more codes) on the line expected. */
export function annotated(text: string): Finding[] {
  const out: Finding[] = [];
  text.split("\n").forEach((l, i) => {
    const comment = l.indexOf("#");
    if (comment < 0) return;
    for (const m of l.slice(comment).matchAll(/VMCP\d{3}/g)) out.push({ code: m[0], line: i + 1 });
  });
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code));
}

/** Asserts that exactly the annotated findings (code and line) are reported; none when unannotated. */
export function expectFindings(text: string): void {
  expect(findings(text)).toEqual(annotated(text));
}

/** The message of the only diagnostic with this code, for wording checks. */
export function messageOf(text: string, code: string): string {
  const hits = validateText(text).filter((d) => d.code === code);
  expect(hits).toHaveLength(1);
  return `${hits[0]?.message ?? ""} | ${hits[0]?.hint ?? ""}`;
}

/** One ToolHive object: the header, then `spec` with `body` (dedented YAML) indented under it. */
export function doc(kind: string, body: string, apiVersion = "toolhive.stacklok.dev/v1beta1"): string {
  const spec = body
    .split("\n")
    .map((l) => (l.trim() === "" ? l : `  ${l}`))
    .join("\n");
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: t\nspec:\n${spec}${spec.endsWith("\n") ? "" : "\n"}`;
}

/** A VirtualMCPServer with a groupRef; `body` holds the rest of its spec. */
export function vmcp(body: string): string {
  return doc("VirtualMCPServer", `groupRef:\n  name: g\n${body}`);
}
