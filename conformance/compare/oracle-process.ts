import { execFileSync, spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/**
 * The Go oracle (conformance/oracle): ToolHive v0.44.0's own admission, reconcilers and runtime
 * loader. Built on demand with the local Go toolchain; `go build` is incremental, so a warm
 * build costs about a second and every entry point may simply call it.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ORACLE_DIR = path.join(REPO_ROOT, "conformance", "oracle");
export const ORACLE_BIN = path.join(ORACLE_DIR, "bin", "oracle");

/** Why the oracle cannot run here, or undefined when it can. */
export function oracleUnavailable(): string | undefined {
  if (!existsSync(path.join(ORACLE_DIR, "go.mod"))) return "conformance/oracle/go.mod is missing";
  const go = spawnSync("go", ["version"], { encoding: "utf8" });
  if (go.error !== undefined || go.status !== 0) return "no Go toolchain on PATH (the oracle is built with go)";
  return undefined;
}

let built = false;

/** Builds the oracle once per process; throws with Go's output when the build fails. */
export function buildOracle(): string {
  if (built) return ORACLE_BIN;
  try {
    execFileSync("go", ["build", "-o", ORACLE_BIN, "."], {
      cwd: ORACLE_DIR,
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`building the oracle failed:\n${err.stderr ?? err.message}`);
  }
  built = true;
  return ORACLE_BIN;
}

export interface OracleFiles {
  readonly [name: string]: string;
}

export interface OracleRequest {
  readonly command: "admit" | "reconcile" | "runtime";
  readonly files?: OracleFiles;
  readonly namespace?: string;
  /** runtime: the config.yaml text, and the env variable names the Deployment sets. */
  readonly config?: string;
  readonly env?: readonly string[];
}

/**
 * One long-lived `oracle batch` process: a JSON line per request, a JSON line per answer. Every
 * request is independent on the Go side (a fresh fake cluster), so a fuzzer can send thousands.
 */
export class OracleBatch {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private next = 0;
  private stderr = "";

  constructor() {
    this.child = spawn(buildOracle(), ["batch"], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-20_000);
    });
    createInterface({ input: this.child.stdout }).on("line", (line) => {
      const answer = JSON.parse(line) as { id: string; result?: unknown; error?: string };
      const waiter = this.pending.get(answer.id);
      if (waiter === undefined) return;
      this.pending.delete(answer.id);
      if (answer.error !== undefined) waiter.reject(new Error(`oracle: ${answer.error}`));
      else waiter.resolve(answer.result);
    });
    this.child.on("exit", (code, signal) => {
      const why = new Error(
        `oracle batch exited (${signal ?? code}) with ${this.pending.size} requests open:\n${this.stderr}`,
      );
      for (const w of this.pending.values()) w.reject(why);
      this.pending.clear();
    });
  }

  request<T>(req: OracleRequest): Promise<T> {
    const id = String(this.next++);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.stdin.write(`${JSON.stringify({ id, ...req })}\n`);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once("exit", () => resolve());
      this.child.stdin.end();
    });
  }
}
