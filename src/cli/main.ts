import { Command, CommanderError } from "./commander.js";
import { UsageError } from "../diagnostics/errors.js";
import type { CommandContext } from "./command-context.js";
import { createArgocdCommand } from "./commands/argocd.js";
import { createDiffCommand } from "./commands/diff.js";
import { createKrmCommand } from "./commands/krm.js";
import { createSchemasCommand } from "./commands/schemas.js";
import { createInspectCommand } from "./commands/inspect.js";
import { createSynthCommand } from "./commands/synth.js";
import { createValidateCommand } from "./commands/validate.js";
import { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { VERSION } from "./version.js";

const ISSUES_URL = "https://github.com/stacklok/vmcp-gen/issues";

const TOP_LEVEL_EXAMPLES = `
Examples:
  $ vmcp-gen synth fixtures/quickstart                  # render to stdout
  $ vmcp-gen synth manifests/ --output-dir deploy/vmcp  # one file per object + kustomization.yaml
  $ vmcp-gen validate manifests/ --diagnostics github   # CI annotations
  $ vmcp-gen diff manifests/ --against deploy/vmcp      # exit 1 when the render changed
  $ vmcp-gen inspect manifests/                         # the status the operator would report

Exit codes: 0 success, 1 invalid input (diff: differences), 2 usage error, 70 internal error.
Docs: docs/cli.md, docs/modes.md, docs/backends.md, docs/gitops.md`;

function createProgram(ctx: CommandContext): Command {
  const program = new Command("vmcp-gen")
    .description("Render ToolHive VirtualMCPServer manifests offline: what the ToolHive operator would create, as plain YAML, with no cluster access.")
    .version(VERSION, "-V, --version", "print the version")
    .option("--debug", "print stack traces for internal errors")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (s) => ctx.io.stdout.write(s), writeErr: (s) => ctx.io.stderr.write(s) })
    .exitOverride()
    .addHelpText("after", TOP_LEVEL_EXAMPLES);
  program.addCommand(createSynthCommand(ctx));
  program.addCommand(createValidateCommand(ctx));
  program.addCommand(createInspectCommand(ctx));
  program.addCommand(createDiffCommand(ctx));
  program.addCommand(createKrmCommand(ctx));
  program.addCommand(createArgocdCommand(ctx));
  program.addCommand(createSchemasCommand(ctx));
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: (s) => ctx.io.stdout.write(s), writeErr: (s) => ctx.io.stderr.write(s) }).showHelpAfterError("(run with --help for usage)");
  return program;
}

/** `String(e)` for any thrown value, including those that have no string form (no prototype, a throwing toString). */
function describeThrown(e: unknown): string {
  try {
    return String(e);
  } catch {
    return Object.prototype.toString.call(e);
  }
}

/**
 * `help argocd generate` as `argocd generate --help`: commander's help command looks one level
 * down only, and would show the help of `argocd`.
 */
function helpAsFlag(argv: readonly string[]): string[] {
  return argv[0] === "help" && argv.length > 2 && !argv[1]!.startsWith("-") ? [...argv.slice(1), "--help"] : [...argv];
}

/** Runs the CLI; the only place that turns errors into exit codes. Returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const ctx: CommandContext = { io, setExitCode: (code) => (exitCode = code) };
  const program = createProgram(ctx);
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return ExitCode.Usage;
    }
    await program.parseAsync(helpAsFlag(argv), { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? ExitCode.Ok : ExitCode.Usage;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`vmcp-gen: error: ${e.message}\n`);
      return ExitCode.Usage;
    }
    const err = e instanceof Error ? e : new Error(describeThrown(e));
    const message = describeThrown(err.message);
    if (argv.includes("--debug")) io.stderr.write(`${err.stack ?? message}\n`);
    io.stderr.write(`vmcp-gen: internal error: ${message.split("\n")[0]} — this is a bug in vmcp-gen, not in your input; rerun with --debug for the stack trace and report it at ${ISSUES_URL} (VMCP900)\n`);
    return ExitCode.Internal;
  }
}
