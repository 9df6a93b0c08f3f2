#!/usr/bin/env node
// npm run bench [-- --quick] [-- --runs N] …
//
// Measures the built CLI (`node bin/vmcp-gen.js`, i.e. dist/) as users run it: one fresh process
// per run, wall time with performance.now() around the spawn, peak RSS with /usr/bin/time -f %M
// (or, without it, a preload that reports process.resourceUsage().maxRSS from inside the child).
// Prints a Markdown table with the issue-6 targets and writes bench/results/latest.json.
// Never part of `npm test`: nothing here asserts on time.
import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateMergeWorkload, generateWorkload } from "./workload.mjs";

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
// --root DIR measures another checkout's built CLI (a baseline snapshot, a prototype) with this bench.
const rootArg = process.argv.indexOf("--root");
const ROOT = rootArg >= 0 ? path.resolve(process.argv[rootArg + 1] ?? ".") : path.resolve(BENCH_DIR, "..");
const BIN = path.join(ROOT, "bin", "vmcp-gen.js");
const QUICKSTART = path.join(ROOT, "fixtures", "quickstart");
const RSS_PROBE = path.join(BENCH_DIR, "rss-probe.cjs");

const USAGE = `usage: npm run bench -- [options]
  --quick               small workloads (N = 10, 50, 100), 1 run each, 3 cold runs: a smoke test
  --runs N              runs per workload case (default 3; the median is reported)
  --cold-runs N         runs of the two cold-start cases (default 10, at least 5 unless --quick)
  --sizes A,B,C         synth sizes (default 10,100,1000,2000; the ratio uses the last two)
  --validate-size N     validate size (default 1000)
  --kustomize-runs N    runs of kubectl kustomize (default 1: it takes minutes at N = 1,000)
  --no-kustomize        skip kubectl kustomize even when it is on PATH
  --out FILE            JSON results (default bench/results/latest.json)
  --keep                keep the generated workloads and outputs (printed at the end)
  --root DIR            measure the CLI of another checkout (DIR/bin/vmcp-gen.js; default: this one)
  --report FILE         print the table of a saved results JSON (measures nothing)
  --merge-sizes A,B     env entries of the podTemplateSpec strategic-merge case (default 10000,20000)
  --merge-only          run only the strategic-merge case
  -h, --help`;

