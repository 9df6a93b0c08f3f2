import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { validInputs } from "../integration/helpers/inputs.js";

type Obj = Record<string, unknown> & {
  metadata?: {
    name?: string;
    namespace?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
};

/** The items kpt would send for `files`: each document annotated with its file and index. */
function itemsFromFiles(files: Record<string, string>): Obj[] {
  const items: Obj[] = [];
  for (const [file, text] of Object.entries(files)) {
    jsYaml.loadAll(text).forEach((doc, index) => {
      const o = doc as Obj;
      const annotations = {
        ...(o.metadata?.annotations ?? {}),
        "config.kubernetes.io/index": String(index),
        "config.kubernetes.io/path": file,
        "internal.config.kubernetes.io/index": String(index),
        "internal.config.kubernetes.io/path": file,
      };
      items.push({ ...o, metadata: { ...o.metadata, annotations } });
    });
  }
  return items;
}

function resourceList(items: Obj[], functionConfig?: Obj): string {
  return jsYaml.dump({
    apiVersion: "config.kubernetes.io/v1",
    kind: "ResourceList",
    items,
    ...(functionConfig ? { functionConfig } : {}),
  });
}

interface OutList {
  apiVersion: string;
  kind: string;
  items: Obj[];
  results?: {
    message: string;
    severity: string;
    resourceRef?: Record<string, string>;
    field?: { path: string };
    file?: { path: string; index?: number };
    tags?: Record<string, string>;
  }[];
}

const KPTFILE: Obj = {
  apiVersion: "kpt.dev/v1",
  kind: "Kptfile",
  metadata: { name: "pkg", annotations: { "config.kubernetes.io/local-config": "true" } },
};
const LOCAL: Obj = {
  apiVersion: "fn.kpt.dev/v1alpha1",
  kind: "SetLabels",
  metadata: { name: "labels", annotations: { "config.kubernetes.io/local-config": "true" } },
  labels: { a: "b" },
};
const OTHER: Obj = {
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "unrelated", namespace: "team-a", annotations: { "team.example.com/owner": "a" } },
  data: { mode: "on" },
};

function kinds(list: OutList): string[] {
  return list.items.map((i) => `${i.kind as string}/${i.metadata?.name ?? ""}`);
}

async function runKrm(stdin: string) {
  const r = await runCli(["krm"], { stdin });
  return { ...r, list: r.stdout === "" ? undefined : (jsYaml.load(r.stdout) as OutList) };
}

