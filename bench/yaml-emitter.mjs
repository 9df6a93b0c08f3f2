#!/usr/bin/env node
// node bench/yaml-emitter.mjs [N] — issue 17's YAML emitter question, measured: the manifests of N
// (default 1,000) VirtualMCPServers of the bench workload, rendered once in-process, then
// serialised by vmcp-gen's own emitter (src/yaml/serialize-yaml.ts, as `synth` does) and by the
// `yaml` package's stringify with YAML 1.1-safe options, alternating, 5 runs each (medians). Also
// counts the documents whose text differs. Measures the built dist/; never part of `npm test`.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { stringify } from "yaml";
import { generateWorkload } from "./workload.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => import(pathToFileURL(path.join(ROOT, "dist", p)).href);
const n = Number(process.argv[2] ?? 1000);

const dir = mkdtempSync(path.join(os.tmpdir(), "vmcp-yaml-bench-"));
try {
  generateWorkload(dir, n);
  const { synthesize } = await dist("pipeline.js");
  const { orderManifests } = await dist("emit/order-manifests.js");
  const { serializeYaml } = await dist("yaml/serialize-yaml.js");
  const result = await synthesize([dir], { cwd: dir });
  if (result.rendered.length === 0) throw new Error("the workload did not render");
  const objects = orderManifests(result.rendered).map((m) => m.object);
  // YAML 1.1-safe: the 1.1 schema quotes what a 1.1 reader would turn into booleans, sexagesimal
  // numbers or timestamps (yes, on, 12:30, 2001-12-14); block style, no line folding, keys as given.
  const options = { version: "1.1", lineWidth: 0, minContentWidth: 0, indentSeq: false, aliasDuplicateObjects: false };
  const ours = () => objects.map((o) => serializeYaml(o));
  const theirs = () => objects.map((o) => stringify(o, options));
  const time = (f) => {
    const t0 = performance.now();
    const out = f();
    return { ms: performance.now() - t0, out };
  };
  time(ours);
  time(theirs);
  const runs = { own: [], yaml: [] };
  let a = [];
  let b = [];
  for (let i = 0; i < 5; i++) {
    const x = time(ours);
    const y = time(theirs);
    runs.own.push(x.ms);
    runs.yaml.push(y.ms);
    a = x.out;
    b = y.out;
  }
  const median = (xs) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
  const differing = a.filter((text, i) => text !== b[i]).length;
  const bytes = a.reduce((s, t) => s + t.length, 0);
  console.log(
    `Node ${process.version}, ${objects.length} objects (${(bytes / 1e6).toFixed(1)} MB of YAML) from ${n} VirtualMCPServers`,
  );
  console.log(
    `own emitter (serialize-yaml.ts): ${median(runs.own).toFixed(0)} ms (runs ${runs.own.map((x) => x.toFixed(0)).join(", ")})`,
  );
  console.log(
    `yaml ${(await import("yaml/package.json", { with: { type: "json" } })).default.version} stringify, YAML 1.1 options: ${median(runs.yaml).toFixed(0)} ms (runs ${runs.yaml.map((x) => x.toFixed(0)).join(", ")})`,
  );
  console.log(
    `ratio yaml ÷ own: ${(median(runs.yaml) / median(runs.own)).toFixed(2)}×; documents whose text differs: ${differing} of ${objects.length}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
