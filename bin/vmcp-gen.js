#!/usr/bin/env node
import module from "node:module";

// Node ≥ 22.1 can keep V8's compiled code between runs (in the OS temp folder; NODE_DISABLE_COMPILE_CACHE=1
// turns it off): a cold start then skips compiling the ~4 MB of JavaScript the libraries bring.
// The import below is dynamic so that the cache is on before the first of our modules loads.
module.enableCompileCache?.();
const { runProcess } = await import("../dist/cli/run-process.js");

await runProcess();