describe("vmcp-gen krm", () => {
  it("passes through what it does not own, keeps the ToolHive items (static mode: marked local-config), appends the rendered objects with their package path", async () => {
    const inputs = itemsFromFiles({ "vmcp.yaml": validInputs() });
    const items = [KPTFILE, LOCAL, OTHER, ...inputs];
    const r = await runKrm(resourceList(items));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.list!.kind).toBe("ResourceList");
    expect(r.list!.apiVersion).toBe("config.kubernetes.io/v1");
    expect(r.list!.results).toBeUndefined();
    expect(kinds(r.list!)).toEqual([
      "Kptfile/pkg",
      "SetLabels/labels",
      "ConfigMap/unrelated",
      "MCPGroup/tools",
      "MCPServerEntry/context7",
      "VirtualMCPServer/demo",
      "ServiceAccount/demo-vmcp",
      "ConfigMap/demo-vmcp-config",
      "Service/vmcp-demo",
      "Deployment/demo",
    ]);
    // Unchanged, annotations included.
    expect(r.list!.items.slice(0, 3)).toEqual([KPTFILE, LOCAL, OTHER]);
    // The cluster never needs what only a static-mode VirtualMCPServer uses: kept, marked local-config.
    expect(r.list!.items.slice(3, 6)).toEqual(
      inputs.map((i) => ({
        ...i,
        metadata: {
          ...i.metadata,
          annotations: { ...i.metadata!.annotations, "config.kubernetes.io/local-config": "true" },
        },
      })),
    );
    const deployment = r.list!.items[9]!;
    expect(deployment.metadata!.annotations).toMatchObject({
      "internal.config.kubernetes.io/path": "vmcp/team-a/demo/deployment-demo.yaml",
      "internal.config.kubernetes.io/index": "0",
      "config.kubernetes.io/path": "vmcp/team-a/demo/deployment-demo.yaml",
      "config.kubernetes.io/index": "0",
    });
    // The rendered objects are synth's objects, plus the path annotations.
    const synth = await runCli(["synth", "-"], { stdin: validInputs() });
    const strip = (o: Obj) => {
      const annotations = Object.fromEntries(
        Object.entries(o.metadata!.annotations ?? {}).filter(([k]) => !k.includes("config.kubernetes.io/")),
      );
      const { annotations: _a, ...meta } = o.metadata!;
      return { ...o, metadata: Object.keys(annotations).length > 0 ? { ...meta, annotations } : meta };
    };
    expect(r.list!.items.slice(6).map(strip)).toEqual(jsYaml.loadAll(synth.stdout).map((o) => strip(o as Obj)));
    // Each rendered item carries the header synth writes, which kpt keeps at the top of its file.
    expect(r.stdout).toContain(
      "- # Generated by vmcp-gen from VirtualMCPServer team-a/demo — do not edit\n  apiVersion: apps/v1\n  kind: Deployment\n",
    );
  });

  it("keeps what a discovered-mode vMCP reads at run time as it is; inputs: local-config, keep and consume ask otherwise", async () => {
    const inputs = itemsFromFiles({ "vmcp.yaml": validInputs().replace("source: inline", "source: discovered") });
    const marked = (i: Obj) => ({
      ...i,
      metadata: {
        ...i.metadata,
        annotations: { ...i.metadata!.annotations, "config.kubernetes.io/local-config": "true" },
      },
    });
    const config = (inputsMode: string): Obj => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "function-input" },
      data: { inputs: inputsMode },
    });
    const auto = await runKrm(resourceList(inputs));
    expect(auto.code).toBe(0);
    expect(auto.list!.items.slice(0, 3)).toEqual(inputs);
    expect((await runKrm(resourceList(inputs, config("local-config")))).list!.items.slice(0, 3)).toEqual(
      inputs.map(marked),
    );
    expect((await runKrm(resourceList(inputs, config("keep")))).list!.items.slice(0, 3)).toEqual(inputs);
    const consumed = await runKrm(resourceList(inputs, config("consume")));
    expect(kinds(consumed.list!)).toEqual([
      "ServiceAccount/demo-vmcp",
      "Role/demo-vmcp",
      "RoleBinding/demo-vmcp",
      "ConfigMap/demo-vmcp-config",
      "Service/vmcp-demo",
      "Deployment/demo",
    ]);
    const both = await runKrm(
      resourceList(inputs, { ...config("keep"), data: { inputs: "keep", keepInputs: "true" } }),
    );
    expect(both.code).toBe(1);
    expect(both.stderr).toContain("functionConfig sets both inputs and keepInputs");
  });

  it("writes block YAML, never JSON flow style", async () => {
    const r = await runKrm(resourceList([OTHER, ...itemsFromFiles({ "vmcp.yaml": validInputs() })]));
    expect(r.code).toBe(0);
    for (const line of r.stdout.split("\n")) expect(line).not.toMatch(/: \{"|: \[\{|^\{/);
  });

  it("keeps the ToolHive inputs with keepInputs (ConfigMap data or VmcpGenConfig), and fills the namespace from the config", async () => {
    const inputs = itemsFromFiles({ "vmcp.yaml": validInputs({ namespace: null }) });
    const asConfigMap: Obj = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "function-input" },
      data: { keepInputs: "true", namespace: "team-b" },
    };
    const asTyped: Obj = {
      apiVersion: "vmcp-gen.stacklok.dev/v1alpha1",
      kind: "VmcpGenConfig",
      metadata: { name: "render" },
      spec: { keepInputs: true, namespace: "team-b" },
    };
    for (const fc of [asConfigMap, asTyped]) {
      const r = await runKrm(resourceList(inputs, fc));
      expect(r.code, fc.kind as string).toBe(0);
      expect(kinds(r.list!)).toEqual([
        "MCPGroup/tools",
        "MCPServerEntry/context7",
        "VirtualMCPServer/demo",
        "ServiceAccount/demo-vmcp",
        "ConfigMap/demo-vmcp-config",
        "Service/vmcp-demo",
        "Deployment/demo",
      ]);
      expect(r.list!.items.slice(0, 3)).toEqual(inputs);
      expect(r.list!.items[6]!.metadata!.namespace).toBe("team-b");
      expect(r.list!.items[6]!.metadata!.annotations!["internal.config.kubernetes.io/path"]).toBe(
        "vmcp/team-b/demo/deployment-demo.yaml",
      );
    }
  });

  it("keeps ToolHive inputs marked local-config, and replaces objects an earlier run rendered (in-place runs stay idempotent)", async () => {
    const inputs = itemsFromFiles({ "vmcp.yaml": validInputs() }).map((i) => ({
      ...i,
      metadata: {
        ...i.metadata,
        annotations: { ...i.metadata!.annotations, "config.kubernetes.io/local-config": "true" },
      },
    }));
    const first = await runKrm(resourceList(inputs));
    expect(first.code).toBe(0);
    expect(first.list!.items.slice(0, 3)).toEqual(inputs);
    const second = await runKrm(resourceList(first.list!.items));
    expect(second.code).toBe(0);
    expect(second.list!.items).toEqual(first.list!.items);
    // The marker is tooling metadata: the render is the same with it or without (no kpt annotation in config.yaml).
    const unmarked = await runKrm(resourceList(itemsFromFiles({ "vmcp.yaml": validInputs() })));
    expect(first.list!.items.slice(3)).toEqual(unmarked.list!.items.slice(3));
    expect(first.stdout).not.toMatch(/config\.kubernetes\.io\/local-config: 'true'\n\s+group:/);
  });

  it("filters by vmcp and sets the image from the functionConfig", async () => {
    const inputs = itemsFromFiles({ "vmcp.yaml": validInputs({ vmcps: ["alpha", "beta"] }) });
    const fc: Obj = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "function-input" },
      data: { vmcp: "team-a/beta", image: "registry.example.com/vmcp:v0.44.0", inputs: "consume" },
    };
    const r = await runKrm(resourceList(inputs, fc));
    expect(r.code).toBe(0);
    expect(kinds(r.list!)).toEqual([
      "ServiceAccount/beta-vmcp",
      "ConfigMap/beta-vmcp-config",
      "Service/vmcp-beta",
      "Deployment/beta",
    ]);
    expect(r.stdout).toContain("image: registry.example.com/vmcp:v0.44.0");
  });

  it("on invalid input: exit 1, the items unchanged, the problems as results with resource, field and file", async () => {
    const files = {
      "group.yaml":
        "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPGroup\nmetadata:\n  name: other\n  namespace: team-a\n",
      "vmcp.yaml": validInputs().split("---\n").slice(1).join("---\n"),
    };
    const items = [KPTFILE, ...itemsFromFiles(files)];
    const r = await runKrm(resourceList(items));
    expect(r.code).toBe(1);
    // stdout is the ResourceList and nothing else.
    expect(r.list!.kind).toBe("ResourceList");
    expect(r.list!.items).toEqual(items);
    const vmcpResult = r.list!.results!.find((x) => x.resourceRef?.kind === "VirtualMCPServer");
    expect(vmcpResult).toEqual({
      message: expect.stringMatching(
        /^VMCP401: MCPGroup "tools" does not exist in namespace "team-a"/,
      ) as unknown as string,
      severity: "error",
      resourceRef: {
        apiVersion: "toolhive.stacklok.dev/v1beta1",
        kind: "VirtualMCPServer",
        name: "demo",
        namespace: "team-a",
      },
      field: { path: "spec.groupRef.name" },
      file: { path: "vmcp.yaml", index: 1 },
      tags: { code: "VMCP401" },
    });
    expect(r.stderr).toContain("vmcp.yaml#1: error VMCP401");
  });

  it("reports functionConfig mistakes as results (exit 1): unknown option, bad boolean, bad image, wrong kind", async () => {
    const inputs = itemsFromFiles({ "vmcp.yaml": validInputs() });
    const cases: [Obj, RegExp][] = [
      [
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "function-input" }, data: { keepInput: "true" } },
        /no option "keepInput".*did you mean "keepInputs"/,
      ],
      [
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "function-input" }, data: { strictRefs: "yes" } },
        /data\.strictRefs: "yes" is not a boolean/,
      ],
      [
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "function-input" }, data: { image: "not an image" } },
        /is not a container image reference/,
      ],
      [
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "function-input" }, data: { vmcp: "Bad_Name" } },
        /is not a VirtualMCPServer name/,
      ],
      [
        { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" } },
        /functionConfig must be a ConfigMap or a vmcp-gen\.stacklok\.dev\/v1alpha1 VmcpGenConfig/,
      ],
    ];
    for (const [fc, message] of cases) {
      const r = await runKrm(resourceList(inputs, fc));
      expect(r.code, JSON.stringify(fc)).toBe(1);
      expect(r.list!.items).toEqual(inputs);
      expect(r.list!.results).toHaveLength(1);
      expect(r.list!.results![0]!.message).toMatch(message);
      expect(r.list!.results![0]!.severity).toBe("error");
      expect(r.list!.results![0]!.resourceRef).toMatchObject({ kind: fc.kind, name: fc.metadata!.name });
    }
  });

  it("passes a package without ToolHive objects through, with a warning", async () => {
    const r = await runKrm(resourceList([KPTFILE, OTHER]));
    expect(r.code).toBe(0);
    expect(r.list!.items).toEqual([KPTFILE, OTHER]);
    expect(r.list!.results).toEqual([
      {
        message: expect.stringContaining("VMCP701: no ToolHive objects") as unknown as string,
        severity: "warning",
        tags: { code: "VMCP701" },
      },
    ]);
  });

  it("refuses input that is not a ResourceList: exit 1, nothing on stdout", async () => {
    for (const [stdin, code] of [
      [validInputs(), "VMCP710"],
      ["apiVersion: v1\nkind: List\nitems: []\n", "VMCP710"],
      ["apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: [\n", "VMCP101"],
      ["apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: [1]\n", "VMCP710"],
    ] as const) {
      const r = await runCli(["krm"], { stdin });
      expect(r.code, stdin).toBe(1);
      expect(r.stdout, stdin).toBe("");
      expect(r.stderr, stdin).toContain(code);
    }
  });
});
