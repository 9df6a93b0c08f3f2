// Test-only preload (node --require): simulates vmcp-gen being killed (SIGKILL: no cleanup, no
// finally blocks) in the middle of writing an output directory. The environment variable names
// the fs/promises function and after how many calls to it the process dies:
//   VMCP_GEN_TEST_CRASH=writeFile:3   -> killed at the 3rd writeFile
//   VMCP_GEN_TEST_CRASH=rename:2      -> killed at the 2nd rename (between the swap's two renames)
const fsp = require("node:fs/promises");
const { syncBuiltinESMExports } = require("node:module");

const [fn, count] = String(process.env.VMCP_GEN_TEST_CRASH || "").split(":");
const limit = Number(count);
if (fn && typeof fsp[fn] === "function" && limit > 0) {
  const original = fsp[fn];
  let calls = 0;
  fsp[fn] = function (...args) {
    if (++calls >= limit) process.kill(process.pid, "SIGKILL");
    return original.apply(this, args);
  };
  // ESM `import { writeFile } from "node:fs/promises"` bindings follow the patched function.
  syncBuiltinESMExports();
}
