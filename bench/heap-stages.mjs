#!/usr/bin/env node
// Retained heap after each `synth` stage (after a forced full GC), CPU per stage, and optionally a
// heap snapshot at the end with a summary by object type. Uses the built pipeline modules in
// dist/ directly (their current internal API), so it may need adjusting when those change.
//
//   node --expose-gc bench/heap-stages.mjs DIR [--snapshot FILE] [--root CHECKOUT]
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import v8 from "node:v8";

const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dir = args.find((a, i) => !a.startsWith("--") && !["--snapshot", "--root"].includes(args[i - 1]));
if (!dir || typeof globalThis.gc !== "function") {
  console.error("usage: node --expose-gc bench/heap-stages.mjs DIR [--snapshot FILE] [--root CHECKOUT]");
  process.exit(2);
}
const root = path.resolve(opt("--root") ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
const dist = (p) => pathToFileURL(path.join(root, "dist", p)).href;

const MB = (b) => (b / 1e6).toFixed(1);
let lastHeap = 0;
let cpu0 = process.cpuUsage();
function mark(label) {
  const cpu = process.cpuUsage(cpu0);
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  console.log(
    `| ${label} | ${((cpu.user + cpu.system) / 1000).toFixed(0)} | ${MB(m.heapUsed)} | ${MB(m.heapUsed - lastHeap)} | ${MB(m.rss)} |`,
  );
  lastHeap = m.heapUsed;
  cpu0 = process.cpuUsage();
}

console.log("| stage | CPU ms | heap used MB (after GC) | Δ MB | RSS MB |\n|---|---:|---:|---:|---:|");
const { checkInputs } = await import(dist("pipeline.js"));
const { resolveVirtualMcpServers } = await import(dist("resolve/resolve-vmcps.js"));
mark("import load + validate + resolve");
const check = await checkInputs([path.resolve(dir)], { cwd: process.cwd(), stdin: process.stdin });
mark(`load + validate (${check.load.resources.length} resources)`);
const resolved = resolveVirtualMcpServers(check.model, {});
mark(`resolve (${resolved.value.length} VirtualMCPServers)`);
const { renderManifests } = await import(dist("render/render-manifests.js"));
mark("import render (cdk8s)");
const rendered = renderManifests(resolved.value, { image: "ghcr.io/stacklok/toolhive/vmcp:v0.44.0" });
mark("render");
const { orderManifests } = await import(dist("emit/order-manifests.js"));
const { formatManifests } = await import(dist("emit/format-manifests.js"));
const text = formatManifests(
  orderManifests(rendered.value).map((m) => m.object),
  "yaml",
);
mark(`order + format (${MB(text.length)} MB of YAML)`);
console.log(
  `\npeak RSS ${MB(process.resourceUsage().maxRSS * 1024)} MB; V8 heap: ${JSON.stringify(
    Object.fromEntries(
      Object.entries(v8.getHeapStatistics())
        .filter(([k]) => /total_heap_size$|used_heap_size|peak_malloced|external/.test(k))
        .map(([k, v]) => [k, `${MB(v)} MB`]),
    ),
  )}`,
);

const snapshot = opt("--snapshot");
if (snapshot) {
  v8.writeHeapSnapshot(snapshot);
  summarizeSnapshot(snapshot);
}

/** Self size per V8 node type / constructor, and the largest strings (by their first characters). */
function summarizeSnapshot(file) {
  const snap = JSON.parse(readFileSync(file, "utf8"));
  const fields = snap.snapshot.meta.node_fields;
  const F = fields.length;
  const iType = fields.indexOf("type");
  const iName = fields.indexOf("name");
  const iSize = fields.indexOf("self_size");
  const types = snap.snapshot.meta.node_types[iType];
  const byKind = new Map();
  const bigStrings = new Map();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += F) {
    const type = types[snap.nodes[i + iType]];
    const size = snap.nodes[i + iSize];
    const name = snap.strings[snap.nodes[i + iName]];
    const isString = type.includes("string");
    const key = isString
      ? "(strings)"
      : type === "code"
        ? "(compiled code)"
        : type === "object"
          ? `object ${name}`
          : `${type} ${name}`.slice(0, 48);
    const e = byKind.get(key) ?? { count: 0, size: 0 };
    e.count++;
    e.size += size;
    byKind.set(key, e);
    total += size;
    if (isString && size > 1000) {
      const head = name.slice(0, 50).replace(/\s+/g, " ");
      const b = bigStrings.get(head) ?? { count: 0, size: 0 };
      b.count++;
      b.size += size;
      bigStrings.set(head, b);
    }
  }
  console.log(`\nHeap snapshot ${file}: ${MB(total)} MB self size\n\n| what | count | MB |\n|---|---:|---:|`);
  for (const [k, e] of [...byKind].sort((a, b) => b[1].size - a[1].size).slice(0, 15))
    console.log(`| ${k.replace(/\|/g, "\\|")} | ${e.count} | ${MB(e.size)} |`);
  console.log("\n| strings > 1 KB, by first characters | count | MB |\n|---|---:|---:|");
  for (const [k, e] of [...bigStrings].sort((a, b) => b[1].size - a[1].size).slice(0, 12))
    console.log(`| \`${k.replace(/[|`]/g, "?")}\` | ${e.count} | ${MB(e.size)} |`);
}