function parseArgs(argv) {
  const o = {
    root: ROOT,
    quick: false,
    mergeOnly: false,
    mergeSizes: undefined,
    runs: undefined,
    coldRuns: undefined,
    sizes: undefined,
    validateSize: undefined,
    kustomizeRuns: 1,
    kustomize: true,
    out: path.join(BENCH_DIR, "results", "latest.json"),
    keep: false,
  };
  const num = (i) => {
    const v = Number(argv[i]);
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`${argv[i - 1]} needs a positive integer, not ${JSON.stringify(argv[i])}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") o.quick = true;
    else if (a === "--runs") o.runs = num(++i);
    else if (a === "--cold-runs") o.coldRuns = num(++i);
    else if (a === "--sizes") o.sizes = String(argv[++i]).split(",").map(Number);
    else if (a === "--validate-size") o.validateSize = num(++i);
    else if (a === "--kustomize-runs") o.kustomizeRuns = num(++i);
    else if (a === "--no-kustomize") o.kustomize = false;
    else if (a === "--out") o.out = path.resolve(String(argv[++i]));
    else if (a === "--keep") o.keep = true;
    else if (a === "--merge-only") o.mergeOnly = true;
    else if (a === "--merge-sizes") o.mergeSizes = String(argv[++i]).split(",").map(Number);
    else if (a === "--report") o.report = path.resolve(String(argv[++i]));
    else if (a === "--root")
      i++; // read above
    else if (a === "-h" || a === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  o.sizes ??= o.quick ? [10, 50, 100] : [10, 100, 1000, 2000];
  o.mergeSizes ??= o.quick ? [1000, 2000] : [10000, 20000];
  if (o.mergeSizes.length < 2 || o.mergeSizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error("--merge-sizes needs at least two positive integers");
  if (o.sizes.length < 2 || o.sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error("--sizes needs at least two positive integers");
  o.validateSize ??= o.quick ? 50 : 1000;
  o.runs ??= o.quick ? 1 : 3;
  o.coldRuns ??= o.quick ? 3 : Math.max(10, o.runs);
  if (!o.quick && o.coldRuns < 5) throw new Error("--cold-runs must be at least 5 (use --quick for a smoke run)");
  return o;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

// VMCP_BENCH_NO_TIME=1 forces the in-process fallback (to test it on machines that have GNU time).
const TIME = process.env.VMCP_BENCH_NO_TIME ? undefined : ["/usr/bin/time", "/bin/time"].find((p) => existsSync(p));

/** Environment for every child: no inherited NODE_OPTIONS (a --cpu-prof there would distort everything). */
function childEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  return env;
}

/**
 * One fresh process: `cmd args`, stdout to `stdoutFile` (or /dev/null), stderr captured. Returns
 * wall seconds, peak RSS in KiB (undefined if it cannot be measured) and the exit code.
 */
function measureOnce(cmd, args, { stdoutFile, cwd = ROOT, scratch, nodeChild = cmd === process.execPath } = {}) {
  const outFd = openSync(stdoutFile ?? "/dev/null", "w");
  const rssFile = path.join(scratch, `rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  let argv;
  let env;
  if (TIME) {
    argv = [TIME, "-f", "%M %U %S", "-o", rssFile, cmd, ...args];
    env = childEnv();
  } else if (nodeChild) {
    argv = [cmd, "--require", RSS_PROBE, ...args];
    env = childEnv({ VMCP_BENCH_RSS_FILE: rssFile });
  } else {
    argv = [cmd, ...args];
    env = childEnv();
  }
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd,
    env,
    stdio: ["ignore", outFd, "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - t0) / 1000;
  closeSync(outFd);
  if (r.error) throw r.error;
  let rssKiB;
  let cpu;
  if (existsSync(rssFile)) {
    // "<maxRSS KiB> <user s> <system s>" on the last line (GNU time puts "Command exited with
    // non-zero status N" on a line before it).
    const nums = readFileSync(rssFile, "utf8").trim().split("\n").at(-1).split(/\s+/).map(Number);
    if (nums.length === 3 && nums.every(Number.isFinite)) {
      rssKiB = nums[0];
      cpu = nums[1] + nums[2];
    }
    rmSync(rssFile, { force: true });
  }
  return { wall, cpu, rssKiB, code: r.status, stderr: r.stderr?.toString("utf8") ?? "" };
}

/** `runs` fresh processes; fails loudly on a non-zero exit. */
function measure(label, cmd, args, runs, opts) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const s = measureOnce(cmd, args, opts);
    if (s.code !== 0) throw new Error(`${label}: exit ${s.code}\n${s.stderr.slice(0, 4000)}`);
    samples.push(s);
    process.stderr.write(
      `  ${label} run ${i + 1}/${runs}: ${s.wall.toFixed(3)} s${s.cpu !== undefined ? ` (cpu ${s.cpu.toFixed(2)} s)` : ""}${s.rssKiB ? `, ${(s.rssKiB / 1024).toFixed(0)} MiB` : ""}\n`,
    );
  }
  return summarize(samples);
}

function summarize(samples) {
  const rss = samples.map((s) => s.rssKiB).filter((x) => x !== undefined);
  const cpu = samples.map((s) => s.cpu).filter((x) => x !== undefined);
  return {
    runs: samples.length,
    wallS: round(median(samples.map((s) => s.wall))),
    wallSamplesS: samples.map((s) => round(s.wall)),
    cpuS: cpu.length ? round(median(cpu)) : null,
    peakRssMB: rss.length ? round((median(rss) * 1024) / 1e6, 1) : null,
    peakRssSamplesMB: rss.map((k) => round((k * 1024) / 1e6, 1)),
  };
}

