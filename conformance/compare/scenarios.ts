import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_LIMITS } from "../../src/load/limits.js";
import { readInputs } from "../../src/load/read-inputs.js";
import type { SourceFile } from "../../src/load/types.js";
import type { SynthOptions } from "../../src/pipeline.js";
import { REPO_ROOT } from "./oracle-process.js";

/**
 * The scenarios the oracle suites run: every golden case, every case of the bad-input corpus and
 * every upstream ToolHive example, each as its text files and the options its command line sets.
 */
export interface FixtureScenario {
  readonly name: string;
  readonly files: readonly SourceFile[];
  readonly options: SynthOptions;
  /** Why the oracle cannot judge this case, when it cannot. */
  readonly skip?: string;
}

export const GOLDEN_DIR = path.join(REPO_ROOT, "fixtures", "golden");
export const INVALID_DIR = path.join(REPO_ROOT, "fixtures", "invalid");
export const UPSTREAM_EXAMPLES_DIR = path.resolve(REPO_ROOT, "../shared/reference/examples");

/** The synth options a command line sets, and its input paths. */
function parseArgv(argv: readonly string[]): {
  paths: string[];
  options: SynthOptions;
  stdin: boolean;
  unsupported?: string;
} {
  const paths: string[] = [];
  const options: { -readonly [K in keyof SynthOptions]: SynthOptions[K] } = {};
  let stdin = false;
  let unsupported: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-n" || a === "--namespace") options.namespace = argv[++i];
    else if (a === "--strict-refs") options.strictRefs = true;
    else if (a === "--skip-invalid-backends") options.skipInvalidBackends = true;
    else if (a === "--vmcp") options.only = [...(options.only ?? []), argv[++i]!];
    else if (a === "-o" || a === "--format" || a === "--diagnostics") i++;
    // vmcp-gen's own opt-in policy objects, which the operator never renders: left out of the comparison.
    else if (a === "--ingress-namespaces") i++;
    else if (a === "--network-policy" || a.startsWith("--network-policy=")) continue;
    else if (a === "-") stdin = true;
    else if (a.startsWith("-")) unsupported = `the flag ${a} has no equivalent in the oracle`;
    else paths.push(a);
  }
  return { paths, options, stdin, ...(unsupported !== undefined ? { unsupported } : {}) };
}

async function textFiles(dir: string, paths: readonly string[]): Promise<{ files: SourceFile[]; skip?: string }> {
  const { files, diagnostics } = await readInputs(paths, { cwd: dir }, DEFAULT_LIMITS);
  return diagnostics.length > 0
    ? {
        files,
        skip: `an input is not text (${diagnostics.map((d) => d.code).join(", ")}): the oracle's JSON protocol carries text only`,
      }
    : { files };
}

function caseDirs(root: string): string[] {
  return existsSync(root)
    ? readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
}

export async function goldenScenarios(): Promise<FixtureScenario[]> {
  const out: FixtureScenario[] = [];
  for (const name of caseDirs(GOLDEN_DIR)) {
    const dir = path.join(GOLDEN_DIR, name);
    const commandFile = path.join(dir, "command");
    const argv = existsSync(commandFile) ? readFileSync(commandFile, "utf8").trim().split(/\s+/) : ["synth", "input"];
    const { paths, options } = parseArgv(argv);
    const { files, skip } = await textFiles(dir, paths);
    out.push({ name, files, options, ...(skip !== undefined ? { skip } : {}) });
  }
  return out;
}

export async function invalidScenarios(): Promise<FixtureScenario[]> {
  const out: FixtureScenario[] = [];
  for (const name of caseDirs(INVALID_DIR)) {
    const dir = path.join(INVALID_DIR, name);
    const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as { command: string[] };
    const { paths, options, stdin, unsupported } = parseArgv(expected.command);
    const generated = existsSync(path.join(dir, "generate.json"));
    const skip = generated
      ? "its inputs are generated at test time (too large to commit)"
      : stdin
        ? "it reads stdin"
        : unsupported;
    if (skip !== undefined) {
      out.push({ name, files: [], options, skip });
      continue;
    }
    const read = await textFiles(dir, paths);
    out.push({ name, files: read.files, options, ...(read.skip !== undefined ? { skip: read.skip } : {}) });
  }
  return out;
}

/** Each upstream example file on its own, as users copy them; none where ../shared is absent. */
export async function upstreamScenarios(): Promise<FixtureScenario[]> {
  if (!existsSync(UPSTREAM_EXAMPLES_DIR)) return [];
  const out: FixtureScenario[] = [];
  for (const folder of caseDirs(UPSTREAM_EXAMPLES_DIR)) {
    for (const file of readdirSync(path.join(UPSTREAM_EXAMPLES_DIR, folder))
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()) {
      const { files, skip } = await textFiles(UPSTREAM_EXAMPLES_DIR, [path.join(folder, file)]);
      out.push({ name: `${folder}/${file}`, files, options: {}, ...(skip !== undefined ? { skip } : {}) });
    }
  }
  return out;
}
