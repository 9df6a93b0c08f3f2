import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiagnosticJson } from "../../src/diagnostics/format-json.js";
import { runCli } from "../helpers/run-cli.js";
import { runInProcess, type InProcessResult } from "../helpers/run-in-process.js";
import { corpusCases, materialize, type CorpusCase, type Materialized } from "./corpus-cases.js";

/**
 * The bad-input corpus (fixtures/invalid): every case must exit 1 with exactly the expected errors
 * (code, file and line), print nothing on stdout, never a stack trace, and give every diagnostic a
 * hint. Every case runs in-process through `main()`; every generated case and every SPAWN_EVERY-th
 * other case also run through the built CLI, as users run it (a spawn costs ~0.5 s of CPU).
 */
const cases = corpusCases();
const STACK_TRACE = /\n\s+at /;
const CASE_TIMEOUT_MS = 20_000;

const key = (d: { code: string; file?: string; line?: number }) => `${d.code} ${d.file ?? "-"}:${d.line ?? "-"}`;

/** No value the case marks as secret on either stream. */
function checkNoSecrets(c: CorpusCase, r: InProcessResult): void {
  for (const v of c.expected.secretValues ?? []) {
    expect(r.stdout, `stdout shows ${v}`).not.toContain(v);
    expect(r.stderr, `stderr shows ${v}`).not.toContain(v);
  }
}

/** A usage error: exit 2, one error line saying what is wrong, nothing on stdout. */
function checkUsageRun(c: CorpusCase, r: InProcessResult): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expect(r.stderr).toMatch(/(^|\n)vmcp-gen: error: /);
  expect(r.stderr).toContain(c.expected.usageError ?? "");
  checkNoSecrets(c, r);
}

function checkJsonRun(c: CorpusCase, r: InProcessResult): void {
  if (c.expected.exit === 2) return checkUsageRun(c, r);
  checkNoSecrets(c, r);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stdout).toBe("");
  expect(r.stderr).not.toMatch(STACK_TRACE);
  const reported = (JSON.parse(r.stderr) as { diagnostics: DiagnosticJson[] }).diagnostics;
  const errors = reported
    .filter((d) => d.severity === "error")
    .map(key)
    .sort();
  const expectedErrors = c.expected.diagnostics
    .filter((d) => (d.severity ?? "error") === "error")
    .map(key)
    .sort();
  expect(errors, JSON.stringify(reported, null, 1)).toEqual(expectedErrors);
  const warnings = reported.filter((d) => d.severity === "warning").map(key);
  for (const w of c.expected.diagnostics.filter((d) => d.severity === "warning")) expect(warnings).toContain(key(w));
  for (const d of reported) expect(d.hint?.trim(), `${key(d)} has no hint`).toBeTruthy();
}

function stdinOf(c: CorpusCase, cwd: string): Buffer | undefined {
  return c.expected.stdin ? readFileSync(path.join(cwd, c.expected.stdin)) : undefined;
}

const SPAWN_EVERY = 12;
const spawned = cases.filter((c, i) => c.generate !== undefined || i % SPAWN_EVERY === 0);

describe("bad-input corpus", () => {
  const dirs = new Map<string, Materialized>();
  beforeAll(() => {
    for (const c of cases) dirs.set(c.name, materialize(c));
  });
  afterAll(() => {
    for (const m of dirs.values()) m.cleanup();
  });
  const cwdOf = (c: CorpusCase) => dirs.get(c.name)!.cwd;

  it("has at least 60 cases, each with an expected error", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const c of cases) {
      if (c.expected.exit === 2) expect(c.expected.usageError, c.name).toBeTruthy();
      else
        expect(
          c.expected.diagnostics.some((d) => (d.severity ?? "error") === "error"),
          c.name,
        ).toBe(true);
    }
  });

  describe("in-process", () => {
    it.each(cases.map((c) => [c.name, c] as const))(
      "%s",
      async (_name, c) => {
        const cwd = cwdOf(c);
        const stdin = stdinOf(c, cwd);
        checkJsonRun(
          c,
          await runInProcess([...c.expected.command, "--diagnostics", "json"], { cwd, ...(stdin ? { stdin } : {}) }),
        );
        // The human format: the same exit code, no stack trace, every expected code and place named.
        const text = await runInProcess(c.expected.command, { cwd, ...(stdin ? { stdin } : {}) });
        checkNoSecrets(c, text);
        if (c.expected.exit === 2) return checkUsageRun(c, text);
        expect(text.code).toBe(1);
        expect(text.stdout).toBe("");
        expect(text.stderr).not.toMatch(STACK_TRACE);
        for (const d of c.expected.diagnostics)
          expect(text.stderr).toContain(d.file && d.line ? `${d.file}:${d.line}:` : d.code);
      },
      CASE_TIMEOUT_MS,
    );
  });

  describe.concurrent("through the built CLI", () => {
    it.each(spawned.map((c) => [c.name, c] as const))(
      "%s",
      async (_name, c) => {
        const cwd = cwdOf(c);
        const stdin = stdinOf(c, cwd);
        const r = await runCli([...c.expected.command, "--diagnostics", "json"], {
          cwd,
          ...(stdin ? { stdin } : {}),
          timeoutMs: CASE_TIMEOUT_MS,
        });
        checkJsonRun(c, { code: r.code, stdout: r.rawStdout, stderr: r.rawStderr });
      },
      CASE_TIMEOUT_MS,
    );
  });
});
