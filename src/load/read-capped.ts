import { closeSync, fstatSync, openSync, readSync } from "node:fs";

const CHUNK = 1024 * 1024;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Reads a file, stopping at `limit` bytes: a size from `stat` says nothing about a device
 * (`/dev/zero`, `/dev/urandom`), a FIFO or `/dev/stdin`, which report 0 and never end, so the cap
 * is enforced on the bytes actually read. Returns `"too-large"` past the limit. Throws what `open`
 * and `read` throw (the caller reports an unusable path).
 */
export function readCapped(file: string, limit: number): Buffer | "too-large" {
  const fd = openSync(file, "r");
  try {
    const st = fstatSync(fd);
    // A regular file says how large it is: refuse it without reading.
    if (st.isFile() && st.size > limit) return "too-large";
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        // A pipe opened non-blocking has nothing yet: wait a moment, as a blocking read would.
        if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if (n === 0) break;
      total += n;
      if (total > limit) return "too-large";
      parts.push(buf.subarray(0, n));
    }
    return Buffer.concat(parts, total);
  } finally {
    closeSync(fd);
  }
}
