import { Command } from "../commander.js";
import { countBySeverity, hasErrors } from "../../diagnostics/create.js";
import { ExitCode } from "../exit-codes.js";
import type { CommandContext } from "../command-context.js";
import { addInputOptions, addRenderOptions, refuseOutputFlag, toSynthOptions, type RenderFlags } from "../options.js";
import { reportDiagnostics } from "../report.js";
import { TOOLHIVE_VERSION } from "../../toolhive/version.js";

const EXAMPLES = `
Examples:
  $ vmcp-gen validate fixtures/quickstart
  $ vmcp-gen validate -n team-a manifests/ extra.yaml
  $ cat vmcp.yaml | vmcp-gen validate - --diagnostics json
  $ vmcp-gen validate deploy/ --diagnostics github      # annotations in GitHub Actions
  $ vmcp-gen validate manifests/ --skip-invalid-backends  # would synth --skip-invalid-backends accept it?

validate runs everything synth runs except writing the output, so it fails exactly when synth,
diff, krm or argocd generate would (with the same flags); on success it prints one summary line.
Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error.`;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function createValidateCommand(ctx: CommandContext): Command {
  const cmd = new Command("validate")
    .summary("check inputs: everything synth checks, without writing the output")
    .description(
      `Check ToolHive manifests offline as synth does, without writing anything: the ${TOOLHIVE_VERSION} CRD schemas (after the API server's defaulting), the CRDs' CEL rules re-implemented as explicit checks, references between objects, the operator's MCPServerEntry rules, and the render itself. Reports every problem with its file, line and a fix hint.`,
    )
    .argument("[paths...]", "files, folders (searched recursively for *.yaml/*.yml) or - for stdin", ["."])
    .addHelpText("after", EXAMPLES);
  addInputOptions(
    refuseOutputFlag(
      addRenderOptions(cmd, "check"),
      () => "validate writes no output; for its diagnostics as JSON use --diagnostics json",
    ),
  ).action(async (paths: string[], opts: RenderFlags) => {
    const { synthesize } = await import("../../pipeline.js");
    const result = await synthesize(paths, { cwd: ctx.io.cwd, stdin: ctx.io.stdin }, toSynthOptions(opts));
    reportDiagnostics(ctx.io, result.diagnostics, opts.diagnostics);
    if (hasErrors(result.diagnostics)) {
      ctx.setExitCode(ExitCode.Findings);
      return;
    }
    // With --diagnostics json, stderr is one JSON document for machines: no prose line after it.
    if (opts.diagnostics !== "json") {
      const resources = result.check.load.resources.length;
      const { warnings } = countBySeverity(result.diagnostics);
      ctx.io.stderr.write(
        `vmcp-gen: valid: ${plural(resources, "resource")}, ${plural(result.rendered.length, "VirtualMCPServer")} rendered, ${plural(warnings, "warning")}\n`,
      );
    }
    ctx.setExitCode(ExitCode.Ok);
  });
  return cmd;
}
