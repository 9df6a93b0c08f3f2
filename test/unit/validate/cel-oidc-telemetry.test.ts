import { describe, expect, it } from "vitest";
import { doc, expectFindings, messageOf } from "./cel-helpers.js";

describe("VMCP315 MCPOIDCConfig type and configuration block", () => {
  const oidc = (body: string) => doc("MCPOIDCConfig", body);
  const INLINE = "inline:\n  issuer: https://idp.example.com\n";
  const KSA = "kubernetesServiceAccount:\n  serviceAccount: vmcp\n";
  it("passes for inline and for kubernetesServiceAccount with their blocks", () => {
    expectFindings(oidc("type: inline\n" + INLINE));
    expectFindings(oidc("type: kubernetesServiceAccount\n" + KSA));
  });
  it("fails when the type's block is missing, at type", () => {
    expectFindings(oidc("type: inline # VMCP315\n"));
    expectFindings(oidc("type: kubernetesServiceAccount # VMCP315\n"));
  });
  it("fails for the other type's block, at that block", () => {
    expectFindings(oidc("type: inline\n" + INLINE + KSA.replace("\n", " # VMCP315\n")));
    const text = oidc("type: kubernetesServiceAccount\n" + KSA + INLINE.replace("\n", " # VMCP315\n"));
    expectFindings(text);
    expect(messageOf(text, "VMCP315")).toContain('spec.inline is set but spec.type is "kubernetesServiceAccount"');
  });
});

describe("VMCP316 MCPTelemetryConfig header in headers and sensitiveHeaders", () => {
  const otel = (headers: string, sensitive: string) =>
    doc(
      "MCPTelemetryConfig",
      `openTelemetry:\n  endpoint: otel-collector:4317\n  tracing:\n    enabled: true\n  headers:\n${headers}  sensitiveHeaders:\n${sensitive}`,
    );
  it("passes for distinct names (the match is case-sensitive, as in CEL)", () => {
    expectFindings(
      otel("    X-Tenant: acme\n", "    - name: x-tenant\n      secretKeyRef:\n        name: s\n        key: k\n"),
    );
  });
  it("fails for a name in both, at the sensitive header's name", () => {
    expectFindings(
      otel(
        "    X-Tenant: acme\n    X-Api-Key: plain\n",
        "    - name: X-Api-Key # VMCP316\n      secretKeyRef:\n        name: s\n        key: k\n",
      ),
    );
  });
});