function ensureBuilt() {
  if (existsSync(path.join(ROOT, "dist", "cli", "main.js")) || !existsSync(path.join(ROOT, "tsconfig.build.json")))
    return;
  process.stderr.write("dist/ is missing: building (npm run build)\n");
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("build failed");
}

function gitInfo() {
  const git = (...a) => spawnSync("git", a, { cwd: ROOT, encoding: "utf8" });
  const head = git("rev-parse", "HEAD");
  if (head.status !== 0) return null;
  const dirty = git("status", "--porcelain", "--", "src", "bin", "schemas", "package.json");
  return { commit: head.stdout.trim(), dirtySrc: dirty.stdout.trim().length > 0 };
}

function machineInfo() {
  const cpus = os.cpus();
  const kubectl = which("kubectl");
  let kubectlVersion = null;
  if (kubectl) {
    const r = spawnSync(kubectl, ["version", "--client"], { encoding: "utf8" });
    kubectlVersion = r.stdout?.split("\n").filter(Boolean).join("; ") ?? null;
  }
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model ?? "unknown",
    cpus: cpus.length,
    availableParallelism: os.availableParallelism?.() ?? cpus.length,
    totalMemGB: round(os.totalmem() / 1e9, 1),
    loadAvgAtStart: os.loadavg().map((x) => round(x, 2)),
    rssMethod: TIME ? `${TIME} -f %M` : "process.resourceUsage().maxRSS via --require bench/rss-probe.cjs",
    kubectl: kubectlVersion,
  };
}

function which(cmd) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

function countDocuments(file) {
  const text = readFileSync(file, "utf8");
  return { bytes: Buffer.byteLength(text), objects: (text.match(/^kind: /gm) ?? []).length };
}

function synthHasOutputDir() {
  const r = spawnSync(process.execPath, [BIN, "synth", "--help"], { cwd: ROOT, encoding: "utf8", env: childEnv() });
  return /--output-dir\b/.test(r.stdout ?? "");
}

function listYaml(dir, base = dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listYaml(p, base));
    else if (/\.ya?ml$/.test(e.name) && e.name !== "kustomization.yaml") out.push(path.relative(base, p));
  }
  return out.sort();
}

function writeKustomization(dir, files) {
  writeFileSync(
    path.join(dir, "kustomization.yaml"),
    `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${files.map((f) => `- ${f}\n`).join("")}`,
  );
}

/** One file per object, named as `kustomize build -o DIR` would name it, plus a kustomization.yaml. */
async function splitIntoDirectory(streamFile, dir) {
  const { default: jsYaml } = await import(pathToFileURL(path.join(ROOT, "node_modules", "js-yaml", "index.js")).href);
  mkdirSync(dir, { recursive: true });
  const text = readFileSync(streamFile, "utf8");
  const files = [];
  for (const doc of text.split(/^---\n/m)) {
    if (!doc.trim()) continue;
    const o = jsYaml.load(doc);
    const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["", o.apiVersion];
    const name = [o.metadata.namespace, group, version, o.kind, o.metadata.name]
      .filter(Boolean)
      .join("_")
      .toLowerCase()
      .replace(/[^a-z0-9._-]/g, "-");
    writeFileSync(path.join(dir, `${name}.yaml`), doc);
    files.push(`${name}.yaml`);
  }
  files.sort();
  writeKustomization(dir, files);
  return files.length;
}

const fmtS = (s) => (s === null || s === undefined ? "–" : `${s.toFixed(s < 1 ? 3 : 2)} s`);
const fmtMB = (m) => (m === null || m === undefined ? "–" : `${m.toFixed(0)} MB`);
const fmtX = (x) => (x === null || x === undefined ? "–" : `${x.toFixed(2)}×`);
const verdict = (ok) => (ok === null ? "n/a" : ok ? "PASS" : "FAIL");

