// Preloaded with --require when GNU time is missing: writes "<peak RSS KiB> <user s> <system s>"
// of this process (getrusage) to $VMCP_BENCH_RSS_FILE when it exits, the format run.mjs reads.
"use strict";
const file = process.env.VMCP_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    require("node:fs").writeFileSync(file, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}\n`);
  });
}
