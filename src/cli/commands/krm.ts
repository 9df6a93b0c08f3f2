import { Command } from "../commander.js";
import { createWarning, hasErrors } from "../../diagnostics/create.js";
import { UsageError } from "../../diagnostics/errors.js";
import type { Diagnostic } from "../../diagnostics/types.js";
import type { CommandContext } from "../command-context.js";
import { ExitCode } from "../exit-codes.js";
import { reportDiagnostics } from "../report.js";
import type { RenderedItem } from "../../emit/krm-output.js";

const HELP = `
Reads a KRM ResourceList (config.kubernetes.io/v1) on stdin and writes one on stdout:
  - items vmcp-gen does not own pass through unchanged (Kptfile, local-config objects, everything
    that is not a ToolHive kind);
  - ToolHive items are kept: those only static-mode VirtualMCPServers use are marked
    config.kubernetes.io/local-config: "true" (the cluster never needs them), those a
    discovered-mode vMCP reads at run time stay as they are (inputs: keep, local-config or
    consume asks otherwise);
  - the rendered objects are added at vmcp/<namespace>/<vmcp>/<kind>-<name>.yaml;
  - problems become results; on an error the items come back unchanged and the exit code is 1.

Options come from the functionConfig: a ConfigMap's data (namespace, image, vmcp, skipInvalidBackends,
strictRefs, inputs), or apiVersion: vmcp-gen.stacklok.dev/v1alpha1, kind: VmcpGenConfig, spec: {...}.

Examples:
  $ kpt fn eval pkg --exec "vmcp-gen krm" -o unwrap
  $ kpt fn eval pkg --exec "vmcp-gen krm"                      # in place: writes pkg/vmcp/, keeps the inputs
  $ kpt fn eval pkg --exec "vmcp-gen krm" -o unwrap -- namespace=team-a inputs=keep
  $ kustomize build --enable-alpha-plugins --enable-exec overlay/    # a generator or transformer with exec: {path: vmcp-gen, args: [krm]}`;

/** Diagnostics for humans on stderr: the file is the package file the item came from; lines mean nothing here. */
async function placeInPackage(
  diagnostics: readonly Diagnostic[],
  items: readonly Record<string, unknown>[],
): Promise<Diagnostic[]> {
  const { sourceItemIndex } = await import("../../emit/krm-output.js");
  const { itemOrigin } = await import("../../load/read-resource-list.js");
  return diagnostics.map((d) => {
    const index = sourceItemIndex(d);
    const origin = index === undefined ? undefined : itemOrigin(items[index]!);
    const { line: _l, column: _c, excerpt: _e, source: _s, file, ...rest } = d;
    const where = origin
      ? `${origin.path}${origin.index ? `#${origin.index}` : ""}`
      : index === undefined
        ? file
        : `ResourceList items[${index}]`;
    return { ...rest, ...(where !== undefined ? { file: where } : {}) };
  });
}

export function createKrmCommand(ctx: CommandContext): Command {
  return new Command("krm")
    .summary("KRM function: ResourceList on stdin, ResourceList on stdout (kpt, kustomize)")
    .description(
      "Run as a KRM function (kpt fn eval/render --exec, kustomize --enable-alpha-plugins --enable-exec): render the VirtualMCPServers among the ResourceList's items and return the list with the rendered objects added.",
    )
    .addHelpText("after", HELP)
    .action(async () => {
      if (ctx.io.stdin.isTTY === true)
        throw new UsageError(
          "krm reads a KRM ResourceList on standard input; run it through kpt or kustomize, or pipe one in",
        );
      const { readResourceList, resourceListSources, isToolhiveItem } =
        await import("../../load/read-resource-list.js");
      const { parseFunctionConfig, KRM_SETTING_NAMES } = await import("../../load/function-config.js");
      const { annotateForPackage, formatResourceList, outputItems, toKrmResult } =
        await import("../../emit/krm-output.js");
      const read = await readResourceList({ cwd: ctx.io.cwd, stdin: ctx.io.stdin });
      if (!read.list) {
        // Without a ResourceList there is nothing safe to echo: stdout stays empty, and the exit code says it failed.
        reportDiagnostics(ctx.io, read.diagnostics, "text");
        ctx.setExitCode(ExitCode.Findings);
        return;
      }
      const { items } = read.list;
      const functionConfig =
        typeof read.list.functionConfig === "object" && read.list.functionConfig !== null
          ? (read.list.functionConfig as Record<string, unknown>)
          : undefined;
      const config = parseFunctionConfig(read.list.functionConfig);
      let diagnostics: Diagnostic[] = [...config.diagnostics];
      let rendered: RenderedItem[] = [];
      let staticOnly: ReadonlySet<number> = new Set();
      if (!hasErrors(diagnostics)) {
        if (!items.some(isToolhiveItem)) {
          diagnostics.push(
            createWarning("VMCP701", "no ToolHive objects among the items: nothing to render", {
              hint: "add VirtualMCPServer, MCPGroup and backend objects to the package",
            }),
          );
        } else {
          const { synthesizeSources } = await import("../../pipeline.js");
          const { orderManifests } = await import("../../emit/order-manifests.js");
          const { options } = config;
          const result = await synthesizeSources(resourceListSources(items), {
            ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
            strictRefs: options.strictRefs,
            skipInvalidBackends: options.skipInvalidBackends,
            ...(options.vmcp.length > 0 ? { only: options.vmcp } : {}),
            ...(options.image !== undefined ? { image: options.image } : {}),
            inputsStay: true,
            settingNames: KRM_SETTING_NAMES,
          });
          diagnostics = [...diagnostics, ...result.diagnostics];
          if (!hasErrors(diagnostics)) {
            const { staticOnlyItems } = await import("../../emit/krm-input-items.js");
            rendered = annotateForPackage(orderManifests(result.rendered));
            staticOnly = staticOnlyItems(result.check.model, result.rendered);
          }
        }
      }
      const failed = hasErrors(diagnostics);
      const results = diagnostics.map((d) => toKrmResult(d, items, functionConfig));
      // On failure the items come back exactly as they came in; only the results are new.
      const out = failed
        ? items.map((item) => ({ item, header: [] }))
        : outputItems(items, rendered, { inputs: config.options.inputs, staticOnly });
      reportDiagnostics(ctx.io, await placeInPackage(diagnostics, items), "text");
      ctx.io.stdout.write(formatResourceList(out, results));
      ctx.setExitCode(failed ? ExitCode.Findings : ExitCode.Ok);
    });
}
