import { Command } from "../commander.js";
import { createError, hasErrors } from "../../diagnostics/create.js";
import type { CommandContext } from "../command-context.js";
import { ExitCode } from "../exit-codes.js";
import { reportDiagnostics } from "../report.js";
import { docUrl } from "../../package-data/doc-url.js";
import { TOOLHIVE_VERSION } from "../../toolhive/version.js";

const GROUP_HELP = `
Examples:
  $ vmcp-gen argocd discover                                   # in the Application's folder, as plugin.yaml runs it
  $ vmcp-gen argocd generate
  $ ARGOCD_APP_NAMESPACE=team-a vmcp-gen argocd generate       # try it locally

Install the plugin with the kustomize component ${docUrl("deploy/argocd/")}
(see ${docUrl("docs/gitops.md", "argo-cd")}).`;

const HELP = `
Examples:
  $ vmcp-gen argocd generate
  $ ARGOCD_APP_NAMESPACE=team-a ARGOCD_ENV_VMCP_FILTER=engineering vmcp-gen argocd generate
  $ ARGOCD_APP_PARAMETERS='[{"name":"image","string":"registry.example.com/vmcp:${TOOLHIVE_VERSION}"}]' vmcp-gen argocd generate

Runs as the generate command of the vmcp-gen Config Management Plugin
(${docUrl("deploy/argocd/plugin.yaml")}), in the Application's source folder. Reads:
  ARGOCD_APP_NAMESPACE                   namespace for inputs that have none (the destination namespace)
  ARGOCD_APP_PARAMETERS                  plugin parameters: image, vmcp (array), skip-invalid-backends, strict-refs
  ARGOCD_ENV_VMCP_IMAGE                  the same settings from spec.source.plugin.env
  ARGOCD_ENV_VMCP_FILTER                 (comma-separated VirtualMCPServer names)
  ARGOCD_ENV_VMCP_SKIP_INVALID_BACKENDS  (true|false)
  ARGOCD_ENV_VMCP_STRICT_REFS            (true|false)
A parameter wins over the same setting in the environment.

Prints the plain Kubernetes objects of the folder (not Secrets, not ToolHive kinds) and the rendered
objects, as YAML; diagnostics go to stderr, which Argo CD shows. Empty output is an error, never an
empty success (with auto-sync and prune, it would delete everything).
Exit codes: 0 rendered, 1 invalid input, 2 invalid plugin settings.`;

const DISCOVER_HELP = `
Examples:
  $ vmcp-gen argocd discover        # prints ./team-a/vmcp.yaml, or nothing

Runs as the discover command of the vmcp-gen Config Management Plugin
(${docUrl("deploy/argocd/plugin.yaml")}), in the Application's source folder, so that the plugin claims only folders that hold a
VirtualMCPServer: it prints the first YAML file (hidden entries and node_modules skipped) with a
\`kind: VirtualMCPServer\` line, or nothing. Argo CD uses the plugin when the output is not empty.
Always exits 0: an error would be logged by argocd-repo-server for every Application it asks about.
Needs no shell, so the plugin runs in the distroless sidecar image (${docUrl("deploy/argocd/Dockerfile")}).`;

/** Commander settings main.ts gives top-level commands; nested ones need them too, or commander exits the process itself. */
function configureNested(cmd: Command, ctx: CommandContext): Command {
  return cmd
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.stdout.write(s), writeErr: (s) => ctx.io.stderr.write(s) })
    .showHelpAfterError("(run with --help for usage)");
}

function createDiscoverCommand(ctx: CommandContext): Command {
  return new Command("discover")
    .summary("print the first file of the current folder that holds a VirtualMCPServer")
    .description(
      "Print the path of the first YAML file in the Application's source folder (the working directory) that declares a VirtualMCPServer, or nothing: the plugin's discovery rule.",
    )
    .addHelpText("after", DISCOVER_HELP)
    .action(async () => {
      const { discoverVirtualMcpServerFile } = await import("../../load/discover-vmcp-file.js");
      const found = discoverVirtualMcpServerFile(ctx.io.cwd);
      if (found !== undefined) ctx.io.stdout.write(`${found}\n`);
      ctx.setExitCode(ExitCode.Ok);
    });
}

export function createArgocdCommand(ctx: CommandContext): Command {
  const argocd = new Command("argocd")
    .summary("Argo CD Config Management Plugin entry points (argocd discover, argocd generate)")
    .description("Commands run by the vmcp-gen Config Management Plugin sidecar of argocd-repo-server.")
    .addHelpText("after", GROUP_HELP);
  const generate = new Command("generate")
    .summary("render the current folder for Argo CD")
    .description(
      "Render the Application's source folder (the working directory) with settings from the ARGOCD_* environment, and print the manifests for Argo CD to apply.",
    )
    .addHelpText("after", HELP)
    .action(async () => {
      const { readArgocdOptions, ARGOCD_SETTING_NAMES } = await import("../argocd-env.js");
      const options = readArgocdOptions(ctx.io.env);
      const { synthesize } = await import("../../pipeline.js");
      const result = await synthesize(
        ["."],
        { cwd: ctx.io.cwd },
        {
          ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
          strictRefs: options.strictRefs,
          skipInvalidBackends: options.skipInvalidBackends,
          ...(options.vmcp.length > 0 ? { only: options.vmcp } : {}),
          ...(options.image !== undefined ? { image: options.image } : {}),
          settingNames: ARGOCD_SETTING_NAMES,
        },
      );
      const { orderManifests } = await import("../../emit/order-manifests.js");
      const manifests = orderManifests(result.rendered);
      const diagnostics = [...result.diagnostics];
      if (!hasErrors(diagnostics) && manifests.length === 0) {
        diagnostics.push(
          createError("VMCP704", "nothing to render: the output would be empty", {
            hint: "Argo CD would prune every object of the Application; check the folder holds a VirtualMCPServer and the vmcp filter names it",
          }),
        );
      }
      reportDiagnostics(ctx.io, diagnostics, "text");
      if (hasErrors(diagnostics)) {
        ctx.setExitCode(ExitCode.Findings);
        return;
      }
      const { formatManifests } = await import("../../emit/format-manifests.js");
      ctx.io.stdout.write(formatManifests(manifests, "yaml"));
      ctx.setExitCode(ExitCode.Ok);
    });
  argocd.addCommand(configureNested(createDiscoverCommand(ctx), ctx));
  argocd.addCommand(configureNested(generate, ctx));
  return argocd;
}