/** Derived ratios and targets from the measured cases, then the Markdown report. Also used by --report on a saved JSON. */
/** The strategic-merge rows: synth of a podTemplateSpec with N env entries, and the ratio of the last two sizes. */
function mergeReport(results) {
  const c = results.cases;
  const sizes = results.options.mergeSizes ?? [];
  if (sizes.length < 2 || !c[`merge${sizes[0]}`]) return [];
  const [a, b] = sizes.slice(-2);
  const ratio = round(c[`merge${b}`].wallS / c[`merge${a}`].wallS, 2);
  const ratioCpu = round(c[`merge${b}`].cpuS / c[`merge${a}`].cpuS, 2);
  results.ratios.mergeLinearity = { from: a, to: b, expected: round(b / a, 2), measured: ratio, measuredCpu: ratioCpu };
  const lines = [
    "",
    "| podTemplateSpec strategic merge | Runs | Wall (median) | CPU user+sys | Peak RSS |",
    "|---|---:|---:|---:|---:|",
  ];
  for (const n of sizes) {
    const r = c[`merge${n}`];
    lines.push(
      `| \`synth\` quickstart, ${n.toLocaleString("en")} env entries + ${Math.floor(n / 10).toLocaleString("en")} volumes | ${r.runs} | ${fmtS(r.wallS)} | ${fmtS(r.cpuS)} | ${fmtMB(r.peakRssMB)} |`,
    );
  }
  lines.push(
    `| ratio ${b.toLocaleString("en")} ÷ ${a.toLocaleString("en")} (linear: ${round(b / a, 2)}) | | **${fmtX(ratio)}** | CPU ${fmtX(ratioCpu)} | |`,
  );
  return lines;
}

