import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { synthesizeSources } from "../../src/pipeline.js";
import { REPO_ROOT } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { runtimeSchemaErrors } from "../helpers/runtime-schema.js";

/**
 * Every upstream ToolHive v0.44.0 VirtualMCPServer example that is valid renders with
 * `vmcp-gen synth`, and every config.yaml it renders is one the vMCP runtime accepts. The files
 * are read in place, never copied into this repository. The refused ones are listed with why.
 */
const DIR = path.resolve(REPO_ROOT, "../shared/reference/examples/virtual-mcps");
const present = existsSync(DIR);
if (!present) console.warn(`skipped upstream render conformance: ${DIR} does not exist`);

type Verdict = "renders" | { readonly refused: readonly string[]; readonly why: string };

const UNKNOWN_FIELDS =
  "the VirtualMCPCompositeToolDefinition uses spec.failureMode and steps[].onError.maxRetries, which the v0.44.0 types lack (VMCP203)";
const MISSING_OIDC = (name: string) =>
  `incomingAuth.oidcConfigRef names MCPOIDCConfig "${name}", which no example defines (VMCP405)`;

const EXPECTED: Readonly<Record<string, Verdict>> = {
  "composite_tool_complex.yaml": { refused: ["VMCP203"], why: UNKNOWN_FIELDS },
  "composite_tool_simple.yaml": { refused: ["VMCP203"], why: UNKNOWN_FIELDS },
  "composite_tool_with_elicitations.yaml": { refused: ["VMCP203"], why: UNKNOWN_FIELDS },
  "vmcp_codemode.yaml": "renders",
  "vmcp_conflict_resolution.yaml": "renders",
  "vmcp_inline_incoming_auth.yaml": { refused: ["VMCP405"], why: MISSING_OIDC("inline-auth-oidc-config") },
  "vmcp_optimizer_all_options.yaml": "renders",
  "vmcp_optimizer_openai.yaml": "renders",
  "vmcp_optimizer_quickstart.yaml": "renders",
  "vmcp_production_full.yaml": { refused: ["VMCP405"], why: MISSING_OIDC("production-oidc-config") },
  "vmcp_simple_discovered.yaml": "renders",
  "vmcp_with_oidcconfig_ref.yaml": "renders",
  "vmcp_with_telemetry_ref.yaml": "renders",
};

/**
 * What the API server's pruning would leave of the composite-tool examples: without the fields
 * v0.44.0 lacks, two render and one still fails the runtime's own rule (retry needs retryCount).
 */
const PRUNED: Readonly<Record<string, readonly string[]>> = {
  "composite_tool_complex.yaml": [],
  "composite_tool_simple.yaml": [],
  "composite_tool_with_elicitations.yaml": ["VMCP604"],
};

interface Doc {
  readonly kind?: string;
  readonly metadata?: { readonly name?: string };
  readonly data?: Record<string, string>;
}

function configYamls(stdout: string): { name: string; config: unknown }[] {
  return parseAllDocuments(stdout)
    .map((d) => d.toJS() as Doc | null)
    .filter((o): o is Doc => o?.kind === "ConfigMap" && typeof o.data?.["config.yaml"] === "string")
    .map((o) => ({ name: o.metadata?.name ?? "?", config: parse(o.data!["config.yaml"]!) }));
}

function expectRuntimeAccepts(stdout: string): void {
  const configs = configYamls(stdout);
  expect(configs.length).toBeGreaterThan(0);
  for (const { name, config } of configs) {
    const mode =
      (config as { outgoingAuth?: { source?: string } }).outgoingAuth?.source === "inline" ? "static" : "any";
    expect(runtimeSchemaErrors(config, mode), name).toEqual([]);
  }
}

const errorCodes = (stderr: string) =>
  [...new Set([...stderr.matchAll(/ error (VMCP\d+):/g)].map((m) => m[1]!))].sort();

const files = present
  ? readdirSync(DIR)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
  : [];

describe.skipIf(!present)("upstream VirtualMCPServer examples render", () => {
  it("has a verdict for every example", () => expect(files).toEqual(Object.keys(EXPECTED).sort()));

  describe.each(files)("%s", (file) => {
    it("renders, or is refused for the recorded reason", async () => {
      const r = await runInProcess(["synth", file], { cwd: DIR });
      const verdict = EXPECTED[file];
      if (verdict === "renders") {
        expect(r.code, r.stderr).toBe(0);
        expect(errorCodes(r.stderr)).toEqual([]);
        expectRuntimeAccepts(r.stdout);
      } else {
        expect(r.code).toBe(1);
        expect(r.stdout).toBe("");
        expect(errorCodes(r.stderr), verdict?.why).toEqual([...(verdict?.refused ?? [])].sort());
      }
    });
  });

  describe.each(Object.keys(PRUNED))("%s without the fields v0.44.0 lacks", (file) => {
    it(
      PRUNED[file]!.length === 0
        ? "renders a config.yaml the runtime accepts"
        : `is refused with ${PRUNED[file]!.join(", ")}`,
      async () => {
        const text = readFileSync(path.join(DIR, file), "utf8").replace(/^\s*(failureMode|maxRetries):.*\n/gm, "");
        const result = await synthesizeSources([{ path: file, text }]);
        const errors = [...new Set(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code))].sort();
        expect(errors).toEqual(PRUNED[file]);
        if (errors.length > 0) return;
        const { orderManifests } = await import("../../src/emit/order-manifests.js");
        const { formatManifests } = await import("../../src/emit/format-manifests.js");
        expectRuntimeAccepts(formatManifests(orderManifests(result.rendered), "yaml"));
      },
    );
  });
});
