import { describe, expect, it } from "vitest";
import { applyDefaults, type DefaultingSchema } from "../../../src/validate/apply-defaults.js";
import { loadSources } from "../../../src/load/load-inputs.js";
import { findSchema, loadSchema } from "../../../src/validate/schema-registry.js";
import { validateResources } from "../../../src/validate/validate-resources.js";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const SCHEMA: DefaultingSchema = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      properties: {
        mode: { type: "string", default: "discovered" },
        replicas: { type: "integer", default: 1 },
        nullable: { type: ["string", "null"], default: "x" },
        storage: {
          type: "object",
          properties: {
            type: { type: "string", default: "memory" },
            redis: { type: "object", properties: { dialTimeout: { type: "string", default: "5s" } } },
          },
        },
        // A defaulted object whose own fields have defaults.
        audit: {
          type: "object",
          default: {},
          properties: { enabled: { type: "boolean", default: false }, maxSize: { type: "integer", default: 1024 } },
        },
        steps: {
          type: "array",
          items: { type: "object", properties: { action: { type: "string", default: "abort" } } },
        },
        perBackend: {
          type: "object",
          additionalProperties: { type: "object", properties: { type: { type: "string", default: "discovered" } } },
        },
      },
    },
  },
};

describe("applyDefaults", () => {
  it("fills a missing field only when its parent object exists", () => {
    const out = applyDefaults(deepFreeze({ spec: {} }), SCHEMA) as { spec: Record<string, unknown> };
    expect(out.spec.mode).toBe("discovered");
    expect(out.spec.replicas).toBe(1);
    // storage has no default itself, so its children are not created out of nothing.
    expect(out.spec.storage).toBeUndefined();
    expect(applyDefaults(deepFreeze({}), SCHEMA)).toEqual({});
  });

  it("defaults nested fields of an object that exists", () => {
    const out = applyDefaults(deepFreeze({ spec: { storage: { redis: {} } } }), SCHEMA) as {
      spec: { storage: unknown };
    };
    expect(out.spec.storage).toEqual({ type: "memory", redis: { dialTimeout: "5s" } });
  });

  it("defaults the fields of a value that was itself defaulted", () => {
    const out = applyDefaults(deepFreeze({ spec: {} }), SCHEMA) as { spec: { audit: unknown } };
    expect(out.spec.audit).toEqual({ enabled: false, maxSize: 1024 });
  });

  it("keeps explicit values, including false, 0 and empty strings", () => {
    const input = deepFreeze({ spec: { mode: "", replicas: 0, audit: { enabled: true } } });
    const out = applyDefaults(input, SCHEMA) as { spec: Record<string, unknown> };
    expect(out.spec.mode).toBe("");
    expect(out.spec.replicas).toBe(0);
    expect(out.spec.audit).toEqual({ enabled: true, maxSize: 1024 });
  });

  it("replaces null with the default on a non-nullable field, and keeps null where null is allowed", () => {
    const out = applyDefaults(deepFreeze({ spec: { mode: null, nullable: null } }), SCHEMA) as {
      spec: Record<string, unknown>;
    };
    expect(out.spec.mode).toBe("discovered");
    expect(out.spec.nullable).toBeNull();
  });

  it("defaults inside list items and additionalProperties values", () => {
    const out = applyDefaults(
      deepFreeze({ spec: { steps: [{}, { action: "retry" }], perBackend: { a: {}, b: { type: "unauthenticated" } } } }),
      SCHEMA,
    ) as {
      spec: { steps: unknown; perBackend: unknown };
    };
    expect(out.spec.steps).toEqual([{ action: "abort" }, { action: "retry" }]);
    expect(out.spec.perBackend).toEqual({ a: { type: "discovered" }, b: { type: "unauthenticated" } });
  });

  it("never mutates its input, and returns the input itself when nothing changed", () => {
    const input = deepFreeze({
      spec: {
        mode: "inline",
        replicas: 2,
        nullable: null,
        audit: { enabled: true, maxSize: 1 },
        steps: [{ action: "abort" }],
      },
    });
    expect(applyDefaults(input, SCHEMA)).toBe(input);
    const partial = deepFreeze({ spec: { steps: [{ action: "x" }, {}] } });
    const out = applyDefaults(partial, SCHEMA) as { spec: { steps: unknown[] } };
    expect(out).not.toBe(partial);
    // Unchanged branches are shared, changed ones are copies.
    expect(out.spec.steps[0]).toBe(partial.spec.steps[0]);
    expect(partial.spec.steps[1]).toEqual({});
  });

  it("defaults nodes shared through YAML aliases at each use, without changing the shared node", () => {
    const shared = {};
    const input = deepFreeze({ spec: { perBackend: { a: shared, b: shared } } });
    const out = applyDefaults(input, SCHEMA) as { spec: { perBackend: Record<string, unknown> } };
    expect(out.spec.perBackend).toEqual({ a: { type: "discovered" }, b: { type: "discovered" } });
    expect(shared).toEqual({});
  });

  it("defaults a spec shared by two List items through a YAML alias, leaving the parsed input as it was", () => {
    const text = [
      "apiVersion: v1",
      "kind: List",
      "items:",
      "- apiVersion: toolhive.stacklok.dev/v1beta1",
      "  kind: MCPServer",
      "  metadata: {name: a}",
      "  spec: &spec",
      "    image: ghcr.io/example/fetch:1.0",
      "    transport: stdio",
      "    groupRef: {name: tools}",
      "- apiVersion: toolhive.stacklok.dev/v1beta1",
      "  kind: MCPServer",
      "  metadata: {name: b}",
      "  spec: *spec",
      "",
    ].join("\n");
    const loaded = loadSources([{ path: "l.yaml", text }]);
    const parsedSpecs = loaded.resources.map((r) => r.body.spec);
    expect(parsedSpecs[0]).toBe(parsedSpecs[1]);
    deepFreeze(loaded.resources);
    const model = validateResources(loaded.resources, { rules: {} }).value;
    for (const name of ["a", "b"])
      expect(model.index.get("MCPServer", "default", name)?.spec.proxyMode).toBe("streamable-http");
    expect(parsedSpecs[0]).not.toHaveProperty("proxyMode");
  });

  it("gives every defaulted value its own copy of the schema's default", () => {
    const schema: DefaultingSchema = { properties: { a: { default: { list: [] } }, b: { default: { list: [] } } } };
    const one = applyDefaults({}, schema) as { a: { list: unknown[] } };
    one.a.list.push(1);
    const two = applyDefaults({}, schema) as { a: { list: unknown[] } };
    expect(two.a.list).toEqual([]);
  });

  it("leaves scalars and wrong types alone (the schema check reports them)", () => {
    expect(applyDefaults("text", SCHEMA)).toBe("text");
    const wrong = deepFreeze({ spec: "not a mapping" });
    expect(applyDefaults(wrong, SCHEMA)).toBe(wrong);
  });

  it("applies the real CRD defaults of a VirtualMCPServer (operator-reference §1.4)", () => {
    const entry = findSchema("toolhive.stacklok.dev", "v1beta1", "VirtualMCPServer")!;
    const body = deepFreeze({
      apiVersion: "toolhive.stacklok.dev/v1beta1",
      kind: "VirtualMCPServer",
      metadata: { name: "v" },
      spec: {
        groupRef: { name: "g" },
        incomingAuth: { type: "anonymous" },
        outgoingAuth: {},
        config: { aggregation: {} },
      },
    });
    const out = applyDefaults(body, loadSchema(entry)) as { spec: Record<string, Record<string, unknown>> };
    expect(out.spec.outgoingAuth).toEqual({ source: "discovered" });
    expect(out.spec.serviceType).toBe("ClusterIP");
    expect(out.spec.sessionAffinity).toBe("ClientIP");
    expect(out.spec.config?.aggregation).toMatchObject({ conflictResolution: "prefix" });
    // No status was given, so none is invented.
    expect((out as Record<string, unknown>).status).toBeUndefined();
  });
});
