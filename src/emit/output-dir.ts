import { mkdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../diagnostics/errors.js";
import { isWithin } from "../load/path-within.js";
import { readOutputDir } from "../load/read-output-dir.js";
import type { RenderedVmcp } from "../render/types.js";
import { disableFluxSubstitution } from "./flux-substitution.js";
import { lockOutputDir, type LockOptions } from "./output-dir-lock.js";
import { orderManifests } from "./order-manifests.js";
import { planOutputFiles } from "./plan-output-dir.js";
import {
  explainWriteError,
  findConflicts,
  restoreInterruptedSwap,
  writeOutputDir,
  type OutputDirSummary,
} from "./write-output-dir.js";

export interface OutputDirOptions {
  readonly cwd: string;
  readonly dir: string;
  /** Mark objects holding `${` for Flux (see `disableFluxSubstitution`). */
  readonly flux?: boolean;
  /** The lock that keeps two renders into one folder apart. */
  readonly lock: LockOptions;
}

/**
 * The folder's real path, which every run naming it (through any symlink or relative path) agrees
 * on; its parent is created, so the lock beside it can be.
 */
async function realTarget(abs: string): Promise<string> {
  const real = await realpath(abs).catch(() => undefined);
  if (real !== undefined) return real;
  await mkdir(path.dirname(abs), { recursive: true });
  return path.join(await realpath(path.dirname(abs)), path.basename(abs));
}

/** The real path `abs` has or would have: its deepest existing ancestor resolved, the rest as written. */
async function eventualRealPath(abs: string): Promise<string> {
  const rest: string[] = [];
  let at = abs;
  for (;;) {
    const real = await realpath(at).catch(() => undefined);
    if (real !== undefined) return path.join(real, ...rest.reverse());
    const parent = path.dirname(at);
    if (parent === at) return abs;
    rest.push(path.basename(at));
    at = parent;
  }
}

/**
 * Refuses an output folder that is, or contains, the current folder or an input folder: the swap
 * renames the whole output folder aside, which would take the inputs (or the folder the shell
 * stands in) with it. Checked before anything is rendered.
 */
export async function checkOutputTarget(cwd: string, dir: string, inputs: readonly string[]): Promise<void> {
  if (dir.trim() === "") throw new UsageError("--output-dir must not be empty");
  const out = await eventualRealPath(path.resolve(cwd, dir));
  const here = await eventualRealPath(cwd);
  if (isWithin(here, out))
    throw new UsageError(
      `--output-dir ${dir} is the current folder or contains it; render into a folder of its own (e.g. ${path.join(dir, "rendered")})`,
    );
  for (const input of inputs) {
    if (input === "-") continue;
    const abs = path.resolve(cwd, input);
    const isDir = await stat(abs).then(
      (st) => st.isDirectory(),
      () => false,
    );
    if (isDir && isWithin(await eventualRealPath(abs), out))
      throw new UsageError(
        `--output-dir ${dir} is the input folder ${input} or contains it; render into a folder of its own, outside the inputs`,
      );
  }
}

/**
 * The `--output-dir` emitter: plans every file in memory, takes the folder's lock, refuses to
 * overwrite anything vmcp-gen did not write, then swaps the folder's content in one step.
 */
export async function emitOutputDir(
  rendered: readonly RenderedVmcp[],
  options: OutputDirOptions,
): Promise<OutputDirSummary> {
  const manifests = orderManifests(rendered).map((m) =>
    options.flux ? { ...m, object: disableFluxSubstitution(m.object) } : m,
  );
  const files = planOutputFiles(manifests);
  const target = await realTarget(path.resolve(options.cwd, options.dir)).catch((e: unknown) => {
    throw explainWriteError(e, options.dir);
  });
  const lock = await lockOutputDir(target, options.dir, options.lock).catch((e: unknown) => {
    throw e instanceof UsageError ? e : explainWriteError(e, options.dir);
  });
  try {
    let state = await readOutputDir(options.cwd, options.dir);
    if (state.interruptedBackup) {
      await restoreInterruptedSwap(state);
      state = await readOutputDir(options.cwd, options.dir);
    }
    const conflicts = findConflicts(state, files);
    if (conflicts.length > 0) {
      const shown =
        conflicts.slice(0, 5).join(", ") + (conflicts.length > 5 ? `, and ${conflicts.length - 5} more` : "");
      throw new UsageError(
        `--output-dir ${options.dir}: ${shown} ${conflicts.length === 1 ? "is" : "are"} in the way and ${conflicts.length === 1 ? "was" : "were"} not written by vmcp-gen; nothing was written. Move ${conflicts.length === 1 ? "it" : "them"} away, or render into a folder of its own`,
      );
    }
    return await writeOutputDir(state, files);
  } finally {
    await lock.release();
  }
}
