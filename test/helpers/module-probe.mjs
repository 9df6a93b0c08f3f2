// Preloaded with --import: records every module the process loads to $VMCP_MODULE_PROBE_FILE, one
// path a line. ES modules through a resolve hook (module-probe-hooks.mjs, run by Node's loader
// thread, hence a file to append to), CommonJS modules from require.cache at exit. Tests use it
// to check what each command loads and never loads.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";

const file = process.env.VMCP_MODULE_PROBE_FILE;
if (file) {
  register("./module-probe-hooks.mjs", import.meta.url, { data: { file } });
  const { cache } = createRequire(import.meta.url);
  process.on("exit", () => appendFileSync(file, Object.keys(cache).join("\n") + "\n"));
}
