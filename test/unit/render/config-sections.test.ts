import { describe, expect, it } from "vitest";
import { buildAggregation } from "../../../src/render/config/aggregation.js";
import { buildAudit } from "../../../src/render/config/audit.js";
import {
  buildCompositeTool,
  buildCompositeToolRefs,
  buildCompositeTools,
} from "../../../src/render/config/composite-tools.js";
import { compareGoYamlKeys, goJson } from "../../../src/render/config/go-map-order.js";
import { buildOperational } from "../../../src/render/config/operational.js";
import { buildCodeMode, buildOptimizer } from "../../../src/render/config/optimizer.js";
import { buildMetadata, buildPassthroughHeaders } from "../../../src/render/config/passthrough.js";
import { buildRateLimiting } from "../../../src/render/config/rate-limiting.js";

/** Key order matters in config.yaml (Go struct order), so these compare JSON text, not objects. */
const json = (v: unknown) => JSON.stringify(v);

describe("yaml.v3 map key order", () => {
  it.each([
    [
      ["b", "a", "c"],
      ["a", "b", "c"],
    ],
    [
      ["tool10", "tool9", "tool1"],
      ["tool1", "tool9", "tool10"],
    ],
    [
      ["ab", "a1", "a_b", "a-b"],
      ["a-b", "a_b", "a1", "ab"],
    ],
    [
      ["Zeta", "alpha"],
      ["Zeta", "alpha"],
    ],
    [
      ["x01", "x1", "x001"],
      ["x1", "x01", "x001"],
    ],
    [
      ["v2", "v", "v10b", "v10a"],
      ["v", "v2", "v10a", "v10b"],
    ],
  ])("sorts %j as %j", (input, expected) => expect([...input].sort(compareGoYamlKeys)).toEqual(expected));

  it("sorts maps inside free-form blobs and drops nulls", () => {
    expect(json(goJson({ z: 1, a: { y: [{ b: 1, a: null }], x: true }, n: null }))).toBe(
      json({ a: { x: true, y: [{ b: 1 }] }, z: 1 }),
    );
  });
});

describe("aggregation", () => {
  it("defaults to prefix with {workload}_ when absent", () => {
    expect(json(buildAggregation(undefined))).toBe(
      json({ conflictResolution: "prefix", conflictResolutionConfig: { prefixFormat: "{workload}_" } }),
    );
  });

  it("writes an empty conflictResolutionConfig for manual and priority without one", () => {
    expect(json(buildAggregation({ conflictResolution: "manual" }))).toBe(
      json({ conflictResolution: "manual", conflictResolutionConfig: {} }),
    );
  });

  it("copies prefixFormat and priorityOrder in struct order, whatever the input order", () => {
    expect(
      json(
        buildAggregation({
          conflictResolution: "priority",
          conflictResolutionConfig: { priorityOrder: ["b", "a"], prefixFormat: "{workload}." },
        }),
      ),
    ).toBe(
      json({
        conflictResolution: "priority",
        conflictResolutionConfig: { prefixFormat: "{workload}.", priorityOrder: ["b", "a"] },
      }),
    );
  });

  it("merges an MCPToolConfig: its filter only when the inline one is empty, its overrides only for tools not overridden inline", () => {
    const toolConfigs = {
      tc: {
        toolsFilter: ["a", "b"],
        toolsOverride: {
          a: { description: "from tc" },
          c: { name: "cc", annotations: { readOnlyHint: false, title: "C" } },
        },
      },
    };
    const agg = buildAggregation(
      {
        tools: [
          { workload: "w1", toolConfigRef: { name: "tc" }, overrides: { a: { name: "inline-a" } } },
          { workload: "w2", filter: ["x"], toolConfigRef: { name: "tc" } },
        ],
      },
      toolConfigs,
    );
    expect(json(agg.tools)).toBe(
      json([
        {
          workload: "w1",
          filter: ["a", "b"],
          overrides: { a: { name: "inline-a" }, c: { name: "cc", annotations: { title: "C", readOnlyHint: false } } },
        },
        {
          workload: "w2",
          filter: ["x"],
          overrides: {
            a: { description: "from tc" },
            c: { name: "cc", annotations: { title: "C", readOnlyHint: false } },
          },
        },
      ]),
    );
  });

  it("never writes toolConfigRef, and leaves a missing MCPToolConfig out (validate reports it)", () => {
    expect(
      json(
        buildAggregation({
          tools: [{ workload: "w", toolConfigRef: { name: "gone" }, excludeAll: true }],
          excludeAllTools: true,
          defaultToolVisibility: "deny",
        }).tools,
      ),
    ).toBe(json([{ workload: "w", excludeAll: true }]));
  });
});

