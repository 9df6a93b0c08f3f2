import { Command, Option } from "../commander.js";
import { UsageError } from "../../diagnostics/errors.js";
import { escapeForTerminal } from "../../diagnostics/escape-terminal.js";
import { hasErrors } from "../../diagnostics/create.js";
import type { ManifestFormat } from "../../emit/format-manifests.js";
import type { OutputDirSummary } from "../../emit/write-output-dir.js";
import type { CommandContext } from "../command-context.js";
import { ExitCode } from "../exit-codes.js";
import { addInputOptions, addOutputOption, addRenderOptions, toSynthOptions, type RenderFlags } from "../options.js";
import { reportDiagnostics } from "../report.js";
import { TOOLHIVE_VERSION } from "../../toolhive/version.js";

interface SynthCommandOptions extends RenderFlags {
  readonly format: ManifestFormat;
  readonly output?: ManifestFormat;
  readonly outputDir?: string;
  readonly flux: boolean;
  readonly lockTimeout: number;
}

const EXAMPLES = `
Examples:
  $ vmcp-gen synth fixtures/quickstart
  $ vmcp-gen synth manifests/ -n team-a --vmcp team-a/engineering > rendered.yaml
  $ vmcp-gen synth manifests/ --image registry.example.com/vmcp:${TOOLHIVE_VERSION} | kubectl apply -f -
  $ vmcp-gen synth manifests/ -o json | jq '.items[].kind'
  $ vmcp-gen synth manifests/ --output-dir deploy/vmcp        # one file per object + kustomization.yaml
  $ vmcp-gen synth manifests/ --network-policy --ingress-namespaces team=a   # plus an egress/ingress NetworkPolicy

stdout holds the manifests and nothing else, and only when the whole render succeeded.
--output-dir writes <dir>/<namespace>/<vmcp>/<kind>-<name>.yaml and <dir>/kustomization.yaml,
deletes only files an earlier render wrote there, and swaps the folder's content in one step:
a failed render leaves it exactly as it was. Runs into the same folder take turns (a lock file
beside it); a run waits up to --lock-timeout seconds, then exits 2.
Exit codes: 0 rendered, 1 invalid input (nothing printed or written), 2 usage error.`;

const FORMATS = ["yaml", "json"];

function parseSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 86_400)
    throw new UsageError(`--lock-timeout: ${JSON.stringify(value)} is not a number of seconds between 0 and 86400`);
  return n;
}

function describeOutputDir(requested: string, summary: OutputDirSummary): string {
  const dir = escapeForTerminal(requested);
  if (summary.unchanged) return `vmcp-gen: ${dir} is up to date`;
  const removed =
    summary.removed.length === 0
      ? ""
      : `, removed ${summary.removed.length} stale ${summary.removed.length === 1 ? "file" : "files"}`;
  const kept =
    summary.keptAside === undefined
      ? ""
      : `\nvmcp-gen: files added to ${dir} during the render could not be carried over (a rendered file has the same path); the previous folder is kept at ${summary.keptAside}`;
  return `vmcp-gen: wrote ${summary.written} files to ${dir}${removed}${kept}`;
}

export function createSynthCommand(ctx: CommandContext): Command {
  const cmd = new Command("synth")
    .summary("render manifests (stdout, or --output-dir)")
    .description(
      `Render the Deployment, ConfigMap (config.yaml), Service and ServiceAccount (and, in discovered mode, Role and RoleBinding) of every VirtualMCPServer in the inputs, as the ToolHive ${TOOLHIVE_VERSION} operator would create them, with the documented fixes.`,
    )
    .argument("[paths...]", "files, folders (searched recursively for *.yaml/*.yml) or - for stdin", ["."])
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("yaml"))
    .addOption(
      new Option(
        "--output-dir <dir>",
        "write one file per object and a kustomization.yaml into this folder instead of stdout",
      ).conflicts(["format", "output"]),
    )
    .option(
      "--lock-timeout <seconds>",
      "with --output-dir: how long to wait while another vmcp-gen run writes the same folder",
      parseSeconds,
      60,
    )
    .option(
      "--flux",
      "mark objects that contain ${ with kustomize.toolkit.fluxcd.io/substitute: disabled (Flux postBuild substitution)",
      false,
    )
    .addHelpText("after", EXAMPLES);
  addInputOptions(addOutputOption(addRenderOptions(cmd, "render"), FORMATS, "--output-dir")).action(
    async (paths: string[], opts: SynthCommandOptions) => {
      if (opts.outputDir !== undefined) {
        const { checkOutputTarget } = await import("../../emit/output-dir.js");
        await checkOutputTarget(ctx.io.cwd, opts.outputDir, paths);
      }
      const { synthesize } = await import("../../pipeline.js");
      const result = await synthesize(paths, { cwd: ctx.io.cwd, stdin: ctx.io.stdin }, toSynthOptions(opts));
      reportDiagnostics(ctx.io, result.diagnostics, opts.diagnostics);
      if (hasErrors(result.diagnostics)) {
        ctx.setExitCode(ExitCode.Findings);
        return;
      }
      if (opts.outputDir !== undefined) {
        const { emitOutputDir } = await import("../../emit/output-dir.js");
        const { currentLockOwner } = await import("../lock-owner.js");
        const lock = { owner: currentLockOwner(), waitMs: opts.lockTimeout * 1000 };
        const summary = await emitOutputDir(result.rendered, {
          cwd: ctx.io.cwd,
          dir: opts.outputDir,
          flux: opts.flux,
          lock,
        });
        // With --diagnostics json, stderr is one JSON document for machines: no prose line after it.
        if (opts.diagnostics !== "json") ctx.io.stderr.write(`${describeOutputDir(opts.outputDir, summary)}\n`);
        ctx.setExitCode(ExitCode.Ok);
        return;
      }
      const { orderManifests } = await import("../../emit/order-manifests.js");
      const { formatManifests } = await import("../../emit/format-manifests.js");
      const { disableFluxSubstitution } = await import("../../emit/flux-substitution.js");
      const manifests = orderManifests(result.rendered).map((m) =>
        opts.flux ? { ...m, object: disableFluxSubstitution(m.object) } : m,
      );
      ctx.io.stdout.write(formatManifests(manifests, opts.output ?? opts.format));
      ctx.setExitCode(ExitCode.Ok);
    },
  );
  return cmd;
}
