#!/usr/bin/env node
// Summarises V8 .cpuprofile files (from `node --cpu-prof`): self time per function, per file and
// per package, and inclusive time per package (time with that package anywhere on the stack).
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bin/vmcp-gen.js synth DIR > /dev/null
//   node bench/profile-summary.mjs /tmp/prof/*.cpuprofile [--top 30] [--json]
//
// Several files are merged (e.g. the same command profiled several times).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv) {
  const o = { files: [], top: 30, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--top") o.top = Number(argv[++i]);
    else if (a === "--json") o.json = true;
    else if (a === "-h" || a === "--help") {
      console.log("usage: node bench/profile-summary.mjs FILE.cpuprofile... [--top N] [--json]");
      process.exit(0);
    } else o.files.push(a);
  }
  if (o.files.length === 0) throw new Error("give at least one .cpuprofile file");
  return o;
}

/** Short, stable name for a script URL: `pkg/path` for node_modules, `dist/…` for our code. */
export function shortFile(url) {
  if (!url) return "";
  let p = url.startsWith("file://") ? fileURLToPath(url) : url;
  const nm = p.lastIndexOf("/node_modules/");
  if (nm >= 0) return p.slice(nm + "/node_modules/".length);
  if (p.startsWith(`${ROOT}/`)) return p.slice(ROOT.length + 1);
  const dist = p.indexOf("/dist/");
  if (dist >= 0) return p.slice(dist + 1);
  return p;
}

