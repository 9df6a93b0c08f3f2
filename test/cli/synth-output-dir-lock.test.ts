import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateWorkload } from "../../bench/workload.mjs";
import { BIN, ensureBuilt, runCli } from "../helpers/run-cli.js";
import { createTempDir, createTempDirManual } from "../helpers/temp-dir.js";
import { validInputs } from "../integration/helpers/inputs.js";
import { siblingsOf, snapshotTree } from "../integration/helpers/tree.js";

const CRASH_PRELOAD = path.resolve(import.meta.dirname, "../integration/helpers/crash-after.cjs");

interface Outcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Starts the built CLI without waiting for it: several of these run at the same time. */
function start(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NODE_OPTIONS: "", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const err: Buffer[] = [];
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stderr: Buffer.concat(err).toString("utf8") }));
  });
}

/** A pid that belonged to a process that has exited, so nothing runs under it (for a while). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

function lockFile(out: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.vmcp-gen-lock`);
}

// Real processes on a large workload: the lock, not the timing, must keep the folder whole.
describe("synth --output-dir: concurrent runs into one folder", () => {
  const work = createTempDirManual();
  let reference: { a: Record<string, string>; b: Record<string, string> };
  beforeAll(async () => {
    ensureBuilt();
    generateWorkload(work.path("a"), 300);
    generateWorkload(work.path("b"), 120);
    for (const w of ["a", "b"] as const)
      expect((await runCli(["synth", w, "--output-dir", `ref-${w}`], { cwd: work.dir, timeoutMs: 120_000 })).code).toBe(
        0,
      );
    reference = { a: snapshotTree(work.path("ref-a")), b: snapshotTree(work.path("ref-b")) };
  }, 180_000);
  afterAll(() => work.cleanup());

  it("runs started at once take turns: exit 0 or 2, never 70; the folder is one run's whole output; the user's file stays", async () => {
    const out = work.path("out");
    expect((await runCli(["synth", "b", "--output-dir", "out"], { cwd: work.dir, timeoutMs: 120_000 })).code).toBe(0);
    writeFileSync(path.join(out, "README.md"), "mine\n");
    const runs = await Promise.all([
      ...["a", "b", "a", "b", "a", "b"].map((w) => start(["synth", w, "--output-dir", "out"], work.dir)),
      // Runs that will not wait: each either gets the folder at once or exits 2.
      start(["synth", "a", "--output-dir", "out", "--lock-timeout", "0"], work.dir),
      start(["synth", "b", "--output-dir", "out", "--lock-timeout", "0"], work.dir),
    ]);
    for (const r of runs) {
      expect(r.signal).toBeNull();
      expect([0, 2], r.stderr).toContain(r.code);
      if (r.code === 2)
        expect(r.stderr).toMatch(/another vmcp-gen run is writing this folder \(pid \d+ on .+\); nothing was written/);
    }
    expect(runs.slice(0, 6).every((r) => r.code === 0)).toBe(true);
    const tree = snapshotTree(out);
    expect(tree["README.md"]).toBe(`file 644 ${Buffer.from("mine\n").toString("base64")}`);
    const { ["README.md"]: _readme, ...rendered } = tree;
    expect([reference.a, reference.b]).toContainEqual(rendered);
    expect(siblingsOf(out)).toEqual([]);
    // Later runs still accept the folder.
    const again = await runCli(["synth", "a", "--output-dir", "out"], { cwd: work.dir, timeoutMs: 120_000 });
    expect(again.code).toBe(0);
    expect(readFileSync(path.join(out, "README.md"), "utf8")).toBe("mine\n");
  }, 180_000);

  it("a run killed while it holds the lock is recovered from: a waiting run takes the stale lock over", async () => {
    const out = work.path("killed");
    expect((await runCli(["synth", "b", "--output-dir", "killed"], { cwd: work.dir, timeoutMs: 120_000 })).code).toBe(
      0,
    );
    writeFileSync(path.join(out, "README.md"), "mine\n");
    const before = snapshotTree(out);
    const crashing = start(["synth", "a", "--output-dir", "killed"], work.dir, {
      NODE_OPTIONS: `--require ${CRASH_PRELOAD}`,
      VMCP_GEN_TEST_CRASH: "writeFile:400",
    });
    const crashed = await crashing;
    expect(crashed.signal).toBe("SIGKILL");
    // Killed mid-write: the folder is as it was, and the dead run's lock is still there.
    expect(snapshotTree(out)).toEqual(before);
    expect(existsSync(lockFile(out))).toBe(true);
    expect(JSON.parse(readFileSync(lockFile(out), "utf8"))).toMatchObject({ host: hostname() });
    const next = await runCli(["synth", "a", "--output-dir", "killed", "--lock-timeout", "0"], {
      cwd: work.dir,
      timeoutMs: 120_000,
    });
    expect(next.code, next.stderr).toBe(0);
    const { ["README.md"]: readme, ...rendered } = snapshotTree(out);
    expect(readme).toBe(before["README.md"]);
    expect(rendered).toEqual(reference.a);
    expect(siblingsOf(out)).toEqual([]);
  }, 180_000);

  it("a run that waits while another is killed mid-write gets the folder afterwards", async () => {
    const out = work.path("handover");
    const crashing = start(["synth", "a", "--output-dir", "handover"], work.dir, {
      NODE_OPTIONS: `--require ${CRASH_PRELOAD}`,
      VMCP_GEN_TEST_CRASH: "writeFile:600",
    });
    // Let the crashing run take the lock first, then queue behind it.
    for (let i = 0; i < 200 && !existsSync(lockFile(out)); i++) await new Promise((r) => setTimeout(r, 25));
    const waiting = start(["synth", "b", "--output-dir", "handover"], work.dir);
    const [crashed, waited] = await Promise.all([crashing, waiting]);
    expect(crashed.signal).toBe("SIGKILL");
    expect(waited.code, waited.stderr).toBe(0);
    expect(snapshotTree(out)).toEqual(reference.b);
    expect(siblingsOf(out)).toEqual([]);
  }, 180_000);
});

describe("synth --output-dir: the lock file", () => {
  const lock = (pid: number, host = hostname(), started = new Date().toISOString()) =>
    `${JSON.stringify({ pid, host, started, token: "t" })}\n`;

  it("a live owner on this host: exit 2 after --lock-timeout, naming the owner and the file; nothing written", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    const held = lock(process.pid);
    writeFileSync(lockFile(t.path("out")), held);
    const r = await runCli(["synth", "in.yaml", "--output-dir", "out", "--lock-timeout", "0.2"], { cwd: t.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `vmcp-gen: error: --output-dir out: another vmcp-gen run is writing this folder (pid ${process.pid} on ${hostname()}`,
    );
    expect(r.stderr).toContain("after waiting 0.2 s; nothing was written");
    expect(existsSync(t.path("out"))).toBe(false);
    expect(readFileSync(lockFile(t.path("out")), "utf8")).toBe(held);
  });

  it("waits for a live owner that finishes within --lock-timeout", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    const file = lockFile(t.path("out"));
    writeFileSync(file, lock(process.pid));
    const run = runCli(["synth", "in.yaml", "--output-dir", "out", "--lock-timeout", "30"], { cwd: t.dir });
    await new Promise((r) => setTimeout(r, 700));
    expect(existsSync(t.path("out"))).toBe(false);
    spawnSync("rm", [file]);
    const r = await run;
    expect(r.code).toBe(0);
    expect(existsSync(t.path("out", "kustomization.yaml"))).toBe(true);
  });

  it("an owner on another host cannot be checked: exit 2, and the message says which file to delete", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    writeFileSync(lockFile(t.path("out")), lock(1, "ci-runner-7f"));
    const r = await runCli(["synth", "in.yaml", "--output-dir", "out", "--lock-timeout", "0"], { cwd: t.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /pid 1 on ci-runner-7f, since .*; nothing was written\. Run again when it is done, raise --lock-timeout, or, if that run is gone \(another host or container\), delete .*\.out\.vmcp-gen-lock/,
    );
  });

  it("a file that is not a vmcp-gen lock is never deleted", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    writeFileSync(lockFile(t.path("out")), "not json\n");
    const r = await runCli(["synth", "in.yaml", "--output-dir", "out", "--lock-timeout", "0"], { cwd: t.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("an owner it cannot read (the file is not a vmcp-gen lock)");
    expect(readFileSync(lockFile(t.path("out")), "utf8")).toBe("not json\n");
  });

  it("a stale lock (its pid is gone) is taken over and removed at the end", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    writeFileSync(lockFile(t.path("out")), lock(deadPid()));
    const r = await runCli(["synth", "in.yaml", "--output-dir", "out", "--lock-timeout", "0"], { cwd: t.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(lockFile(t.path("out")))).toBe(false);
  });

  it.skipIf(!existsSync("/proc/self/stat"))("a lock whose pid now belongs to a later process is stale", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    // This test process is alive, but started long after this lock was taken.
    writeFileSync(lockFile(t.path("out")), lock(process.pid, hostname(), "2000-01-01T00:00:00.000Z"));
    const r = await runCli(["synth", "in.yaml", "--output-dir", "out", "--lock-timeout", "0"], { cwd: t.dir });
    expect(r.code, r.stderr).toBe(0);
  });

  it("--lock-timeout must be a number of seconds", async () => {
    const r = await runCli(["synth", "in.yaml", "--output-dir", "out", "--lock-timeout", "soon"], {
      cwd: createTempDir().dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lock-timeout: "soon" is not a number of seconds');
  });
});
