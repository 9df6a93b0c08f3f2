import { describe, expect, it } from "vitest";
import { loadSources } from "../../../src/load/load-inputs.js";
import { normalizeLegacyForms } from "../../../src/validate/legacy-forms.js";
import { checkYaml } from "../../helpers/check-yaml.js";
import { lineOf, toolhive } from "../../helpers/yaml-text.js";

const GROUP = toolhive("MCPGroup", "tools", []);
const vmcp = (...spec: string[]) => toolhive("VirtualMCPServer", "v", ["  groupRef:", "    name: tools", ...spec]);
const ANON = ["  incomingAuth:", "    type: anonymous"];

function check(text: string) {
  const all = `${GROUP}---\n${text}`;
  const r = checkYaml({ "v.yaml": all });
  return { ...r, all, rows: r.diagnostics.map((d) => [d.severity, d.code, d.line]) };
}

describe("legacy forms from older ToolHive docs", () => {
  it("passes the modern forms without diagnostics", () => {
    expect(
      check(
        vmcp(
          ...ANON,
          "  outgoingAuth:",
          "    source: inline",
          "  config:",
          "    aggregation:",
          "      conflictResolution: prefix",
        ),
      ).diagnostics,
    ).toEqual([]);
  });

  it("VMCP350: warns about outgoingAuth.source mixed at the value and renders it as inline", () => {
    const r = check(vmcp(...ANON, "  outgoingAuth:", "    source: mixed"));
    expect(r.rows).toEqual([["warning", "VMCP350", lineOf(r.all, "source: mixed")]]);
    expect(r.diagnostics[0]?.column).toBe(13);
    expect(r.diagnostics[0]?.hint).toMatch(/source: inline/);
    const typed = r.model.index.get("VirtualMCPServer", "default", "v");
    expect((typed?.spec as { outgoingAuth?: { source?: string } }).outgoingAuth?.source).toBe("inline");
  });

  it("VMCP351: warns about spec.tokenCache at its key and drops it (no unknown-field error)", () => {
    const r = check(vmcp(...ANON, "  tokenCache:", "    enabled: true", "    ttl: 5m"));
    expect(r.rows).toEqual([["warning", "VMCP351", lineOf(r.all, "tokenCache:")]]);
    expect(r.diagnostics[0]?.column).toBe(3);
    expect(r.model.index.get("VirtualMCPServer", "default", "v")).toBeDefined();
  });

  it("VMCP352: refuses incomingAuth.type kubernetes, once, at the value", () => {
    const r = check(vmcp("  incomingAuth:", "    type: kubernetes"));
    expect(r.rows).toEqual([["error", "VMCP352", lineOf(r.all, "type: kubernetes")]]);
    expect(r.diagnostics[0]?.hint).toMatch(/oidcConfigRef/);
    expect(r.model.index.get("VirtualMCPServer", "default", "v")).toBeUndefined();
  });

  it("VMCP353: warns that spec.config.outgoingAuth is ignored, at its key", () => {
    const r = check(vmcp(...ANON, "  config:", "    outgoingAuth:", "      source: inline"));
    expect(r.rows).toEqual([["warning", "VMCP353", lineOf(r.all, "  outgoingAuth:")]]);
    expect(r.diagnostics[0]?.hint).toMatch(/spec\.outgoingAuth/);
  });

  it("reports several legacy forms of one object together", () => {
    const r = check(
      vmcp("  incomingAuth:", "    type: kubernetes", "  outgoingAuth:", "    source: mixed", "  tokenCache: {}"),
    );
    expect(r.rows).toEqual([
      ["error", "VMCP352", lineOf(r.all, "type: kubernetes")],
      ["warning", "VMCP350", lineOf(r.all, "source: mixed")],
      ["warning", "VMCP351", lineOf(r.all, "tokenCache")],
    ]);
  });

  it("leaves other kinds alone, and never mutates the resource", () => {
    const [server, vm] = loadSources([
      {
        path: "x.yaml",
        text: `${toolhive("MCPServer", "s", ["  image: i", "  tokenCache: {}"])}---\n${vmcp(...ANON, "  outgoingAuth:", "    source: mixed", "  tokenCache: {}")}`,
      },
    ]).resources;
    expect(normalizeLegacyForms(server!)).toEqual({ body: server!.body, diagnostics: [], explained: [] });
    const before = JSON.stringify(vm!.body);
    const out = normalizeLegacyForms(vm!);
    expect(JSON.stringify(vm!.body)).toBe(before);
    expect(out.body.spec).toMatchObject({ outgoingAuth: { source: "inline" } });
    expect(out.body.spec).not.toHaveProperty("tokenCache");
  });
});
