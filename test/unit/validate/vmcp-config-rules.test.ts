import { describe, expect, it } from "vitest";
import { checkYaml } from "../../helpers/check-yaml.js";
import { lineOf } from "../../helpers/yaml-text.js";
import { RULES } from "../../../src/validate/rules/index.js";
import { yaml } from "./cel-helpers.js";

/** The VirtualMCPServer's config.yaml rules (composite tools, dropped and ignored spec.config fields, passthrough headers, EmbeddingServer). */
const GROUP = yaml`
  apiVersion: toolhive.stacklok.dev/v1beta1
  kind: MCPGroup
  metadata: {name: g, namespace: ns}
  spec: {}
`;

function vmcp(specLines: string): string {
  return `${GROUP}---\napiVersion: toolhive.stacklok.dev/v1beta1\nkind: VirtualMCPServer\nmetadata: {name: v, namespace: ns}\nspec:\n  groupRef: {name: g}\n  incomingAuth: {type: anonymous}\n${specLines}`;
}

function run(text: string) {
  return checkYaml({ "t.yaml": text }, { rules: RULES }).diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    line: d.line,
    path: d.path?.join("."),
    message: d.message,
  }));
}

const def = (name: string, toolName: string) => yaml`
  apiVersion: toolhive.stacklok.dev/v1beta1
  kind: VirtualMCPCompositeToolDefinition
  metadata: {name: ${name}, namespace: ns}
  spec:
    name: ${toolName}
    description: d
    steps: [{id: s, tool: t}]
`;

describe("composite tools of a VirtualMCPServer", () => {
  it("rejects a name used inline and by a referenced definition, at the ref", () => {
    const text = `${def("d1", "deploy")}---\n${vmcp("  config:\n    compositeTools:\n      - {name: deploy, description: d, steps: [{id: s, tool: t}]}\n    compositeToolRefs: [{name: d1}]\n")}`;
    expect(run(text)).toEqual([
      expect.objectContaining({
        code: "VMCP604",
        severity: "error",
        path: "spec.config.compositeToolRefs.0.name",
        message:
          'composite tool name "deploy" of VirtualMCPCompositeToolDefinition "d1" is already used by spec.config.compositeTools[0]',
      }),
    ]);
  });

  it("rejects two definitions with the same tool name, and a ref listed twice", () => {
    const text = `${def("d1", "deploy")}---\n${def("d2", "deploy")}---\n${vmcp("  config:\n    compositeToolRefs: [{name: d1}, {name: d2}, {name: d1}]\n")}`;
    expect(run(text).map((d) => d.path)).toEqual([
      "spec.config.compositeToolRefs.1.name",
      "spec.config.compositeToolRefs.2.name",
    ]);
  });

  it("rejects an empty ref name, which the CRD lets through and the runtime refuses", () => {
    expect(run(vmcp("  config:\n    compositeToolRefs: [{name: ''}]\n"))).toEqual([
      expect.objectContaining({ code: "VMCP604", path: "spec.config.compositeToolRefs.0.name" }),
    ]);
  });

  it("checks the inline tools with the runtime's rules, located at the step", () => {
    const text = vmcp(
      "  config:\n    compositeTools:\n      - name: x\n        description: d\n        steps:\n          - id: a\n            tool: t\n            dependsOn: [nope]\n",
    );
    expect(run(text)).toEqual([
      expect.objectContaining({
        code: "VMCP604",
        line: lineOf(text, "dependsOn: [nope]"),
        path: "spec.config.compositeTools.0.steps.0.dependsOn.0",
      }),
    ]);
  });

  it("checks a VirtualMCPCompositeToolDefinition on its own", () => {
    const bad = def("d1", "deploy").replace(
      "steps: [{id: s, tool: t}]",
      "steps: [{id: s, tool: t, onError: {action: retry}}]",
    );
    expect(run(bad)).toEqual([expect.objectContaining({ code: "VMCP604", path: "spec.steps.0.onError" })]);
  });
});

