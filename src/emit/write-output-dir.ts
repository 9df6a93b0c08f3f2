import { randomBytes } from "node:crypto";
import {
  chmod,
  copyFile,
  lchown,
  link,
  lstat,
  mkdir,
  readdir,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../diagnostics/errors.js";
import type { OutputDirState } from "../load/read-output-dir.js";
import { KUSTOMIZATION_FILE, NEW_SUFFIX, OLD_SUFFIX, siblingPrefix } from "../layout/output-layout.js";

/** What a render wants the output directory to hold: relative path → text, kustomization.yaml included. */
export type OutputFiles = ReadonlyMap<string, string>;

export interface OutputDirSummary {
  /** Files vmcp-gen wrote (kustomization.yaml included). */
  readonly written: number;
  /** Owned files of the previous render that this one no longer writes. */
  readonly removed: readonly string[];
  /** The folder already held exactly this render: nothing was touched. */
  readonly unchanged: boolean;
  /**
   * Entries created in the folder while this render ran that could not be carried into the new
   * content (a rendered file took their place): the previous folder is kept here instead of deleted.
   */
  readonly keptAside?: string;
}

/** Files the render would write over that belong to the user: refused before anything is written. */
export function findConflicts(state: OutputDirState, files: OutputFiles): string[] {
  const user = new Map(state.userEntries.map((e) => [e.path, e.type]));
  const conflicts: string[] = [];
  for (const file of files.keys()) {
    const segments = file.split("/");
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join("/");
      const type = user.get(prefix);
      // A user folder on the way to our file is fine; anything else in the way is not ours to replace.
      if (type !== undefined && (i === segments.length || type !== "dir")) {
        conflicts.push(prefix);
        break;
      }
    }
  }
  // kustomize refuses a folder with two kustomization files, so another spelling of ours is in the way too.
  for (const other of ["kustomization.yml", "Kustomization"]) if (user.get(other) === "file") conflicts.push(other);
  return conflicts;
}

function isUnchanged(state: OutputDirState, files: OutputFiles): boolean {
  if (state.kustomization !== "ours") return false;
  const previous = new Set([...state.owned, KUSTOMIZATION_FILE]);
  if (previous.size !== files.size) return false;
  for (const [file, text] of files) {
    if (!previous.has(file) || state.ownedContents.get(file) !== text) return false;
  }
  return true;
}

async function copyUserEntries(state: OutputDirState, target: string): Promise<void> {
  for (const e of state.userEntries) {
    const to = path.join(target, e.path);
    if (e.type === "dir") await mkdir(to, { mode: e.mode });
    else if (e.type === "symlink") await symlink(e.target ?? "", to);
    else {
      const from = path.join(state.dir, e.path);
      // A hard link carries the file over without copying its bytes; a copy where links are not allowed.
      await link(from, to).catch(() => copyFile(from, to));
    }
  }
  // mkdir's mode is masked by the umask; set the folders' bits as they were.
  for (const e of state.userEntries) if (e.type === "dir") await chmod(path.join(target, e.path), e.mode);
  await keepOwners(state, target);
}

/**
 * Entries vmcp-gen created anew (folders, symlinks, copied files) belong to the user it runs as;
 * give them the owner and group they had, where it may (as root, or to a group it is in). A
 * hard-linked file is the same file and keeps its owner anyway.
 */
async function keepOwners(state: OutputDirState, target: string): Promise<void> {
  const created = await stat(target);
  const entries = [...state.userEntries, ...(state.owner ? [{ path: "", ...state.owner }] : [])];
  for (const e of entries) {
    if (e.uid === created.uid && e.gid === created.gid) continue;
    await lchown(path.join(target, e.path), e.uid, e.gid).catch(() => undefined);
  }
}

