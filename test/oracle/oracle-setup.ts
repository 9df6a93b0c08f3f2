import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { buildOracle, OracleBatch, oracleUnavailable, REPO_ROOT } from "../../conformance/compare/oracle-process.js";

/**
 * The oracle suites run where Go is installed (CI); a user's clone without Go skips them with one
 * line. The first build of the oracle downloads ToolHive's modules and compiles for minutes;
 * later builds take about a second.
 */
export const ORACLE_UNAVAILABLE = oracleUnavailable();
if (ORACLE_UNAVAILABLE !== undefined) console.warn(`skipped the conformance oracle suites: ${ORACLE_UNAVAILABLE}`);

export const describeOracle = ORACLE_UNAVAILABLE === undefined ? describe : describe.skip;

const BUILD_TIMEOUT_MS = 20 * 60_000;

/** One oracle process for the suite, built and started before its tests. */
export function useOracle(): () => OracleBatch {
  let oracle: OracleBatch | undefined;
  beforeAll(() => {
    buildOracle();
    oracle = new OracleBatch();
  }, BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await oracle?.close();
  });
  return () => {
    if (oracle === undefined) throw new Error("the oracle did not start");
    return oracle;
  };
}

/**
 * A committed record the suite checks its findings against (conformance/expected/): a change in
 * what the oracle finds shows in review. `UPDATE_ORACLE=1` rewrites it; the default test run never
 * does. `ran` keeps the recorded entries of the scenarios that ran (the upstream examples are read
 * from ../shared, which a user's clone may not have).
 */
export function expectRecorded<T>(name: string, actual: readonly T[], ran: (entry: T) => boolean): void {
  const file = path.join(REPO_ROOT, "conformance", "expected", name);
  if (process.env.UPDATE_ORACLE === "1") {
    writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    return;
  }
  expect(
    existsSync(file),
    `${path.relative(REPO_ROOT, file)} is missing: run UPDATE_ORACLE=1 npx vitest run test/oracle`,
  ).toBe(true);
  const recorded = (JSON.parse(readFileSync(file, "utf8")) as T[]).filter(ran);
  expect(JSON.parse(JSON.stringify(actual))).toEqual(recorded);
}