describe("spec.config fields the operator drops or ignores", () => {
  it("warns about an unknown key, suggesting the closest field", () => {
    const [d] = run(vmcp("  config:\n    aggregaton: {}\n"));
    expect(d).toMatchObject({ code: "VMCP613", severity: "warning", path: "spec.config.aggregaton" });
  });

  it.each([
    [
      "backends",
      "  config:\n    backends: [{name: a, url: 'https://a.example.com', transport: sse}]\n",
      "spec.config.backends",
    ],
    ["a different name", "  config:\n    name: other\n", "spec.config.name"],
    ["a different groupRef", "  config:\n    groupRef: other\n", "spec.config.groupRef"],
    [
      "passthroughHeaders shadowed by spec.passthroughHeaders",
      "  passthroughHeaders: [X-A]\n  config:\n    passthroughHeaders: [X-B]\n",
      "spec.config.passthroughHeaders",
    ],
    [
      "incomingAuth (rebuilt from spec.incomingAuth)",
      "  config:\n    incomingAuth: {type: anonymous}\n",
      "spec.config.incomingAuth",
    ],
    [
      "telemetry (rebuilt from spec.telemetryConfigRef)",
      "  config:\n    telemetry: {serviceName: x}\n",
      "spec.config.telemetry",
    ],
    [
      "sessionStorage (rebuilt from spec.sessionStorage)",
      "  config:\n    sessionStorage: {provider: redis}\n",
      "spec.config.sessionStorage",
    ],
  ])("warns that %s is ignored", (_name, lines, path) => {
    expect(run(vmcp(lines))).toEqual([expect.objectContaining({ code: "VMCP607", severity: "warning", path })]);
  });

  it("is quiet when spec.config.name and groupRef agree with the object", () => {
    expect(run(vmcp("  config:\n    name: v\n    groupRef: g\n"))).toEqual([]);
  });
});

describe("passthrough headers", () => {
  it.each([
    ["Authorization", "restricted"],
    ["cookie", "restricted"],
    ["Host", "restricted"],
    ["x-forwarded-proto", "restricted"],
    ["X Bad", "not a valid header name"],
    ["X:Bad", "not a valid header name"],
  ])("refuses %j (%s)", (header, why) => {
    const [d] = run(vmcp(`  passthroughHeaders: ["X-Ok", "${header}"]\n`));
    expect(d).toMatchObject({ code: "VMCP615", severity: "error", path: "spec.passthroughHeaders.1" });
    expect(d!.message).toContain(why);
  });

  it("checks spec.config.passthroughHeaders when spec.passthroughHeaders is empty", () => {
    expect(run(vmcp("  config:\n    passthroughHeaders: [X-Tenant, '']\n"))).toEqual([
      expect.objectContaining({ code: "VMCP615", path: "spec.config.passthroughHeaders.1" }),
    ]);
  });

  it("accepts ordinary header tokens", () =>
    expect(run(vmcp("  passthroughHeaders: [X-Tenant-ID, x-request-id, Accept-Language]\n"))).toEqual([]));
});

describe("embeddingServerRef", () => {
  it("fails when the EmbeddingServer is among the inputs but invalid", () => {
    const es = yaml`
      apiVersion: toolhive.stacklok.dev/v1beta1
      kind: EmbeddingServer
      metadata: {name: e, namespace: ns}
      spec: {replicas: 0}
    `;
    const codes = run(`${es}---\n${vmcp("  embeddingServerRef: {name: e}\n")}`).map((d) => d.code);
    expect(codes).toContain("VMCP616");
  });

  it("warns that the EmbeddingServer URL replaces optimizer.embeddingService", () => {
    const es =
      "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: EmbeddingServer\nmetadata: {name: e, namespace: ns}\nspec: {}\n";
    expect(
      run(
        `${es}---\n${vmcp("  embeddingServerRef: {name: e}\n  config:\n    optimizer: {embeddingService: 'http://x.example.com'}\n")}`,
      ),
    ).toEqual([expect.objectContaining({ code: "VMCP607", path: "spec.config.optimizer.embeddingService" })]);
  });
});

describe("audit", () => {
  it("refuses event types the runtime does not know, suggesting the closest", () => {
    const found = run(
      vmcp(
        "  config:\n    audit: {enabled: true, eventTypes: [mcp_tool_call, mcp_tools_call], excludeEventTypes: [sse_connection]}\n",
      ),
    );
    expect(found.map((d) => [d.code, d.path])).toEqual([
      ["VMCP617", "spec.config.audit.eventTypes.1"],
      ["VMCP617", "spec.config.audit.excludeEventTypes.0"],
    ]);
  });

  it("refuses a negative maxDataSize", () => {
    expect(run(vmcp("  config:\n    audit: {enabled: true, maxDataSize: -1}\n")).map((d) => d.code)).toEqual([
      "VMCP617",
    ]);
  });

  it("warns that an audit block audits even with enabled: false", () => {
    expect(run(vmcp("  config:\n    audit: {enabled: false}\n"))).toEqual([
      expect.objectContaining({ code: "VMCP618", severity: "warning", path: "spec.config.audit.enabled" }),
    ]);
    expect(run(vmcp("  config:\n    audit: {enabled: true}\n"))).toEqual([]);
  });
});

