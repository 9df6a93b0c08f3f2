import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { goldenCases, readTree } from "../helpers/golden-cases.js";

const QUICKSTART = path.resolve(import.meta.dirname, "../../fixtures/quickstart");

/** A known-good (or known-diagnosed) input to mutate: its files and the extra flags its golden case uses. */
export interface FuzzSeed {
  readonly name: string;
  readonly files: readonly { readonly path: string; readonly text: string }[];
  /** Flags its golden case passes to `synth` after the input path; `validate` gets none of them. */
  readonly synthFlags: readonly string[];
}

/** `synth input --skip-invalid-backends -o out` → `--skip-invalid-backends`: output destinations are the fuzzer's business. */
function synthFlagsOf(argv: readonly string[]): string[] {
  if (argv[0] !== "synth") return [];
  const out: string[] = [];
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-o" || a === "--output-dir") i++;
    else if (!a.startsWith("--output-dir=")) out.push(a);
  }
  return out;
}

/**
 * Every golden case's `input/` and the quickstart: a new golden case becomes a fuzz seed by
 * existing. Flags after `synth input` in a golden `command` file are kept (e.g. --skip-invalid-backends).
 */
export function fuzzSeeds(): FuzzSeed[] {
  const seeds: FuzzSeed[] = goldenCases()
    .filter((c) => existsSync(path.join(c.dir, "input")))
    .map((c) => ({
      name: `golden/${c.name}`,
      files: [...readTree(path.join(c.dir, "input")).entries()].map(([p, text]) => ({ path: p, text })),
      synthFlags: synthFlagsOf(c.argv),
    }));
  if (existsSync(QUICKSTART)) {
    const files = readdirSync(QUICKSTART)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => ({ path: f, text: readFileSync(path.join(QUICKSTART, f), "utf8") }));
    seeds.push({ name: "quickstart", files, synthFlags: [] });
  }
  return seeds;
}