describe("operational", () => {
  it("fills the runtime defaults, without healthCheckTimeout", () => {
    expect(json(buildOperational(undefined))).toBe(
      json({
        timeouts: { default: "30s" },
        failureHandling: {
          healthCheckInterval: "30s",
          unhealthyThreshold: 3,
          statusReportingInterval: "30s",
          partialFailureMode: "fail",
          circuitBreaker: { failureThreshold: 5, timeout: "1m0s" },
        },
      }),
    );
  });

  it("writes durations in Go form and perWorkload in yaml.v3 order; zero values get the default", () => {
    const op = buildOperational({
      logLevel: "debug",
      timeouts: { default: "0s", perWorkload: { w10: "90s", w9: "1h" } },
      failureHandling: { healthCheckTimeout: "10s", circuitBreaker: { enabled: true, timeout: "1500ms" } },
    });
    expect(json(op)).toBe(
      json({
        logLevel: "debug",
        timeouts: { default: "30s", perWorkload: { w9: "1h0m0s", w10: "1m30s" } },
        failureHandling: {
          healthCheckInterval: "30s",
          unhealthyThreshold: 3,
          healthCheckTimeout: "10s",
          statusReportingInterval: "30s",
          partialFailureMode: "fail",
          circuitBreaker: { enabled: true, failureThreshold: 5, timeout: "1.5s" },
        },
      }),
    );
  });
});

describe("composite tools", () => {
  it("writes a tool and its steps in Go struct order, durations in Go form, id and steps always", () => {
    const tool = buildCompositeTool({
      steps: [
        {
          step: { tool: "t", id: "in" },
          collection: "{{.x}}",
          type: "forEach",
          id: "each",
          timeout: "60s",
          onError: { retryDelay: "90s", retryCount: 2, action: "retry" },
        },
      ],
      timeout: "120s",
      description: "d",
      name: "n",
    });
    expect(json(tool)).toBe(
      json({
        name: "n",
        description: "d",
        timeout: "2m0s",
        steps: [
          {
            id: "each",
            type: "forEach",
            onError: { action: "retry", retryCount: 2, retryDelay: "1m30s" },
            timeout: "1m0s",
            collection: "{{.x}}",
            step: { id: "in", tool: "t" },
          },
        ],
      }),
    );
  });

  it("always writes output property type and description, and passes the default through", () => {
    const tool = buildCompositeTool({
      name: "n",
      steps: [],
      output: {
        required: ["b"],
        properties: {
          b: { value: "v", type: "string", default: false },
          a: { type: "object", properties: { z: { type: "number", value: "1" } } },
        },
      },
    });
    expect(json(tool.output)).toBe(
      json({
        properties: {
          a: { type: "object", description: "", properties: { z: { type: "number", description: "", value: "1" } } },
          b: { type: "string", description: "", value: "v", default: false },
        },
        required: ["b"],
      }),
    );
  });

  it("puts inline tools first, then referenced ones in ref order, and keeps the refs", () => {
    const tools = buildCompositeTools(
      [{ name: "inline", steps: [{ id: "s", tool: "t" }] }, "not an object"],
      [
        { name: "ref1", steps: [] },
        { name: "ref2", steps: [] },
      ],
    );
    expect(tools.map((t) => t.name)).toEqual(["inline", "ref1", "ref2"]);
    expect(buildCompositeToolRefs([{ name: "ref1" }, { name: "ref2" }])).toEqual([{ name: "ref1" }, { name: "ref2" }]);
  });

  it("omits empty free-form maps and zero counters", () => {
    expect(
      json(
        buildCompositeTool({
          name: "n",
          parameters: {},
          steps: [{ id: "s", type: "tool", tool: "t", arguments: {}, maxParallel: 0 }],
        }),
      ),
    ).toBe(json({ name: "n", steps: [{ id: "s", type: "tool", tool: "t" }] }));
  });
});

