import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/types.js";
import { checkInputs } from "../../src/pipeline.js";
import { REPO_ROOT } from "../helpers/run-cli.js";

/**
 * The ToolHive v0.44.0 example manifests, read in place (never copied into this repository).
 * Each file is validated on its own, as a user would point vmcp-gen at it, and the whole folder
 * once. The table records the verdict, checked by reading each file: `valid`, or the exact set of
 * codes it must produce, with the reason.
 */
const EXAMPLES = path.resolve(REPO_ROOT, "../shared/reference/examples");
const present = existsSync(EXAMPLES);
if (!present) console.warn(`skipped upstream-example conformance: ${EXAMPLES} does not exist`);

type Verdict = "valid" | { readonly codes: readonly string[]; readonly why: string };

const SNAKE_CASE_TOKEN_EXCHANGE =
  "tokenExchange uses snake_case keys (token_url, client_id, client_secret_ref, …) that the v0.44.0 CRD does not know (VMCP203), so the camelCase tokenUrl it requires is missing (VMCP202); audience is present";
const COMPOSITE_FIELDS =
  "VirtualMCPCompositeToolDefinition uses spec.failureMode and steps[].onError.maxRetries, which the v0.44.0 types lack (VMCP203)";
const GROUP_IN_OTHER_FILE =
  'MCPGroup "remote-tools" is defined in mcpserverentry_basic.yaml, not in this file (VMCP401)';

const EXPECTED: Readonly<Record<string, Verdict>> = {
  "embedding-servers/basic-embedding.yaml": "valid",
  "embedding-servers/embedding-advanced.yaml": {
    codes: ["VMCP203"],
    why: "spec.resourceOverrides.deployment: EmbeddingServer's resourceOverrides has no deployment field in v0.44.0",
  },
  "embedding-servers/embedding-with-cache.yaml": "valid",
  "external-auth/complete_example.yaml": { codes: ["VMCP202", "VMCP203"], why: SNAKE_CASE_TOKEN_EXCHANGE },
  "external-auth/mcpexternalauthconfig_basic.yaml": { codes: ["VMCP202", "VMCP203"], why: SNAKE_CASE_TOKEN_EXCHANGE },
  "external-auth/mcpexternalauthconfig_minimal.yaml": { codes: ["VMCP202", "VMCP203"], why: SNAKE_CASE_TOKEN_EXCHANGE },
  "external-auth/mcpremoteproxy_with_bearer_token.yaml": "valid",
  "external-auth/mcpserver_with_external_auth.yaml": {
    codes: ["VMCP402"],
    why: 'MCPExternalAuthConfig "oauth-token-exchange" is defined in mcpexternalauthconfig_basic.yaml, not in this file',
  },
  "mcp-server-entries/mcpserverentry_basic.yaml": "valid",
  "mcp-server-entries/mcpserverentry_mixed_group.yaml": "valid",
  "mcp-server-entries/mcpserverentry_with_ca_bundle.yaml": {
    codes: ["VMCP401", "VMCP411"],
    why: `the CA bundle ConfigMap holds a placeholder comment between the BEGIN/END lines, not a certificate (VMCP411); ${GROUP_IN_OTHER_FILE}`,
  },
  "mcp-server-entries/mcpserverentry_with_header_forward.yaml": { codes: ["VMCP401"], why: GROUP_IN_OTHER_FILE },
  "mcp-server-entries/mcpserverentry_with_token_exchange.yaml": { codes: ["VMCP401"], why: GROUP_IN_OTHER_FILE },
  "mcp-servers/mcpremoteproxy_with_oidcconfig_ref.yaml": "valid",
  "mcp-servers/mcpserver_fetch.yaml": "valid",
  "mcp-servers/mcpserver_fetch_otel.yaml": "valid",
  "mcp-servers/mcpserver_fetch_tools_filter.yaml": "valid",
  "mcp-servers/mcpserver_github.yaml": "valid",
  "mcp-servers/mcpserver_mkp.yaml": "valid",
  "mcp-servers/mcpserver_with_oidcconfig_ref.yaml": "valid",
  "mcp-servers/mcpserver_with_pod_template.yaml": "valid",
  "mcp-servers/mcpserver_with_resource_overrides.yaml": "valid",
  "mcp-servers/mcpserver_with_restart_strategy.yaml": "valid",
  "mcp-servers/mcpserver_yardstick_sse.yaml": "valid",
  "mcp-servers/mcpserver_yardstick_stdio.yaml": "valid",
  "mcp-servers/mcpserver_yardstick_streamablehttp.yaml": "valid",
  "tool-configs/toolconfig_basic.yaml": "valid",
  "tool-configs/toolconfig_with_overrides.yaml": "valid",
  "virtual-mcps/composite_tool_complex.yaml": { codes: ["VMCP203"], why: COMPOSITE_FIELDS },
  "virtual-mcps/composite_tool_simple.yaml": { codes: ["VMCP203"], why: COMPOSITE_FIELDS },
  "virtual-mcps/composite_tool_with_elicitations.yaml": { codes: ["VMCP203"], why: COMPOSITE_FIELDS },
  "virtual-mcps/vmcp_codemode.yaml": "valid",
  "virtual-mcps/vmcp_conflict_resolution.yaml": "valid",
  "virtual-mcps/vmcp_inline_incoming_auth.yaml": {
    codes: ["VMCP405"],
    why: 'incomingAuth.oidcConfigRef names MCPOIDCConfig "inline-auth-oidc-config", which no example defines',
  },
  "virtual-mcps/vmcp_optimizer_all_options.yaml": "valid",
  "virtual-mcps/vmcp_optimizer_openai.yaml": "valid",
  "virtual-mcps/vmcp_optimizer_quickstart.yaml": "valid",
  "virtual-mcps/vmcp_production_full.yaml": {
    codes: ["VMCP405"],
    why: 'incomingAuth.oidcConfigRef names MCPOIDCConfig "production-oidc-config" (namespace production), which no example defines',
  },
  "virtual-mcps/vmcp_simple_discovered.yaml": "valid",
  "virtual-mcps/vmcp_with_oidcconfig_ref.yaml": "valid",
  "virtual-mcps/vmcp_with_telemetry_ref.yaml": "valid",
};

