import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createError } from "../../../src/diagnostics/create.js";
import { loadSources } from "../../../src/load/load-inputs.js";
import type { RuleSet } from "../../../src/validate/rules/types.js";
import { resourceKey, validateResources } from "../../../src/validate/validate-resources.js";
import { checkYaml } from "../../helpers/check-yaml.js";
import { REPO_ROOT } from "../../helpers/run-cli.js";
import { lineOf, lines, toolhive } from "../../helpers/yaml-text.js";

const GROUP = toolhive("MCPGroup", "tools", []);
const VMCP = toolhive("VirtualMCPServer", "v", [
  "  groupRef:",
  "    name: tools",
  "  incomingAuth:",
  "    type: anonymous",
  "  outgoingAuth:",
  "    source: inline",
]);
const entry = (name: string, ...extra: string[]) =>
  toolhive("MCPServerEntry", name, [
    "  remoteUrl: https://mcp.example.com/mcp",
    "  transport: streamable-http",
    "  groupRef:",
    "    name: tools",
    ...extra,
  ]);

describe("validateResources", () => {
  it("indexes every valid object with its typed, defaulted spec", () => {
    const r = checkYaml({ "a.yaml": [GROUP, VMCP, entry("good")].join("---\n") });
    expect(r.diagnostics).toEqual([]);
    const v = r.model.index.get("VirtualMCPServer", "default", "v");
    expect(v?.spec).toMatchObject({
      groupRef: { name: "tools" },
      serviceType: "ClusterIP",
      outgoingAuth: { source: "inline" },
    });
    expect(r.model.index.list("MCPServerEntry").map((t) => t.resource.name)).toEqual(["good"]);
    // The model's resources carry the defaults too.
    const body = r.model.resources.find((x) => x.kind === "VirtualMCPServer")?.body as {
      spec: { serviceType?: string };
    };
    expect(body.spec.serviceType).toBe("ClusterIP");
    expect(r.model.invalid.size).toBe(0);
  });

  it("keeps invalid objects out of the typed index but counts them as present", () => {
    const r = checkYaml({ "a.yaml": [GROUP, entry("bad", "  unknownField: 1")].join("---\n") });
    expect(r.model.index.get("MCPServerEntry", "default", "bad")).toBeUndefined();
    expect(r.model.index.has("MCPServerEntry", "default", "bad")).toBe(true);
    expect([...r.model.invalid]).toEqual(["MCPServerEntry/default/bad"]);
  });

  it("keeps objects outside the ToolHive group as they are", () => {
    const cm = lines("apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: c", "data:", "  k: v");
    const r = checkYaml({ "c.yaml": cm });
    expect(r.diagnostics).toEqual([]);
    expect(r.model.resources[0]?.body).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", namespace: "default" },
      data: { k: "v" },
    });
  });

  it("runs the given rules on objects that passed the schema check only", () => {
    const seen: string[] = [];
    const rules: RuleSet = {
      MCPServerEntry: [
        ({ resource }) => {
          seen.push(resource.name);
          return [
            createError("VMCP513", `rule fired for ${resource.name}`, {
              source: resource.source,
              path: ["spec", "remoteUrl"],
              resource: { kind: resource.kind, namespace: resource.namespace, name: resource.name },
            }),
          ];
        },
      ],
    };
    const text = [GROUP, entry("good"), entry("bad", "  nope: 1")].join("---\n");
    const r = checkYaml({ "a.yaml": text }, { rules });
    expect(seen).toEqual(["good"]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ["VMCP513", lineOf(text, "remoteUrl:")],
      ["VMCP203", lineOf(text, "nope: 1")],
    ]);
  });

  it("collects every finding of every object, in a stable order whatever the input order", () => {
    const files = {
      "b.yaml": entry("two", "  extra: 1"),
      "a.yaml": [
        GROUP,
        toolhive("VirtualMCPServer", "v", ["  incomingAuth:", "    type: anonymous"]),
        entry("one", "  groupRef:", "    name: missing"),
      ].join("---\n"),
    };
    const forward = checkYaml(files).diagnostics;
    const backward = checkYaml(Object.fromEntries(Object.entries(files).reverse())).diagnostics;
    expect(forward.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(
      backward.map((d) => `${d.file}:${d.line} ${d.code}`),
    );
    expect(forward.map((d) => d.file)).toEqual(["a.yaml", "a.yaml", "b.yaml"]);
  });

  it("accepts input it cannot type (wrong shapes) without throwing", () => {
    const weird = [
      toolhive("VirtualMCPServer", "v", [
        "  groupRef: [1, 2]",
        "  incomingAuth: null",
        "  outgoingAuth: 3",
        "  config: yes",
      ]),
      toolhive("MCPServerEntry", "e", [
        "  caBundleRef:",
        "    configMapRef: null",
        "  externalAuthConfigRef: {name: 5}",
      ]),
      lines(
        "apiVersion: toolhive.stacklok.dev/v1beta1",
        "kind: MCPGroup",
        "metadata:",
        "  name: g",
        "spec: [not, a, mapping]",
      ),
    ].join("---\n");
    const r = checkYaml({ "w.yaml": weird });
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.every((d) => d.line !== undefined)).toBe(true);
  });
});

