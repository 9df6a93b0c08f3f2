import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Ajv as AjvType, ErrorObject, ValidateFunction } from "ajv";
import fc from "fast-check";
import { loadAll } from "js-yaml";
import { describe, expect, it } from "vitest";
import { AJV_OPTIONS } from "../../../scripts/compile-validators.mjs";
import { applyDefaults } from "../../../src/validate/apply-defaults.js";
import { findSchema, listSchemas, loadSchema, type SchemaEntry } from "../../../src/validate/schema-registry.js";
import { schemaValidator } from "../../../src/validate/schema-validators.js";
import { applyMutation, mutationArb } from "../../fuzz/mutate.js";
import { fuzzSeeds } from "../../fuzz/seeds.js";
import { REPO_ROOT } from "../../helpers/run-cli.js";

// vmcp-gen validates with Ajv standalone code generated at build time (scripts/compile-validators.mjs,
// dist/validators/). These tests hold that code to the schemas it was generated from: it is
// current, and it finds what Ajv compiling the same schema at run time finds.

const require = createRequire(import.meta.url);
const { Ajv, _ } = require("ajv") as typeof import("ajv");
const standaloneCode = (require("ajv/dist/standalone/index.js") as typeof import("ajv/dist/standalone/index.js"))
  .default;
const formats = require(path.join(REPO_ROOT, "dist/validate/schema-formats.cjs")) as Record<string, never>;
const reference = (): AjvType => new Ajv({ ...AJV_OPTIONS, formats });
const compiled = new Map<string, ValidateFunction>();

function runtimeValidator(entry: SchemaEntry): ValidateFunction {
  let v = compiled.get(entry.file);
  if (!v) {
    v = reference().compile(loadSchema(entry));
    compiled.set(entry.file, v);
  }
  return v;
}

type Finding = string;
const finding = (e: ErrorObject): Finding =>
  JSON.stringify([e.keyword, e.instancePath, e.schemaPath, e.params, e.message]);

/** Both validators' findings on one ToolHive object (defaulted first, as vmcp-gen does), sorted. */
function compare(doc: unknown): { built: Finding[]; runtime: Finding[] } | undefined {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return undefined;
  const { apiVersion, kind } = doc as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== "string" || typeof kind !== "string") return undefined;
  const [group, version] = apiVersion.split("/");
  const entry = findSchema(group ?? "", version ?? "", kind);
  if (!entry) return undefined;
  const body = applyDefaults(doc, loadSchema(entry));
  const built = schemaValidator(entry);
  built(body);
  const runtime = runtimeValidator(entry);
  runtime(body);
  return { built: (built.errors ?? []).map(finding).sort(), runtime: (runtime.errors ?? []).map(finding).sort() };
}

function documents(files: readonly { text: string }[]): unknown[] {
  const out: unknown[] = [];
  for (const f of files) {
    try {
      loadAll(f.text, (d) => out.push(d));
    } catch {
      // Not YAML after the mutation: nothing to validate.
    }
  }
  return out;
}

describe("the validators generated at build time", () => {
  it("exist for every schema and are generated from the schema as it is now (npm run build is current)", () => {
    const index = require(path.join(REPO_ROOT, "dist/validators/index.cjs")) as Record<string, unknown>;
    expect(Object.keys(index).sort()).toEqual(
      listSchemas()
        .map((e) => e.file)
        .sort(),
    );
    for (const entry of listSchemas()) {
      const ajv = new Ajv({
        ...AJV_OPTIONS,
        formats,
        code: { source: true, formats: _`require(${"../validate/schema-formats.cjs"})` },
      });
      const generated = readFileSync(
        path.join(REPO_ROOT, "dist/validators", `${path.basename(entry.file, ".json")}.cjs`),
        "utf8",
      );
      expect(generated, entry.file).toContain(standaloneCode(ajv, ajv.compile(loadSchema(entry))));
    }
  });

  it("give the findings of Ajv compiling the schema at run time, on every fixture and golden input", () => {
    let objects = 0;
    let withFindings = 0;
    for (const seed of fuzzSeeds()) {
      for (const doc of documents(seed.files)) {
        const r = compare(doc);
        if (!r) continue;
        objects++;
        if (r.runtime.length > 0) withFindings++;
        expect(r.built, `${seed.name}: ${JSON.stringify(doc).slice(0, 200)}`).toEqual(r.runtime);
      }
    }
    expect(objects).toBeGreaterThan(100);
    expect(withFindings).toBeGreaterThan(0);
  });

  it("give the findings of Ajv compiling the schema at run time, on mutated inputs (2,000 cases)", () => {
    const seeds = fuzzSeeds();
    let withFindings = 0;
    fc.assert(
      fc.property(mutationArb(seeds.length), (m) => {
        const files = applyMutation(seeds[m.seed]!, m).map((f) => ({ text: f.bytes.toString("utf8") }));
        for (const doc of documents(files)) {
          const r = compare(doc);
          if (!r) continue;
          if (r.runtime.length > 0) withFindings++;
          expect(r.built).toEqual(r.runtime);
        }
      }),
      { numRuns: 2000, seed: 20_261_121 },
    );
    expect(withFindings).toBeGreaterThan(200);
  });

  it("check the Kubernetes formats: int32 limits, Go durations (not ISO 8601), URIs", () => {
    const formatErrors = (kind: string, spec: Record<string, unknown>): string[] => {
      const validate = schemaValidator(
        findSchema("toolhive.stacklok.dev", kind === "VirtualMCPServer" ? "v1beta1" : "v1alpha1", kind)!,
      );
      return validate({ apiVersion: "toolhive.stacklok.dev/v1beta1", kind, metadata: { name: "x" }, spec })
        ? []
        : (validate.errors ?? [])
            .filter((e) => e.keyword === "format")
            .map((e) => `${e.instancePath} ${String(e.params.format)}`);
    };
    const vmcp = { groupRef: { name: "g" }, incomingAuth: { type: "anonymous" } };
    expect(formatErrors("VirtualMCPServer", { ...vmcp, replicas: 3 })).toEqual([]);
    expect(formatErrors("VirtualMCPServer", { ...vmcp, replicas: 2 ** 31 })).toEqual(["/spec/replicas int32"]);
    const hook = (timeout: string, url: string) => ({ validating: [{ name: "h", timeout, url }] });
    expect(formatErrors("MCPWebhookConfig", hook("1m30s", "https://hooks.example.com/v"))).toEqual([]);
    expect(formatErrors("MCPWebhookConfig", hook("PT1M", "not a uri"))).toEqual([
      "/spec/validating/0/timeout duration",
      "/spec/validating/0/url uri",
    ]);
  });
});
