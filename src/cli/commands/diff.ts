import { Command, Option } from "../commander.js";
import { hasErrors } from "../../diagnostics/create.js";
import type { CommandContext } from "../command-context.js";
import { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { addInputOptions, addOutputOption, addRenderOptions, toSynthOptions, type RenderFlags } from "../options.js";
import { reportDiagnostics, useColor } from "../report.js";

type DiffFormat = "text" | "json";

interface DiffCommandOptions extends RenderFlags {
  readonly against: string;
  readonly flux: boolean;
  readonly format: DiffFormat;
  readonly output?: DiffFormat;
}

const FORMATS = ["text", "json"];

const EXAMPLES = `
Examples:
  $ vmcp-gen diff manifests/ --against deploy/vmcp           # a folder from synth --output-dir
  $ vmcp-gen diff manifests/ --against rendered.yaml         # a multi-document file from synth
  $ vmcp-gen diff manifests/ --against deploy/vmcp || echo "re-run vmcp-gen synth --output-dir deploy/vmcp"
  $ vmcp-gen diff manifests/ --against deploy/vmcp --format json | jq '.summary'   # for scripts

Objects are matched by apiVersion, kind, namespace and name; key order is ignored.
Exit codes (as kubectl diff): 0 no differences, 1 differences, 2 any error, invalid input included.`;

/** Colour for the report on stdout: on a terminal, never with NO_COLOR, forced by FORCE_COLOR. */
function useColorOnStdout(io: CliIo): boolean {
  return useColor({ ...io, stderr: io.stdout });
}

export function createDiffCommand(ctx: CommandContext): Command {
  const cmd = new Command("diff")
    .summary("render and compare with a previous render (exit 0 same, 1 differs, 2 error)")
    .description(
      "Render the inputs in memory and compare them, object by object, with a previous render: a folder written by synth --output-dir, or a multi-document YAML file. Prints a unified diff per changed object, the added and removed objects, and a summary line.",
    )
    .argument("[paths...]", "files, folders (searched recursively for *.yaml/*.yml) or - for stdin", ["."])
    .requiredOption("--against <dir|file>", "the previous render to compare with")
    .addOption(new Option("--flux", "compare with a render made with synth --flux").default(false))
    .addOption(
      new Option("--format <format>", "report format: text for people, json for scripts")
        .choices(FORMATS)
        .default("text"),
    )
    .addHelpText("after", EXAMPLES);
  addInputOptions(addOutputOption(addRenderOptions(cmd, "render"), FORMATS)).action(
    async (paths: string[], opts: DiffCommandOptions) => {
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
      const { compareRenders, formatComparison, formatComparisonJson } = await import("../../emit/compare-renders.js");
      const objects = orderManifests(result.rendered).map((m) =>
        opts.flux ? disableFluxSubstitution(m.object) : m.object,
      );
      const json = (opts.output ?? opts.format) === "json";
      const color = !json && useColorOnStdout(ctx.io);
      const comparison = compareRenders(previous.objects, objects, { color });
      ctx.io.stdout.write(json ? formatComparisonJson(comparison) : formatComparison(comparison, { color }));
      const differs = comparison.changed.length + comparison.added.length + comparison.removed.length > 0;
      ctx.setExitCode(differs ? ExitCode.Findings : ExitCode.Ok);
    },
  );
  return cmd;
}
