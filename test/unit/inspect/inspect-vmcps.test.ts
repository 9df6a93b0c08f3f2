import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inspectVirtualMcpServers } from "../../../src/inspect/inspect-vmcps.js";
import { formatInspectionTable } from "../../../src/inspect/format-table.js";
import type { VmcpInspection } from "../../../src/inspect/types.js";
import { finalizeDiagnostics } from "../../../src/pipeline.js";
import { RULES } from "../../../src/validate/rules/index.js";
import { checkYaml } from "../../helpers/check-yaml.js";

const NS = "ns";
const obj = (kind: string, name: string, spec: string) =>
  `apiVersion: toolhive.stacklok.dev/v1beta1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: ${NS}}\nspec: ${spec}\n`;
const GROUP = obj("MCPGroup", "g", "{}");
const ENTRY = obj(
  "MCPServerEntry",
  "docs",
  "{groupRef: {name: g}, remoteUrl: 'https://docs.example.com/mcp', transport: streamable-http}",
);
const SERVER = obj("MCPServer", "fetch", "{groupRef: {name: g}, image: 'ghcr.io/x/fetch:1'}");
const vmcp = (name: string, extra = "") =>
  obj("VirtualMCPServer", name, `{groupRef: {name: g}, incomingAuth: {type: anonymous}${extra}}`);

function inspect(docs: readonly string[], options: { skipInvalidBackends?: boolean; only?: string[] } = {}) {
  const check = checkYaml(
    { "in.yaml": docs.join("---\n") },
    { rules: RULES, skipInvalidBackends: options.skipInvalidBackends === true },
  );
  const result = inspectVirtualMcpServers(check.model, check.diagnostics, options);
  return {
    items: result.value,
    diagnostics: finalizeDiagnostics(check.load, [...check.diagnostics, ...result.diagnostics]),
  };
}

const one = (docs: readonly string[], options?: { skipInvalidBackends?: boolean }): VmcpInspection => {
  const { items } = inspect(docs, options);
  expect(items).toHaveLength(1);
  return items[0]!;
};
const cond = (v: VmcpInspection, type: string) => v.status.conditions.find((c) => c.type === type);

