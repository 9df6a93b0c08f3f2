import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const GOLDEN_ROOT = path.resolve(import.meta.dirname, "../../fixtures/golden");

export interface GoldenCase {
  readonly name: string;
  readonly dir: string;
  readonly argv: string[];
  readonly expectedExit: number;
}

/** The golden cases, with their command line and expected exit code. */
export function goldenCases(): GoldenCase[] {
  if (!existsSync(GOLDEN_ROOT)) return [];
  return readdirSync(GOLDEN_ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = path.join(GOLDEN_ROOT, d.name);
      const commandFile = path.join(dir, "command");
      const argv = existsSync(commandFile) ? readFileSync(commandFile, "utf8").trim().split(/\s+/) : ["synth", "input"];
      const exitFile = path.join(dir, "expected", "exit-code");
      const expectedExit = existsSync(exitFile) ? Number(readFileSync(exitFile, "utf8").trim()) : 0;
      return { name: d.name, dir, argv, expectedExit };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Every YAML file under a folder, as relative path → text. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(e.name)) out.set(path.relative(dir, full), readFileSync(full, "utf8"));
    }
  };
  walk(dir);
  return out;
}
