import { describe, expect, it } from "vitest";
import { createError, createWarning, dedupeDiagnostics } from "../../src/diagnostics/create.js";
import { parse } from "yaml";
import { createTempDir } from "../helpers/temp-dir.js";
import { lines } from "../helpers/yaml-text.js";
import { parseRendered } from "../properties/rendered-output.js";
import { contractProblems, runMain } from "./contract.js";

/**
 * Inputs the fuzzer found that broke the contract and that are valid (exit 0), so they cannot live
 * in the bad-input corpus: each is run with validate and synth and must keep the contract.
 * (Regressions that must fail are cases in fixtures/invalid.)
 */
const TH = "toolhive.stacklok.dev/v1beta1";
const base = lines(
  `apiVersion: ${TH}`,
  "kind: MCPGroup",
  "metadata:",
  "  name: tools",
  "---",
  `apiVersion: ${TH}`,
  "kind: MCPServerEntry",
  "metadata:",
  "  name: docs",
  "spec:",
  "  groupRef:",
  "    name: tools",
  "  remoteUrl: https://docs.example.com/mcp",
  "  transport: streamable-http",
  "---",
);
const vmcp = (...config: string[]) =>
  lines(
    `apiVersion: ${TH}`,
    "kind: VirtualMCPServer",
    "metadata:",
    "  name: demo",
    "spec:",
    "  groupRef:",
    "    name: tools",
    "  incomingAuth:",
    "    type: anonymous",
    "  outgoingAuth:",
    "    source: inline",
    ...(config.length > 0 ? ["  config:", ...config] : []),
  );

interface Regression {
  readonly name: string;
  readonly yaml: string;
  /** What the rendered config.yaml must contain, as a check that the value survived. */
  readonly config?: (config: Record<string, unknown>) => void;
  /** What the rendered Deployment must contain. */
  readonly deployment?: (deployment: Record<string, unknown>) => void;
}

const REGRESSIONS: Regression[] = [
  {
    name: "a `__proto__` key in a composite tool's JSON schema (was exit 70: the key became the prototype)",
    yaml:
      base +
      vmcp(
        "    compositeTools:",
        "      - name: approve",
        "        description: Ask first",
        "        steps:",
        "          - id: ask",
        "            type: elicitation",
        "            message: Go ahead?",
        "            schema:",
        "              type: object",
        "              properties:",
        "                __proto__:",
        "                  type: boolean",
      ),
    config: (c) => {
      const schema = (c.compositeTools as { steps: { schema: { properties: object } }[] }[])[0]!.steps[0]!.schema;
      expect(Object.keys(schema.properties)).toEqual(["__proto__"]);
    },
  },
  {
    name: "a null list item in a field of podTemplateSpec that vmcp-gen passes through (was exit 70: cdk8s turned it into undefined)",
    yaml: base + lines(...vmcp().trimEnd().split("\n"), "  podTemplateSpec:", "    x-extension: [1, null]"),
    deployment: (d) =>
      expect((d.spec as { template: Record<string, unknown> }).template["x-extension"]).toEqual([1, null]),
  },
  {
    name: "a `constructor` key in podTemplateSpec (was exit 70: cdk8s refused a 'non-simple object')",
    yaml:
      base +
      lines(
        ...vmcp().trimEnd().split("\n"),
        "  podTemplateSpec:",
        "    metadata:",
        "      annotations:",
        '        constructor: "x"',
        "    x-extension:",
        "      constructor: false",
      ),
    deployment: (d) => {
      const template = (
        d.spec as { template: { metadata: { annotations: Record<string, string> }; "x-extension": unknown } }
      ).template;
      expect(template.metadata.annotations.constructor).toBe("x");
      expect(template["x-extension"]).toEqual({ constructor: false });
    },
  },
];

describe("fuzz regressions that render", () => {
  it.each(REGRESSIONS.map((r) => [r.name, r] as const))("%s", async (_name, r) => {
    const dir = createTempDir({ input: { "all.yaml": r.yaml } });
    for (const command of ["validate", "synth"] as const) {
      const run = await runMain([command, "input", "--diagnostics", "json"], dir.dir);
      expect(contractProblems(command, run), run.stderr).toEqual([]);
      expect(run.code, run.stderr).toBe(0);
      if (command !== "synth") continue;
      const objects = parseRendered(run.stdout);
      if (r.config) {
        const cm = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === "demo-vmcp-config")!;
        r.config(parse((cm.data as Record<string, string>)["config.yaml"]!) as Record<string, unknown>);
      }
      if (r.deployment) r.deployment(objects.find((o) => o.kind === "Deployment")!);
    }
  });
});

describe("fuzz regressions below the CLI", () => {
  it("de-duplication never lets a warning stand in for an error at the same place (was exit 0 with no output)", () => {
    const at = { file: "in.yaml", line: 3, column: 7, path: ["spec", "groupRef", "name"] };
    const warning = createWarning("VMCP401", 'MCPGroup "g" does not exist in namespace "default"', {
      ...at,
      resource: { kind: "MCPServerEntry", namespace: "default", name: "ok" },
    });
    const error = createError("VMCP401", 'MCPGroup "g" does not exist in namespace "default"', {
      ...at,
      resource: { kind: "VirtualMCPServer", namespace: "default", name: "v" },
    });
    expect(dedupeDiagnostics([warning, error])).toEqual([warning, error]);
    expect(dedupeDiagnostics([error, error])).toEqual([error]);
  });
});
