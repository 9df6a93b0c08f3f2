import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSources } from "../../../src/load/load-inputs.js";
import {
  checkCaBundleReferences,
  configMapValue,
  DEFAULT_CA_KEY,
} from "../../../src/validate/references/config-map-references.js";
import { collectAt } from "../../../src/validate/references/collect-at.js";
import { ResourceIndex } from "../../../src/validate/resource-index.js";
import { checkYaml, codesAndLines } from "../../helpers/check-yaml.js";
import { REPO_ROOT } from "../../helpers/run-cli.js";
import { lineOf, lines, toolhive } from "../../helpers/yaml-text.js";

const PEM = readFileSync(path.join(REPO_ROOT, "test/unit/validate/fixtures/ca.pem"), "utf8");
const indent = (text: string, by: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((l) => `${by}${l}`);

/** Every kind of target a reference can name, valid, in namespace `default`. */
const TARGETS: Record<string, string> = {
  MCPGroup: toolhive("MCPGroup", "tools", ["  description: d"]),
  MCPExternalAuthConfig: toolhive("MCPExternalAuthConfig", "auth", ["  type: unauthenticated"]),
  MCPToolConfig: toolhive("MCPToolConfig", "tool-config", ["  toolsFilter: [fetch]"]),
  VirtualMCPCompositeToolDefinition: toolhive("VirtualMCPCompositeToolDefinition", "composite", [
    "  name: composite",
    "  steps:",
    "    - id: one",
    "      tool: fetch.fetch",
  ]),
  MCPOIDCConfig: toolhive("MCPOIDCConfig", "oidc", [
    "  type: kubernetesServiceAccount",
    "  kubernetesServiceAccount: {}",
  ]),
  MCPAuthzConfig: toolhive("MCPAuthzConfig", "authz", ["  type: cedar", "  config: {}"]),
  MCPTelemetryConfig: toolhive("MCPTelemetryConfig", "telemetry", ["  prometheus:", "    enabled: true"]),
  EmbeddingServer: toolhive("EmbeddingServer", "embedding", []),
};

interface RefCase {
  readonly code: string;
  readonly target: string;
  /** The referring object; `ref:` marks the line the diagnostic must point at. */
  readonly text: string;
  readonly name: string;
}

const vmcp = (...spec: string[]) => toolhive("VirtualMCPServer", "v", spec);
const server = (...spec: string[]) => toolhive("MCPServer", "s", ["  image: img", ...spec]);
const GROUP_REF = ["  groupRef:", "    name: tools"];
const ANON = ["  incomingAuth:", "    type: anonymous"];

const CASES: RefCase[] = [
  {
    code: "VMCP401",
    target: "MCPGroup",
    name: "VirtualMCPServer spec.groupRef",
    text: vmcp("  groupRef:", "    name: tools # ref", ...ANON),
  },
  {
    code: "VMCP401",
    target: "MCPGroup",
    name: "MCPServer spec.groupRef",
    text: server("  groupRef:", "    name: tools # ref"),
  },
  {
    code: "VMCP401",
    target: "MCPGroup",
    name: "MCPRemoteProxy spec.groupRef",
    text: toolhive("MCPRemoteProxy", "p", [
      "  remoteUrl: https://mcp.example.com",
      "  groupRef:",
      "    name: tools # ref",
    ]),
  },
  {
    code: "VMCP401",
    target: "MCPGroup",
    name: "MCPServerEntry spec.groupRef",
    text: toolhive("MCPServerEntry", "e", [
      "  remoteUrl: https://mcp.example.com",
      "  transport: sse",
      "  groupRef:",
      "    name: tools # ref",
    ]),
  },
  {
    code: "VMCP402",
    target: "MCPExternalAuthConfig",
    name: "VirtualMCPServer outgoingAuth.default",
    text: vmcp(
      ...GROUP_REF,
      ...ANON,
      "  outgoingAuth:",
      "    source: inline",
      "    default:",
      "      type: externalAuthConfigRef",
      "      externalAuthConfigRef:",
      "        name: auth # ref",
    ),
  },
  {
    code: "VMCP402",
    target: "MCPExternalAuthConfig",
    name: "VirtualMCPServer outgoingAuth.backends.*",
    text: vmcp(
      ...GROUP_REF,
      ...ANON,
      "  outgoingAuth:",
      "    source: inline",
      "    backends:",
      "      fetch:",
      "        type: externalAuthConfigRef",
      "        externalAuthConfigRef:",
      "          name: auth # ref",
    ),
  },
  {
    code: "VMCP402",
    target: "MCPExternalAuthConfig",
    name: "MCPServer spec.externalAuthConfigRef",
    text: server("  externalAuthConfigRef:", "    name: auth # ref"),
  },
  {
    code: "VMCP402",
    target: "MCPExternalAuthConfig",
    name: "MCPServerEntry spec.externalAuthConfigRef",
    text: toolhive("MCPServerEntry", "e", [
      "  remoteUrl: https://mcp.example.com",
      "  transport: sse",
      "  groupRef:",
      "    name: tools",
      "  externalAuthConfigRef:",
      "    name: auth # ref",
    ]),
  },
  {
    code: "VMCP403",
    target: "MCPToolConfig",
    name: "VirtualMCPServer aggregation.tools[*].toolConfigRef",
    text: vmcp(
      ...GROUP_REF,
      ...ANON,
      "  config:",
      "    aggregation:",
      "      tools:",
      "        - workload: fetch",
      "          toolConfigRef:",
      "            name: tool-config # ref",
    ),
  },
  {
    code: "VMCP403",
    target: "MCPToolConfig",
    name: "MCPServer spec.toolConfigRef",
    text: server("  toolConfigRef:", "    name: tool-config # ref"),
  },
  {
    code: "VMCP404",
    target: "VirtualMCPCompositeToolDefinition",
    name: "VirtualMCPServer config.compositeToolRefs[*]",
    text: vmcp(...GROUP_REF, ...ANON, "  config:", "    compositeToolRefs:", "      - name: composite # ref"),
  },
  {
    code: "VMCP405",
    target: "MCPOIDCConfig",
    name: "VirtualMCPServer incomingAuth.oidcConfigRef",
    text: vmcp(
      ...GROUP_REF,
      "  incomingAuth:",
      "    type: oidc",
      "    oidcConfigRef:",
      "      name: oidc # ref",
      "      audience: vmcp",
    ),
  },
  {
    code: "VMCP405",
    target: "MCPOIDCConfig",
    name: "MCPServer spec.oidcConfigRef",
    text: server("  oidcConfigRef:", "    name: oidc # ref", "    audience: fetch"),
  },
  {
    code: "VMCP406",
    target: "MCPAuthzConfig",
    name: "VirtualMCPServer incomingAuth.authzConfigRef",
    text: vmcp(...GROUP_REF, ...ANON, "    authzConfigRef:", "      name: authz # ref"),
  },
  {
    code: "VMCP406",
    target: "MCPAuthzConfig",
    name: "MCPServer spec.authzConfigRef",
    text: server("  authzConfigRef:", "    name: authz # ref"),
  },
  {
    code: "VMCP407",
    target: "MCPTelemetryConfig",
    name: "VirtualMCPServer spec.telemetryConfigRef",
    text: vmcp(...GROUP_REF, ...ANON, "  telemetryConfigRef:", "    name: telemetry # ref"),
  },
  {
    code: "VMCP407",
    target: "MCPTelemetryConfig",
    name: "MCPServer spec.telemetryConfigRef",
    text: server("  telemetryConfigRef:", "    name: telemetry # ref"),
  },
  {
    code: "VMCP408",
    target: "EmbeddingServer",
    name: "VirtualMCPServer spec.embeddingServerRef",
    text: vmcp(...GROUP_REF, ...ANON, "  embeddingServerRef:", "    name: embedding # ref"),
  },
];

/** All targets except `omit`, then the referring object; the line is in the combined file. */
function scenario(c: RefCase, omit?: string) {
  const others = Object.entries(TARGETS)
    .filter(([kind]) => kind !== omit)
    .map(([, text]) => text);
  const text = [...others, c.text].join("---\n");
  return { text, result: checkYaml({ "refs.yaml": text }) };
}

describe("references between ToolHive objects", () => {
  it.each(CASES)("$code: $name resolves when the $target exists", (c) => {
    expect(scenario(c).result.diagnostics).toEqual([]);
  });

  it.each(CASES)("$code: $name missing is reported at the name", (c) => {
    const { text, result } = scenario(c, c.target);
    expect(codesAndLines(result.diagnostics)).toEqual([[c.code, lineOf(text, "# ref")]]);
    const [d] = result.diagnostics;
    expect(d?.severity).toBe("error");
    expect(d?.message).toMatch(new RegExp(`^${c.target} "[a-z-]+" does not exist in namespace "default"$`));
    expect(d?.hint).toMatch(/^add the .* to the inputs, or correct spec\./);
    expect(d?.excerpt).toContain("# ref");
  });

  it("says so when the target exists in another namespace", () => {
    const group = toolhive("MCPGroup", "tools", [], "team-b");
    const text = `${group}---\n${toolhive("VirtualMCPServer", "v", [...GROUP_REF, ...ANON], "team-a")}`;
    const r = checkYaml({ "x.yaml": text });
    expect(codesAndLines(r.diagnostics)).toEqual([["VMCP401", lineOf(text, "name: tools", 2)]]);
    expect(r.diagnostics[0]?.message).toBe('MCPGroup "tools" does not exist in namespace "team-a"');
    expect(r.diagnostics[0]?.hint).toMatch(
      /exists in namespace "team-b", but references only resolve within the same namespace/,
    );
  });

  it("resolves in the namespace given with -n for objects that have none", () => {
    const text = `${toolhive("MCPGroup", "tools", [], "team-a")}---\n${toolhive("VirtualMCPServer", "v", [...GROUP_REF, ...ANON])}`;
    expect(checkYaml({ "x.yaml": text }, { namespace: "team-a" }).diagnostics).toEqual([]);
    expect(checkYaml({ "x.yaml": text }).diagnostics.map((d) => d.code)).toEqual(["VMCP401"]);
  });

  it("counts a target that exists but is invalid as existing (its own errors are reported)", () => {
    const group = toolhive("MCPGroup", "tools", ["  unknown: 1"]);
    const text = `${group}---\n${toolhive("VirtualMCPServer", "v", [...GROUP_REF, ...ANON])}`;
    expect(codesAndLines(checkYaml({ "x.yaml": text }).diagnostics)).toEqual([["VMCP203", lineOf(text, "unknown: 1")]]);
  });

  it("reports each missing reference of a list once, at its item", () => {
    const text = vmcp(
      ...GROUP_REF,
      ...ANON,
      "  config:",
      "    compositeToolRefs:",
      "      - name: one",
      "      - name: two",
    );
    const r = checkYaml({ "x.yaml": `${TARGETS.MCPGroup}---\n${text}` });
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ["VMCP404", ["spec", "config", "compositeToolRefs", 0, "name"]],
      ["VMCP404", ["spec", "config", "compositeToolRefs", 1, "name"]],
    ]);
  });
});

