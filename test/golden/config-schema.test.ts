import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { staticVmcpConfig, vmcpConfig } from "../../src/toolhive/vmcp-config/config.js";
import { runtimeSchemaErrors } from "../helpers/runtime-schema.js";

/**
 * Every config.yaml committed in a golden (`expected/stdout`) is one the vMCP runtime accepts:
 * static mode against the reference schema's root (backends required), discovered mode against
 * `#/$defs/Config`; and vmcp-gen's own model of the format accepts it too. Reads the goldens
 * themselves, so `golden:update` cannot accept a bad one.
 */
const ROOT = path.resolve(import.meta.dirname, "../../fixtures/golden");

interface ConfigMapDoc {
  readonly kind?: string;
  readonly metadata?: { readonly name?: string };
  readonly data?: Record<string, string>;
}

const configs = (existsSync(ROOT) ? readdirSync(ROOT) : []).sort().flatMap((name) => {
  const stdout = path.join(ROOT, name, "expected", "stdout");
  if (!existsSync(stdout)) return [];
  return parseAllDocuments(readFileSync(stdout, "utf8"))
    .map((d) => d.toJS() as ConfigMapDoc | null)
    .filter((o): o is ConfigMapDoc => o?.kind === "ConfigMap" && typeof o.data?.["config.yaml"] === "string")
    .map((o) => [`${name}: ${o.metadata?.name ?? "?"}`, o.data!["config.yaml"]!] as const);
});

describe("golden config.yaml files", () => {
  it("exist", () => expect(configs.length).toBeGreaterThan(0));
  it.each(configs)("%s validates against the vMCP runtime schema", (_name, text) => {
    const config = parse(text) as { outgoingAuth?: { source?: string } };
    const mode = config.outgoingAuth?.source === "inline" ? "static" : "any";
    expect(runtimeSchemaErrors(config, mode)).toEqual([]);
    expect((mode === "static" ? staticVmcpConfig : vmcpConfig).safeParse(config).error?.issues ?? []).toEqual([]);
  });
});