async function writeFiles(files: OutputFiles, target: string): Promise<void> {
  for (const [file, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const to = path.join(target, file);
    await mkdir(path.dirname(to), { recursive: true });
    await writeFile(to, text, { flag: "wx" });
  }
}

function randomName(prefix: string): string {
  return `${prefix}${randomBytes(6).toString("hex")}`;
}

/** A filesystem failure the user can fix (permissions, space, a file in the way) as a usage error; anything else as it is. */
export function explainWriteError(e: unknown, dir: string): Error {
  const err = e as NodeJS.ErrnoException;
  if (
    err &&
    typeof err.code === "string" &&
    ["EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "ENOTDIR", "EEXIST", "EBUSY", "EXDEV"].includes(err.code)
  ) {
    return new UsageError(`cannot write the output directory ${dir}: ${err.message}`);
  }
  return err instanceof Error ? err : new Error(String(e));
}

/** Puts back the folder a killed render left as `.<name>.vmcp-gen-old-*` between its two renames. */
export async function restoreInterruptedSwap(state: OutputDirState): Promise<void> {
  if (!state.interruptedBackup || state.exists) return;
  await rename(state.interruptedBackup, state.dir).catch((e: unknown) => {
    throw explainWriteError(e, state.requested);
  });
}

/**
 * Replaces the output directory's content with `files`, atomically for every reader:
 * 1. build the complete new folder as a hidden sibling (`.<name>.vmcp-gen-new-*`): the user's own
 *    entries carried over, then the rendered files;
 * 2. rename the current folder aside (`.<name>.vmcp-gen-old-*`), rename the new one into place;
 * 3. delete the old one.
 * A failure or a kill during 1 leaves the folder untouched (the sibling is removed on the next run);
 * a kill between the two renames of 2 is undone by {@link restoreInterruptedSwap} on the next run.
 * The caller has checked {@link findConflicts}.
 */
export async function writeOutputDir(state: OutputDirState, files: OutputFiles): Promise<OutputDirSummary> {
  const keep = new Set(files.keys());
  const removed = state.owned.filter((f) => !keep.has(f));
  for (const leftover of state.leftovers) await rm(leftover, { recursive: true, force: true });
  if (isUnchanged(state, files)) return { written: 0, removed: [], unchanged: true };

  const fresh = randomName(siblingPrefix(state.dir, NEW_SUFFIX));
  try {
    await mkdir(path.dirname(state.dir), { recursive: true });
    await mkdir(fresh);
    await copyUserEntries(state, fresh);
    await writeFiles(files, fresh);
    if (state.mode !== undefined) await chmod(fresh, state.mode);
  } catch (e) {
    await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    throw explainWriteError(e, state.requested);
  }

  if (!state.exists) {
    await rename(fresh, state.dir).catch(async (e: unknown) => {
      await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
      throw explainWriteError(e, state.requested);
    });
    return { written: files.size, removed, unchanged: false };
  }
  const old = randomName(siblingPrefix(state.dir, OLD_SUFFIX));
  await rename(state.dir, old).catch(async (e: unknown) => {
    await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    throw explainWriteError(e, state.requested);
  });
  try {
    await rename(fresh, state.dir);
  } catch (e) {
    await rename(old, state.dir).catch(() => undefined);
    await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    throw explainWriteError(e, state.requested);
  }
  const late = await carryOverLateEntries(state, old, files);
  if (late > 0) {
    const kept = randomName(siblingPrefix(state.dir, KEPT_SUFFIX));
    await rename(old, kept);
    return { written: files.size, removed, unchanged: false, keptAside: kept };
  }
  await rm(old, { recursive: true, force: true });
  return { written: files.size, removed, unchanged: false };
}

const KEPT_SUFFIX = ".vmcp-gen-kept-";

/**
 * Entries someone put into the folder after it was read (while this render ran) are in the old
 * folder only: they are moved into the new one, so that deleting the old folder deletes nothing of
 * the user's. Returns how many could not be moved because a rendered file now holds their path.
 */
async function carryOverLateEntries(state: OutputDirState, old: string, files: OutputFiles): Promise<number> {
  const known = new Set<string>([
    ...state.userEntries.map((e) => e.path),
    ...state.owned,
    ...state.ownedContents.keys(),
  ]);
  const rendered = new Set(files.keys());
  // Folders that lead to a known or rendered entry are walked into; any other folder is moved whole.
  const ancestors = new Set<string>();
  for (const p of [...known, ...rendered]) {
    const segments = p.split("/");
    for (let i = 1; i < segments.length; i++) ancestors.add(segments.slice(0, i).join("/"));
  }
  let stuck = 0;
  const visit = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(old, rel), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const relPath = rel === "" ? e.name : `${rel}/${e.name}`;
      const from = path.join(old, relPath);
      const to = path.join(state.dir, relPath);
      const isDir = e.isDirectory();
      if (known.has(relPath) && !isDir) continue;
      if (isDir && (known.has(relPath) || ancestors.has(relPath))) {
        await visit(relPath);
        continue;
      }
      const taken = await lstat(to).then(
        () => true,
        () => false,
      );
      if (taken || rendered.has(relPath)) {
        stuck++;
        continue;
      }
      await mkdir(path.dirname(to), { recursive: true });
      await rename(from, to).catch(() => stuck++);
    }
  };
  await visit("");
  return stuck;
}