function report(results) {
  const o = results.options;
  const machine = results.machine;
  const c = results.cases;
  results.ratios ??= {};
  if (o.mergeOnly)
    return [
      `### vmcp-gen benchmark (strategic merge only) — ${results.date.slice(0, 10)}`,
      "",
      `${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}${results.git ? `, commit ${results.git.commit.slice(0, 7)}` : ""}. Load average ${machine.loadAvgAtStart[0]} at start.`,
      ...mergeReport(results),
    ].join("\n");
  const ratioOf = (a, b) => (a && b ? round(a / b, 2) : null);
  const [nA, nB] = o.sizes.slice(-2);
  results.ratios = {
    coldOverNode: ratioOf(c.coldSynthQuickstart.wallS, c.nodeE0.wallS),
    coldOverNodeCpu: ratioOf(c.coldSynthQuickstart.cpuS, c.nodeE0.cpuS),
    linearity: {
      from: nA,
      to: nB,
      expected: round(nB / nA, 2),
      measured: ratioOf(c[`synth${nB}`].wallS, c[`synth${nA}`].wallS),
      measuredCpu: ratioOf(c[`synth${nB}`].cpuS, c[`synth${nA}`].cpuS),
    },
    synthOverKustomize:
      c[`kustomize${o.validateSize}`] && c[`synth${o.validateSize}`]
        ? round(c[`synth${o.validateSize}`].wallS / c[`kustomize${o.validateSize}`].wallS, 3)
        : null,
  };
  // Targets (issue 6 / PRODUCT.md §6). The 1,000 rows use N = 1,000 when it was measured.
  const s1000 = c.synth1000;
  const s10 = c.synth10;
  const lin = results.ratios.linearity;
  results.targets = [
    {
      id: "cold",
      what: "cold `synth fixtures/quickstart` ÷ `node -e 0`",
      value: results.ratios.coldOverNode,
      unit: "×",
      target: 4,
      pass: results.ratios.coldOverNode <= 4,
    },
    {
      id: "synth1000",
      what: "`synth` 1,000 × 10 wall",
      value: s1000?.wallS ?? null,
      unit: "s",
      target: 3,
      pass: s1000 ? s1000.wallS <= 3 : null,
    },
    {
      id: "linearity",
      what: `\`synth\` ${lin.to.toLocaleString("en")} ÷ ${lin.from.toLocaleString("en")}`,
      value: lin.measured,
      unit: "×",
      target: 2.2 * (lin.expected / 2),
      pass: lin.measured <= 2.2 * (lin.expected / 2),
    },
    {
      id: "rss1000",
      what: "peak RSS, `synth` 1,000 × 10",
      value: s1000?.peakRssMB ?? null,
      unit: "MB",
      target: 300,
      pass: s1000 && s1000.peakRssMB !== null ? s1000.peakRssMB <= 300 : null,
    },
    {
      id: "synth10",
      what: "`synth` 10 × 10 wall (a repository)",
      value: s10?.wallS ?? null,
      unit: "s",
      target: 0.5,
      pass: s10 ? s10.wallS <= 0.5 : null,
    },
  ];

  const lines = [];
  lines.push(`### vmcp-gen benchmark — ${results.date.slice(0, 10)}`);
  lines.push("");
  lines.push(
    `${machine.cpus} × ${machine.cpuModel}, ${machine.totalMemGB} GB, ${machine.platform}, Node ${machine.node}${results.git ? `, commit ${results.git.commit.slice(0, 7)}${results.git.dirtySrc ? " (+ uncommitted src)" : ""}` : ""}. Load average ${machine.loadAvgAtStart[0]} at start, ${results.machine.loadAvgAtEnd[0]} at end${machine.loadAvgAtStart[0] > machine.cpus || results.machine.loadAvgAtEnd[0] > machine.cpus ? " — **a busy machine: wall times are inflated, compare the CPU column**" : ""}. Medians; wall = spawn to exit; CPU = user + system of the process; RSS = peak resident set (${TIME ? "GNU time %M" : "maxRSS"}), MB = 10⁶ bytes.`,
  );
  lines.push("");
  lines.push("| Case | Runs | Wall (median) | CPU user+sys | Peak RSS | Output | Target | Result |");
  lines.push("|---|---:|---:|---:|---:|---:|---|---|");
  lines.push(
    `| \`node -e 0\` | ${c.nodeE0.runs} | ${fmtS(c.nodeE0.wallS)} | ${fmtS(c.nodeE0.cpuS)} | ${fmtMB(c.nodeE0.peakRssMB)} | | | |`,
  );
  lines.push(
    `| cold \`synth fixtures/quickstart\` | ${c.coldSynthQuickstart.runs} | ${fmtS(c.coldSynthQuickstart.wallS)} | ${fmtS(c.coldSynthQuickstart.cpuS)} | ${fmtMB(c.coldSynthQuickstart.peakRssMB)} | | ≤ 4× node -e 0 → **${fmtX(results.ratios.coldOverNode)}** (CPU ${fmtX(results.ratios.coldOverNodeCpu)}) | ${verdict(results.targets[0].pass)} |`,
  );
  for (const n of o.sizes) {
    const r = c[`synth${n}`];
    const t = n === 1000 ? ` ≤ 3 s; RSS ≤ 300 MB` : n === 10 ? " ≤ 0.5 s" : "";
    const res =
      n === 1000
        ? `${verdict(results.targets[1].pass)} / ${verdict(results.targets[3].pass)}`
        : n === 10
          ? verdict(results.targets[4].pass)
          : "";
    lines.push(
      `| \`synth\` N = ${n.toLocaleString("en")} (${(n * 10).toLocaleString("en")} members) | ${r.runs} | ${fmtS(r.wallS)} | ${fmtS(r.cpuS)} | ${fmtMB(r.peakRssMB)} | ${r.output.objects.toLocaleString("en")} objects, ${(r.output.bytes / 1e6).toFixed(1)} MB |${t} | ${res} |`,
    );
  }
  lines.push(
    `| ratio \`synth\` ${lin.to.toLocaleString("en")} ÷ ${lin.from.toLocaleString("en")} | | **${fmtX(lin.measured)}** | CPU ${fmtX(lin.measuredCpu)} | | | ≤ ${(2.2 * (lin.expected / 2)).toFixed(2)} | ${verdict(results.targets[2].pass)} |`,
  );
  const v = c[`validate${o.validateSize}`];
  lines.push(
    `| \`validate\` N = ${o.validateSize.toLocaleString("en")} | ${v.runs} | ${fmtS(v.wallS)} | ${fmtS(v.cpuS)} | ${fmtMB(v.peakRssMB)} | | | |`,
  );
  const k = c[`kustomize${o.validateSize}`];
  if (k) {
    lines.push(
      `| \`kubectl kustomize\` over rendered N = ${o.validateSize.toLocaleString("en")} (${k.files.toLocaleString("en")} files) | ${k.runs} | ${fmtS(k.wallS)} | ${fmtS(k.cpuS)} | ${fmtMB(k.peakRssMB)} | | | |`,
    );
    if (results.ratios.synthOverKustomize !== null)
      lines.push(
        `| ratio \`synth\` ÷ \`kubectl kustomize\` (N = ${o.validateSize.toLocaleString("en")}) | | **${fmtX(results.ratios.synthOverKustomize)}** | | | | | |`,
      );
  } else {
    lines.push(
      `| \`kubectl kustomize\` | | not run (${o.kustomize ? "kubectl not on PATH" : "--no-kustomize"}) | | | | | |`,
    );
  }
  lines.push("");
  lines.push("| Target (PRODUCT.md §6; cold ≤ 4× since issue 17) | Measured | Target | Result |");
  lines.push("|---|---:|---:|---|");
  for (const t of results.targets) {
    const val =
      t.value === null
        ? "not measured"
        : t.unit === "×"
          ? fmtX(t.value)
          : t.unit === "s"
            ? fmtS(t.value)
            : fmtMB(t.value);
    const tgt = t.unit === "×" ? `≤ ${t.target.toFixed(1)}×` : t.unit === "s" ? `≤ ${t.target} s` : `≤ ${t.target} MB`;
    lines.push(`| ${t.what} | ${val} | ${tgt} | ${verdict(t.pass)} |`);
  }
  lines.push(...mergeReport(results));
  return lines.join("\n");
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.report) {
    console.log(report(JSON.parse(readFileSync(o.report, "utf8"))));
    return;
  }
  ensureBuilt();
  const scratch = mkdtempSync(path.join(os.tmpdir(), "vmcp-bench-"));
  const started = new Date();
  const machine = machineInfo();
  process.stderr.write(
    `vmcp-gen bench: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; scratch ${scratch}\n`,
  );
  const results = {
    date: started.toISOString(),
    options: { ...o, out: path.relative(BENCH_DIR, o.out) },
    machine,
    git: gitInfo(),
    workloads: {},
    cases: {},
    ratios: {},
    targets: [],
  };
  const big = (label, args, n, extra = {}) =>
    measure(label, process.execPath, [BIN, ...args], o.runs, { scratch, ...extra });

  try {
    if (!o.mergeOnly) await measureWorkloads(o, results, scratch, big);
    // (e) a podTemplateSpec with thousands of list items: the strategic merge must stay near-linear.
    for (const n of o.mergeSizes) {
      process.stderr.write(`(e) strategic merge, ${n} env entries\n`);
      const dir = path.join(scratch, `merge-${n}`);
      results.workloads[`merge${n}`] = generateMergeWorkload(dir, n);
      results.cases[`merge${n}`] = { n, ...big(`merge ${n}`, ["synth", dir], n) };
    }
  } finally {
    if (!o.keep) rmSync(scratch, { recursive: true, force: true });
  }

  results.machine.loadAvgAtEnd = os.loadavg().map((x) => round(x, 2));
  const table = report(results);
  results.markdown = table;
  mkdirSync(path.dirname(o.out), { recursive: true });
  writeFileSync(o.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(table);
  console.log("");
  console.log(
    `Results: ${path.relative(process.cwd(), o.out) || o.out}${o.keep ? `; workloads kept in ${scratch}` : ""}`,
  );
}

