import { describe, expect, it } from "vitest";
import { otelHeaderEnv } from "../../../src/resolve/telemetry.js";
import { renderText, vmcpInputs, type Obj } from "../render/render-text.js";

const telemetryConfig = (spec: string) => `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPTelemetryConfig
metadata: {name: otel, namespace: ns}
spec:
${spec.replace(/^/gm, "  ")}`;

const withRef = (ref = "{name: otel}") =>
  `telemetryConfigRef: ${ref}\nincomingAuth: {type: anonymous}\noutgoingAuth: {source: inline}`;
const env = (pod: Obj) => (pod.spec as { containers: { env: Obj[] }[] }).containers[0]!.env;

describe("config.yaml telemetry from telemetryConfigRef", () => {
  it("writes only the always-present fields when OpenTelemetry is disabled, and still sets OTEL_RESOURCE_ATTRIBUTES", async () => {
    const r = await renderText(
      vmcpInputs(
        withRef(),
        telemetryConfig(
          "openTelemetry:\n  endpoint: collector:4317\n  tracing: {enabled: true}\nprometheus: {enabled: true}",
        ),
      ),
    );
    expect(r.codes).toEqual([]);
    expect(r.config().telemetry).toEqual({
      serviceName: "demo",
      tracingEnabled: false,
      metricsEnabled: false,
      enablePrometheusMetricsPath: true,
      useLegacyAttributes: false,
    });
    expect(env(r.pod())).toContainEqual({
      name: "OTEL_RESOURCE_ATTRIBUTES",
      value: "service.name=demo,service.namespace=ns",
    });
  });

  it("strips the scheme, clamps and re-formats the sampling rate, sorts map keys as yaml.v3 does", async () => {
    const r = await renderText(
      vmcpInputs(
        withRef("{name: otel, serviceName: gateway}"),
        telemetryConfig(
          "openTelemetry:\n  enabled: true\n  endpoint: https://collector.example.com:4318\n  tracing: {enabled: true, samplingRate: '1.000'}\n  headers: {x_b: '2', xa: '1'}\n  resourceAttributes: {k10: a, k9: b}",
        ),
      ),
    );
    const t = r.config().telemetry as Obj;
    expect(t).toMatchObject({
      endpoint: "collector.example.com:4318",
      serviceName: "gateway",
      samplingRate: "1",
      useLegacyAttributes: true,
    });
    // yaml.v3 puts non-letters before letters and compares digit runs as numbers.
    expect(Object.keys(t.headers as Obj)).toEqual(["x_b", "xa"]);
    expect(Object.keys(t.customAttributes as Obj)).toEqual(["k9", "k10"]);
    expect(Object.keys(t)).toEqual([
      "endpoint",
      "serviceName",
      "tracingEnabled",
      "metricsEnabled",
      "samplingRate",
      "headers",
      "customAttributes",
      "useLegacyAttributes",
    ]);
  });

  it("names sensitive-header env vars the operator's way (upper-case, dashes to underscores only)", () => {
    expect(otelHeaderEnv("x-api-key")).toBe("TOOLHIVE_OTEL_HEADER_X_API_KEY");
    expect(otelHeaderEnv("Authorization")).toBe("TOOLHIVE_OTEL_HEADER_AUTHORIZATION");
  });

  it("refuses a CA bundle ConfigMap name that makes the volume name too long", async () => {
    const r = await renderText(
      vmcpInputs(
        withRef(),
        telemetryConfig(`openTelemetry:\n  caBundleRef: {configMapRef: {name: ${"x".repeat(49)}, key: ca.crt}}`),
      ),
    );
    expect(r.codes).toContain("VMCP601");
  });

  it("warns that inline spec.config.telemetry is ignored, with or without a reference", async () => {
    const r = await renderText(
      vmcpInputs(
        "config:\n  telemetry: {endpoint: 'collector:4317', tracingEnabled: true}\nincomingAuth: {type: anonymous}\noutgoingAuth: {source: inline}",
      ),
    );
    expect(r.codes).toEqual(["VMCP607"]);
    expect(r.config().telemetry).toBeUndefined();
  });
});

describe("config.yaml sessionStorage", () => {
  it("redis without a password: no env var, db 0 and an empty prefix left out", async () => {
    const r = await renderText(
      vmcpInputs(
        "sessionStorage: {provider: redis, address: 'redis:6379'}\nincomingAuth: {type: anonymous}\noutgoingAuth: {source: inline}",
      ),
    );
    expect(r.config().sessionStorage).toEqual({ provider: "redis", address: "redis:6379" });
    expect(env(r.pod()).map((e) => e.name)).not.toContain("THV_SESSION_REDIS_PASSWORD");
  });

  it("memory writes nothing, even with a passwordRef", async () => {
    const r = await renderText(
      vmcpInputs(
        "sessionStorage: {provider: memory, passwordRef: {name: redis, key: password}}\nincomingAuth: {type: anonymous}\noutgoingAuth: {source: inline}",
      ),
    );
    expect(r.config().sessionStorage).toBeUndefined();
    expect(env(r.pod()).map((e) => e.name)).not.toContain("THV_SESSION_REDIS_PASSWORD");
  });

  it("warns that inline spec.config.sessionStorage is ignored", async () => {
    const r = await renderText(
      vmcpInputs(
        "config:\n  sessionStorage: {provider: redis, address: 'redis:6379'}\nincomingAuth: {type: anonymous}\noutgoingAuth: {source: inline}",
      ),
    );
    expect(r.codes).toEqual(["VMCP607"]);
  });
});
