import { Command, Option } from "../commander.js";
import { hasErrors } from "../../diagnostics/create.js";
import type { InspectFormat } from "../../inspect/format-report.js";
import type { CommandContext } from "../command-context.js";
import { ExitCode } from "../exit-codes.js";
import { addInputOptions, addOutputOption, toCheckOptions, type InputOptions } from "../options.js";
import { reportDiagnostics } from "../report.js";
import { TOOLHIVE_VERSION } from "../../toolhive/version.js";

interface InspectCommandOptions extends InputOptions {
  readonly vmcp: string[];
  readonly format: InspectFormat | "mermaid";
  readonly output?: InspectFormat | "mermaid";
  readonly skipInvalidBackends: boolean;
}

const EXAMPLES = `
Examples:
  $ vmcp-gen inspect fixtures/quickstart
  $ vmcp-gen inspect manifests/ --vmcp team-a/engineering -o yaml
  $ vmcp-gen inspect manifests/ -o json | jq -r '.items[] | "\\(.name) \\(.status.phase)"'
  $ vmcp-gen inspect manifests/ --skip-invalid-backends     # Degraded instead of Failed
  $ vmcp-gen inspect manifests/ --format mermaid            # a topology diagram for a pull-request comment

--format mermaid prints a Mermaid flowchart (clients and incoming auth → vMCP → each backend with
its transport, outgoing auth and CA bundle); put it in a \`\`\`mermaid block and GitHub draws it.
The report (stdout) is the steady state the operator would report once the pods run: phase Ready,
Degraded (backends left out by --skip-invalid-backends) or Failed (with the reasons); it is printed
even for invalid inputs, with the problems on stderr.
Exit codes: 0 every VirtualMCPServer renders, 1 invalid input, 2 usage error.`;

const collect = (value: string, previous: string[]) => [...previous, value];
const FORMATS = ["table", "yaml", "json", "mermaid"];

export function createInspectCommand(ctx: CommandContext): Command {
  const cmd = new Command("inspect")
    .summary("resolved membership and the status the operator would report")
    .description(
      `Resolve each VirtualMCPServer's group offline and show its mode, group, Service URL, backends (kind, URL, transport, outgoing auth, CA bundle) and the status the ToolHive ${TOOLHIVE_VERSION} operator would report: phase, conditions with their reasons, discoveredBackends and backendCount.`,
    )
    .argument("[paths...]", "files, folders (searched recursively for *.yaml/*.yml) or - for stdin", ["."])
    .addOption(
      new Option(
        "--format <format>",
        "report format: table for people, yaml or json for scripts, mermaid for a diagram",
      )
        .choices(FORMATS)
        .default("table"),
    )
    .option("--vmcp <name>", "inspect only this VirtualMCPServer (name or namespace/name; repeatable)", collect, [])
    .option("--skip-invalid-backends", "leave out invalid group members with a warning instead of failing", false)
    .addHelpText("after", EXAMPLES);
  addInputOptions(addOutputOption(cmd, FORMATS)).action(async (paths: string[], opts: InspectCommandOptions) => {
    const { checkInputs, finalizeDiagnostics } = await import("../../pipeline.js");
    const { inspectVirtualMcpServers } = await import("../../inspect/inspect-vmcps.js");
    const { formatInspections } = await import("../../inspect/format-report.js");
    const check = await checkInputs(paths, { cwd: ctx.io.cwd, stdin: ctx.io.stdin }, toCheckOptions(opts));
    const inspected = inspectVirtualMcpServers(check.model, check.diagnostics, {
      skipInvalidBackends: opts.skipInvalidBackends,
      ...(opts.vmcp.length > 0 ? { only: opts.vmcp } : {}),
    });
    const diagnostics = finalizeDiagnostics(check.load, [...check.diagnostics, ...inspected.diagnostics]);
    reportDiagnostics(ctx.io, diagnostics, opts.diagnostics);
    const format = opts.output ?? opts.format;
    // The report is the point of inspect, so it is printed even when the inputs have errors.
    if (format === "mermaid") {
      const { formatMermaid } = await import("../../inspect/format-mermaid.js");
      ctx.io.stdout.write(formatMermaid(inspected.value, check.model));
    } else if (inspected.value.length > 0 || format !== "table")
      ctx.io.stdout.write(formatInspections(inspected.value, format));
    ctx.setExitCode(hasErrors(diagnostics) ? ExitCode.Findings : ExitCode.Ok);
  });
  return cmd;
}
