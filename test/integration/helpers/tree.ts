import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";

/**
 * Everything about a folder a render could change: each entry's relative path, type, permission
 * bits, and the bytes of files (or the target of symlinks). Two equal snapshots mean the folder is
 * byte-for-byte the same.
 */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const relPath = rel === "" ? name : `${rel}/${name}`;
      const abs = path.join(dir, relPath);
      const st = lstatSync(abs);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out[relPath] = `symlink ${mode} -> ${readlinkSync(abs)}`;
      else if (st.isDirectory()) {
        out[relPath] = `dir ${mode}`;
        walk(relPath);
      } else out[relPath] = `file ${mode} ${readFileSync(abs).toString("base64")}`;
    }
  };
  walk("");
  return out;
}

/** Hidden siblings a render leaves next to `dir` (temporary or backup folders). */
export function siblingsOf(dir: string): string[] {
  const base = `.${path.basename(dir)}.vmcp-gen-`;
  return readdirSync(path.dirname(dir)).filter((n) => n.startsWith(base));
}
