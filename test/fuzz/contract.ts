import type { DiagnosticJson } from "../../src/diagnostics/format-json.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { checkRenderedOutput } from "../properties/rendered-output.js";

export const TIME_BOUND_MS = Number(process.env.FUZZ_TIME_BOUND_MS ?? 5_000);

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs the CLI in-process through `main()`, with captured streams and an optional stdin. */
export async function runMain(argv: readonly string[], cwd: string, stdin?: Buffer): Promise<Run> {
  const started = performance.now();
  const r = await runInProcess(argv, { cwd, ...(stdin ? { stdin } : {}) });
  return { ...r, ms: performance.now() - started };
}

/**
 * Every way an outcome breaks the CLI contract, as messages; empty when it holds. The run must
 * have used `--diagnostics json`. Exit 0: no error diagnostics, and for `synth` output whose
 * objects validate, whose config.yaml passes the runtime schema and whose pods meet PSS
 * `restricted` (or carry the VMCP610 warning the user's podTemplateSpec earns). Exit 1: nothing
 * on stdout and at least one error. Anything else (70, an exception) is a bug.
 */
export function contractProblems(command: "validate" | "synth", r: Run): string[] {
  const problems: string[] = [];
  if (r.ms > TIME_BOUND_MS) problems.push(`took ${Math.round(r.ms)} ms (bound ${TIME_BOUND_MS} ms)`);
  if (r.code !== 0 && r.code !== 1) return [...problems, `exit ${r.code}: ${r.stderr.slice(0, 2000)}`];
  let diagnostics: DiagnosticJson[];
  try {
    diagnostics = (JSON.parse(r.stderr) as { diagnostics: DiagnosticJson[] }).diagnostics;
  } catch {
    return [...problems, `stderr is not the JSON diagnostics report: ${r.stderr.slice(0, 500)}`];
  }
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (r.code === 1) {
    if (r.stdout !== "") problems.push(`exit 1 with ${r.stdout.length} bytes on stdout`);
    if (errors.length === 0) problems.push("exit 1 without an error diagnostic");
  } else {
    if (errors.length > 0) problems.push(`exit 0 with errors: ${errors.map((e) => e.code).join(", ")}`);
    if (command === "validate" && r.stdout !== "") problems.push("validate wrote to stdout");
    if (command === "synth") {
      const report = checkRenderedOutput(r.stdout);
      problems.push(...report.problems);
      // A pod below `restricted` only where the user's podTemplateSpec asked for it, and then with VMCP610;
      // VMCP610 without a violation means vmcp-gen's own check and this independent one disagree.
      const warned = diagnostics.some((d) => d.code === "VMCP610");
      if (report.podSecurity.length > 0 && !warned)
        problems.push(...report.podSecurity.map((p) => `${p} (without a VMCP610 warning)`));
      if (report.podSecurity.length === 0 && warned)
        problems.push("VMCP610 reported, but every pod meets Pod Security Standards restricted");
    }
  }
  for (const d of diagnostics) if (!d.hint) problems.push(`${d.code} has no hint: ${d.message}`);
  return problems;
}

/**
 * "No Secret value in any stream": the values of the Secrets every case carries (mutate.ts,
 * SecretsOp) in lists, one-line JSON and flow style, on stdout or stderr, in any format.
 */
export function secretProblems(r: Run, values: readonly string[]): string[] {
  const problems: string[] = [];
  for (const [name, text] of [
    ["stdout", r.stdout],
    ["stderr", r.stderr],
  ] as const) {
    for (const v of values) if (text.includes(v)) problems.push(`a Secret value (${v}) on ${name}`);
  }
  return problems;
}