/**
 * The whole folder at once: cross-file references resolve (no VMCP401/402), but many examples
 * define the same MCPGroup/MCPServer/VirtualMCPServer names in one namespace (VMCP110).
 */
const WHOLE_FOLDER_CODES = ["VMCP110", "VMCP202", "VMCP203", "VMCP405", "VMCP411"];

function listYaml(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return listYaml(full, base);
      return /\.ya?ml$/.test(name) ? [path.relative(base, full).split(path.sep).join("/")] : [];
    });
}

/** The distinct codes found; every one of them is an error in these tables (no warnings expected). */
function summarize(diagnostics: readonly Diagnostic[]): string[] {
  expect(
    diagnostics.filter((d) => d.severity !== "error").map((d) => `${d.code} ${d.file}:${d.line} ${d.message}`),
  ).toEqual([]);
  return [...new Set(diagnostics.map((d) => d.code))].sort();
}

function expectLocated(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect.soft(d.file, `${d.code} ${d.message}`).toBeTruthy();
    expect.soft(d.line, `${d.code} ${d.message}`).toBeGreaterThan(0);
    expect.soft(d.hint, `${d.code} ${d.message}`).toBeTruthy();
  }
}

const files = present ? listYaml(EXAMPLES) : [];

describe.skipIf(!present)("upstream ToolHive v0.44.0 examples", () => {
  it("has a verdict for every example file, and no verdict for a file that is gone", () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(files)("%s", (file) => {
    it("gives the recorded verdict, every finding located, without a crash", async () => {
      const result = await checkInputs([file], { cwd: EXAMPLES });
      const verdict = EXPECTED[file];
      const errors = summarize(result.diagnostics);
      if (verdict === "valid")
        expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line} ${d.message}`)).toEqual([]);
      else expect(errors, verdict?.why).toEqual([...(verdict?.codes ?? [])].sort());
      // Every file is loaded (nothing is silently skipped).
      expect(result.load.resources.length).toBeGreaterThan(0);
      expect(result.diagnostics.every((d) => d.file === file)).toBe(true);
      expectLocated(result.diagnostics);
    });
  });

  it("gives the recorded verdict for the whole folder at once", async () => {
    const result = await checkInputs(["."], { cwd: EXAMPLES });
    expect(summarize(result.diagnostics)).toEqual(WHOLE_FOLDER_CODES);
    expectLocated(result.diagnostics);
    // Every VMCP110 names where the first definition is.
    for (const d of result.diagnostics.filter((x) => x.code === "VMCP110"))
      expect(d.hint).toMatch(/first defined at [\w/.-]+\.yaml:\d+/);
  });
});