describe("skipInvalidBackends", () => {
  const text = [GROUP, VMCP, entry("good"), entry("broken", "  externalAuthConfigRef:", "    name: missing-auth")].join(
    "---\n",
  );

  it("without it, an invalid backend is an error", () => {
    const r = checkYaml({ "a.yaml": text });
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ["error", "VMCP402", lineOf(text, "name: missing-auth")],
    ]);
    expect(r.model.dropped.size).toBe(0);
  });

  it("downgrades an invalid entry's errors to warnings and adds VMCP512 at its name", () => {
    const r = checkYaml({ "a.yaml": text }, { skipInvalidBackends: true });
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ["warning", "VMCP512", lineOf(text, "name: broken")],
      ["warning", "VMCP402", lineOf(text, "name: missing-auth")],
    ]);
    expect([...r.model.dropped]).toEqual(["MCPServerEntry/default/broken"]);
    expect(r.diagnostics[0]?.message).toMatch(/MCPServerEntry "broken" is invalid/);
  });

  it("also drops an entry whose CA bundle ConfigMap is broken (the finding is about the ConfigMap)", () => {
    const cm = lines(
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: ca",
      "data:",
      "  ca.crt: not a certificate",
    );
    const t = [
      GROUP,
      cm,
      entry("internal", "  caBundleRef:", "    configMapRef:", "      name: ca", "      key: ca.crt"),
    ].join("---\n");
    const strict = checkYaml({ "a.yaml": t });
    expect(strict.diagnostics.map((d) => [d.severity, d.code])).toEqual([["error", "VMCP411"]]);
    const skipped = checkYaml({ "a.yaml": t }, { skipInvalidBackends: true });
    expect(skipped.diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ["warning", "VMCP411"],
      ["warning", "VMCP512"],
    ]);
    expect([...skipped.model.dropped]).toEqual(["MCPServerEntry/default/internal"]);
  });

  it("never downgrades errors of objects that are not backends", () => {
    const t = [
      toolhive("VirtualMCPServer", "v", ["  groupRef:", "    name: missing", "  incomingAuth:", "    type: anonymous"]),
    ].join("---\n");
    const r = checkYaml({ "a.yaml": t }, { skipInvalidBackends: true });
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([["error", "VMCP401"]]);
    expect(r.model.dropped.size).toBe(0);
  });

  it("treats MCPServer and MCPRemoteProxy backends the same way", () => {
    const t = [
      GROUP,
      toolhive("MCPServer", "s", [
        "  image: img",
        "  groupRef:",
        "    name: tools",
        "  toolConfigRef:",
        "    name: nope",
      ]),
      toolhive("MCPRemoteProxy", "p", [
        "  remoteUrl: https://x.example.com",
        "  groupRef:",
        "    name: tools",
        "  proxyPort: 0",
      ]),
    ].join("---\n");
    const r = checkYaml({ "a.yaml": t }, { skipInvalidBackends: true });
    expect(r.diagnostics.every((d) => d.severity === "warning")).toBe(true);
    expect([...r.model.dropped].sort()).toEqual(["MCPRemoteProxy/default/p", "MCPServer/default/s"]);
  });
});

describe("the quickstart fixture", () => {
  it("validates without findings", () => {
    const dir = path.join(REPO_ROOT, "fixtures", "quickstart");
    const files = Object.fromEntries(
      ["ca-bundle.yaml", "entries.yaml", "group.yaml", "vmcp.yaml"].map((f) => [
        `fixtures/quickstart/${f}`,
        readFileSync(path.join(dir, f), "utf8"),
      ]),
    );
    const r = checkYaml(files);
    expect(r.diagnostics).toEqual([]);
    expect(r.model.index.list("MCPServerEntry").map((t) => t.resource.name)).toEqual(["context7", "internal-docs"]);
  });
});

describe("resourceKey", () => {
  it("is Kind/namespace/name", () => {
    expect(resourceKey({ kind: "MCPGroup", namespace: "ns", name: "g" })).toBe("MCPGroup/ns/g");
    const [r] = loadSources([{ path: "x.yaml", text: GROUP }]).resources;
    expect(validateResources([r!], { rules: {} }).value.index.has("MCPGroup", "default", "tools")).toBe(true);
  });
});
