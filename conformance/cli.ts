import { spawnSync } from "node:child_process";
import { readInputs } from "../src/load/read-inputs.js";
import { DEFAULT_LIMITS } from "../src/load/limits.js";
import { compareScenario } from "./compare/compare.js";
import { buildOracle, OracleBatch, oracleUnavailable } from "./compare/oracle-process.js";
import { formatComparison } from "./compare/report.js";

/**
 * `npm run oracle -- …`: `compare PATH...` renders the inputs with vmcp-gen and with ToolHive's
 * own reconcilers and reports every difference that docs/differences-from-operator.md does not
 * explain; every other command is the Go oracle's own.
 */
const HELP = `Usage: npm run oracle -- <command> [args]

  compare [-n NS] [--json] PATH...   render PATH with vmcp-gen and with the operator's reconcilers;
                                     exit 0 when equal up to the documented differences, 1 otherwise
  admit | reconcile | runtime | batch | version ...
                                     the Go oracle's commands (below)

The oracle is built from conformance/oracle with the local Go toolchain on first use.
`;

async function compare(args: string[]): Promise<number> {
  let namespace: string | undefined;
  let json = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-n" || a === "--namespace") namespace = args[++i];
    else if (a === "--json") json = true;
    else paths.push(a);
  }
  if (paths.length === 0) {
    process.stderr.write("compare: name at least one input file or folder\n");
    return 2;
  }
  const { files, diagnostics } = await readInputs(paths, { cwd: process.cwd() }, DEFAULT_LIMITS);
  if (diagnostics.length > 0) for (const d of diagnostics) process.stderr.write(`${d.code} ${d.message}\n`);
  const oracle = new OracleBatch();
  try {
    const result = await compareScenario(oracle, {
      name: paths.join(" "),
      files,
      options: namespace !== undefined ? { namespace } : {},
    });
    process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : formatComparison(result));
    return result.verdict === "equal" || result.verdict === "both-refused" ? 0 : 1;
  } finally {
    await oracle.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const why = oracleUnavailable();
  if (why !== undefined) {
    process.stderr.write(`oracle: cannot run: ${why}\n`);
    return 2;
  }
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(HELP);
    const own = spawnSync(buildOracle(), ["--help"], { encoding: "utf8" });
    process.stdout.write(`\n${own.stdout}`);
    return command === undefined ? 2 : 0;
  }
  if (command === "compare") return compare(rest);
  const run = spawnSync(buildOracle(), [command, ...rest], { stdio: "inherit" });
  return run.status ?? 3;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`oracle: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(3);
  },
);
