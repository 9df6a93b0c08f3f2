import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./run-cli.js";

export interface Manifest {
  /** Where it is installed. */
  readonly dir: string;
  readonly name: string;
  readonly version: string;
  readonly engines?: { readonly node?: string };
}

export const readManifest = (dir: string): Manifest => ({
  ...(JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Omit<Manifest, "dir">),
  dir,
});

/** Every package of the run-time dependency tree (`npm ls --omit=dev --all`), once per installed copy. */
export function runtimeTree(): Manifest[] {
  const out = execFileSync("npm", ["ls", "--omit=dev", "--all", "--parseable"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const dirs = out.split("\n").filter((l) => l !== "" && path.resolve(l) !== REPO_ROOT);
  return dirs.filter((d) => existsSync(path.join(d, "package.json"))).map(readManifest);
}