/** The package a script belongs to: npm package name, `vmcp-gen:<dir>` for dist/src, `node:*` for Node internals. */
export function packageOf(url, functionName) {
  if (!url) {
    if (functionName === "(garbage collector)") return "(gc)";
    if (functionName === "(program)") return "(program)";
    if (functionName === "(idle)") return "(idle)";
    if (functionName === "(root)") return "(root)";
    return "(native)";
  }
  if (url.startsWith("node:")) return "node:internal";
  let p = url.startsWith("file://") ? fileURLToPath(url) : url;
  const nm = p.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = p.slice(nm + "/node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const m = /\/(dist|src)\/([^/]+)(\/|\.js$|\.ts$)/.exec(p);
  if (m) return `vmcp-gen:${m[2].replace(/\.(js|ts)$/, "")}`;
  if (p.includes("/bin/vmcp-gen.js")) return "vmcp-gen:bin";
  return p;
}

function summarize(profiles) {
  const byFunction = new Map();
  const byFile = new Map();
  const byPackage = new Map();
  const inclusivePackage = new Map();
  const inclusiveFunction = new Map();
  let total = 0;
  const add = (map, key, ms, extra) => {
    const e = map.get(key) ?? { key, ms: 0, ...extra };
    e.ms += ms;
    map.set(key, e);
  };
  for (const prof of profiles) {
    const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const fnKey = (n) => {
      const { functionName, url, lineNumber } = n.callFrame;
      const file = shortFile(url);
      return `${functionName || "(anonymous)"}${file ? ` ${file}:${lineNumber + 1}` : ""}`;
    };
    // Functions on each node's stack (recursion counted once), computed once per node.
    const stackFunctions = new Map();
    const functionsOf = (id) => {
      let s = stackFunctions.get(id);
      if (s) return s;
      const p = parent.get(id);
      s = new Set(p !== undefined ? functionsOf(p) : []);
      s.add(fnKey(nodes.get(id)));
      stackFunctions.set(id, s);
      return s;
    };
    // Packages on each node's stack, computed once per node.
    const stackPackages = new Map();
    const packagesOf = (id) => {
      let s = stackPackages.get(id);
      if (s) return s;
      const n = nodes.get(id);
      const p = parent.get(id);
      s = new Set(p !== undefined ? packagesOf(p) : []);
      s.add(packageOf(n.callFrame.url, n.callFrame.functionName));
      stackPackages.set(id, s);
      return s;
    };
    const self = new Map();
    const { samples, timeDeltas } = prof;
    // timeDeltas[i] is the time before sample i; the time a sample stands for is the gap that follows it.
    for (let i = 0; i < samples.length; i++) {
      const dt = (i + 1 < timeDeltas.length ? timeDeltas[i + 1] : (timeDeltas[i] ?? 0)) / 1000;
      self.set(samples[i], (self.get(samples[i]) ?? 0) + dt);
    }
    for (const [id, ms] of self) {
      const n = nodes.get(id);
      const { functionName, url, lineNumber, columnNumber } = n.callFrame;
      const file = shortFile(url);
      const pkg = packageOf(url, functionName);
      total += ms;
      add(byFunction, `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}:${columnNumber + 1}`, ms, {
        fn: functionName || "(anonymous)",
        file: file ? `${file}:${lineNumber + 1}` : "",
        pkg,
      });
      add(byFile, file || functionName, ms, { pkg });
      add(byPackage, pkg, ms);
      for (const p of packagesOf(id)) add(inclusivePackage, p, ms);
      for (const f of functionsOf(id)) add(inclusiveFunction, f, ms);
    }
  }
  const sorted = (m) => [...m.values()].sort((a, b) => b.ms - a.ms);
  return {
    totalMs: total,
    byFunction: sorted(byFunction),
    byFile: sorted(byFile),
    byPackage: sorted(byPackage),
    inclusivePackage: sorted(inclusivePackage),
    inclusiveFunction: sorted(inclusiveFunction),
  };
}

function table(title, rows, total, cols) {
  const out = [
    `#### ${title}`,
    "",
    `| # | ${cols.map((c) => c[0]).join(" | ")} | ms | % |`,
    `|---:|${cols.map(() => "---").join("|")}|---:|---:|`,
  ];
  rows.forEach((r, i) =>
    out.push(
      `| ${i + 1} | ${cols.map((c) => String(c[1](r)).replace(/\|/g, "\\|")).join(" | ")} | ${r.ms.toFixed(1)} | ${((100 * r.ms) / total).toFixed(1)} |`,
    ),
  );
  return out.join("\n");
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  const profiles = o.files.map((f) => JSON.parse(readFileSync(f, "utf8")));
  const s = summarize(profiles);
  if (o.json) {
    const cut = (xs) => xs.slice(0, o.top).map((x) => ({ ...x, ms: Math.round(x.ms * 10) / 10 }));
    console.log(
      JSON.stringify(
        {
          files: o.files,
          totalMs: Math.round(s.totalMs),
          byFunction: cut(s.byFunction),
          byFile: cut(s.byFile),
          byPackage: cut(s.byPackage),
          inclusivePackage: cut(s.inclusivePackage),
          inclusiveFunction: cut(s.inclusiveFunction),
        },
        null,
        2,
      ),
    );
    return;
  }
  const wall = profiles.reduce((a, p) => a + (p.endTime - p.startTime) / 1000, 0);
  console.log(
    `Profiles: ${o.files.map((f) => path.basename(f)).join(", ")}; sampled ${s.totalMs.toFixed(0)} ms (profile span ${wall.toFixed(0)} ms).\n`,
  );
  console.log(
    table(`Self time per function (top ${o.top})`, s.byFunction.slice(0, o.top), s.totalMs, [
      ["function", (r) => `\`${r.fn}\``],
      ["where", (r) => r.file],
    ]),
  );
  console.log("");
  console.log(
    table(`Self time per file (top ${o.top})`, s.byFile.slice(0, o.top), s.totalMs, [["file", (r) => r.key]]),
  );
  console.log("");
  console.log(table("Self time per package", s.byPackage.slice(0, o.top), s.totalMs, [["package", (r) => r.key]]));
  console.log("");
  console.log(
    table(
      "Inclusive time per package (package anywhere on the stack)",
      s.inclusivePackage.filter((r) => r.key !== "(root)").slice(0, o.top),
      s.totalMs,
      [["package", (r) => r.key]],
    ),
  );
  console.log("");
  // Our own functions only (dist/, bin/) plus module loading: where each stage's time goes.
  const ours = s.inclusiveFunction.filter(
    (r) =>
      /\s(dist|src|bin)\//.test(r.key) ||
      /^(require|import|Module\._load|ModuleJob\.run|compileSourceTextModule|link) /.test(r.key),
  );
  console.log(
    table(`Inclusive time per vmcp-gen function (top ${o.top})`, ours.slice(0, o.top), s.totalMs, [
      ["function", (r) => `\`${r.key}\``],
    ]),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
