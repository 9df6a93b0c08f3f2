import { spawn, spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { createTempDir } from "../helpers/temp-dir.js";
import { validInputs } from "../integration/helpers/inputs.js";

const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

/** A FIFO with a writer that never stops: reading it without a cap never ends. */
function endlessFifo(file: string): () => void {
  spawnSync("mkfifo", [file]);
  const writer = spawn("sh", ["-c", `yes 'a: b' > '${file}'`], { stdio: "ignore" });
  return () => writer.kill("SIGKILL");
}

describe("every input is read with the size limit, whatever it is", () => {
  it.skipIf(!existsSync("/dev/zero"))(
    "a device that never ends (/dev/zero, /dev/urandom): VMCP102, not a hang",
    async () => {
      for (const device of ["/dev/zero", "/dev/urandom"]) {
        const r = await runCli(["validate", device, "--max-file-size", "1Mi", "--diagnostics", "json"], {
          timeoutMs: 20_000,
        });
        expect(r.code).toBe(1);
        expect(
          JSON.parse(r.stderr).diagnostics.map((d: { code: string; file: string }) => `${d.code} ${d.file}`),
        ).toEqual([`VMCP102 ${device}`]);
      }
    },
  );

  it.skipIf(!hasMkfifo)("a FIFO with an endless writer: VMCP102", async () => {
    const t = createTempDir();
    const stop = endlessFifo(t.path("pipe.yaml"));
    try {
      const r = await runCli(["validate", "pipe.yaml", "--max-file-size", "64Ki"], { cwd: t.dir, timeoutMs: 20_000 });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("pipe.yaml:1:1: error VMCP102: input is larger than 65536 bytes");
    } finally {
      stop();
    }
  });

  it("/dev/stdin named as a path reads as `-`: the same limit, also when stdin is a socket", async () => {
    const big = `${validInputs()}---\n${"# padding\n".repeat(20_000)}`;
    const over = await runCli(["validate", "/dev/stdin", "--max-file-size", "64Ki"], { stdin: big, timeoutMs: 20_000 });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain("<stdin>:1:1: error VMCP102: input is larger than 65536 bytes");
    const ok = await runCli(["validate", "/dev/stdin"], { stdin: validInputs(), timeoutMs: 20_000 });
    expect(ok.code, ok.stderr).toBe(0);
  });

  it.skipIf(!hasMkfifo)(
    "diff --against: a file of the previous render that is a FIFO or too large is reported, not read forever",
    async () => {
      const t = createTempDir({ "in.yaml": validInputs() });
      expect((await runCli(["synth", "in.yaml", "--output-dir", "out"], { cwd: t.dir })).code).toBe(0);
      const owned = t.path("out", "team-a", "demo", "deployment-demo.yaml");
      spawnSync("rm", [owned]);
      spawnSync("mkfifo", [owned]);
      const fifo = await runCli(["diff", "in.yaml", "--against", "out"], { cwd: t.dir, timeoutMs: 20_000 });
      expect(fifo.code).toBe(2);
      expect(fifo.stderr).toContain("error VMCP117: not a regular file");
      spawnSync("rm", [owned]);
      writeFileSync(owned, "# x\n".repeat(5 * 1024 * 1024));
      const large = await runCli(["diff", "in.yaml", "--against", "out"], { cwd: t.dir, timeoutMs: 20_000 });
      expect(large.code).toBe(2);
      expect(large.stderr).toContain(
        `${path.join("out", "team-a", "demo", "deployment-demo.yaml")}:1:1: error VMCP102`,
      );
      const stop = endlessFifo(t.path("against.yaml"));
      try {
        const file = await runCli(["diff", "in.yaml", "--against", "against.yaml"], { cwd: t.dir, timeoutMs: 20_000 });
        expect(file.code).toBe(2);
        expect(file.stderr).toContain("error VMCP102");
      } finally {
        stop();
      }
    },
  );
});
