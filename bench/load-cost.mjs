#!/usr/bin/env node
// Start-up cost breakdown, for bench/PLAN.md:
//   1. module load time of each dependency (and of our own dist entry points), each in a fresh
//      process (median of --runs), and cumulatively in the order the CLI loads them;
//   2. Ajv: instance creation (with ajv-formats and our formats) and compile time of every schema
//      in schemas/toolhive.stacklok.dev/, first compile in a fresh process (cold JIT) and a second
//      compile in the same process (warm), plus the size of the generated code.
//
//   node bench/load-cost.mjs [--runs 5] [--json]
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SCHEMA_DIR = path.join(ROOT, "schemas", "toolhive.stacklok.dev");

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf("--runs") + 1]) || 5;
const JSON_OUT = args.includes("--json");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs an ESM snippet in a fresh node (cwd = repo root) and parses its last stdout line as JSON. */
function runSnippet(code) {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`snippet failed (${r.status}): ${r.stderr}\n${code}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1));
}

// Bare specifiers are resolved by the child itself (ESM resolution from the repo root, as the CLI does).
const resolveUrl = (spec) => (spec.startsWith("./") ? pathToFileURL(path.join(ROOT, spec)).href : spec);

const MODULES = [
  ["commander", "commander"],
  ["js-yaml", "js-yaml"],
  ["ajv", "ajv"],
  ["ajv-formats", "ajv-formats"],
  ["zod", "zod"],
  ["cdk8s", "cdk8s"],
  ["cdk8s-plus-28/lib/imports/k8s.js", "cdk8s-plus-28/lib/imports/k8s.js"],
  ["cdk8s-plus-28 (whole package)", "cdk8s-plus-28"],
  ["constructs", "constructs"],
  ["yaml", "yaml"],
  ["dist/cli/main.js (what --help loads)", "./dist/cli/main.js"],
  ["dist/pipeline.js (load + validate + resolve)", "./dist/pipeline.js"],
  ["dist/render/render-manifests.js (render + cdk8s)", "./dist/render/render-manifests.js"],
  ["dist/emit/format-manifests.js", "./dist/emit/format-manifests.js"],
];

function moduleCosts() {
  const rows = [];
  for (const [label, spec] of MODULES) {
    const url = resolveUrl(spec);
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      samples.push(
        runSnippet(
          `const t0 = performance.now(); await import(${JSON.stringify(url)}); const t1 = performance.now(); console.log(JSON.stringify({ ms: t1 - t0, heapMB: process.memoryUsage().heapUsed / 1e6, rssMB: process.memoryUsage().rss / 1e6 }));`,
        ),
      );
    }
    rows.push({
      label,
      ms: median(samples.map((s) => s.ms)),
      heapMB: median(samples.map((s) => s.heapMB)),
      rssMB: median(samples.map((s) => s.rssMB)),
    });
  }
  // Cumulative, in the order a `synth` run loads them.
  const order = [
    "commander",
    "js-yaml",
    "ajv",
    "ajv-formats",
    "zod",
    "cdk8s",
    "cdk8s-plus-28/lib/imports/k8s.js",
    "yaml",
  ].map((s) => [s, resolveUrl(s)]);
  const cumulative = [];
  for (let i = 0; i < RUNS; i++) {
    cumulative.push(
      runSnippet(
        `const out = []; for (const [label, url] of ${JSON.stringify(order)}) { const t0 = performance.now(); await import(url); out.push([label, performance.now() - t0]); } console.log(JSON.stringify(out));`,
      ),
    );
  }
  const incremental = order.map(([label], j) => ({ label, ms: median(cumulative.map((c) => c[j][1])) }));
  return { isolated: rows, incremental };
}

function ajvCosts() {
  const files = readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith(".json") && f !== "index.json")
    .sort();
  // The same Ajv set-up as src/validate/schema-registry.ts.
  const setup = `
    import { createRequire } from "node:module";
    const require = createRequire(${JSON.stringify(pathToFileURL(path.join(ROOT, "package.json")).href)});
    const t0 = performance.now();
    const { Ajv } = require("ajv");
    const addFormats = require("ajv-formats");
    const tImport = performance.now();
    const mk = () => {
      const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true, verbose: true, code: { source: true } });
      addFormats(ajv, ["date-time", "uri", "date", "time", "email", "hostname", "ipv4", "ipv6", "uuid"]);
      ajv.addFormat("int32", { type: "number", validate: (n) => Number.isInteger(n) });
      ajv.addFormat("int64", { type: "number", validate: (n) => Number.isInteger(n) });
      ajv.addFormat("duration", { type: "string", validate: (s) => /^\\d/.test(s) });
      return ajv;
    };
    const a = mk();
    const tInstance = performance.now();`;
  const instance = [];
  const rows = [];
  for (const f of files) {
    const file = path.join(SCHEMA_DIR, f);
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      samples.push(
        runSnippet(`${setup}
        const schema = JSON.parse(require("node:fs").readFileSync(${JSON.stringify(file)}, "utf8"));
        const t1 = performance.now(); const v = a.compile(schema); const t2 = performance.now();
        const v2 = mk().compile(schema); const t3 = performance.now();
        console.log(JSON.stringify({ importMs: tImport - t0, instanceMs: tInstance - tImport, coldMs: t2 - t1, warmMs: t3 - t2, codeKB: v.source ? String(v.source.validateCode ?? "").length / 1e3 : null }));`),
      );
    }
    instance.push(...samples);
    rows.push({
      schema: f,
      schemaKB: statSync(file).size / 1e3,
      coldMs: median(samples.map((s) => s.coldMs)),
      warmMs: median(samples.map((s) => s.warmMs)),
      codeKB: samples[0].codeKB,
    });
  }
  // All v1beta1 schemas compiled one after another in one process (what a mixed input costs).
  const beta = files.filter((f) => f.endsWith("_v1beta1.json")).map((f) => path.join(SCHEMA_DIR, f));
  const allSamples = [];
  for (let i = 0; i < RUNS; i++) {
    allSamples.push(
      runSnippet(`${setup}
      const fs = require("node:fs"); const t1 = performance.now();
      for (const f of ${JSON.stringify(beta)}) a.compile(JSON.parse(fs.readFileSync(f, "utf8")));
      console.log(JSON.stringify({ ms: performance.now() - t1 }));`),
    );
  }
  return {
    importMs: median(instance.map((s) => s.importMs)),
    instanceMs: median(instance.map((s) => s.instanceMs)),
    schemas: rows,
    allV1beta1Ms: median(allSamples.map((s) => s.ms)),
  };
}

const fmt = (x) => (typeof x === "number" ? x.toFixed(1) : "–");
const modules = moduleCosts();
const ajv = ajvCosts();
if (JSON_OUT) {
  console.log(JSON.stringify({ node: process.version, runs: RUNS, modules, ajv }, null, 2));
} else {
  console.log(`Node ${process.version}; medians of ${RUNS} fresh processes.\n`);
  console.log("| Module (isolated, fresh process) | import ms | heap after MB | RSS after MB |\n|---|---:|---:|---:|");
  for (const r of modules.isolated)
    console.log(
      r.skipped
        ? `| ${r.label} | ${r.skipped} | | |`
        : `| ${r.label} | ${fmt(r.ms)} | ${fmt(r.heapMB)} | ${fmt(r.rssMB)} |`,
    );
  console.log("\n| Module (incremental, in synth's order) | import ms |\n|---|---:|");
  for (const r of modules.incremental) console.log(`| ${r.label} | ${fmt(r.ms)} |`);
  console.log(
    `\nAjv: require ajv + ajv-formats ${fmt(ajv.importMs)} ms; new Ajv + formats ${fmt(ajv.instanceMs)} ms; all v1beta1 schemas in one process ${fmt(ajv.allV1beta1Ms)} ms.\n`,
  );
  console.log(
    "| Schema | KB | first compile ms (cold) | second compile ms (warm) | generated code KB |\n|---|---:|---:|---:|---:|",
  );
  for (const r of ajv.schemas)
    console.log(`| ${r.schema} | ${fmt(r.schemaKB)} | ${fmt(r.coldMs)} | ${fmt(r.warmMs)} | ${fmt(r.codeKB)} |`);
}
