import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AJV_OPTIONS } from "../../../scripts/compile-validators.mjs";
import type { Resource } from "../../../src/load/types.js";
import { checkWithValidator } from "../../../src/validate/schema-check.js";
import { findSchema, listSchemas } from "../../../src/validate/schema-registry.js";
import { checkYaml, codesAndLines } from "../../helpers/check-yaml.js";
import { REPO_ROOT } from "../../helpers/run-cli.js";
import { lineOf, lines, toolhive } from "../../helpers/yaml-text.js";

const require = createRequire(import.meta.url);
const { Ajv } = require("ajv") as typeof import("ajv");
const formats = require(path.join(REPO_ROOT, "dist/validate/schema-formats.cjs")) as Record<string, never>;

const VMCP_OK = ["  groupRef:", "    name: tools", "  incomingAuth:", "    type: anonymous"];
const vmcp = (...extra: string[]) => toolhive("VirtualMCPServer", "demo", [...VMCP_OK, ...extra]);
const GROUP = toolhive("MCPGroup", "tools", ["  description: the tools"]);

function check(text: string) {
  return checkYaml({ "in.yaml": `${GROUP}---\n${text}` });
}

/** The line of `needle` in the combined file, where the MCPGroup document and a `---` line come first. */
function at(text: string, needle: string, nth = 1): number {
  return GROUP.split("\n").length + lineOf(text, needle, nth);
}

