import { Command, Option } from "../commander.js";
import { hasErrors } from "../../diagnostics/create.js";
import type { CommandContext } from "../command-context.js";
import { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { addInputOptions, addNetworkPolicyOptions, parseImageFlag, toSynthOptions, type InputOptions } from "../options.js";
import { reportDiagnostics, useColor } from "../report.js";
import { DEFAULT_IMAGE } from "../../toolhive/version.js";

interface DiffCommandOptions extends InputOptions {
  readonly against: string;
  readonly vmcp: string[];
  readonly image?: string;
  readonly skipInvalidBackends: boolean;
  readonly networkPolicy?: string | true;
  readonly ingressNamespaces?: Record<string, string>;
  readonly flux: boolean;
}

const EXAMPLES = `
Examples:
  $ vmcp-gen diff manifests/ --against deploy/vmcp           # a folder from synth --output-dir
  $ vmcp-gen diff manifests/ --against rendered.yaml         # a multi-document file from synth
  $ vmcp-gen diff manifests/ --against deploy/vmcp || echo "re-run vmcp-gen synth -o deploy/vmcp"

Objects are matched by apiVersion, kind, namespace and name; key order is ignored.
Exit codes (as kubectl diff): 0 no differences, 1 differences, 2 any error, invalid input included.`;

const collect = (value: string, previous: string[]) => [...previous, value];

/** Colour for the report on stdout: on a terminal, never with NO_COLOR, forced by FORCE_COLOR. */
function useColorOnStdout(io: CliIo): boolean {
  return useColor({ ...io, stderr: io.stdout });
}

export function createDiffCommand(ctx: CommandContext): Command {
  const cmd = new Command("diff")
    .summary("render and compare with a previous render (exit 0 same, 1 differs, 2 error)")
    .description("Render the inputs in memory and compare them, object by object, with a previous render: a folder written by synth --output-dir, or a multi-document YAML file. Prints a unified diff per changed object, the added and removed objects, and a summary line.")
    .argument("[paths...]", "files, folders (searched recursively for *.yaml/*.yml) or - for stdin", ["."])
    .requiredOption("--against <dir|file>", "the previous render to compare with")
    .option("--vmcp <name>", "render only this VirtualMCPServer (name or namespace/name; repeatable)", collect, [])
    .option("--image <ref>", `vMCP container image (default ${DEFAULT_IMAGE})`, parseImageFlag)
    .option("--skip-invalid-backends", "leave out invalid group members with a warning instead of failing", false)
    .addOption(new Option("--flux", "compare with a render made with synth --flux").default(false))
    .addHelpText("after", EXAMPLES);
  addInputOptions(addNetworkPolicyOptions(cmd)).action(async (paths: string[], opts: DiffCommandOptions) => {
    const { synthesize } = await import("../../pipeline.js");
    const { readPreviousRender } = await import("../../load/read-previous-render.js");
    const previous = await readPreviousRender(ctx.io.cwd, opts.against);
    const result = await synthesize(paths, { cwd: ctx.io.cwd, stdin: ctx.io.stdin }, toSynthOptions(opts));
    const diagnostics = [...previous.diagnostics, ...result.diagnostics];
    reportDiagnostics(ctx.io, diagnostics, opts.diagnostics);
    // kubectl diff's convention: 1 always means "differences", so every error is 2.
    if (hasErrors(diagnostics)) {
      ctx.setExitCode(ExitCode.Usage);
      return;
    }
    const { orderManifests } = await import("../../emit/order-manifests.js");
    const { disableFluxSubstitution } = await import("../../emit/flux-substitution.js");
    const { compareRenders, formatComparison } = await import("../../emit/compare-renders.js");
    const objects = orderManifests(result.rendered).map((m) => (opts.flux ? disableFluxSubstitution(m.object) : m.object));
    const color = useColorOnStdout(ctx.io);
    const comparison = compareRenders(previous.objects, objects, { color });
    ctx.io.stdout.write(formatComparison(comparison, { color }));
    const differs = comparison.changed.length + comparison.added.length + comparison.removed.length > 0;
    ctx.setExitCode(differs ? ExitCode.Findings : ExitCode.Ok);
  });
  return cmd;
}
