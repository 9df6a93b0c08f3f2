import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { goldenCases } from "../helpers/golden-cases.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { corpusCases, materialize, type Materialized } from "../invalid/corpus-cases.js";

/**
 * `validate` accepts exactly what `synth` accepts: every golden case and every bad-input corpus
 * case runs through both, with the flags both take, and the verdicts must agree — the exit code
 * and every error (code, file, line). Flags only one command has (where output goes, its format)
 * are left out of both.
 */

/** Flags (with their value) that choose where and how output is written, not what is accepted. */
const OUTPUT_FLAGS = new Set(["--output-dir", "--lock-timeout", "--format", "-o", "--output", "--against"]);
const BOOLEAN_OUTPUT_FLAGS = new Set(["--flux"]);
const COMMANDS = new Set(["synth", "validate", "inspect", "diff"]);

/** The command's inputs and the flags that decide what is accepted. */
function acceptanceArgs(argv: readonly string[]): string[] | undefined {
  if (!COMMANDS.has(argv[0] ?? "")) return undefined;
  const out: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const flag = a.split("=")[0]!;
    if (BOOLEAN_OUTPUT_FLAGS.has(flag)) continue;
    if (OUTPUT_FLAGS.has(flag)) {
      if (!a.includes("=")) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

interface Verdict {
  readonly code: number;
  readonly errors: string[];
}

async function verdict(command: string, args: readonly string[], cwd: string, stdin?: Buffer): Promise<Verdict> {
  const r = await runInProcess([command, ...args, "--diagnostics", "json"], { cwd, ...(stdin ? { stdin } : {}) });
  let errors: string[] = [];
  try {
    const reported = JSON.parse(r.stderr) as { severity: string; code: string; file?: string; line?: number }[];
    errors = reported
      .filter((d) => d.severity === "error")
      .map((d) => `${d.code} ${d.file ?? "-"}:${d.line ?? "-"}`)
      .sort();
  } catch {
    errors = [r.stderr.split("\n")[0] ?? ""]; // a usage error: one line, not JSON
  }
  return { code: r.code, errors };
}

const cases: { name: string; args: string[]; cwd: () => string; stdin?: string }[] = [];
const materialized: Materialized[] = [];
afterAll(() => materialized.forEach((m) => m.cleanup()));

for (const g of goldenCases()) {
  const args = acceptanceArgs(g.argv);
  if (args) cases.push({ name: `golden ${g.name}`, args, cwd: () => g.dir });
}
for (const c of corpusCases()) {
  const args = acceptanceArgs(c.expected.command);
  if (!args) continue;
  let m: Materialized | undefined;
  cases.push({
    name: `corpus ${c.name}`,
    args,
    cwd: () => {
      m ??= materialize(c);
      materialized.push(m);
      return m.cwd;
    },
    ...(c.expected.stdin !== undefined ? { stdin: c.expected.stdin } : {}),
  });
}

describe("validate and synth agree on every golden and corpus case", () => {
  it("has cases of both kinds", () => {
    expect(cases.filter((c) => c.name.startsWith("golden ")).length).toBeGreaterThan(40);
    expect(cases.filter((c) => c.name.startsWith("corpus ")).length).toBeGreaterThan(150);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    "%s",
    async (_name, c) => {
      const cwd = c.cwd();
      const stdin = c.stdin !== undefined ? readFileSync(path.join(cwd, c.stdin)) : undefined;
      const synth = await verdict("synth", c.args, cwd, stdin);
      const validate = await verdict("validate", c.args, cwd, stdin);
      expect(validate).toEqual(synth);
    },
    60_000,
  );
});