describe("schema check on the real CRD schemas", () => {
  it("accepts a valid VirtualMCPServer, MCPServer and MCPServerEntry", () => {
    const server = toolhive("MCPServer", "fetch", [
      "  image: ghcr.io/stackloklabs/gofetch/server:latest",
      "  transport: streamable-http",
      "  proxyPort: 8080",
      "  groupRef:",
      "    name: tools",
    ]);
    const entry = toolhive("MCPServerEntry", "remote", [
      "  remoteUrl: https://mcp.example.com/mcp",
      "  transport: streamable-http",
      "  groupRef:",
      "    name: tools",
    ]);
    expect(check([vmcp(), server, entry].join("---\n")).diagnostics).toEqual([]);
  });

  it("reports a missing required field as VMCP202 at its parent's key", () => {
    const text = toolhive("VirtualMCPServer", "demo", ["  incomingAuth:", "    type: anonymous"]);
    const r = check(text);
    expect(codesAndLines(r.diagnostics)).toEqual([["VMCP202", at(text, "spec:")]]);
    expect(r.diagnostics[0]).toMatchObject({
      message: "spec.groupRef is required",
      path: ["spec", "groupRef"],
      resource: { kind: "VirtualMCPServer", namespace: "default", name: "demo" },
    });
    expect(r.diagnostics[0]?.hint).toContain("groupRef:");
  });

  it("reports an unknown field as VMCP203 at its key, with a did-you-mean hint", () => {
    const text = vmcp("  replica: 2");
    const r = check(text);
    expect(codesAndLines(r.diagnostics)).toEqual([["VMCP203", at(text, "replica:")]]);
    expect(r.diagnostics[0]?.column).toBe(3);
    expect(r.diagnostics[0]?.message).toBe("unknown field spec.replica in VirtualMCPServer v1beta1");
    expect(r.diagnostics[0]?.hint).toMatch(/^did you mean `replicas`\?/);
  });

  it("lists the allowed fields when no known field is close", () => {
    const text = vmcp("  somethingElseEntirely: true");
    const r = check(text);
    expect(codesAndLines(r.diagnostics)).toEqual([["VMCP203", at(text, "somethingElseEntirely")]]);
    expect(r.diagnostics[0]?.hint).toMatch(/^remove it; fields allowed here: .*groupRef/);
  });

  it("reports unknown top-level fields too", () => {
    const text = `${vmcp()}extra: 1\n`;
    expect(codesAndLines(check(text).diagnostics)).toEqual([["VMCP203", at(text, "extra: 1")]]);
  });

  it("reports a wrong type as VMCP204 at the value, with a hint", () => {
    const text = vmcp('  replicas: "2"');
    const r = check(text);
    expect(codesAndLines(r.diagnostics)).toEqual([["VMCP204", at(text, "replicas:")]]);
    expect(r.diagnostics[0]?.column).toBe(13);
    expect(r.diagnostics[0]?.message).toBe('spec.replicas must be integer, not the string "2"');
    expect(r.diagnostics[0]?.hint).toBe("remove the quotes so YAML reads it as a number");
  });

  it("explains a scalar where a mapping belongs, and a number where a string belongs", () => {
    const text = `${toolhive("VirtualMCPServer", "demo", ["  groupRef: tools", "  incomingAuth:", "    type: anonymous"])}---\n${toolhive("MCPServer", "s", ["  image: 42"])}`;
    const r = check(text);
    expect(codesAndLines(r.diagnostics)).toEqual([
      ["VMCP204", at(text, "groupRef: tools")],
      ["VMCP204", at(text, "image: 42")],
    ]);
    expect(r.diagnostics[1]?.message).toBe("spec.image must be string, not number 42");
    expect(r.diagnostics[0]?.hint).toMatch(/mapping/);
    expect(r.diagnostics[1]?.hint).toMatch(/quote/);
  });

  it("reports a value outside an enum as VMCP205 with a did-you-mean hint", () => {
    const text = vmcp("  outgoingAuth:", "    source: inlne");
    const r = check(text);
    expect(codesAndLines(r.diagnostics)).toEqual([["VMCP205", at(text, "source: inlne")]]);
    expect(r.diagnostics[0]?.message).toContain('"discovered", "inline"');
    expect(r.diagnostics[0]?.hint).toBe('did you mean "inline"?');
  });

  it("lists the allowed values when no enum value is close", () => {
    const text = vmcp("  outgoingAuth:", "    source: zzzzzzzzzz");
    expect(check(text).diagnostics[0]?.hint).toMatch(/^use one of /);
  });

  it("reports a pattern mismatch as VMCP206, with a Go-duration hint for durations", () => {
    const text = vmcp("  config:", "    operational:", "      timeouts:", "        default: 30 seconds");
    const r = check(text);
    expect(codesAndLines(r.diagnostics)).toEqual([["VMCP206", at(text, "default: 30 seconds")]]);
    expect(r.diagnostics[0]?.hint).toMatch(/Go duration/);
    expect(
      check(vmcp("  config:", "    operational:", "      timeouts:", "        default: 1m30s")).diagnostics,
    ).toEqual([]);
  });

  it("reports a URL pattern mismatch with a URL hint", () => {
    const text = toolhive("MCPServerEntry", "e", [
      "  remoteUrl: ftp://files.example.com",
      "  transport: sse",
      "  groupRef:",
      "    name: tools",
    ]);
    const r = check(text);
    expect(codesAndLines(r.diagnostics)).toEqual([["VMCP206", at(text, "remoteUrl:")]]);
    expect(r.diagnostics[0]?.hint).toMatch(/http/);
  });

  it("reports a value out of range as VMCP207", () => {
    const text = toolhive("MCPServer", "s", ["  image: img", "  proxyPort: 70000"]);
    const r = check(text);
    expect(codesAndLines(r.diagnostics)).toEqual([["VMCP207", at(text, "proxyPort:")]]);
    expect(r.diagnostics[0]?.message).toMatch(/65535/);
  });

  it("reports an int32 overflow as VMCP208 (format)", () => {
    const text = vmcp("  replicas: 3000000000");
    const r = check(text);
    expect(codesAndLines(r.diagnostics)).toEqual([["VMCP208", at(text, "replicas:")]]);
    expect(r.diagnostics[0]?.message).toMatch(/int32/);
  });

  it("reports every problem of an object, not the first only", () => {
    const text = toolhive("VirtualMCPServer", "demo", [
      "  groupRef:",
      "    nam: tools",
      "  incomingAuth:",
      "    type: magic",
      "  replicas: -1",
    ]);
    expect(codesAndLines(check(text).diagnostics)).toEqual([
      ["VMCP202", at(text, "groupRef:")],
      ["VMCP203", at(text, "nam: tools")],
      ["VMCP205", at(text, "type: magic")],
      ["VMCP207", at(text, "replicas: -1")],
    ]);
  });

  it("accepts v1alpha1 with a VMCP209 warning at apiVersion", () => {
    const text = vmcp().replace("v1beta1", "v1alpha1");
    const r = check(text);
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ["warning", "VMCP209", at(text, "apiVersion:")],
    ]);
    expect(r.diagnostics[0]?.hint).toContain("toolhive.stacklok.dev/v1beta1");
    expect(r.model.index.get("VirtualMCPServer", "default", "demo")).toBeDefined();
  });

  it("reports an apiVersion that does not serve the kind as VMCP200", () => {
    const text = vmcp().replace("v1beta1", "v2");
    const r = check(text);
    expect(codesAndLines(r.diagnostics)).toEqual([["VMCP200", at(text, "apiVersion:")]]);
    expect(r.diagnostics[0]?.hint).toContain("toolhive.stacklok.dev/v1beta1");
  });

  it("reports an unknown ToolHive kind as VMCP201 with a did-you-mean hint", () => {
    const text = toolhive("VirtualMcpServer", "demo", VMCP_OK);
    const r = check(text);
    expect(codesAndLines(r.diagnostics)).toEqual([["VMCP201", at(text, "kind:")]]);
    expect(r.diagnostics[0]?.hint).toBe('did you mean "VirtualMCPServer"?');
  });

  it("does not check kinds outside the ToolHive group", () => {
    const text = lines(
      "apiVersion: example.com/v1",
      "kind: Widget",
      "metadata:",
      "  name: w",
      "spec:",
      "  anything: [1, 2]",
    );
    expect(check(text).diagnostics).toEqual([]);
  });

  it("checks after defaulting: a defaulted field never counts as missing", () => {
    // outgoingAuth.source is defaulted to discovered; it is valid without being written.
    expect(check(vmcp("  outgoingAuth: {}")).diagnostics).toEqual([]);
  });

  it("has a schema for every kind and served version it lists", () => {
    for (const entry of listSchemas()) expect(findSchema(entry.group, entry.version, entry.kind)).toBe(entry);
  });
});