describe("inspect: the status the operator would report", () => {
  it("reports a valid static server as Ready with its backends", () => {
    const v = one([GROUP, ENTRY, SERVER, vmcp("v", ", outgoingAuth: {source: inline}")]);
    expect(v).toMatchObject({ mode: "inline", group: "g", url: "http://vmcp-v.ns.svc.cluster.local:4483" });
    expect(v.backends.map((b) => [b.name, b.kind, b.transport, b.authType])).toEqual([
      ["docs", "MCPServerEntry", "streamable-http", "unauthenticated"],
      ["fetch", "MCPServer", "streamable-http", "unauthenticated"],
    ]);
    expect(v.status).toMatchObject({ phase: "Ready", backendCount: 2 });
    expect(v.status.discoveredBackends.map((b) => b.status)).toEqual(["ready", "ready"]);
    expect(v.status.conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ["Valid", "True", "ValidationSucceeded"],
      ["GroupRefValidated", "True", "GroupRefValid"],
      ["CompositeToolRefsValidated", "True", "CompositeToolRefsValid"],
      ["AuthConfigured", "True", "AuthValid"],
      ["BackendsDiscovered", "True", "BackendsDiscovered"],
      ["Ready", "True", "AllBackendsRoutable"],
    ]);
  });

  it("lists the group members of a discovered server, with the auth the runtime will resolve", () => {
    const auth = obj(
      "MCPExternalAuthConfig",
      "tok",
      "{type: headerInjection, headerInjection: {headerName: X-Key, valueSecretRef: {name: s, key: k}}}",
    );
    const server = obj(
      "MCPServer",
      "fetch",
      "{groupRef: {name: g}, image: 'ghcr.io/x/fetch:1', externalAuthConfigRef: {name: tok}}",
    );
    const v = one([
      GROUP,
      ENTRY,
      server,
      auth,
      vmcp(
        "v",
        ", outgoingAuth: {source: discovered, backends: {docs: {type: externalAuthConfigRef, externalAuthConfigRef: {name: tok}}}}",
      ),
    ]);
    expect(v.mode).toBe("discovered");
    expect(v.backends.map((b) => [b.name, b.authType, b.authConfigRef])).toEqual([
      ["docs", "header_injection", "tok"],
      ["fetch", "header_injection", "tok"],
    ]);
    expect(v.status.phase).toBe("Ready");
  });

  it("reports Degraded with the dropped backends under --skip-invalid-backends", () => {
    const bad = obj(
      "MCPServerEntry",
      "meta",
      "{groupRef: {name: g}, remoteUrl: 'http://169.254.169.254/', transport: sse}",
    );
    const v = one([GROUP, ENTRY, bad, vmcp("v", ", outgoingAuth: {source: inline}")], { skipInvalidBackends: true });
    expect(v.status.phase).toBe("Degraded");
    expect(v.droppedBackends).toEqual([
      { name: "meta", kind: "MCPServerEntry", reason: expect.stringContaining("169.254.169.254") },
    ]);
    expect(cond(v, "Ready")).toMatchObject({
      status: "False",
      reason: "SomeBackendsUnhealthy",
      message: expect.stringContaining("1/2 backends routable"),
    });
    expect(v.status.backendCount).toBe(1);
  });

  it("fails with the same invalid member when it is not skipped", () => {
    const bad = obj(
      "MCPServerEntry",
      "meta",
      "{groupRef: {name: g}, remoteUrl: 'http://169.254.169.254/', transport: sse}",
    );
    const { items, diagnostics } = inspect([GROUP, ENTRY, bad, vmcp("v", ", outgoingAuth: {source: inline}")]);
    expect(items[0]!.status.phase).toBe("Failed");
    expect(cond(items[0]!, "BackendsDiscovered")).toMatchObject({
      status: "False",
      reason: "BackendDiscoveryFailed",
      message: expect.stringContaining('MCPServerEntry "meta"'),
    });
    expect(items[0]!.status.discoveredBackends).toEqual([]);
    expect(diagnostics.some((d) => d.severity === "error")).toBe(true);
  });

  it.each<[string, readonly string[], string, string]>([
    ["a missing group", [vmcp("v")], "GroupRefValidated", "GroupRefNotFound"],
    [
      "a missing composite tool definition",
      [GROUP, ENTRY, vmcp("v", ", config: {compositeToolRefs: [{name: nope}]}")],
      "CompositeToolRefsValidated",
      "CompositeToolRefNotFound",
    ],
    [
      "an invalid composite tool definition",
      [
        GROUP,
        ENTRY,
        obj(
          "VirtualMCPCompositeToolDefinition",
          "d",
          "{name: d, description: x, steps: [{id: a, tool: t, dependsOn: [b]}]}",
        ),
        vmcp("v", ", config: {compositeToolRefs: [{name: d}]}"),
      ],
      "CompositeToolRefsValidated",
      "CompositeToolRefInvalid",
    ],
    [
      "a missing EmbeddingServer",
      [GROUP, ENTRY, vmcp("v", ", embeddingServerRef: {name: e}")],
      "EmbeddingServerReady",
      "EmbeddingServerNotFound",
    ],
    [
      "an invalid EmbeddingServer",
      [GROUP, ENTRY, obj("EmbeddingServer", "e", "{port: 0}"), vmcp("v", ", embeddingServerRef: {name: e}")],
      "EmbeddingServerReady",
      "EmbeddingServerNotReady",
    ],
    [
      "a missing outgoing auth config",
      [
        GROUP,
        ENTRY,
        vmcp(
          "v",
          ", outgoingAuth: {source: inline, default: {type: externalAuthConfigRef, externalAuthConfigRef: {name: nope}}}",
        ),
      ],
      "AuthConfigured",
      "AuthInvalid",
    ],
    [
      "an empty static group",
      [GROUP, vmcp("v", ", outgoingAuth: {source: inline}")],
      "BackendsDiscovered",
      "BackendDiscoveryFailed",
    ],
    [
      "a schema error on the server itself",
      [GROUP, ENTRY, vmcp("v", ", serviceType: Bogus")],
      "Valid",
      "ValidationFailed",
    ],
  ])("reports Failed for %s", (_name, docs, type, reason) => {
    const v = one(docs);
    expect(v.status.phase).toBe("Failed");
    expect(cond(v, type)).toMatchObject({ status: "False", reason });
    expect(cond(v, "Ready")).toMatchObject({ status: "False" });
    expect(v.status.backendCount).toBe(0);
  });

  it("keeps each server's problems to itself", () => {
    const other = obj("MCPGroup", "h", "{}");
    const { items } = inspect([
      GROUP,
      other,
      ENTRY,
      vmcp("good", ", outgoingAuth: {source: inline}"),
      obj(
        "VirtualMCPServer",
        "bad",
        "{groupRef: {name: h}, incomingAuth: {type: anonymous}, outgoingAuth: {source: inline}}",
      ),
    ]);
    expect(items.map((i) => [i.name, i.status.phase])).toEqual([
      ["bad", "Failed"],
      ["good", "Ready"],
    ]);
  });

  it("gives the same report whatever the order of the inputs", () => {
    const bad = obj(
      "MCPServerEntry",
      "meta",
      "{groupRef: {name: g}, remoteUrl: 'http://169.254.169.254/', transport: sse}",
    );
    const worse = obj(
      "MCPServer",
      "nope",
      "{groupRef: {name: g}, image: 'x:1', externalAuthConfigRef: {name: missing}}",
    );
    const docs = [
      GROUP,
      ENTRY,
      bad,
      worse,
      SERVER,
      vmcp("v", ", outgoingAuth: {source: inline}, config: {compositeToolRefs: [{name: zz}]}"),
    ];
    const forward = formatInspectionTable(inspect(docs).items);
    expect(formatInspectionTable(inspect([...docs].reverse()).items)).toBe(forward);
    expect(forward).toContain('MCPServer "nope"');
  });

  it("inspects only the servers --vmcp names", () => {
    const { items } = inspect([GROUP, ENTRY, vmcp("a"), vmcp("b")], { only: ["ns/b"] });
    expect(items.map((i) => i.name)).toEqual(["b"]);
  });

  it("shows a discovered entry's CA bundle as the ConfigMap vMCP reads, a static one as the mounted file", () => {
    const entry = obj(
      "MCPServerEntry",
      "docs",
      "{groupRef: {name: g}, remoteUrl: 'https://docs.example.com/mcp', transport: sse, caBundleRef: {configMapRef: {name: ca, key: ca.crt}}}",
    );
    const [dynamic, fixed] = inspect([GROUP, entry, vmcp("d"), vmcp("s", ", outgoingAuth: {source: inline}")]).items;
    expect(dynamic!.backends[0]).toMatchObject({ caBundleConfigMap: "ca/ca.crt" });
    expect(fixed!.backends[0]).toMatchObject({ caBundlePath: "/etc/toolhive/ca-bundles/docs/ca.crt" });
  });

  it("prints aligned columns for people", () => {
    const table = formatInspectionTable([one([GROUP, ENTRY, vmcp("v", ", outgoingAuth: {source: inline}")])]);
    const header = table.split("\n").find((l) => l.includes("CONDITION"))!;
    const ready = table.split("\n").find((l) => l.trimStart().startsWith("Ready "))!;
    expect(ready.indexOf("True")).toBe(header.indexOf("STATUS"));
    expect(table).not.toMatch(/ +\n/);
  });
});

