#!/usr/bin/env node
import { main } from "../dist/cli/main.js";

// A closed pipe (`vmcp-gen synth … | head`) is the reader's choice, not an error worth a stack trace.
process.stdout.on("error", (e) => process.exit(e.code === "EPIPE" ? 0 : 70));

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