describe("audit", () => {
  it("is absent unless given, and defaults component to the server name", () => {
    expect(buildAudit(undefined, "v")).toBeUndefined();
    expect(
      json(
        buildAudit(
          {
            enabled: false,
            detectApplicationErrors: true,
            maxDataSize: 1024,
            maxDelegationDepth: 10,
            includeRequestData: false,
          },
          "v",
        ),
      ),
    ).toBe(json({ component: "v", detectApplicationErrors: true, maxDataSize: 1024, maxDelegationDepth: 10 }));
  });

  it("writes the pointer fields even when false or zero-like, and keeps a given component", () => {
    expect(
      json(buildAudit({ logFile: "/tmp/a", component: "c", detectApplicationErrors: false, enabled: true }, "v")),
    ).toBe(json({ enabled: true, component: "c", detectApplicationErrors: false, logFile: "/tmp/a" }));
  });
});

describe("optimizer and codeMode", () => {
  it("creates {embeddingService} from an embeddingServerRef alone", () => {
    expect(json(buildOptimizer(undefined, "http://e.ns.svc.cluster.local:8080"))).toBe(
      json({ embeddingService: "http://e.ns.svc.cluster.local:8080" }),
    );
  });

  it("lets the EmbeddingServer URL replace embeddingService, in struct order", () => {
    const o = buildOptimizer(
      {
        semanticDistanceThreshold: "1.2",
        embeddingHeaders: { "X-B": "2", "X-A": "1" },
        embeddingProvider: "tei",
        embeddingService: "http://old",
        embeddingServiceTimeout: "30s",
      },
      "http://new",
    );
    expect(json(o)).toBe(
      json({
        embeddingService: "http://new",
        embeddingServiceTimeout: "30s",
        embeddingProvider: "tei",
        embeddingHeaders: { "X-A": "1", "X-B": "2" },
        semanticDistanceThreshold: "1.2",
      }),
    );
  });

  it("is absent without a block or a ref", () => expect(buildOptimizer(undefined, undefined)).toBeUndefined());

  it("passes codeMode through with Go durations", () => {
    expect(
      json(buildCodeMode({ toolCallTimeout: "60s", enabled: true, stepLimit: 100000, parallelMaxConcurrency: 10 })),
    ).toBe(json({ enabled: true, stepLimit: 100000, parallelMaxConcurrency: 10, toolCallTimeout: "1m0s" }));
  });
});

describe("rateLimiting", () => {
  it("writes refillPeriod as the metav1.Duration struct yaml.v3 expects", () => {
    expect(
      json(
        buildRateLimiting({
          tools: [{ name: "t", perUser: { maxTokens: 1, refillPeriod: "1h" } }],
          shared: { refillPeriod: "60s", maxTokens: 10 },
        }),
      ),
    ).toBe(
      json({
        shared: { maxTokens: 10, refillPeriod: { duration: "1m0s" } },
        tools: [{ name: "t", perUser: { maxTokens: 1, refillPeriod: { duration: "1h0m0s" } } }],
      }),
    );
  });
});

describe("metadata and passthroughHeaders", () => {
  it("sorts metadata and drops an empty map", () => {
    expect(json(buildMetadata({ b: "2", a: "1" }))).toBe(json({ a: "1", b: "2" }));
    expect(buildMetadata({})).toBeUndefined();
  });

  it("prefers spec.passthroughHeaders when it is non-empty", () => {
    expect(buildPassthroughHeaders(["X-A"], ["X-B"])).toEqual(["X-A"]);
    expect(buildPassthroughHeaders([], ["X-B"])).toEqual(["X-B"]);
    expect(buildPassthroughHeaders(undefined, [])).toBeUndefined();
  });
});
