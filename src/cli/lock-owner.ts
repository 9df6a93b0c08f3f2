import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import type { LockOwner } from "../emit/output-dir-lock.js";

/** Linux reports process start times in clock ticks since boot; USER_HZ is 100 on every Linux ABI Node runs on. */
const TICKS_PER_SECOND = 100;

function bootTimeMs(): number | undefined {
  try {
    const m = /^btime (\d+)$/m.exec(readFileSync("/proc/stat", "utf8"));
    return m ? Number(m[1]) * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** When `pid` started, from /proc (Linux); `undefined` elsewhere or when it is gone. */
function processStartMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[19]);
    const boot = bootTimeMs();
    return boot === undefined || !Number.isFinite(ticks) ? undefined : boot + (ticks / TICKS_PER_SECOND) * 1000;
  } catch {
    return undefined;
  }
}

/** This process as the owner of an output directory's lock. */
export function currentLockOwner(): LockOwner {
  return {
    pid: process.pid,
    host: hostname(),
    isRunning(pid: number): boolean {
      try {
        process.kill(pid, 0);
        return true;
      } catch (e) {
        // EPERM: it runs, under another user.
        return (e as NodeJS.ErrnoException).code !== "ESRCH";
      }
    },
    startedAt: processStartMs,
  };
}