/** Static (non-type) imports of a TypeScript file, as paths relative to src/, or package names. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)";/gms)) {
    const spec = m[1]!;
    out.push(spec.startsWith(".") ? path.resolve(path.dirname(file), spec.replace(/\.js$/, ".ts")) : spec);
  }
  return out;
}

describe("inspect does not load cdk8s", () => {
  it("reaches no cdk8s module through static imports from the inspect command and what it imports lazily", () => {
    const src = path.resolve(import.meta.dirname, "../../../src");
    const start = [
      "cli/commands/inspect.ts",
      "pipeline.ts",
      "inspect/inspect-vmcps.ts",
      "inspect/format-report.ts",
    ].map((f) => path.join(src, f));
    const seen = new Set<string>();
    const packages = new Set<string>();
    const queue = [...start];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const dep of staticImports(file)) {
        if (path.isAbsolute(dep)) queue.push(dep);
        else packages.add(dep.split("/")[0]!);
      }
    }
    expect(seen).toContain(path.join(src, "resolve/resolve-vmcps.ts")); // the walk does reach the pipeline's modules
    expect([...packages].filter((p) => p.startsWith("cdk8s"))).toEqual([]);
    expect(
      [...seen]
        .map((f) => path.relative(src, f))
        .filter((f) => f.startsWith("render/") && !f.startsWith("render/config/") && f !== "render/types.ts"),
    ).toEqual([]);
  });
});
