import { describe, expect, it } from "vitest";
import {
  caBundleVolumeName,
  effectiveTransport,
  mcpRemoteProxyUrl,
  mcpServerUrl,
} from "../../../src/resolve/backends.js";
import type { MCPServerSpec } from "../../../src/validate/spec-types.js";
import {
  headerForwardEnv,
  headerForwardSecretId,
  normalizeEnvName,
  tokenExchangeSecretEnv,
} from "../../../src/resolve/env-names.js";

// Specs as the schema check leaves them: the CRD's defaults applied.
const server = (s: Partial<MCPServerSpec>): MCPServerSpec => ({
  image: "x",
  transport: "stdio",
  proxyMode: "streamable-http",
  proxyPort: 8080,
  sessionAffinity: "ClientIP",
  trustProxyHeaders: false,
  ...s,
});

describe("backend URLs (the operator's formulas)", () => {
  it("stdio servers speak through the proxy's streamable endpoint by default", () => {
    expect(mcpServerUrl("fetch", "tools", server({ proxyMode: "streamable-http", proxyPort: 8080 }))).toBe(
      "http://mcp-fetch-proxy.tools.svc.cluster.local:8080/mcp",
    );
  });
  it("stdio with proxyMode sse and SSE servers get /sse#<name>", () => {
    expect(mcpServerUrl("legacy", "t", server({ proxyMode: "sse", proxyPort: 9090 }))).toBe(
      "http://mcp-legacy-proxy.t.svc.cluster.local:9090/sse#legacy",
    );
    expect(mcpServerUrl("y", "b", server({ transport: "sse" }))).toBe(
      "http://mcp-y-proxy.b.svc.cluster.local:8080/sse#y",
    );
  });
  it("remote proxies have no path", () => {
    expect(
      mcpRemoteProxyUrl("github", "tools", {
        remoteUrl: "https://x",
        transport: "streamable-http",
        proxyPort: 8081,
        sessionAffinity: "ClientIP",
        trustProxyHeaders: false,
      }),
    ).toBe("http://mcp-github-remote-proxy.tools.svc.cluster.local:8081");
  });
  it("uses the effective transport: proxyMode only for stdio", () => {
    expect(effectiveTransport(server({ transport: "sse", proxyMode: "streamable-http" }))).toBe("sse");
    expect(effectiveTransport(server({ transport: "stdio", proxyMode: "sse" }))).toBe("sse");
    expect(effectiveTransport(server({ transport: "streamable-http", proxyMode: "sse" }))).toBe("streamable-http");
    expect(effectiveTransport(server({ transport: "stdio" }))).toBe("streamable-http");
  });
});

describe("CA bundle volume names", () => {
  it("is ca-bundle-<entry> when it fits", () => {
    expect(caBundleVolumeName("my-entry")).toBe("ca-bundle-my-entry");
  });
  it("truncates long names to 63 characters with a hash, no trailing dash", () => {
    const a = caBundleVolumeName("a".repeat(43) + "-" + "b".repeat(30));
    const b = caBundleVolumeName("a".repeat(43) + "-" + "c".repeat(30));
    expect(a.length).toBeLessThanOrEqual(63);
    expect(a).toMatch(/^ca-bundle-a{43}-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });
});

describe("env names", () => {
  it("normalises like the operator", () => {
    expect(normalizeEnvName("test@auth#config")).toBe("TEST_AUTH_CONFIG");
    expect(normalizeEnvName("MyOAuthConfig")).toBe("MYOAUTHCONFIG");
    expect(normalizeEnvName("my-auth.v2")).toBe("MY_AUTH_V2");
    expect(tokenExchangeSecretEnv("test-auth-config")).toBe("TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET_TEST_AUTH_CONFIG");
    expect(headerForwardEnv("github-copilot")).toBe("TOOLHIVE_HEADER_FORWARD_GITHUB_COPILOT");
    expect(headerForwardSecretId("X-API-Key", "stripe")).toBe("HEADER_FORWARD_X_API_KEY_STRIPE");
  });
});
