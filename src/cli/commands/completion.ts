import { format } from "node:util";
import type { Command as TabCommand, Complete, RootCommand } from "@bomb.sh/tab";
import { Argument, Command, type Option } from "../commander.js";
import type { CommandContext } from "../command-context.js";
import { ExitCode } from "../exit-codes.js";
import type { PathKind } from "../../load/path-candidates.js";

const SHELLS = ["bash", "zsh", "fish"];

const HELP = `
Examples:
  $ source <(vmcp-gen completion bash)                                   # this bash session
  $ vmcp-gen completion bash > ~/.local/share/bash-completion/completions/vmcp-gen
  $ vmcp-gen completion zsh > "\${fpath[1]}/_vmcp-gen"                     # then restart zsh (compinit)
  $ vmcp-gen completion fish > ~/.config/fish/completions/vmcp-gen.fish

Completes commands, flags, the values of flags that take a fixed set (--diagnostics, --format,
-o), paths, and the names for --vmcp, read from the inputs named before it on the command line.
The scripts ask \`vmcp-gen complete -- WORDS\` for each completion, so vmcp-gen must be on PATH;
the bash script needs the bash-completion package.`;

/** Flags and arguments that take a path, by long name. */
const PATHS: Readonly<Record<string, PathKind>> = { against: "render", "output-dir": "folder", paths: "inputs" };

interface Suggestion {
  readonly value: string;
  readonly description: string;
}

/** Suggests the values of a flag or an argument. */
type Handler = (complete: Complete) => void;

/** What one completion request can suggest beyond the command line's own structure. */
interface Completers {
  paths(kind: PathKind): Handler;
  readonly vmcpNames: readonly Suggestion[];
}

const suggestAll =
  (values: readonly Suggestion[]): Handler =>
  (complete: Complete) => {
    for (const v of values) complete(v.value, v.description);
  };

function optionHandler(option: Option, completers: Completers): Handler | undefined {
  if (!option.required && !option.optional) return undefined;
  const name = option.long?.slice(2) ?? "";
  if (option.argChoices) return suggestAll(option.argChoices.map((c) => ({ value: c, description: "" })));
  if (name === "vmcp") return suggestAll(completers.vmcpNames);
  const kind = PATHS[name];
  if (kind) return completers.paths(kind);
  // A flag that takes a value nothing can guess: a handler still tells tab that it takes one.
  return () => undefined;
}

function argumentHandler(argument: Argument, completers: Completers): Handler | undefined {
  if (argument.argChoices) return suggestAll(argument.argChoices.map((c) => ({ value: c, description: "" })));
  const kind = PATHS[argument.name()];
  return kind ? completers.paths(kind) : undefined;
}

function describeOptions(target: TabCommand, cmd: Command, completers: Completers): void {
  for (const option of cmd.createHelp().visibleOptions(cmd)) {
    const long = option.long?.slice(2);
    if (!long) continue;
    const short = option.short?.slice(1);
    const handler = optionHandler(option, completers);
    if (handler) target.option(long, option.description, handler, short);
    else target.option(long, option.description, short);
  }
}

/** tab's model of the command line, from commander's: commands, flags and arguments, with what completes their values. */
function describeCli(root: RootCommand, program: Command, completers: Completers): void {
  root.optionLookupMode = "parent-first";
  describeOptions(root, program, completers);
  const walk = (cmd: Command, prefix: string) => {
    for (const sub of cmd.createHelp().visibleCommands(cmd)) {
      const name = prefix === "" ? sub.name() : `${prefix} ${sub.name()}`;
      const described = root.command(name, sub.summary() || sub.description());
      describeOptions(described, sub, completers);
      for (const arg of sub.registeredArguments)
        described.argument(arg.name(), argumentHandler(arg, completers), arg.variadic);
      walk(sub, name);
    }
  };
  walk(program, "");
}

/** The input paths typed for the command in `words` (its operands, flags and their values left out). */
function inputPathsOf(words: readonly string[], program: Command): string[] {
  const at = words.findIndex((w) => program.commands.some((c) => c.name() === w));
  const cmd = program.commands.find((c) => c.name() === words[at]);
  if (!cmd) return [];
  const paths: string[] = [];
  for (let i = at + 1; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith("-")) paths.push(word);
    else if (!word.includes("=")) {
      const option = cmd.options.find((o) => o.long === word || o.short === word);
      if (option && (option.required || option.optional)) i++;
    }
  }
  return paths.filter((p) => p !== "-");
}

