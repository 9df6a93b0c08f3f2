import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeResult } from "../../src/probe/types.js";
import { BIN, ensureBuilt } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { createTempDirManual } from "../helpers/temp-dir.js";
import {
  apiKeyHandler,
  closeAll,
  createTestPki,
  hangingHandler,
  hasOpenssl,
  listen,
  sseHandler,
  streamableHandler,
  type RunningServer,
  type TestPki,
} from "./helpers/mcp-test-servers.js";

/**
 * `vmcp-gen probe` against real MCP servers built with the SDK's server classes, on loopback, with
 * a test CA and certificates made here by openssl: the right CA, a wrong CA, no CA bundle, an
 * expired certificate, a certificate for another host, plain HTTP (on an http:// and on an
 * https:// URL), SSE and streamable HTTP, a server that never answers, a 401, and a header
 * credential sent only with --auth-from-env. Every URL names mcp.test; --resolve sends it to
 * 127.0.0.1 while TLS still checks mcp.test. With PROBE_REPORT=<file> the JSON report is kept.
 */
const API_KEY = "SENTINEL-api-key-never-printed";
const AUTH_ENV = "TOOLHIVE_HEADER_INJECTION_VALUE_API_KEY";

const indent = (pem: string, by: string) =>
  pem
    .trim()
    .split("\n")
    .map((l) => `${by}${l}`)
    .join("\n");

/** The whole input set, or with `only` just those entries (and what they need). */
function inputs(pki: TestPki, ports: Record<string, number>, only?: readonly string[]): string {
  const entry = (name: string, url: string, extra: string[] = [], transport = "streamable-http") =>
    [
      "apiVersion: toolhive.stacklok.dev/v1beta1",
      "kind: MCPServerEntry",
      "metadata:",
      `  name: ${name}`,
      "spec:",
      "  groupRef:",
      "    name: probe",
      `  remoteUrl: ${url}`,
      `  transport: ${transport}`,
      ...extra,
    ].join("\n");
  const ca = (cm: string) => ["  caBundleRef:", "    configMapRef:", `      name: ${cm}`, "      key: ca.crt"];
  const https = (port: string, p = "/mcp") => `https://mcp.test:${ports[port]}${p}`;
  return [
    "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPGroup\nmetadata:\n  name: probe",
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-ca\ndata:\n  ca.crt: |\n${indent(pki.ca, "    ")}`,
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other-ca\ndata:\n  ca.crt: |\n${indent(pki.otherCa, "    ")}`,
    "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPExternalAuthConfig\nmetadata:\n  name: api-key\nspec:\n  type: headerInjection\n  headerInjection:\n    headerName: X-API-Key\n    valueSecretRef:\n      name: api-key\n      key: value",
    entry("right-ca", https("streamable"), ca("test-ca")),
    entry("right-ca-sse", https("sse", "/sse"), ca("test-ca"), "sse"),
    entry("wrong-ca", https("streamable"), ca("other-ca")),
    entry("no-ca-bundle", https("streamable")),
    entry("expired", https("expired"), ca("test-ca")),
    entry("wrong-host", https("wrongHost"), ca("test-ca")),
    entry("plain-http", `http://mcp.test:${ports.plain}/mcp`),
    entry("plain-on-https", https("plain"), ca("test-ca")),
    entry("hangs", https("hang"), ca("test-ca")),
    entry("unauthorized", https("unauthorized"), ca("test-ca")),
    entry("api-key", https("apiKey"), [...ca("test-ca"), "  externalAuthConfigRef:", "    name: api-key"]),
    "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: VirtualMCPServer\nmetadata:\n  name: gateway\nspec:\n  groupRef:\n    name: probe\n  incomingAuth:\n    type: anonymous\n  outgoingAuth:\n    source: inline",
  ]
    .filter(
      (doc) => !only || !doc.includes("kind: MCPServerEntry") || only.some((name) => doc.includes(`  name: ${name}\n`)),
    )
    .join("\n---\n");
}

