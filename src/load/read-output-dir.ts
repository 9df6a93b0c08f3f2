import { lstat, readdir, readlink, realpath } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../diagnostics/errors.js";
import { DEFAULT_LIMITS } from "./limits.js";
import { readCapped } from "./read-capped.js";
import { KUSTOMIZATION_FILE, NEW_SUFFIX, OLD_SUFFIX, parseOwnedFiles } from "../layout/output-layout.js";

/** An entry of the output directory that vmcp-gen did not write: it is carried over unchanged. */
export interface UserEntry {
  /** Relative to the output directory, `/`-separated. */
  readonly path: string;
  readonly type: "dir" | "file" | "symlink";
  /** Permission bits (dirs and files). */
  readonly mode: number;
  /** Owner and group, kept when vmcp-gen runs as another user (root in CI) and may set them. */
  readonly uid: number;
  readonly gid: number;
  /** For a symlink, its target as written. */
  readonly target?: string;
}

/** What is in an output directory now, read before anything is written. */
export interface OutputDirState {
  /** The directory as the user named it, absolute. */
  readonly requested: string;
  /** Where the folder really is (symlinks resolved), or `requested` when it does not exist. */
  readonly dir: string;
  readonly exists: boolean;
  readonly mode?: number;
  /** Owner and group of the folder itself. */
  readonly owner?: { readonly uid: number; readonly gid: number };
  /** `ours`: a kustomization.yaml vmcp-gen wrote; `theirs`: one it did not (never overwritten). */
  readonly kustomization: "ours" | "theirs" | "absent";
  /** Files the previous render recorded as its own. */
  readonly owned: readonly string[];
  /** Current text of the owned files that still exist, and of our kustomization.yaml. */
  readonly ownedContents: ReadonlyMap<string, string>;
  /** Everything else, parents before children. */
  readonly userEntries: readonly UserEntry[];
  /** Sibling folders left by an interrupted render (`.<name>.vmcp-gen-new-*`, `.<name>.vmcp-gen-old-*`). */
  readonly leftovers: readonly string[];
  /**
   * The folder is missing but a previous content survives as `.<name>.vmcp-gen-old-*`: a render was
   * killed between its two renames, and this is what to put back.
   */
  readonly interruptedBackup?: string;
}

/** Stands for an owned file too large to be one vmcp-gen wrote: it never equals a render, so it is rewritten. */
const TOO_LARGE = "\u0000too large";

/** An owned file's text, read with the input size limit; `undefined` past it. */
function readOwned(file: string): string | undefined {
  const read = readCapped(file, DEFAULT_LIMITS.maxFileBytes);
  return read === "too-large" ? undefined : read.toString("utf8");
}

async function lstatOrUndefined(p: string) {
  return lstat(p).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw e;
  });
}

async function listLeftovers(dir: string): Promise<string[]> {
  const parent = path.dirname(dir);
  const names = await readdir(parent).catch(() => [] as string[]);
  const base = `.${path.basename(dir)}`;
  return names
    .filter((n) => n.startsWith(`${base}${NEW_SUFFIX}`) || n.startsWith(`${base}${OLD_SUFFIX}`))
    .sort()
    .map((n) => path.join(parent, n));
}

async function walk(
  root: string,
  rel: string,
  owned: ReadonlySet<string>,
  out: UserEntry[],
  ownedContents: Map<string, string>,
): Promise<void> {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const relPath = rel === "" ? e.name : `${rel}/${e.name}`;
    const abs = path.join(root, relPath);
    const st = await lstat(abs);
    const who = { uid: st.uid, gid: st.gid };
    if (st.isSymbolicLink())
      out.push({ path: relPath, type: "symlink", mode: st.mode & 0o7777, ...who, target: await readlink(abs) });
    else if (st.isDirectory()) {
      const at = out.length;
      const ownedBefore = ownedContents.size;
      out.push({ path: relPath, type: "dir", mode: st.mode & 0o7777, ...who });
      await walk(root, relPath, owned, out, ownedContents);
      // A folder that held only vmcp-gen's files is vmcp-gen's too: it goes when they go.
      if (out.length === at + 1 && ownedContents.size > ownedBefore) out.pop();
    } else if (st.isFile()) {
      if (owned.has(relPath)) ownedContents.set(relPath, readOwned(abs) ?? TOO_LARGE);
      else out.push({ path: relPath, type: "file", mode: st.mode & 0o7777, ...who });
    } else {
      throw new UsageError(
        `the output directory holds ${relPath}, which is neither a file, a folder nor a symlink; vmcp-gen cannot carry it over`,
      );
    }
  }
}

/**
 * Reads the output directory's current state: which files vmcp-gen owns there (from the comment
 * block of its kustomization.yaml) and everything else, which a render must carry over untouched.
 */
export async function readOutputDir(cwd: string, requested: string): Promise<OutputDirState> {
  const abs = path.resolve(cwd, requested);
  const st = await lstatOrUndefined(abs);
  if (!st) {
    const leftovers = await listLeftovers(abs);
    const interruptedBackup = leftovers.filter((p) => path.basename(p).includes(OLD_SUFFIX)).at(-1);
    return {
      requested: abs,
      dir: abs,
      exists: false,
      kustomization: "absent",
      owned: [],
      ownedContents: new Map(),
      userEntries: [],
      leftovers,
      ...(interruptedBackup ? { interruptedBackup } : {}),
    };
  }
  const dir = await realpath(abs);
  const real = await lstat(dir);
  if (!real.isDirectory()) throw new UsageError(`--output-dir ${requested} exists and is not a folder`);
  const kustomizationPath = path.join(dir, KUSTOMIZATION_FILE);
  const kst = await lstatOrUndefined(kustomizationPath);
  let kustomization: OutputDirState["kustomization"] = "absent";
  let owned: string[] = [];
  const ownedContents = new Map<string, string>();
  if (kst) {
    const text = kst.isFile() ? (readOwned(kustomizationPath) ?? "") : "";
    const parsed = parseOwnedFiles(text);
    if (parsed) {
      kustomization = "ours";
      owned = parsed;
      ownedContents.set(KUSTOMIZATION_FILE, text);
    } else kustomization = "theirs";
  }
  const ownedSet = new Set(kustomization === "ours" ? [...owned, KUSTOMIZATION_FILE] : owned);
  const userEntries: UserEntry[] = [];
  await walk(dir, "", ownedSet, userEntries, ownedContents);
  return {
    requested: abs,
    dir,
    exists: true,
    mode: real.mode & 0o7777,
    owner: { uid: real.uid, gid: real.gid },
    kustomization,
    owned,
    ownedContents,
    userEntries,
    leftovers: await listLeftovers(dir),
  };
}
