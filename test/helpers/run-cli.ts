import { execFileSync, spawn } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";

/** The repository root (where package.json and bin/ live). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = path.join(REPO_ROOT, "bin", "vmcp-gen.js");
const BUILT_MAIN = path.join(REPO_ROOT, "dist", "cli", "main.js");

/**
 * Builds `dist/` with tsc when it is missing (`npm test` builds first; a bare `vitest run` on a
 * fresh clone does not). An existing build is used as it is.
 */
export function ensureBuilt(): void {
  if (existsSync(BUILT_MAIN) && existsSync(path.join(REPO_ROOT, "dist", "validators", "index.cjs"))) return;
  // npm run build: tsc, then the schema validators generated from schemas/.
  const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: REPO_ROOT, stdio: "pipe" });
  execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts", "compile-validators.mjs")], {
    cwd: REPO_ROOT,
    stdio: "pipe",
  });
}

export interface RunOptions {
  /** Working directory; the repository root by default. */
  readonly cwd?: string;
  /** Written to the CLI's stdin, which is then closed. Without it stdin is empty. */
  readonly stdin?: string | Buffer;
  /** Added to (or, with `undefined`, removed from) a clean environment without NO_COLOR/FORCE_COLOR. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** More absolute paths to replace in the output, e.g. `{ "<TMP>": dir }`. */
  readonly replace?: Readonly<Record<string, string>>;
  /** Milliseconds before the process is killed and the run fails. */
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly code: number;
  /** Normalised: ANSI escapes stripped, the repo root replaced by `<ROOT>`. */
  readonly stdout: string;
  readonly stderr: string;
  /** Exactly as written, for colour checks. */
  readonly rawStdout: string;
  readonly rawStderr: string;
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

export function normalizeOutput(text: string, replace: Readonly<Record<string, string>> = {}): string {
  let out = stripVTControlCharacters(text);
  const pairs: [string, string][] = [];
  for (const [token, p] of Object.entries(replace)) pairs.push([p, token], [realOrSelf(p), token]);
  pairs.push([REPO_ROOT, "<ROOT>"], [realOrSelf(REPO_ROOT), "<ROOT>"]);
  // Longest paths first, so a temp dir inside the repo is not half-replaced by <ROOT>.
  pairs.sort((a, b) => b[0].length - a[0].length);
  for (const [from, to] of pairs) out = out.split(from).join(to);
  return out;
}

function cleanEnv(extra: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ["NO_COLOR", "FORCE_COLOR", "NODE_OPTIONS", "CI", "GITHUB_ACTIONS"]) delete env[k];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Spawns the built CLI (`node bin/vmcp-gen.js ARGS`) and collects its exit code and output. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: cleanEnv(options.env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`vmcp-gen ${args.join(" ")} did not finish within ${options.timeoutMs ?? 30_000} ms`));
    }, options.timeoutMs ?? 30_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const rawStdout = Buffer.concat(out).toString("utf8");
      const rawStderr = Buffer.concat(err).toString("utf8");
      if (code === null) {
        reject(new Error(`vmcp-gen ${args.join(" ")} was killed by ${signal}\n${rawStderr}`));
        return;
      }
      resolve({
        code,
        stdout: normalizeOutput(rawStdout, options.replace),
        stderr: normalizeOutput(rawStderr, options.replace),
        rawStdout,
        rawStderr,
      });
    });
    // A CLI that exits before reading stdin closes the pipe; that is not a test failure.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.stdin ?? "");
  });
}