const cm = (name: string, ...data: string[]) =>
  lines("apiVersion: v1", "kind: ConfigMap", "metadata:", `  name: ${name}`, ...data);
const entry = (...caRef: string[]) =>
  toolhive("MCPServerEntry", "internal", [
    "  remoteUrl: https://docs.example.com/mcp",
    "  transport: streamable-http",
    "  groupRef:",
    "    name: tools",
    "  caBundleRef:",
    "    configMapRef:",
    ...caRef,
  ]);

function caScenario(configMap: string | undefined, ref: string[], options: { strictRefs?: boolean } = {}) {
  const text = [TARGETS.MCPGroup, ...(configMap ? [configMap] : []), entry(...ref)].join("---\n");
  return { text, result: checkYaml({ "ca.yaml": text }, options) };
}

describe("CA bundle ConfigMaps", () => {
  const REF = ["      name: internal-ca", "      key: ca.crt"];
  const GOOD = cm("internal-ca", "data:", "  ca.crt: |", ...indent(PEM, "    "));

  it("accepts a ConfigMap among the inputs that holds a PEM certificate", () => {
    expect(caScenario(GOOD, REF).result.diagnostics).toEqual([]);
  });

  it("accepts the bundle from binaryData", () => {
    const bin = cm("internal-ca", "binaryData:", `  ca.crt: ${Buffer.from(PEM).toString("base64")}`);
    expect(caScenario(bin, REF).result.diagnostics).toEqual([]);
  });

  it("warns (VMCP409) at the name when the ConfigMap is not among the inputs", () => {
    const { text, result } = caScenario(undefined, REF);
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ["warning", "VMCP409", lineOf(text, "name: internal-ca")],
    ]);
    expect(result.diagnostics[0]?.hint).toMatch(/--strict-refs/);
  });

  it("makes VMCP409 an error with strictRefs", () => {
    const { text, result } = caScenario(undefined, REF, { strictRefs: true });
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ["error", "VMCP409", lineOf(text, "name: internal-ca")],
    ]);
  });

  it("reports a missing key as VMCP410 at configMapRef.key, naming the keys it has", () => {
    const { text, result } = caScenario(cm("internal-ca", "data:", "  tls.crt: x", "  other: y"), REF);
    expect(codesAndLines(result.diagnostics)).toEqual([["VMCP410", lineOf(text, "key: ca.crt")]]);
    expect(result.diagnostics[0]?.hint).toContain('"other", "tls.crt"');
  });

  it("reports VMCP410 for a ConfigMap with no data at all", () => {
    const { result } = caScenario(cm("internal-ca"), REF);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["VMCP410"]);
    expect(result.diagnostics[0]?.hint).toMatch(/no data/);
  });

  it("reports a bundle that is not PEM as VMCP411 at the ConfigMap key, and makes the entry invalid", () => {
    const bad = cm(
      "internal-ca",
      "data:",
      "  ca.crt: |",
      "    -----BEGIN CERTIFICATE-----",
      "    # paste your certificate here",
      "    -----END CERTIFICATE-----",
    );
    const { text, result } = caScenario(bad, REF);
    expect(codesAndLines(result.diagnostics)).toEqual([["VMCP411", lineOf(text, "ca.crt: |")]]);
    expect(result.diagnostics[0]?.resource).toEqual({ kind: "ConfigMap", namespace: "default", name: "internal-ca" });
    expect(result.model.invalid.has("MCPServerEntry/default/internal")).toBe(true);
  });

  it("reports a bundle without any certificate block as VMCP411", () => {
    const { result } = caScenario(cm("internal-ca", "data:", "  ca.crt: just some text"), REF);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["VMCP411"]);
  });

  it("reports an empty bundle as VMCP412", () => {
    const { text, result } = caScenario(cm("internal-ca", "data:", '  ca.crt: ""'), REF);
    expect(codesAndLines(result.diagnostics)).toEqual([["VMCP412", lineOf(text, "ca.crt:")]]);
  });

  it("locates a bad bundle from binaryData at its binaryData key", () => {
    const bin = cm(
      "internal-ca",
      "data:",
      "  other: x",
      "binaryData:",
      `  ca.crt: ${Buffer.from("not a pem").toString("base64")}`,
    );
    const { text, result } = caScenario(bin, REF);
    expect(codesAndLines(result.diagnostics)).toEqual([["VMCP411", lineOf(text, "  ca.crt:")]]);
    expect(result.diagnostics[0]?.path).toEqual(["binaryData", "ca.crt"]);
  });

  it("uses the key ca.crt when the reference names none", () => {
    expect(DEFAULT_CA_KEY).toBe("ca.crt");
    const text = [GOOD, entry("      name: internal-ca")].join("---\n");
    const loaded = loadSources([{ path: "x.yaml", text }]);
    const index = new ResourceIndex(loaded.resources);
    expect(checkCaBundleReferences(loaded.resources, index, true)).toEqual([]);
    const noKey = loadSources([
      {
        path: "y.yaml",
        text: [cm("internal-ca", "data:", "  tls.crt: x"), entry("      name: internal-ca")].join("---\n"),
      },
    ]);
    const found = checkCaBundleReferences(noKey.resources, new ResourceIndex(noKey.resources), false);
    expect(found.map((d) => [d.code, d.message])).toEqual([["VMCP410", 'ConfigMap "internal-ca" has no key "ca.crt"']]);
  });

  it("checks the CA bundles of MCPOIDCConfig and MCPTelemetryConfig too", () => {
    const oidc = toolhive("MCPOIDCConfig", "oidc", [
      "  type: inline",
      "  inline:",
      "    issuer: https://idp.example.com",
      "    caBundleRef:",
      "      configMapRef:",
      "        name: missing-ca",
      "        key: ca.crt",
    ]);
    const telemetry = toolhive("MCPTelemetryConfig", "otel", [
      "  openTelemetry:",
      "    endpoint: otel.example.com:4317",
      "    caBundleRef:",
      "      configMapRef:",
      "        name: missing-ca",
      "        key: ca.crt",
    ]);
    const text = `${oidc}---\n${telemetry}`;
    const r = checkYaml({ "x.yaml": text });
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ["VMCP409", lineOf(text, "name: missing-ca")],
      ["VMCP409", lineOf(text, "name: missing-ca", 2)],
    ]);
  });

  it("decodes binaryData and prefers data", () => {
    const [res] = loadSources([
      {
        path: "c.yaml",
        text: cm(
          "c",
          "data:",
          "  a: text",
          "binaryData:",
          `  a: ${Buffer.from("bin").toString("base64")}`,
          `  b: ${Buffer.from("bin").toString("base64")}`,
        ),
      },
    ]).resources;
    expect(configMapValue(res!, "a")).toBe("text");
    expect(configMapValue(res!, "b")).toBe("bin");
    expect(configMapValue(res!, "c")).toBeUndefined();
  });
});

