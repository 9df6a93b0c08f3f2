// Preloaded with --require: at exit, writes the CommonJS modules the process loaded (one path per
// line) to $VMCP_MODULE_PROBE_FILE. Tests use it to check what a command never loads.
"use strict";
const file = process.env.VMCP_MODULE_PROBE_FILE;
if (file) process.on("exit", () => require("node:fs").writeFileSync(file, Object.keys(require.cache).join("\n")));