describe("schema check on synthetic schemas (formats and unions the v0.44.0 CRDs do not use)", () => {
  // Compiled here with the options of the validators generated at build time.
  const checkAgainst = (body: unknown, schema: object) =>
    checkWithValidator(
      resource(body as Record<string, unknown>),
      body,
      schema,
      new Ajv({ ...AJV_OPTIONS, formats }).compile(schema),
    );

  const resource = (body: Record<string, unknown>): Resource => ({
    apiVersion: "test.example.com/v1",
    group: "test.example.com",
    version: "v1",
    kind: "Thing",
    name: "t",
    namespace: "default",
    body,
    source: { file: "t.yaml", doc: 0 },
  });

  function run(schema: object, spec: unknown) {
    const body = { spec };
    return checkAgainst(body, { type: "object", properties: { spec: schema } });
  }

  it("checks format: duration as a Go duration (VMCP208)", () => {
    const schema = { type: "object", properties: { timeout: { type: "string", format: "duration" } } };
    for (const ok of ["30s", "1m30s", "1.5h", "250ms", "0", "-5m", "10us", "3µs"])
      expect(run(schema, { timeout: ok })).toEqual([]);
    for (const bad of ["30", "PT30S", "30 s", "1d", "", "s"]) {
      const found = run(schema, { timeout: bad });
      expect(found.map((d) => [d.code, d.path])).toEqual([["VMCP208", ["spec", "timeout"]]]);
      expect(found[0]?.hint).toMatch(/Go duration/);
    }
  });

  it("checks format: date-time", () => {
    const schema = { type: "object", properties: { at: { type: "string", format: "date-time" } } };
    expect(run(schema, { at: "2025-01-02T15:04:05Z" })).toEqual([]);
    expect(run(schema, { at: "yesterday" }).map((d) => d.code)).toEqual(["VMCP208"]);
  });

  it("collapses an int-or-string union into one VMCP204 naming both types", () => {
    const schema = { type: "object", properties: { port: { anyOf: [{ type: "integer" }, { type: "string" }] } } };
    expect(run(schema, { port: 8080 })).toEqual([]);
    expect(run(schema, { port: "http" })).toEqual([]);
    const found = run(schema, { port: true });
    expect(found.map((d) => [d.code, d.path, d.message])).toEqual([
      ["VMCP204", ["spec", "port"], "spec.port must be integer or string, not boolean true"],
    ]);
  });

  it("keeps a union of non-type branches as one diagnostic", () => {
    const schema = { type: "object", properties: { v: { anyOf: [{ required: ["a"] }, { required: ["b"] }] } } };
    const found = run(schema, { v: {} });
    expect(found.map((d) => d.path)).toEqual([["spec", "v"]]);
    expect(found).toHaveLength(1);
  });

  it("reports the object itself when the root has the wrong type", () => {
    const body = "just text" as unknown as Record<string, unknown>;
    const found = checkAgainst(body, { type: "object" });
    expect(found.map((d) => [d.code, d.message])).toEqual([
      ["VMCP204", 'the object must be object, not the string "just text"'],
    ]);
  });
});
