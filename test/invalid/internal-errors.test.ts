import { spawn } from "node:child_process";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { BIN, ensureBuilt, REPO_ROOT } from "../helpers/run-cli.js";

/**
 * Internal errors: any unexpected exception exits 70 with one line that says it is a bug and how
 * to get the trace (--debug), and nothing on stdout. Failures are injected from outside the
 * production code: through the CliIo passed to main(), through a vi.mock of a stage module, and,
 * for the built CLI, through a preloaded module that breaks process.stdout.
 */
const state = vi.hoisted(() => ({
  failResolve: undefined as unknown,
  breakConfig: undefined as ((config: Record<string, unknown>) => void) | undefined,
}));

vi.mock("../../src/resolve/resolve-vmcps.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/resolve/resolve-vmcps.js")>();
  return {
    ...actual,
    resolveVirtualMcpServers: (...args: Parameters<typeof actual.resolveVirtualMcpServers>) => {
      if (state.failResolve !== undefined) throw state.failResolve;
      return actual.resolveVirtualMcpServers(...args);
    },
  };
});

// A renderer bug, simulated: the config.yaml it builds is changed before vmcp-gen's model checks it.
vi.mock("../../src/render/config/build-config.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/render/config/build-config.js")>();
  return {
    ...actual,
    buildVmcpConfig: (...args: Parameters<typeof actual.buildVmcpConfig>) => {
      const config = actual.buildVmcpConfig(...args);
      state.breakConfig?.(config as Record<string, unknown>);
      return config;
    },
  };
});

afterEach(() => {
  state.failResolve = undefined;
  state.breakConfig = undefined;
});

const QUICKSTART = path.join(REPO_ROOT, "fixtures", "quickstart");
/** One line: what failed, that it is a bug (not the input), and how to get the trace; the wording around it may change. */
const BUG_LINE = /^vmcp-gen: internal error[^\n]*: [^\n]* this is a bug in vmcp-gen[^\n]*--debug[^\n]*\n$/;
const STACK = /\n\s+at /;

interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: readonly string[], overrides: Partial<CliIo> = {}): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    cwd: QUICKSTART,
    env: { NO_COLOR: "1" },
    stdin: Readable.from([]),
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: (s: string) => ((stderr += s), true) },
    ...overrides,
  });
  return { code, stdout, stderr };
}

/** An async iterable whose first read throws `value`. */
function throwingStdin(value: unknown): CliIo["stdin"] {
  return {
    [Symbol.asyncIterator]() {
      return {
        next: () => Promise.reject(value),
      };
    },
  };
}

function expectBugReport(r: Captured, message: RegExp): void {
  expect(r.code).toBe(70);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(BUG_LINE);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(STACK);
}

describe("internal errors in-process", () => {
  it.each([
    ["a string", "stdin exploded", /internal error[^:\n]*: stdin exploded /],
    ["a number", 42, /internal error[^:\n]*: 42 /],
    ["undefined", undefined, /internal error[^:\n]*: undefined /],
    ["a symbol", Symbol("boom"), /internal error[^:\n]*: Symbol\(boom\) /],
    ["an object without a prototype", Object.create(null) as unknown, /internal error[^:\n]*: \[object Object\] /],
    [
      "an object whose toString throws",
      {
        toString: () => {
          throw new Error("no");
        },
      },
      /internal error[^:\n]*: \[object Object\] /,
    ],
    ["an Error with a multi-line message", new Error("first line\nsecond line"), /internal error[^:\n]*: first line /],
    [
      "an Error whose message is not a string",
      Object.assign(new Error("x"), { message: 404 }),
      /internal error[^:\n]*: 404 /,
    ],
  ])("exits 70 with one line when stdin throws %s", async (_what, value, message) => {
    expectBugReport(await run(["validate", "-"], { stdin: throwingStdin(value) }), message);
  });

  it("exits 70 with nothing on stdout when writing stdout throws", async () => {
    const r = await run(["synth", "."], {
      stdout: {
        write: () => {
          throw new Error("EPIPE: broken pipe, write");
        },
      },
    });
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(BUG_LINE);
    expect(r.stderr).toMatch(/EPIPE/);
  });

  it("exits 70 when a stage throws (a mocked resolve stage), and --debug adds the stack trace", async () => {
    state.failResolve = new TypeError("Cannot read properties of undefined (reading 'name')");
    const plain = await run(["synth", "."]);
    expectBugReport(plain, /internal error[^:\n]*: Cannot read properties of undefined \(reading 'name'\) /);
    const debug = await run(["synth", ".", "--debug"]);
    expect(debug.code).toBe(70);
    expect(debug.stdout).toBe("");
    expect(debug.stderr).toMatch(/^TypeError: Cannot read properties of undefined \(reading 'name'\)\n\s+at /);
    expect(debug.stderr).toMatch(/internal-errors\.test\.ts:\d+/); // where the injected error was created
    expect(debug.stderr.trimEnd().split("\n").at(-1)).toMatch(/^vmcp-gen: internal error[^:\n]*: /);
  });

  it("exits 70 when a rendered config.yaml does not match vmcp-gen's model of the format, naming the fields, never their values", async () => {
    state.breakConfig = (config) => {
      config.telemetry = { endpoint: "otel-collector:4317", headers: { authorization: "Bearer s3cr3t-token" } };
      (config.aggregation as Record<string, unknown>).conflictResolution = "alphabetical";
      config.replicas = 2;
    };
    const r = await run(["synth", "."]);
    expect(r.code).toBe(70);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(BUG_LINE);
    expect(r.stderr).toContain("does not match vmcp-gen's model of the vMCP config format");
    for (const field of ["aggregation.conflictResolution", "telemetry", "replicas"]) expect(r.stderr).toContain(field);
    expect(r.stderr).not.toContain("s3cr3t");
    expect(r.stderr).not.toContain("alphabetical");
  });

  it("--debug with a thrown non-Error still prints a trace and the bug line", async () => {
    state.failResolve = "plain string";
    const debug = await run(["synth", ".", "--debug"]);
    expect(debug.code).toBe(70);
    expect(debug.stdout).toBe("");
    expect(debug.stderr).toMatch(STACK);
    expect(debug.stderr).toMatch(/vmcp-gen: internal error[^:\n]*: plain string /);
  });

  it("keeps usage errors and invalid input away from exit 70", async () => {
    expect((await run(["synth", "no/such/path"])).code).toBe(2);
    expect((await run(["validate", "-"], { stdin: Readable.from(["kind: [\n"]) })).code).toBe(1);
  });
});

describe("internal errors in the built CLI", () => {
  /** Runs bin/vmcp-gen.js with a preloaded module that makes every process.stdout.write throw. */
  function runBrokenStdout(args: readonly string[]): Promise<Captured> {
    ensureBuilt();
    const preload = "data:text/javascript,process.stdout.write=()=>{throw new Error('stdout is gone')}";
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", preload, BIN, ...args], {
        cwd: QUICKSTART,
        env: { ...process.env, NO_COLOR: "1", NODE_OPTIONS: "" },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
      child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  it("exits 70 with the one-line bug report, and --debug adds the stack", async () => {
    const [plain, debug] = await Promise.all([
      runBrokenStdout(["synth", "."]),
      runBrokenStdout(["synth", ".", "--debug"]),
    ]);
    expectBugReport(plain, /internal error[^:\n]*: stdout is gone /);
    expect(debug.code).toBe(70);
    expect(debug.stderr).toMatch(STACK);
    expect(debug.stderr).toMatch(/vmcp-gen: internal error[^:\n]*: stdout is gone /);
  }, 60_000);
});
