import { Command, CommanderError } from "./commander.js";
import { UsageError } from "../diagnostics/errors.js";
import { escapeForTerminal } from "../diagnostics/escape-terminal.js";
import type { CommandContext } from "./command-context.js";
import { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { VERSION } from "./version.js";
import { docUrl } from "../package-data/doc-url.js";

const ISSUES_URL = "https://github.com/stacklok/vmcp-gen/issues";

const TOP_LEVEL_EXAMPLES = `
Examples:
  $ vmcp-gen synth fixtures/quickstart                  # render to stdout
  $ vmcp-gen synth manifests/ --output-dir deploy/vmcp  # one file per object + kustomization.yaml
  $ vmcp-gen validate manifests/ --diagnostics github   # CI annotations
  $ vmcp-gen diff manifests/ --against deploy/vmcp      # exit 1 when the render changed
  $ vmcp-gen inspect manifests/                         # the status the operator would report
  $ vmcp-gen probe manifests/                           # can each backend be reached, with the pod's trust?

Exit codes: 0 success, 1 invalid input (diff: differences), 2 usage error, 70 internal error.
Docs: ${docUrl("docs/cli.md")}
      ${docUrl("docs/modes.md")}
      ${docUrl("docs/backends.md")}
      ${docUrl("docs/gitops.md")}`;

type CommandFactory = (ctx: CommandContext) => Command;

// In help order. Each command's module is imported only when needed: a run that names its command
// first (`vmcp-gen synth …`, the common case) loads that one; help, flags first and unknown
// commands load them all (each ES module costs a cold start ~0.5 ms, bench/PLAN.md).
const COMMANDS: Readonly<Record<string, () => Promise<CommandFactory>>> = {
  synth: async () => (await import("./commands/synth.js")).createSynthCommand,
  validate: async () => (await import("./commands/validate.js")).createValidateCommand,
  inspect: async () => (await import("./commands/inspect.js")).createInspectCommand,
  diff: async () => (await import("./commands/diff.js")).createDiffCommand,
  probe: async () => (await import("./commands/probe.js")).createProbeCommand,
  krm: async () => (await import("./commands/krm.js")).createKrmCommand,
  argocd: async () => (await import("./commands/argocd.js")).createArgocdCommand,
  schemas: async () => (await import("./commands/schemas.js")).createSchemasCommand,
  completion: async () => (await import("./commands/completion.js")).createCompletionCommand,
};

// Completion describes every command, so it loads them all, as does `complete`, the hidden
// command its shell scripts call back.
const DESCRIBES_ALL = new Set(["completion", "complete"]);

async function commandsFor(argv: readonly string[]): Promise<CommandFactory[]> {
  const first = argv[0];
  const names =
    first !== undefined && Object.hasOwn(COMMANDS, first) && !DESCRIBES_ALL.has(first)
      ? [first]
      : Object.keys(COMMANDS);
  return Promise.all(names.map((name) => COMMANDS[name]!()));
}

async function createProgram(ctx: CommandContext, argv: readonly string[]): Promise<Command> {
  const program = new Command("vmcp-gen")
    .description(
      "Render ToolHive VirtualMCPServer manifests offline: what the ToolHive operator would create, as plain YAML, with no cluster access.",
    )
    .version(VERSION, "-V, --version", "print the version")
    .option("--debug", "print stack traces for internal errors")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (s) => ctx.io.stdout.write(s), writeErr: (s) => ctx.io.stderr.write(s) })
    .exitOverride()
    .addHelpText("after", TOP_LEVEL_EXAMPLES);
  for (const create of await commandsFor(argv)) program.addCommand(create(ctx));
  if (argv[0] === "complete")
    program.addCommand((await import("./commands/completion.js")).createCompleteCommand(ctx), { hidden: true });
  for (const cmd of program.commands)
    cmd
      .exitOverride()
      .configureOutput({ writeOut: (s) => ctx.io.stdout.write(s), writeErr: (s) => ctx.io.stderr.write(s) })
      .showHelpAfterError("(run with --help for usage)");
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
  const program = await createProgram(ctx, argv);
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return ExitCode.Usage;
    }
    await program.parseAsync(helpAsFlag(argv), { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help"
        ? ExitCode.Ok
        : ExitCode.Usage;
    }
    if (e instanceof UsageError) {
      // Line by line: a usage error may list several problems, one per line.
      io.stderr.write(`vmcp-gen: error: ${e.message.split("\n").map(escapeForTerminal).join("\n")}\n`);
      return ExitCode.Usage;
    }
    const err = e instanceof Error ? e : new Error(describeThrown(e));
    const message = describeThrown(err.message);
    if (argv.includes("--debug")) io.stderr.write(`${err.stack ?? message}\n`);
    io.stderr.write(
      `vmcp-gen: internal error: ${escapeForTerminal(message.split("\n")[0] ?? "")} — this is a bug in vmcp-gen, not in your input; rerun with --debug for the stack trace and report it at ${ISSUES_URL} (VMCP900)\n`,
    );
    return ExitCode.Internal;
  }
}