describe.skipIf(!hasOpenssl())("vmcp-gen probe against local MCP servers (skipped: no openssl CLI)", () => {
  const dir = createTempDirManual({ input: {} });
  let servers: RunningServer[] = [];
  let resolves: string[] = [];

  beforeAll(async () => {
    const pki = createTestPki(dir.path());
    const named: Record<string, RunningServer> = {
      streamable: await listen(streamableHandler, pki.good),
      sse: await listen(sseHandler(), pki.good),
      expired: await listen(streamableHandler, pki.expired),
      wrongHost: await listen(streamableHandler, pki.wrongHost),
      plain: await listen(streamableHandler),
      hang: await listen(hangingHandler, pki.good),
      unauthorized: await listen(apiKeyHandler(undefined), pki.good),
      apiKey: await listen(apiKeyHandler(API_KEY), pki.good),
    };
    servers = Object.values(named);
    const ports = Object.fromEntries(Object.entries(named).map(([k, s]) => [k, s.port]));
    writeFileSync(dir.path("input", "probe.yaml"), inputs(pki, ports));
    writeFileSync(dir.path("reachable.yaml"), inputs(pki, ports, ["right-ca", "right-ca-sse", "plain-http"]));
    writeFileSync(dir.path("auth.yaml"), inputs(pki, ports, ["unauthorized", "api-key"]));
    resolves = servers.flatMap((s) => ["--resolve", `mcp.test:${s.port}:127.0.0.1`]);
  });

  afterAll(async () => {
    await closeAll(servers);
    dir.cleanup();
  });

  const probe = async (extra: string[] = [], env: Record<string, string> = {}, input = "input") => {
    const r = await runInProcess(["probe", input, "--format", "json", "--timeout", "2s", ...resolves, ...extra], {
      cwd: dir.path(),
      env,
    });
    expect(r.stdout, r.stderr).not.toBe("");
    const items = (JSON.parse(r.stdout) as { items: ProbeResult[] }).items;
    return { ...r, byName: new Map(items.map((i) => [i.backend, i])) };
  };

  // Every case at once (the hanging server costs the whole --timeout): run once, read by two tests.
  let everything: ReturnType<typeof probe> | undefined;
  const probeEverything = () => (everything ??= probe());

  it("reports each backend, with each step timed, and the failures as located diagnostics", async () => {
    const r = await probeEverything();
    if (process.env.PROBE_REPORT)
      writeFileSync(
        process.env.PROBE_REPORT,
        `${JSON.stringify({ stdout: JSON.parse(r.stdout), stderr: r.stderr }, null, 2)}\n`,
      );
    expect(r.code).toBe(1);
    const status = Object.fromEntries([...r.byName].map(([k, v]) => [k, v.status]));
    expect(status).toEqual({
      "api-key": "needs-auth",
      expired: "failed",
      hangs: "failed",
      "no-ca-bundle": "failed",
      "plain-http": "reachable",
      "plain-on-https": "failed",
      "right-ca": "reachable",
      "right-ca-sse": "reachable",
      unauthorized: "needs-auth",
      "wrong-ca": "failed",
      "wrong-host": "failed",
    });
    for (const name of ["right-ca", "right-ca-sse", "plain-http"]) {
      const ok = r.byName.get(name)!;
      expect(ok.tools, name).toBe(2);
      expect(ok.server).toMatchObject({ name: "test-backend", version: "1.2.3" });
      expect(ok.steps.map((s) => s.step)).toEqual(
        name === "plain-http" ? ["dns", "tcp", "mcp"] : ["dns", "tcp", "tls", "mcp"],
      );
      expect(ok.steps.every((s) => s.ok && s.ms >= 0)).toBe(true);
    }
    expect(r.byName.get("right-ca")!.steps[0]!.detail).toBe("--resolve: 127.0.0.1");
    expect(r.byName.get("right-ca")!.steps[2]!.detail).toContain("CN=mcp.test (issued by CN=vmcp-gen Test CA");
  });

  it("names the certificate the server sent and what the caBundleRef ConfigMap holds", async () => {
    const { stderr } = await probeEverything();
    expect(stderr).toMatch(
      /error VMCP542: backend wrong-ca of VirtualMCPServer default\/gateway \(https:\/\/mcp\.test:\d+\/mcp\): certificate signed by unknown authority \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): the server sent CN=mcp\.test \(issued by CN=vmcp-gen Test CA, valid [\d-]+ to [\d-]+, names mcp\.test\) — the caBundleRef ConfigMap other-ca \(key ca\.crt\) holds CN=Unrelated CA/,
    );
    expect(stderr).toMatch(/in MCPServerEntry\/default\/wrong-ca spec\.caBundleRef\.configMapRef\.name/);
    expect(stderr).toMatch(
      /error VMCP542: backend no-ca-bundle .* — the entry has no caBundleRef, so only the system roots are trusted/,
    );
    expect(stderr).toMatch(/error VMCP543: backend expired .*: certificate has expired: the server sent CN=mcp\.test/);
    expect(stderr).toMatch(
      /error VMCP544: backend wrong-host .*: certificate does not name mcp\.test: the server sent CN=other\.test/,
    );
    expect(stderr).toMatch(
      /error VMCP545: backend plain-on-https .*: the server does not speak TLS on this port \(it answered like plain HTTP\)/,
    );
    expect(stderr).toMatch(/error VMCP547: backend hangs .*: no answer within \d+ ms during MCP initialize/);
    expect(stderr).toMatch(/^input\/probe\.yaml:\d+:\d+: error VMCP544/m);
    expect(stderr).toContain("Found 6 errors and 0 warnings.");
  });

  it("counts 401 as reachable, needs auth, and sends a credential only with --auth-from-env, never printing it", async () => {
    const auth = (extra: string[], env: Record<string, string> = {}) => probe(extra, env, "auth.yaml");
    const without = await auth([]);
    expect(without.byName.get("unauthorized")).toMatchObject({
      status: "needs-auth",
      sentCredential: false,
      detail: "HTTP 401: reachable, needs auth (unauthenticated; no credentials sent)",
    });
    expect(without.byName.get("api-key")).toMatchObject({ status: "needs-auth", sentCredential: false });
    // In the environment, but no --auth-from-env: still not sent.
    expect((await auth([], { [AUTH_ENV]: API_KEY })).byName.get("api-key")).toMatchObject({
      status: "needs-auth",
      sentCredential: false,
    });
    const withAuth = await auth(["--auth-from-env"], { [AUTH_ENV]: API_KEY });
    expect(withAuth.byName.get("api-key")).toMatchObject({ status: "reachable", sentCredential: true, tools: 2 });
    expect(`${withAuth.stdout}${withAuth.stderr}`).not.toContain(API_KEY);
    const wrong = await auth(["--auth-from-env"], { [AUTH_ENV]: "wrong-value" });
    expect(wrong.byName.get("api-key")).toMatchObject({ status: "failed", sentCredential: true });
    expect(wrong.stderr).toMatch(/error VMCP548: backend api-key .*HTTP 401/);
    expect(wrong.stderr).not.toContain("wrong-value");
    const missing = await auth(["--auth-from-env", "--vmcp", "gateway"]);
    expect(missing.stderr).toContain(`warning VMCP549: --auth-from-env: ${AUTH_ENV} is not set`);
  });

  it("runs end to end through the built CLI: a table, exit 1, and 0 when only reachable backends are left", async () => {
    ensureBuilt();
    const run = promisify(execFile);
    // NODE_EXTRA_CA_CERTS names the test CA: the caller's trust, not the pod's, so it must not count.
    const env = { ...process.env, NO_COLOR: "1", NODE_EXTRA_CA_CERTS: dir.path("ca.pem") };
    type Ran = { code?: number; stdout: string; stderr: string };
    const failed: Ran = await run(process.execPath, [BIN, "probe", "input", "--timeout", "2s", ...resolves], {
      cwd: dir.path(),
      env,
    }).catch((e: Ran) => e);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(
      /^default\/gateway +no-ca-bundle +streamable-http +FAILED .*certificate signed by unknown authority/m,
    );
    expect(failed.stdout).toMatch(/^VMCP +BACKEND +TRANSPORT +STATUS +DNS +TCP +TLS +MCP +TOOLS +DETAIL$/m);
    expect(failed.stdout).toMatch(
      /^default\/gateway +right-ca-sse +sse +reachable +0\.0ms +[\d.]+ms +[\d.]+ms +[\d.]+ms +2 +test-backend 1\.2\.3/m,
    );
    expect(failed.stdout).toContain("11 backends: 3 reachable, 2 needs auth, 6 failed, 0 skipped");
    // Only the reachable servers: an input with those entries alone exits 0.
    const ok = await run(process.execPath, [BIN, "probe", "reachable.yaml", "--timeout", "2s", ...resolves], {
      cwd: dir.path(),
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(ok.stdout).toContain("3 backends: 3 reachable, 0 needs auth, 0 failed, 0 skipped");
    // The --resolve options of the other servers match nothing here: warnings, not errors.
    expect(ok.stderr).not.toMatch(/error VMCP/);
  });

  it("skips in-cluster URLs unless --in-cluster, and warns about a --resolve that matches nothing", async () => {
    const input = [
      "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPGroup\nmetadata:\n  name: g",
      "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPServer\nmetadata:\n  name: github\nspec:\n  groupRef:\n    name: g\n  image: ghcr.io/github/github-mcp-server:v0.9.0",
      "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: VirtualMCPServer\nmetadata:\n  name: v\nspec:\n  groupRef:\n    name: g\n  incomingAuth:\n    type: anonymous\n  outgoingAuth:\n    source: inline",
    ].join("\n---\n");
    const skipped = await runInProcess(
      ["probe", "-", "--format", "json", "--resolve", "nothing.example:443:127.0.0.1"],
      { cwd: dir.path(), stdin: input },
    );
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout).items[0]).toMatchObject({
      backend: "github",
      status: "skipped",
      url: "http://mcp-github-proxy.default.svc.cluster.local:8080/mcp",
    });
    expect(skipped.stderr).toContain("warning VMCP721: --resolve nothing.example:443:127.0.0.1 matches no backend URL");
    // Through a port-forward: --resolve names the Service's host, so it is probed.
    const forwarded = await runInProcess(
      [
        "probe",
        "-",
        "--format",
        "json",
        "--timeout",
        "2s",
        "--resolve",
        `mcp-github-proxy.default.svc.cluster.local:8080:127.0.0.1`,
      ],
      { cwd: dir.path(), stdin: input },
    );
    expect(JSON.parse(forwarded.stdout).items[0].status).not.toBe("skipped");
  });
});

describe("probe flags", () => {
  it("rejects a --resolve that is not HOST:PORT:ADDRESS", async () => {
    const r = await runInProcess(["probe", "fixtures/quickstart", "--resolve", "docs.example.com:443:not-an-ip"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--resolve: "docs.example.com:443:not-an-ip" is not HOST:PORT:ADDRESS');
  });
});