describe("Secret references", () => {
  const secret = (name: string, ...data: string[]) =>
    lines("apiVersion: v1", "kind: Secret", "metadata:", `  name: ${name}`, ...data);
  const auth = toolhive("MCPExternalAuthConfig", "bearer", [
    "  type: bearerToken",
    "  bearerToken:",
    "    tokenSecretRef:",
    "      name: api-token",
    "      key: token",
  ]);

  it("is silent about a Secret that is not among the inputs", () => {
    expect(checkYaml({ "s.yaml": auth }).diagnostics).toEqual([]);
  });

  it("reports a Secret that is not among the inputs as VMCP413 with strictRefs", () => {
    const r = checkYaml({ "s.yaml": auth }, { strictRefs: true });
    expect(codesAndLines(r.diagnostics)).toEqual([["VMCP413", lineOf(auth, "name: api-token")]]);
    expect(r.diagnostics[0]?.severity).toBe("error");
  });

  it("accepts a Secret among the inputs that holds the key (in data or stringData)", () => {
    for (const s of [
      secret("api-token", "data:", "  token: dG9r"),
      secret("api-token", "stringData:", "  token: tok"),
    ]) {
      expect(checkYaml({ "s.yaml": `${s}---\n${auth}` }, { strictRefs: true }).diagnostics).toEqual([]);
    }
  });

  it("reports a missing key as VMCP414 at the reference's key, naming the keys but no values", () => {
    const text = `${secret("api-token", "stringData:", "  password: VALUE-SENTINEL")}---\n${auth}`;
    const r = checkYaml({ "s.yaml": text });
    expect(codesAndLines(r.diagnostics)).toEqual([["VMCP414", lineOf(text, "key: token")]]);
    expect(r.diagnostics[0]?.hint).toContain('"password"');
    expect(JSON.stringify(r.diagnostics)).not.toContain("VALUE-SENTINEL");
  });

  it("checks the Secrets of MCPServerEntry header forwarding", () => {
    const e = toolhive("MCPServerEntry", "e", [
      "  remoteUrl: https://mcp.example.com",
      "  transport: sse",
      "  groupRef:",
      "    name: tools",
      "  headerForward:",
      "    addHeadersFromSecret:",
      "      - headerName: X-Api-Key",
      "        valueSecretRef:",
      "          name: keys",
      "          key: api-key",
    ]);
    const text = `${TARGETS.MCPGroup}---\n${secret("keys", "stringData:", "  other: x")}---\n${e}`;
    expect(codesAndLines(checkYaml({ "e.yaml": text }).diagnostics)).toEqual([
      ["VMCP414", lineOf(text, "key: api-key")],
    ]);
  });
});

describe("collectAt", () => {
  it("follows keys and * over mappings and lists, with concrete paths", () => {
    const root = { spec: { list: [{ name: "a" }, { name: "b" }, "x"], map: { one: { name: "c" } } } };
    expect(collectAt(root, ["spec", "list", "*", "name"])).toEqual([
      { path: ["spec", "list", 0, "name"], value: "a" },
      { path: ["spec", "list", 1, "name"], value: "b" },
    ]);
    expect(collectAt(root, ["spec", "map", "*", "name"])).toEqual([
      { path: ["spec", "map", "one", "name"], value: "c" },
    ]);
    expect(collectAt(root, ["spec", "missing", "*"])).toEqual([]);
    expect(collectAt(null, ["a"])).toEqual([]);
    // Never inherited properties.
    expect(collectAt({}, ["toString"])).toEqual([]);
  });
});
