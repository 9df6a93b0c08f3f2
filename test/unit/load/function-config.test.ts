import { describe, expect, it } from "vitest";
import { VERSION } from "../../../src/cli/version.js";
import { parseFunctionConfig } from "../../../src/load/function-config.js";

// The KRM functionConfig, parsed with its zod model (src/load/function-config.ts): the options of a
// valid one, and for a wrong one every diagnostic (message, field path, hint) in the order of the
// options it names. A typo or a wrong type is never a silent default.
const DOCS = `https://github.com/stacklok/vmcp-gen/blob/v${VERSION}/`;
type Obj = Record<string, unknown>;
const CM = (data?: unknown, meta: Obj = { name: "fn" }): Obj => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: meta,
  ...(data === undefined ? {} : { data }),
});
const TY = (spec?: unknown, meta: Obj = { name: "render", namespace: "pkg" }): Obj => ({
  apiVersion: "vmcp-gen.stacklok.dev/v1alpha1",
  kind: "VmcpGenConfig",
  metadata: meta,
  ...(spec === undefined ? {} : { spec }),
});
type Expected = Obj | [message: string, path: string, hint: string][];

const CASES: [string, unknown, Expected][] = [
  ["absent", undefined, { inputs: "auto", skipInvalidBackends: false, strictRefs: false, vmcp: [] }],
  ["null", null, { inputs: "auto", skipInvalidBackends: false, strictRefs: false, vmcp: [] }],
  ["empty object", {}, { inputs: "auto", skipInvalidBackends: false, strictRefs: false, vmcp: [] }],
  [
    "a string",
    "namespace=a",
    [["functionConfig is not an object", "", "use a ConfigMap with data, or a VmcpGenConfig"]],
  ],
  ["a list", [1], [["functionConfig is not an object", "", "use a ConfigMap with data, or a VmcpGenConfig"]]],
  [
    "another kind",
    { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x", namespace: "y" } },
    [
      [
        "functionConfig must be a ConfigMap or a vmcp-gen.stacklok.dev/v1alpha1 VmcpGenConfig, not apps/v1 Deployment",
        "kind",
        `see ${DOCS}docs/gitops.md#kpt`,
      ],
    ],
  ],
  [
    "ConfigMap of another apiVersion",
    { apiVersion: "v2", kind: "ConfigMap", metadata: { name: "x" } },
    [
      [
        "functionConfig must be a ConfigMap or a vmcp-gen.stacklok.dev/v1alpha1 VmcpGenConfig, not v2 ConfigMap",
        "kind",
        `see ${DOCS}docs/gitops.md#kpt`,
      ],
    ],
  ],
  [
    "kind only, metadata not a mapping",
    { kind: "VmcpGenConfig", metadata: "m" },
    [
      [
        "functionConfig must be a ConfigMap or a vmcp-gen.stacklok.dev/v1alpha1 VmcpGenConfig, not undefined VmcpGenConfig",
        "kind",
        `see ${DOCS}docs/gitops.md#kpt`,
      ],
    ],
  ],
  [
    "ConfigMap without data",
    CM(undefined),
    { inputs: "auto", skipInvalidBackends: false, strictRefs: false, vmcp: [] },
  ],
  ["ConfigMap with data null", CM(null), { inputs: "auto", skipInvalidBackends: false, strictRefs: false, vmcp: [] }],
  [
    "ConfigMap with data a string",
    CM("x"),
    [["functionConfig data must be a mapping", "data", "write the options as data.<option>"]],
  ],
  [
    "VmcpGenConfig with spec a list",
    TY([]),
    [["functionConfig spec must be a mapping", "spec", "write the options as spec.<option>"]],
  ],
  [
    "every option, ConfigMap",
    CM({
      namespace: " team-a ",
      image: " ghcr.io/stacklok/toolhive/vmcp:v0.44.0 ",
      vmcp: "a, team-b/b,,",
      skipInvalidBackends: "TRUE",
      strictRefs: " false ",
      inputs: " keep ",
    }),
    {
      image: "ghcr.io/stacklok/toolhive/vmcp:v0.44.0",
      inputs: "keep",
      namespace: "team-a",
      skipInvalidBackends: true,
      strictRefs: false,
      vmcp: ["a", "team-b/b"],
    },
  ],
  [
    "every option, VmcpGenConfig",
    TY({
      namespace: "team-a",
      image: "registry.example.com/vmcp:v1",
      vmcp: ["a", " b "],
      skipInvalidBackends: true,
      strictRefs: false,
      inputs: "local-config",
    }),
    {
      image: "registry.example.com/vmcp:v1",
      inputs: "local-config",
      namespace: "team-a",
      skipInvalidBackends: true,
      strictRefs: false,
      vmcp: ["a", "b"],
    },
  ],
  [
    "booleans where strings go",
    TY({ namespace: true, image: false }),
    { image: "false", inputs: "auto", namespace: "true", skipInvalidBackends: false, strictRefs: false, vmcp: [] },
  ],
  [
    "a list for vmcp in a ConfigMap",
    CM({ vmcp: ["a", "b"] }),
    { inputs: "auto", skipInvalidBackends: false, strictRefs: false, vmcp: ["a", "b"] },
  ],
  [
    "vmcp a number, ConfigMap",
    CM({ vmcp: 3 }),
    [["data.vmcp must be a comma-separated string", "data.vmcp", "e.g. team-a/engineering,research"]],
  ],
  [
    "vmcp a number, VmcpGenConfig",
    TY({ vmcp: 3 }),
    [
      [
        "spec.vmcp must be a comma-separated string or a list of strings",
        "spec.vmcp",
        "e.g. team-a/engineering,research",
      ],
    ],
  ],
  [
    "vmcp a list holding a number",
    TY({ vmcp: ["a", 1] }),
    [
      [
        "spec.vmcp must be a comma-separated string or a list of strings",
        "spec.vmcp",
        "e.g. team-a/engineering,research",
      ],
    ],
  ],
  [
    "vmcp bad name",
    CM({ vmcp: "ok,Bad_Name,also-bad/" }),
    [
      [
        'data.vmcp: "Bad_Name" is not a VirtualMCPServer name (name or namespace/name, lower-case DNS-1123)',
        "data.vmcp",
        "fix the value, or remove the option to use its default",
      ],
    ],
  ],
  [
    "vmcp namespace/name/extra",
    TY({ vmcp: "a/b/c" }),
    [
      [
        'spec.vmcp: "a/b/c" is not a VirtualMCPServer name (name or namespace/name, lower-case DNS-1123)',
        "spec.vmcp",
        "fix the value, or remove the option to use its default",
      ],
    ],
  ],
  [
    "unknown option with a guess",
    CM({ keepInput: "true" }),
    [['functionConfig has no option "keepInput"', "data.keepInput", 'did you mean "keepInputs"?']],
  ],
  [
    "unknown option without a guess",
    CM({ colour: "blue" }),
    [
      [
        'functionConfig has no option "colour"',
        "data.colour",
        "options are namespace, image, vmcp, skipInvalidBackends, strictRefs, inputs, keepInputs",
      ],
    ],
  ],
  [
    "bad boolean",
    CM({ strictRefs: "yes" }),
    [
      [
        'data.strictRefs: "yes" is not a boolean; use true or false',
        "data.strictRefs",
        "fix the value, or remove the option to use its default",
      ],
    ],
  ],
  [
    "boolean a number",
    TY({ skipInvalidBackends: 1 }),
    [["spec.skipInvalidBackends must be a boolean", "spec.skipInvalidBackends", 'e.g. skipInvalidBackends: "true"']],
  ],
  [
    "boolean null",
    TY({ strictRefs: null }),
    [["spec.strictRefs must be a boolean", "spec.strictRefs", 'e.g. strictRefs: "true"']],
  ],
  [
    "bad image",
    CM({ image: "not an image" }),
    [
      [
        'data.image: "not an image" is not a container image reference (e.g. ghcr.io/stacklok/toolhive/vmcp:v0.44.0)',
        "data.image",
        "fix the value, or remove the option to use its default",
      ],
    ],
  ],
  [
    "image a number",
    TY({ image: 5 }),
    [["spec.image must be a string", "spec.image", 'e.g. image: "ghcr.io/stacklok/toolhive/vmcp:v0.44.0"']],
  ],
  [
    "bad namespace",
    CM({ namespace: "Team_A" }),
    [
      [
        "data.namespace: \"Team_A\" is not a namespace name (at most 63 lower-case letters, digits and '-')",
        "data.namespace",
        "fix the value, or remove the option to use its default",
      ],
    ],
  ],
  [
    "namespace a map",
    TY({ namespace: { a: 1 } }),
    [["spec.namespace must be a string", "spec.namespace", 'e.g. namespace: "team-a"']],
  ],
  [
    "inputs unknown",
    CM({ inputs: "drop" }),
    [
      [
        'data.inputs: "drop" is not one of auto, keep, local-config, consume',
        "data.inputs",
        `auto keeps the inputs and marks those only static mode uses local-config; see ${DOCS}docs/gitops.md#kpt`,
      ],
    ],
  ],
  ["inputs a number", TY({ inputs: 1 }), [["spec.inputs must be a string", "spec.inputs", 'e.g. inputs: "auto"']]],
  [
    "inputs a boolean",
    TY({ inputs: true }),
    [
      [
        'spec.inputs: "true" is not one of auto, keep, local-config, consume',
        "spec.inputs",
        `auto keeps the inputs and marks those only static mode uses local-config; see ${DOCS}docs/gitops.md#kpt`,
      ],
    ],
  ],
  [
    "keepInputs true",
    CM({ keepInputs: "true" }),
    { inputs: "keep", skipInvalidBackends: false, strictRefs: false, vmcp: [] },
  ],
  [
    "keepInputs false",
    TY({ keepInputs: false }),
    { inputs: "consume", skipInvalidBackends: false, strictRefs: false, vmcp: [] },
  ],
  [
    "keepInputs bad",
    CM({ keepInputs: "maybe" }),
    [
      [
        'data.keepInputs: "maybe" is not a boolean; use true or false',
        "data.keepInputs",
        "fix the value, or remove the option to use its default",
      ],
    ],
  ],
  [
    "keepInputs a number",
    TY({ keepInputs: 0 }),
    [["spec.keepInputs must be a boolean", "spec.keepInputs", 'e.g. keepInputs: "true"']],
  ],
  [
    "inputs and keepInputs",
    CM({ inputs: "keep", keepInputs: "true" }),
    [
      [
        "functionConfig sets both inputs and keepInputs",
        "data.keepInputs",
        "remove keepInputs; inputs: keep is keepInputs: true, inputs: consume is keepInputs: false",
      ],
    ],
  ],
  [
    "keepInputs and bad inputs",
    CM({ keepInputs: "true", inputs: "nope" }),
    [
      [
        'data.inputs: "nope" is not one of auto, keep, local-config, consume',
        "data.inputs",
        `auto keeps the inputs and marks those only static mode uses local-config; see ${DOCS}docs/gitops.md#kpt`,
      ],
      [
        "functionConfig sets both inputs and keepInputs",
        "data.keepInputs",
        "remove keepInputs; inputs: keep is keepInputs: true, inputs: consume is keepInputs: false",
      ],
    ],
  ],
  [
    "several mistakes in input order",
    CM({
      zz: "1",
      strictRefs: "yes",
      image: "x y",
      namespace: "ok",
      vmcp: 4,
      inputs: "x",
      skipinvalidbackends: "true",
    }),
    [
      [
        'functionConfig has no option "zz"',
        "data.zz",
        "options are namespace, image, vmcp, skipInvalidBackends, strictRefs, inputs, keepInputs",
      ],
      [
        'data.strictRefs: "yes" is not a boolean; use true or false',
        "data.strictRefs",
        "fix the value, or remove the option to use its default",
      ],
      [
        'data.image: "x y" is not a container image reference (e.g. ghcr.io/stacklok/toolhive/vmcp:v0.44.0)',
        "data.image",
        "fix the value, or remove the option to use its default",
      ],
      ["data.vmcp must be a comma-separated string", "data.vmcp", "e.g. team-a/engineering,research"],
      [
        'data.inputs: "x" is not one of auto, keep, local-config, consume',
        "data.inputs",
        `auto keeps the inputs and marks those only static mode uses local-config; see ${DOCS}docs/gitops.md#kpt`,
      ],
      [
        'functionConfig has no option "skipinvalidbackends"',
        "data.skipinvalidbackends",
        'did you mean "skipInvalidBackends"?',
      ],
    ],
  ],
  [
    "metadata without name",
    { apiVersion: "v1", kind: "ConfigMap", data: { colour: "x" } },
    [
      [
        'functionConfig has no option "colour"',
        "data.colour",
        "options are namespace, image, vmcp, skipInvalidBackends, strictRefs, inputs, keepInputs",
      ],
    ],
  ],
  [
    "metadata namespace not a string",
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: 1, namespace: 2 }, data: { colour: "x" } },
    [
      [
        'functionConfig has no option "colour"',
        "data.colour",
        "options are namespace, image, vmcp, skipInvalidBackends, strictRefs, inputs, keepInputs",
      ],
    ],
  ],
  [
    "__proto__ key",
    CM(JSON.parse('{"__proto__": "x"}')),
    [
      [
        'functionConfig has no option "__proto__"',
        "data.__proto__",
        "options are namespace, image, vmcp, skipInvalidBackends, strictRefs, inputs, keepInputs",
      ],
    ],
  ],
  [
    "constructor key",
    CM({ constructor: "x" }),
    [
      [
        'functionConfig has no option "constructor"',
        "data.constructor",
        "options are namespace, image, vmcp, skipInvalidBackends, strictRefs, inputs, keepInputs",
      ],
    ],
  ],
  [
    "empty string values",
    CM({ namespace: "", image: "", vmcp: "", skipInvalidBackends: "", inputs: "" }),
    [
      [
        "data.namespace: \"\" is not a namespace name (at most 63 lower-case letters, digits and '-')",
        "data.namespace",
        "fix the value, or remove the option to use its default",
      ],
      [
        'data.image: "" is not a container image reference (e.g. ghcr.io/stacklok/toolhive/vmcp:v0.44.0)',
        "data.image",
        "fix the value, or remove the option to use its default",
      ],
      [
        'data.skipInvalidBackends: "" is not a boolean; use true or false',
        "data.skipInvalidBackends",
        "fix the value, or remove the option to use its default",
      ],
      [
        'data.inputs: "" is not one of auto, keep, local-config, consume',
        "data.inputs",
        `auto keeps the inputs and marks those only static mode uses local-config; see ${DOCS}docs/gitops.md#kpt`,
      ],
    ],
  ],
];

describe("parseFunctionConfig", () => {
  it.each(CASES)("%s", (_name, fc, expected) => {
    const { options, diagnostics } = parseFunctionConfig(fc);
    if (Array.isArray(expected)) {
      expect(diagnostics.map((d) => [d.message, (d.path ?? []).join("."), d.hint])).toEqual(expected);
      expect(diagnostics.every((d) => d.severity === "error" && d.code === "VMCP711")).toBe(true);
      expect(options).toEqual({ vmcp: [], skipInvalidBackends: false, strictRefs: false, inputs: "auto" });
    } else {
      expect(diagnostics).toEqual([]);
      expect(options).toEqual(expected);
    }
  });

  it("names the functionConfig in its diagnostics", () => {
    const { diagnostics } = parseFunctionConfig(TY({ colour: "blue" }));
    expect(diagnostics[0]!.resource).toEqual({ kind: "VmcpGenConfig", namespace: "pkg", name: "render" });
  });
});
