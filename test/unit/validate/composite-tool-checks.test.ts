import { describe, expect, it } from "vitest";
import type { CompositeToolConfig } from "../../../src/validate/spec-types.js";
import { checkCompositeTool } from "../../../src/validate/rules/composite-tool-checks.js";
import {
  outputTemplateProblem,
  stepOutputRefs,
  unclosedAction,
} from "../../../src/validate/rules/composite-templates.js";

// The rules mirror the runtime's own validation, part of which the CRD schema makes too; these
// tools go past the schema (and so past the type) on purpose.
const base = (over: Record<string, unknown> = {}): CompositeToolConfig =>
  ({
    name: "t",
    description: "d",
    steps: [{ id: "a", type: "tool", tool: "srv.tool" }],
    ...over,
  }) as CompositeToolConfig;

/** `message` of each issue, without the path prefix, for compact assertions. */
const problems = (tool: CompositeToolConfig) =>
  checkCompositeTool(["spec"], tool).map((i) => ({
    path: i.path.join("."),
    severity: i.severity,
    text: i.message.replace(/^[^:]*: /, ""),
  }));

describe("checkCompositeTool: the runtime's ValidateCompositeToolConfig", () => {
  it("accepts a minimal valid tool", () => expect(problems(base())).toEqual([]));

  it.each<[string, Record<string, unknown>, string, string]>([
    ["name", { name: "" }, "spec", "name is required"],
    ["description", { description: "" }, "spec", "description is required"],
    ["steps", { steps: [] }, "spec", "steps must have at least one step"],
    [
      "parameters without type",
      { parameters: { properties: {} } },
      "spec.parameters",
      "parameters must have a type field (object)",
    ],
    [
      "parameters of another type",
      { parameters: { type: "string" } },
      "spec.parameters.type",
      'parameters type must be "object" (got "string")',
    ],
    [
      "parameters.required not a list",
      { parameters: { type: "object", required: "x" } },
      "spec.parameters.required",
      "parameters required must be a list",
    ],
  ])("%s", (_name, over, path, text) => {
    expect(problems(base(over))).toContainEqual({ path, severity: "error", text });
  });

  it.each<[string, Record<string, unknown>[], string, string]>([
    ["a missing id", [{ type: "tool", tool: "x" }], "spec.steps.0", "id is required"],
    [
      "a duplicated id",
      [
        { id: "a", type: "tool", tool: "x" },
        { id: "a", type: "tool", tool: "y" },
      ],
      "spec.steps.1.id",
      'step id "a" is duplicated (first used by steps[0])',
    ],
    ["a tool step without tool", [{ id: "a", type: "tool" }], "spec.steps.0.tool", "tool is required for tool steps"],
    [
      "an invalid tool name",
      [{ id: "a", type: "tool", tool: "bad name" }],
      "spec.steps.0.tool",
      '"bad name" is not a valid tool name',
    ],
    [
      "an elicitation without message",
      [{ id: "a", type: "elicitation", schema: { type: "object" } }],
      "spec.steps.0",
      "message is required when type is elicitation",
    ],
    [
      "an elicitation without schema",
      [{ id: "a", type: "elicitation", message: "ok?" }],
      "spec.steps.0",
      "schema is required for elicitation steps",
    ],
    [
      "an unknown type",
      [{ id: "a", type: "loop" }],
      "spec.steps.0.type",
      'type must be one of tool, elicitation, forEach (got "loop")',
    ],
    [
      "retry without retryCount",
      [{ id: "a", type: "tool", tool: "x", onError: { action: "retry" } }],
      "spec.steps.0.onError",
      "onError.retryCount must be at least 1 when action is retry",
    ],
    [
      "an elicitation handler without action",
      [{ id: "a", type: "elicitation", message: "m", schema: { type: "object" }, onCancel: {} }],
      "spec.steps.0.onCancel.action",
      "action is required",
    ],
    [
      "an unclosed template",
      [{ id: "a", type: "tool", tool: "x", arguments: { q: "{{ .params.q" } }],
      "spec.steps.0.arguments.q",
      "invalid template: an action opened with {{ is never closed",
    ],
    [
      "defaultResults that is not a map",
      [{ id: "a", type: "tool", tool: "x", defaultResults: "none" }],
      "spec.steps.0.defaultResults",
      "defaultResults must be an object of output field → value",
    ],
  ])("rejects %s", (_name, steps, path, text) => {
    expect(problems(base({ steps }))).toContainEqual({ path, severity: "error", text });
  });

  it("says that an elicitation step must declare its type (the CRD defaults type to tool)", () => {
    const [p] = checkCompositeTool(["spec"], base({ steps: [{ id: "ask", type: "tool", message: "Continue?" }] }));
    expect(p?.message).toContain("looks like an elicitation");
    expect(p?.hint).toContain("type: elicitation");
  });

  it("reports a dependsOn to an unknown step at the entry, naming the known ids", () => {
    const issues = checkCompositeTool(
      ["spec"],
      base({
        steps: [
          { id: "a", type: "tool", tool: "x" },
          { id: "b", type: "tool", tool: "y", dependsOn: ["a", "zz"] },
        ],
      }),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      path: ["spec", "steps", 1, "dependsOn", 1],
      message: 'spec.steps[1].dependsOn[1]: dependsOn references unknown step "zz"',
    });
    expect(issues[0]!.hint).toContain("a, b");
  });

  it("reports a dependency cycle once, with the ids along it", () => {
    const steps = [
      { id: "a", type: "tool", tool: "x", dependsOn: ["c"] },
      { id: "b", type: "tool", tool: "x", dependsOn: ["a"] },
      { id: "c", type: "tool", tool: "x", dependsOn: ["b"] },
    ];
    const issues = checkCompositeTool(["spec"], base({ steps }));
    expect(issues.map((i) => i.message)).toEqual(["spec.steps[0].dependsOn: dependency cycle: a → c → b → a"]);
  });

  it("finds a self-dependency", () => {
    expect(problems(base({ steps: [{ id: "a", type: "tool", tool: "x", dependsOn: ["a"] }] }))).toEqual([
      { path: "spec.steps.0.dependsOn", severity: "error", text: "dependency cycle: a → a" },
    ]);
  });

  describe("forEach", () => {
    const forEach = (over: Record<string, unknown>) =>
      base({
        steps: [
          { id: "list", type: "tool", tool: "x" },
          {
            id: "each",
            type: "forEach",
            collection: "{{json .steps.list.output.items}}",
            step: { id: "one", tool: "srv.do" },
            ...over,
          },
        ],
      });

    it("accepts a complete forEach", () => expect(problems(forEach({}))).toEqual([]));
    it.each<[string, Record<string, unknown>, string, string]>([
      ["no collection", { collection: undefined }, "spec.steps.1", "collection is required for forEach steps"],
      ["no inner step", { step: undefined }, "spec.steps.1", "step is required for forEach steps"],
      ["a tool on the forEach itself", { tool: "x" }, "spec.steps.1.tool", "a forEach step must not have tool"],
      ["itemVar index", { itemVar: "index" }, "spec.steps.1.itemVar", '"index" is reserved'],
      [
        "an itemVar that is no identifier",
        { itemVar: "1x" },
        "spec.steps.1.itemVar",
        '"1x" is not a valid Go identifier',
      ],
      [
        "maxParallel above 50",
        { maxParallel: 51 },
        "spec.steps.1.maxParallel",
        "maxParallel must be between 0 and 50 (got 51)",
      ],
      [
        "maxIterations above 1000",
        { maxIterations: 1001 },
        "spec.steps.1.maxIterations",
        "maxIterations must be between 0 and 1000 (got 1001)",
      ],
      [
        "an inner elicitation",
        { step: { id: "one", type: "elicitation", tool: "x" } },
        "spec.steps.1.step.type",
        'the inner step must be a tool step (got "elicitation")',
      ],
      ["an inner step without id", { step: { tool: "x" } }, "spec.steps.1.step", "id is required on the inner step"],
    ])("rejects %s", (_name, over, path, text) => {
      expect(problems(forEach(over))).toContainEqual({ path, severity: "error", text });
    });
    it("warns about (and will drop) unknown fields of the free-form inner step", () => {
      expect(problems(forEach({ step: { id: "one", tool: "x", retries: 3 } }))).toEqual([
        { path: "spec.steps.1.step.retries", severity: "warning", text: 'unknown field "retries" is dropped' },
      ]);
    });
  });

  describe("defaultResults of skippable steps", () => {
    const steps = (skippable: Record<string, unknown>) => [
      { id: "maybe", type: "tool", tool: "x", ...skippable },
      { id: "use", type: "tool", tool: "y", arguments: { n: "{{.steps.maybe.output.count}}" } },
    ];
    it("requires a default for every field read from a step with a condition", () => {
      expect(problems(base({ steps: steps({ condition: "{{.params.on}}" }) }))).toEqual([
        {
          path: "spec.steps.0.defaultResults",
          severity: "error",
          text: 'defaultResults.count is required: step "maybe" may be skipped and its output field "count" is read by step use',
        },
      ]);
    });
    it("also for onError continue, and for fields the output reads", () => {
      const tool = base({
        steps: [{ id: "maybe", type: "tool", tool: "x", onError: { action: "continue" } }],
        output: {
          properties: { total: { type: "integer", description: "t", value: "{{.steps.maybe.output.total}}" } },
        },
      });
      expect(problems(tool).map((p) => p.text)).toEqual([
        'defaultResults.total is required: step "maybe" may be skipped and its output field "total" is read by the output',
      ]);
    });
    it("is satisfied by a defaultResults entry", () => {
      expect(problems(base({ steps: steps({ condition: "{{.params.on}}", defaultResults: { count: 0 } }) }))).toEqual(
        [],
      );
    });
    it("ignores steps that cannot be skipped", () => expect(problems(base({ steps: steps({}) }))).toEqual([]));
  });

  describe("output (the runtime's output validator)", () => {
    const out = (output: Record<string, unknown>) => problems(base({ output }));
    it("requires required ⊆ properties", () => {
      expect(
        out({ properties: { a: { type: "string", description: "a", value: "x" } }, required: ["a", "b"] }),
      ).toEqual([
        { path: "spec.output.required.1", severity: "error", text: 'required field "b" does not exist in properties' },
      ]);
    });
    it.each<[string, Record<string, unknown>, string]>([
      ["no type", { description: "d", value: "v" }, 'property "p" has no type'],
      ["no description", { type: "string", value: "v" }, 'property "p" has no description'],
      [
        "both value and properties",
        {
          type: "object",
          description: "d",
          value: "v",
          properties: { q: { type: "string", description: "q", value: "v" } },
        },
        'property "p" has both value and properties',
      ],
      ["neither", { type: "string", description: "d" }, 'property "p" has neither value nor properties'],
      [
        "properties on a non-object",
        { type: "string", description: "d", properties: { q: { type: "string", description: "q", value: "v" } } },
        'property "p" of type string must use value, not properties',
      ],
      [
        "an unmatched }}",
        { type: "string", description: "d", value: "x }}" },
        'property "p" has invalid template syntax: unmatched closing template delimiter',
      ],
      [
        "a default of the wrong type",
        { type: "boolean", description: "d", value: "v", default: 1 },
        'property "p": default does not match type boolean',
      ],
    ])("rejects a property with %s", (_name, p, text) => {
      expect(out({ properties: { p } }).map((x) => x.text)).toContain(text);
    });
    it("accepts a string default for any type, as the runtime converts it", () => {
      expect(out({ properties: { p: { type: "integer", description: "d", value: "v", default: "3" } } })).toEqual([]);
    });
    it("checks nested properties of an object", () => {
      expect(
        out({
          properties: {
            p: { type: "object", description: "d", properties: { q: { type: "nope", description: "q", value: "v" } } },
          },
        }).map((x) => x.path),
      ).toEqual(["spec.output.properties.p.properties.q.type"]);
    });
  });
});

