#!/usr/bin/env node
// A/B comparison of built CLIs (checkouts, snapshots, prototypes), interleaved so that machine
// load hits every variant alike. Prints min and median wall, median CPU (user + system) and
// median peak RSS per variant.
//
//   node bench/compare.mjs --runs 10 node base=/tmp/base proto=/tmp/proto -- synth fixtures/quickstart
//
// `node` alone is the `node -e 0` reference. In ARGS, @ROOT@ becomes each variant's directory
// (e.g. `synth @ROOT@/fixtures/quickstart`). Needs GNU time (/usr/bin/time) for CPU and RSS.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const argv = process.argv.slice(2);
const sep = argv.indexOf("--");
if (sep < 0) {
  console.error("usage: node bench/compare.mjs [--runs N] node NAME=DIR... -- ARGS");
  process.exit(2);
}
let runs = 5;
const variants = [];
for (let i = 0; i < sep; i++) {
  if (argv[i] === "--runs") runs = Number(argv[++i]);
  else if (argv[i] === "node") variants.push({ name: "node -e 0", dir: null, samples: [] });
  else {
    const [name, dir] = argv[i].split("=");
    variants.push({ name, dir: path.resolve(dir), samples: [] });
  }
}
const args = argv.slice(sep + 1);
const TIME = ["/usr/bin/time", "/bin/time"].find((p) => existsSync(p));
const tmp = path.join(os.tmpdir(), `vmcp-compare-${process.pid}.txt`);
const env = { ...process.env };
delete env.NODE_OPTIONS;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

for (let i = 0; i < runs; i++) {
  for (const v of variants) {
    const nodeArgs =
      v.dir === null
        ? ["-e", "0"]
        : [path.join(v.dir, "bin", "vmcp-gen.js"), ...args.map((a) => a.replaceAll("@ROOT@", v.dir))];
    const cmd = TIME
      ? [TIME, "-f", "%U %S %M", "-o", tmp, process.execPath, ...nodeArgs]
      : [process.execPath, ...nodeArgs];
    const out = openSync("/dev/null", "w");
    const t0 = performance.now();
    const r = spawnSync(cmd[0], cmd.slice(1), { stdio: ["ignore", out, "pipe"], env, cwd: v.dir ?? process.cwd() });
    const wall = (performance.now() - t0) / 1000;
    closeSync(out);
    if (r.status !== 0) {
      console.error(`${v.name}: exit ${r.status}\n${r.stderr.toString().slice(0, 2000)}`);
      process.exit(1);
    }
    const sample = { wall };
    if (TIME) {
      const [u, s, m] = readFileSync(tmp, "utf8").trim().split("\n").at(-1).split(/\s+/).map(Number);
      Object.assign(sample, { cpu: u + s, rssMiB: m / 1024 });
    }
    v.samples.push(sample);
  }
}
rmSync(tmp, { force: true });
console.log(`${runs} interleaved runs; load average ${os.loadavg()[0].toFixed(1)} at the end\n`);
console.log("| variant | wall min | wall median | CPU median | peak RSS median |\n|---|---:|---:|---:|---:|");
for (const v of variants) {
  const w = v.samples.map((s) => s.wall);
  const cpu = v.samples.map((s) => s.cpu).filter((x) => x !== undefined);
  const rss = v.samples.map((s) => s.rssMiB).filter((x) => x !== undefined);
  console.log(
    `| ${v.name} | ${Math.min(...w).toFixed(3)} s | ${median(w).toFixed(3)} s | ${cpu.length ? `${median(cpu).toFixed(2)} s` : "–"} | ${rss.length ? `${median(rss).toFixed(0)} MiB` : "–"} |`,
  );
}
