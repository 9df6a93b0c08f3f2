import { main } from "./main.js";

/**
 * Runs vmcp-gen as the current process: its arguments, standard streams and exit code. The entry
 * point of both bin/vmcp-gen.js and the single-file executable (scripts/build-binary.mjs).
 */
export async function runProcess(): Promise<void> {
  // A closed pipe (`vmcp-gen synth … | head`) is the reader's choice, not an error worth a stack trace.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => process.exit(e.code === "EPIPE" ? 0 : 70));
  process.exitCode = await main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
