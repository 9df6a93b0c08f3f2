import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** What a path argument accepts: input YAML, a previous render (folder, YAML or JSON), or a folder. */
export type PathKind = "inputs" | "render" | "folder";

const FILES: Record<PathKind, RegExp | undefined> = {
  inputs: /\.ya?ml$/i,
  render: /\.(ya?ml|json)$/i,
  folder: undefined,
};

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Completions of a path being typed (`word`, relative to `cwd`): the entries of the folder it
 * points into whose names start with its last segment, folders with a trailing `/`, files only
 * where `kind` takes them. Hidden entries only when the segment starts with a dot, as shells do.
 */
export function listPathCandidates(cwd: string, word: string, kind: PathKind): string[] {
  const folder = word.slice(0, word.lastIndexOf("/") + 1);
  const prefix = word.slice(folder.length);
  let names: string[];
  try {
    names = readdirSync(path.resolve(cwd, folder || "."));
  } catch {
    return [];
  }
  const files = FILES[kind];
  const out: string[] = [];
  for (const name of names.sort()) {
    if (!name.startsWith(prefix) || (name.startsWith(".") && !prefix.startsWith("."))) continue;
    const full = path.resolve(cwd, folder || ".", name);
    if (isFolder(full)) out.push(`${folder}${name}/`);
    else if (files?.test(name)) out.push(`${folder}${name}`);
  }
  return out;
}
