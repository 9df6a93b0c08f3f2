import { randomBytes } from "node:crypto";
import { lstat, mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../diagnostics/errors.js";
import type { SchemaFile } from "../load/read-package-schemas.js";

/** Refuses a symbolic link where vmcp-gen would write: writing through it would change a file elsewhere. */
async function refuseSymlink(p: string, shown: string): Promise<void> {
  const st = await lstat(p).catch(() => undefined);
  if (st?.isSymbolicLink())
    throw new UsageError(
      `${shown} is a symbolic link; vmcp-gen does not write through it (it would change the file it points at). Remove the link, or choose another -o folder`,
    );
}

/**
 * Writes the schema files under `dir` (created if missing), overwriting earlier exports. The folder
 * named by `-o` may be a link; nothing below it is written through one: each file is written
 * beside its place and renamed over it, which replaces a link instead of following it, and a
 * linked sub-folder is refused.
 */
export async function writeSchemas(dir: string, files: readonly SchemaFile[]): Promise<void> {
  try {
    for (const f of files) {
      const segments = f.path.split("/");
      for (let i = 1; i < segments.length; i++)
        await refuseSymlink(path.join(dir, ...segments.slice(0, i)), segments.slice(0, i).join("/"));
      const to = path.join(dir, ...segments);
      await refuseSymlink(to, f.path);
      await mkdir(path.dirname(to), { recursive: true });
      const tmp = `${to}.vmcp-gen-${randomBytes(6).toString("hex")}`;
      await writeFile(tmp, f.text, { flag: "wx" });
      await rename(tmp, to).catch(async (e: unknown) => {
        await rm(tmp, { force: true });
        throw e;
      });
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`cannot write the schemas to ${dir}: ${err.message}`);
  }
}