/** Cases (a)–(d): cold start, synth at each size, validate, kubectl kustomize. */
async function measureWorkloads(o, results, scratch, big) {
  {
    // (a) cold start, interleaved so that drift hits both sides alike; one warm-up each (page cache).
    process.stderr.write("(a) cold start\n");
    measureOnce(process.execPath, ["-e", "0"], { scratch });
    measureOnce(process.execPath, [BIN, "synth", QUICKSTART], { scratch });
    const nodeSamples = [];
    const coldSamples = [];
    for (let i = 0; i < o.coldRuns; i++) {
      nodeSamples.push(measureOnce(process.execPath, ["-e", "0"], { scratch }));
      const s = measureOnce(process.execPath, [BIN, "synth", QUICKSTART], { scratch });
      if (s.code !== 0) throw new Error(`synth fixtures/quickstart: exit ${s.code}\n${s.stderr}`);
      coldSamples.push(s);
      process.stderr.write(
        `  run ${i + 1}/${o.coldRuns}: node -e 0 ${nodeSamples.at(-1).wall.toFixed(3)} s, synth quickstart ${s.wall.toFixed(3)} s\n`,
      );
    }
    results.cases.nodeE0 = summarize(nodeSamples);
    results.cases.coldSynthQuickstart = summarize(coldSamples);

    // (b) synth at each size.
    const sizes = [...new Set([...o.sizes, o.validateSize])].sort((a, b) => a - b);
    const dirs = {};
    for (const n of sizes) {
      dirs[n] = path.join(scratch, `workload-${n}`);
      results.workloads[n] = generateWorkload(dirs[n], n);
    }
    for (const n of o.sizes) {
      process.stderr.write(`(b) synth N = ${n}\n`);
      const outFile = path.join(scratch, `synth-${n}.yaml`);
      const r = big(`synth ${n}`, ["synth", dirs[n]], n, { stdoutFile: outFile });
      results.cases[`synth${n}`] = { n, ...r, output: countDocuments(outFile) };
    }

    // (c) validate.
    process.stderr.write(`(c) validate N = ${o.validateSize}\n`);
    results.cases[`validate${o.validateSize}`] = {
      n: o.validateSize,
      ...big(`validate ${o.validateSize}`, ["validate", dirs[o.validateSize]], o.validateSize),
    };

    // (d) kubectl kustomize over the rendered output of the validate size (1,000 by default).
    const kubectl = o.kustomize ? which("kubectl") : undefined;
    const kn = o.validateSize;
    if (kubectl) {
      process.stderr.write(`(d) kubectl kustomize over the rendered N = ${kn}\n`);
      const outDir = path.join(scratch, `rendered-${kn}`);
      let how;
      if (synthHasOutputDir()) {
        const s = measureOnce(process.execPath, [BIN, "synth", dirs[kn], "--output-dir", outDir], { scratch });
        if (s.code !== 0) throw new Error(`synth --output-dir: exit ${s.code}\n${s.stderr}`);
        if (!existsSync(path.join(outDir, "kustomization.yaml"))) writeKustomization(outDir, listYaml(outDir));
        how = "synth --output-dir";
      } else {
        let stream = path.join(scratch, `synth-${kn}.yaml`);
        if (!existsSync(stream)) {
          stream = path.join(scratch, `synth-${kn}-for-kustomize.yaml`);
          const s = measureOnce(process.execPath, [BIN, "synth", dirs[kn]], { scratch, stdoutFile: stream });
          if (s.code !== 0) throw new Error(`synth ${kn}: exit ${s.code}\n${s.stderr}`);
        }
        await splitIntoDirectory(stream, outDir);
        how = "synth stdout split by the bench (one file per object + kustomization.yaml)";
      }
      const files = listYaml(outDir).length;
      const r = measure(`kubectl kustomize ${kn}`, kubectl, ["kustomize", outDir], o.kustomizeRuns, {
        scratch,
        nodeChild: false,
      });
      results.cases[`kustomize${kn}`] = { n: kn, files, layout: how, ...r };
    } else {
      results.cases[`kustomize${kn}`] = null;
    }
  }
}

main().catch((e) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