/** `--vmcp` values: the VirtualMCPServers of the inputs on the command line (`namespace/name` where a name is in several namespaces). */
async function vmcpNamesFor(words: readonly string[], program: Command, cwd: string): Promise<Suggestion[]> {
  const typing = words.at(-1) ?? "";
  if (words.at(-2) !== "--vmcp" && !typing.startsWith("--vmcp=")) return [];
  const paths = inputPathsOf(words.slice(0, words.at(-2) === "--vmcp" ? -2 : -1), program);
  const { loadInputs } = await import("../../load/load-inputs.js");
  const { TOOLHIVE_GROUP } = await import("../../validate/schema-registry.js");
  let resources;
  try {
    resources = (await loadInputs(paths.length > 0 ? paths : ["."], { cwd })).resources;
  } catch {
    return []; // a path that does not exist (yet): nothing to suggest
  }
  const vmcps = resources.filter((r) => r.group === TOOLHIVE_GROUP && r.kind === "VirtualMCPServer");
  const namespacesOf = (name: string) => new Set(vmcps.filter((r) => r.name === name).map((r) => r.namespace)).size;
  return vmcps.map((r) => ({
    value: namespacesOf(r.name) > 1 ? `${r.namespace}/${r.name}` : r.name,
    description: `namespace ${r.namespace}`,
  }));
}

/** What `fn` prints with console.log (tab prints its answers there), as text. */
function printedBy(fn: () => void): string {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void lines.push(format(...args));
  try {
    fn();
  } finally {
    console.log = log;
  }
  return lines.map((l) => `${l}\n`).join("");
}

// The directive bits of the completion protocol tab's scripts share with cobra's.
const NO_SPACE = 2;

export function createCompletionCommand(ctx: CommandContext): Command {
  return new Command("completion")
    .summary("shell completion script for bash, zsh or fish")
    .description(
      "Print a script that makes bash, zsh or fish complete vmcp-gen's commands, flags, paths and --vmcp names. Load it in your shell's start-up files.",
    )
    .addArgument(new Argument("<shell>", "bash, zsh or fish").choices(SHELLS))
    .addHelpText("after", HELP)
    .action(async (shell: string) => {
      const { default: tab } = await import("@bomb.sh/tab");
      ctx.io.stdout.write(printedBy(() => tab.setup("vmcp-gen", "vmcp-gen", shell)));
      ctx.setExitCode(ExitCode.Ok);
    });
}

/** `vmcp-gen complete -- WORDS`: what the completion scripts ask; one suggestion per line, then `:directive`. */
export function createCompleteCommand(ctx: CommandContext): Command {
  return new Command("complete")
    .description("answer a completion request of the scripts `vmcp-gen completion` prints")
    .argument("[words...]")
    .action(async function (this: Command, words: string[]) {
      const program = this.parent!;
      const { default: tab } = await import("@bomb.sh/tab");
      const { listPathCandidates } = await import("../../load/path-candidates.js");
      let folderSuggested = false;
      const typing = (words.at(-1) ?? "").replace(/^--[\w-]+=/, "");
      const completers: Completers = {
        paths: (kind) => (complete) => {
          for (const candidate of listPathCandidates(ctx.io.cwd, typing, kind)) {
            complete(candidate, "");
            folderSuggested ||= candidate.endsWith("/");
          }
        },
        vmcpNames: await vmcpNamesFor(words, program, ctx.io.cwd),
      };
      describeCli(tab, program, completers);
      const answer = printedBy(() => tab.parse([...words]));
      // tab answers "no file completion" always; a folder is completed by vmcp-gen itself, and the
      // shell must not end it with a space, so that its entries can be completed next.
      ctx.io.stdout.write(
        folderSuggested ? answer.replace(/^:(\d+)\n$/m, (_, d: string) => `:${Number(d) | NO_SPACE}\n`) : answer,
      );
      ctx.setExitCode(ExitCode.Ok);
    });
}
