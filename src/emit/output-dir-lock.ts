import { randomBytes } from "node:crypto";
import { link, readdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { UsageError } from "../diagnostics/errors.js";

/**
 * An exclusive lock on one output directory, so that two renders into the same folder run one
 * after the other. The lock is a file beside the folder (`.<name>.vmcp-gen-lock`): the folder
 * itself is renamed during the swap, so a lock inside it would move with it. The file holds its
 * owner (pid, host, start time) and appears complete or not at all: it is written under a private
 * name and hard-linked into place, which fails when the lock exists.
 *
 * A lock whose owner ran on this host and is gone (killed, crashed) is stale and is taken over;
 * only one waiter may take it over at a time (a second, short-lived `.break` lock), so a waiter
 * never deletes a lock another waiter has just taken. A lock from another host cannot be checked:
 * the run waits for it like for a live one.
 */

export const LOCK_SUFFIX = ".vmcp-gen-lock";
const TMP_INFIX = ".vmcp-gen-lock-tmp-";

/** Who is taking the lock, and how to tell whether another owner still runs (from the CLI). */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** `true` when a process with this pid runs on this host. */
  isRunning(pid: number): boolean;
  /** When the process with this pid started (ms since the epoch), where the platform says; detects a reused pid. */
  startedAt?(pid: number): number | undefined;
}

export interface LockOptions {
  readonly owner: LockOwner;
  /** How long to wait for another run's lock before giving up (exit 2). */
  readonly waitMs: number;
  /** Milliseconds between two looks at a held lock. */
  readonly pollMs?: number;
}

interface LockRecord {
  readonly pid: number;
  readonly host: string;
  /** ISO time the owner took the lock. */
  readonly started: string;
  /** Unique per acquisition: tells this lock from a later one of the same pid. */
  readonly token: string;
}

export interface HeldLock {
  readonly file: string;
  release(): Promise<void>;
}

/** The lock file of an output directory (its real path): a hidden sibling. */
export function lockPathFor(dir: string): string {
  return path.join(path.dirname(dir), `.${path.basename(dir)}${LOCK_SUFFIX}`);
}

function parseRecord(text: string): LockRecord | undefined {
  try {
    const r = JSON.parse(text) as Partial<LockRecord>;
    if (
      typeof r.pid === "number" &&
      Number.isInteger(r.pid) &&
      r.pid > 0 &&
      typeof r.host === "string" &&
      typeof r.started === "string" &&
      typeof r.token === "string"
    )
      return r as LockRecord;
  } catch {
    // not ours, or not a lock
  }
  return undefined;
}

async function readText(file: string): Promise<string | undefined> {
  return readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw e;
  });
}

/** Creates `file` holding `text` only if it does not exist; `false` when it does. */
async function createExclusive(file: string, text: string, owner: LockOwner): Promise<boolean> {
  const tmp = `${path.join(path.dirname(file), path.basename(file).replace(LOCK_SUFFIX, TMP_INFIX))}${owner.pid}-${randomBytes(6).toString("hex")}`;
  await writeFile(tmp, text, { flag: "wx", mode: 0o644 });
  try {
    await link(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** Whether the lock's owner is known to be gone; a lock of another host, or one that is not a vmcp-gen lock, never is. */
function isStale(record: LockRecord | undefined, owner: LockOwner): boolean {
  if (!record || record.host !== owner.host) return false;
  // In a container the next run often gets the same pid as a killed one: that pid is this process, not the owner.
  if (record.pid === owner.pid || !owner.isRunning(record.pid)) return true;
  const started = Date.parse(record.started);
  const running = owner.startedAt?.(record.pid);
  // A process that started well after the lock was taken reuses the pid of the owner.
  return running !== undefined && Number.isFinite(started) && running > started + 2_000;
}

/** Deletes the lock `file` if it still holds `seen`, under the `.break` lock so that two waiters never both do. */
async function breakStaleLock(file: string, seen: string, owner: LockOwner): Promise<void> {
  const breaker = `${file}.break`;
  const record: LockRecord = {
    pid: owner.pid,
    host: owner.host,
    started: new Date().toISOString(),
    token: randomBytes(8).toString("hex"),
  };
  if (!(await createExclusive(breaker, JSON.stringify(record), owner))) {
    // Another waiter is breaking it. A breaker whose owner died in that instant is removed, as a lock is.
    const text = await readText(breaker);
    const other = text === undefined ? undefined : parseRecord(text);
    const age = await stat(breaker).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (text !== undefined && (isStale(other, owner) || age > 10_000)) await unlink(breaker).catch(() => undefined);
    return;
  }
  try {
    if ((await readText(file)) === seen) await unlink(file).catch(() => undefined);
  } finally {
    await unlink(breaker).catch(() => undefined);
  }
}

/** Private files of a lock being created that a killed run left behind (this host's dead pids only). */
async function removeDeadTempFiles(file: string, owner: LockOwner): Promise<void> {
  const prefix = path.basename(file).replace(LOCK_SUFFIX, TMP_INFIX);
  const names = await readdir(path.dirname(file)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split("-")[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== owner.pid && !owner.isRunning(pid))
      await unlink(path.join(path.dirname(file), name)).catch(() => undefined);
  }
}

function describeOwner(record: LockRecord | undefined, text: string | undefined): string {
  if (record) return `pid ${record.pid} on ${record.host}, since ${record.started}`;
  return text === undefined ? "an unknown owner" : "an owner it cannot read (the file is not a vmcp-gen lock)";
}

/**
 * Takes the lock of the output directory `dir` (its real path; the parent folder exists), waiting
 * up to `waitMs` for another run to finish. A lock still held after that is a usage error (exit 2)
 * that names the owner and the file.
 */
export async function lockOutputDir(dir: string, shown: string, options: LockOptions): Promise<HeldLock> {
  const file = lockPathFor(dir);
  const { owner } = options;
  const record: LockRecord = {
    pid: owner.pid,
    host: owner.host,
    started: new Date().toISOString(),
    token: randomBytes(8).toString("hex"),
  };
  const text = `${JSON.stringify(record)}\n`;
  const deadline = Date.now() + options.waitMs;
  const poll = options.pollMs ?? 50;
  for (let attempt = 0; ; attempt++) {
    if (await createExclusive(file, text, owner)) break;
    const seen = await readText(file);
    if (seen === undefined) continue; // released in between
    const held = parseRecord(seen);
    if (isStale(held, owner)) {
      await breakStaleLock(file, seen, owner);
      continue;
    }
    if (Date.now() >= deadline) {
      const waited = options.waitMs > 0 ? ` after waiting ${options.waitMs / 1000} s` : "";
      throw new UsageError(
        `--output-dir ${shown}: another vmcp-gen run is writing this folder (${describeOwner(held, seen)})${waited}; nothing was written. Run again when it is done, raise --lock-timeout, or, if that run is gone (another host or container), delete ${file}`,
      );
    }
    // Grow the pause a little, with jitter, so many waiters do not retry in step.
    await sleep(
      Math.min(poll * (1 + Math.min(attempt, 10) / 2), Math.max(1, deadline - Date.now())) * (0.75 + Math.random() / 2),
    );
  }
  await removeDeadTempFiles(file, owner);
  return {
    file,
    async release() {
      // Only our own lock: if someone broke it (it was wrongly judged stale), theirs stays.
      if ((await readText(file)) === text) await unlink(file).catch(() => undefined);
    },
  };
}