describe("aggregation rules the runtime enforces at startup", () => {
  const agg = (body: string) => run(vmcp(`  config:\n    aggregation: ${body}\n`));

  it.each([
    [
      "priority without a conflictResolutionConfig",
      "{conflictResolution: priority}",
      "spec.config.aggregation.conflictResolution",
    ],
    ["manual without tools", "{conflictResolution: manual}", "spec.config.aggregation.conflictResolution"],
    [
      "an empty prefixFormat",
      "{conflictResolution: prefix, conflictResolutionConfig: {prefixFormat: ''}}",
      "spec.config.aggregation.conflictResolutionConfig.prefixFormat",
    ],
    [
      "deny with an unlisted priority workload",
      "{conflictResolution: priority, defaultToolVisibility: deny, conflictResolutionConfig: {priorityOrder: [a, b]}, tools: [{workload: a}]}",
      "spec.config.aggregation.conflictResolutionConfig.priorityOrder.1",
    ],
    [
      "an annotations-only inline override",
      "{tools: [{workload: a, overrides: {t: {annotations: {readOnlyHint: true}}}}]}",
      "spec.config.aggregation.tools.0.overrides.t",
    ],
  ])("refuses %s", (_name, body, path) => {
    expect(agg(body)).toEqual([expect.objectContaining({ code: "VMCP606", severity: "error", path })]);
  });

  it("refuses an annotations-only override merged in from an MCPToolConfig, unless an inline override replaces it", () => {
    const tc =
      "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPToolConfig\nmetadata: {name: tc, namespace: ns}\nspec: {toolsOverride: {t: {annotations: {title: T}}, u: {name: uu}}}\n";
    const bad = run(
      `${tc}---\n${vmcp("  config:\n    aggregation: {tools: [{workload: a, toolConfigRef: {name: tc}}]}\n")}`,
    );
    expect(bad).toEqual([
      expect.objectContaining({
        code: "VMCP606",
        path: "spec.config.aggregation.tools.0.toolConfigRef.name",
        message: expect.stringContaining('"t" from MCPToolConfig "tc"'),
      }),
    ]);
    expect(
      run(
        `${tc}---\n${vmcp("  config:\n    aggregation: {tools: [{workload: a, toolConfigRef: {name: tc}, overrides: {t: {name: tt}}}]}\n")}`,
      ),
    ).toEqual([]);
  });

  it("accepts the strategies with what they need", () => {
    expect(agg("{conflictResolution: manual, tools: [{workload: a, overrides: {t: {description: d}}}]}")).toEqual([]);
    expect(
      agg(
        "{conflictResolution: priority, defaultToolVisibility: deny, conflictResolutionConfig: {priorityOrder: [a]}, tools: [{workload: a}]}",
      ),
    ).toEqual([]);
  });
});

describe("operational rules the runtime enforces at startup", () => {
  const op = (body: string) => run(vmcp(`  config:\n    operational: ${body}\n`));
  it.each([
    [
      "a health-check timeout equal to the interval",
      "{failureHandling: {healthCheckInterval: 10s, healthCheckTimeout: 10s}}",
      "spec.config.operational.failureHandling.healthCheckTimeout",
    ],
    [
      "the CRD's 10s timeout with a 5s interval",
      "{failureHandling: {healthCheckInterval: 5s}}",
      "spec.config.operational.failureHandling.healthCheckTimeout",
    ],
    [
      "a negative unhealthyThreshold",
      "{failureHandling: {unhealthyThreshold: -1}}",
      "spec.config.operational.failureHandling.unhealthyThreshold",
    ],
    [
      "a zero per-workload timeout",
      "{timeouts: {perWorkload: {w: 0s}}}",
      "spec.config.operational.timeouts.perWorkload.w",
    ],
  ])("refuses %s", (_name, body, path) => {
    expect(op(body)).toEqual([expect.objectContaining({ code: "VMCP619", severity: "error", path })]);
  });
  it("accepts the defaults and a timeout below the interval", () => {
    expect(op("{failureHandling: {healthCheckInterval: 45s}}")).toEqual([]);
    expect(op("{timeouts: {default: 60s, perWorkload: {w: 90s}}}")).toEqual([]);
  });
});