describe("composite templates", () => {
  it.each([
    ["plain text", false],
    ["{{.a}} and {{.b}}", false],
    ["{{ .a", true],
    ["{{.a}} {{", true],
    ["stray }} is text for Go", false],
  ])("unclosedAction(%j) = %s", (text, expected) => expect(unclosedAction(text)).toBe(expected));

  it.each([
    ["{{.a}}", undefined],
    ["{{{.a}}", "nested template delimiters not allowed"],
    ["x}}", "unmatched closing template delimiter"],
    ["{{.a", "unbalanced template delimiters"],
  ])("outputTemplateProblem(%j)", (text, expected) => expect(outputTemplateProblem(text)).toBe(expected));

  it("finds .steps.<id>.output.<field> references inside actions only", () => {
    expect(
      stepOutputRefs(
        ".steps.a.output.x {{json .steps.b.output.items}} {{if .steps.c.output.ok}}y{{end}} {{$v.steps.d.output.z}}",
      ),
    ).toEqual([
      { step: "b", field: "items" },
      { step: "c", field: "ok" },
    ]);
  });
});

describe("checkCompositeTool: types in the free-form parts (forEach inner step, nested output properties)", () => {
  const loose = (tool: Record<string, unknown>) => problems(tool as CompositeToolConfig);
  const withInner = (step: unknown) =>
    loose({
      name: "t",
      description: "d",
      steps: [{ id: "each", type: "forEach", collection: "{{json .params.items}}", step }],
    });

  it.each<[string, unknown, string, string]>([
    ["a numeric inner tool", { id: "one", tool: 5 }, "spec.steps.0.step.tool", "must be a string"],
    [
      "a list as inner arguments",
      { id: "one", tool: "srv.do", arguments: ["a"] },
      "spec.steps.0.step.arguments",
      "must be a mapping",
    ],
    [
      "a fractional inner retryCount",
      { id: "one", tool: "srv.do", onError: { action: "retry", retryCount: 1.5 } },
      "spec.steps.0.step.onError.retryCount",
      "must be an integer",
    ],
    [
      "numbers in inner dependsOn",
      { id: "one", tool: "srv.do", dependsOn: [1] },
      "spec.steps.0.step.dependsOn",
      "must be a list of strings",
    ],
    [
      "a wrong type two levels down",
      { id: "one", tool: "srv.do", step: { id: 7 } },
      "spec.steps.0.step.step.id",
      "must be a string",
    ],
    ["an inner step that is a string", "srv.do", "spec.steps.0.step", "must be a mapping"],
  ])("%s is the only finding", (_name, step, path, text) => {
    expect(withInner(step)).toEqual([{ path, severity: "error", text }]);
  });

  it.each<[string, unknown, string, string]>([
    [
      "a numeric nested description",
      { child: { type: "string", description: 5, value: "{{.params.x}}" } },
      "spec.output.properties.out.properties.child.description",
      "must be a string",
    ],
    [
      "a numeric nested value",
      { child: { type: "string", description: "c", value: 5 } },
      "spec.output.properties.out.properties.child.value",
      "must be a string",
    ],
    [
      "nested properties that are a string",
      "abc",
      "spec.output.properties.out.properties",
      "must be a mapping of property names to properties",
    ],
    [
      "a nested property that is a list",
      { child: ["x"] },
      "spec.output.properties.out.properties.child",
      "must be a mapping",
    ],
  ])("output: %s", (_name, nested, path, text) => {
    const tool = {
      name: "t",
      description: "d",
      steps: [{ id: "a", type: "tool", tool: "srv.x" }],
      output: { properties: { out: { type: "object", description: "o", properties: nested } } },
    };
    expect(loose(tool)).toEqual([{ path, severity: "error", text }]);
  });

  it("accepts well-typed free-form parts", () => {
    expect(
      withInner({
        id: "one",
        tool: "srv.do",
        arguments: { q: "{{.index}}" },
        dependsOn: [],
        onError: { action: "continue" },
        defaultResults: { x: 1 },
      }),
    ).toEqual([]);
  });
});
