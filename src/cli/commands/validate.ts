import { Command } from "../commander.js";
import { hasErrors } from "../../diagnostics/create.js";
import { ExitCode } from "../exit-codes.js";
import type { CommandContext } from "../command-context.js";
import { addInputOptions, type InputOptions } from "../options.js";
import { reportDiagnostics } from "../report.js";
import { TOOLHIVE_VERSION } from "../../toolhive/version.js";

const EXAMPLES = `
Examples:
  $ vmcp-gen validate fixtures/quickstart
  $ vmcp-gen validate -n team-a manifests/ extra.yaml
  $ cat vmcp.yaml | vmcp-gen validate - --diagnostics json
  $ vmcp-gen validate deploy/ --diagnostics github      # annotations in GitHub Actions

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error.`;

export function createValidateCommand(ctx: CommandContext): Command {
  const cmd = new Command("validate")
    .summary("check inputs: CRD schemas, CEL-equivalent rules, references")
    .description(`Check ToolHive manifests offline against the ${TOOLHIVE_VERSION} CRD schemas (after the API server's defaulting), the CRDs' CEL rules re-implemented as explicit checks, references between objects, and the operator's MCPServerEntry rules. Reports every problem with its file, line and a fix hint.`)
    .argument("[paths...]", "files, folders (searched recursively for *.yaml/*.yml) or - for stdin", ["."])
    .addHelpText("after", EXAMPLES);
  addInputOptions(cmd).action(async (paths: string[], opts: InputOptions) => {
    const { checkInputs } = await import("../../pipeline.js");
    const result = await checkInputs(paths, { cwd: ctx.io.cwd, stdin: ctx.io.stdin }, {
      ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
      strictRefs: opts.strictRefs,
      ...(opts.maxFileSize !== undefined ? { maxFileSize: opts.maxFileSize } : {}),
    });
    reportDiagnostics(ctx.io, result.diagnostics, opts.diagnostics);
    ctx.setExitCode(hasErrors(result.diagnostics) ? ExitCode.Findings : ExitCode.Ok);
  });
  return cmd;
}
