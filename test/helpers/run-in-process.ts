import { Readable } from "node:stream";
import { main } from "../../src/cli/main.js";

export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process with captured streams: fast enough to run every fixture. */
export async function runInProcess(
  argv: readonly string[],
  options: { cwd: string; stdin?: string | Buffer; env?: Record<string, string> },
): Promise<InProcessResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
    stdin: Readable.from(options.stdin !== undefined ? [options.stdin] : []),
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: (s: string) => ((stderr += s), true) },
  });
  return { code, stdout, stderr };
}
