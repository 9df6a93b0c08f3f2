import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";

/** A symbolic link in a file tree; `target` is written as given (relative to the link's folder, or absolute). */
export interface SymlinkSpec {
  readonly symlink: string;
}

/** An object-literal file tree: a string or Buffer is a file, a nested object a folder. */
export interface FileTree {
  readonly [name: string]: string | Buffer | SymlinkSpec | FileTree;
}

export function symlink(target: string): SymlinkSpec {
  return { symlink: target };
}

function isSymlink(v: unknown): v is SymlinkSpec {
  return (
    typeof v === "object" &&
    v !== null &&
    !Buffer.isBuffer(v) &&
    typeof (v as SymlinkSpec).symlink === "string" &&
    Object.keys(v).length === 1
  );
}

function writeTree(dir: string, tree: FileTree): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, value] of Object.entries(tree)) {
    const target = path.join(dir, name);
    if (typeof value === "string" || Buffer.isBuffer(value)) {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, value);
    } else if (isSymlink(value)) {
      mkdirSync(path.dirname(target), { recursive: true });
      symlinkSync(value.symlink, target);
    } else {
      writeTree(target, value);
    }
  }
}

export interface TempDir {
  /** Absolute path of the folder. */
  readonly dir: string;
  /** Absolute path of an entry inside it. */
  path(...segments: string[]): string;
  /** Adds more files. */
  write(tree: FileTree): void;
}

/**
 * Creates a temporary folder holding `tree`, removed when the current test finishes (or, when
 * called outside a test, by the `cleanup` of the returned object: see `createTempDirManual`).
 */
export function createTempDir(tree: FileTree = {}): TempDir {
  const handle = createTempDirManual(tree);
  onTestFinished(() => handle.cleanup());
  return handle;
}

/** Like `createTempDir`, for use in `beforeAll`: the caller removes it with `cleanup()` (e.g. in `afterAll`). */
export function createTempDirManual(tree: FileTree = {}): TempDir & { cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "vmcp-gen-test-"));
  writeTree(dir, tree);
  return {
    dir,
    path: (...segments) => path.join(dir, ...segments),
    write: (more) => writeTree(dir, more),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
