import path from "node:path";
import { Command } from "../commander.js";
import type { CommandContext } from "../command-context.js";
import { ExitCode } from "../exit-codes.js";
import { TOOLHIVE_VERSION } from "../../toolhive/version.js";
import { refuseOutputFlag } from "../options.js";

const HELP = `
Layout (what kubeconform's -schema-location template {{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json expects):
  <dir>/toolhive.stacklok.dev/<kind>_<version>.json   one per ToolHive kind and served version
  <dir>/vmcp-config.schema.json                        the vMCP runtime's config.yaml

Examples:
  $ vmcp-gen schemas                      # list the files it would write
  $ vmcp-gen schemas --output-dir schemas/
  $ kubeconform -strict -schema-location default \\
      -schema-location 'schemas/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json' manifests/

The CRDs' CEL rules (x-kubernetes-validations) are not JSON Schema; vmcp-gen validate checks them.`;

export function createSchemasCommand(ctx: CommandContext): Command {
  const cmd = new Command("schemas")
    .summary("JSON Schemas of the inputs and of config.yaml (kubeconform layout)")
    .description(
      `Export the JSON Schemas vmcp-gen validates ToolHive inputs with (from the ToolHive ${TOOLHIVE_VERSION} CRDs), and the vMCP config.yaml schema, for kubeconform and editors (yaml-language-server). Without --output-dir, lists the files.`,
    )
    .option("--output-dir <dir>", "write the schemas into this folder")
    .addHelpText("after", HELP);
  return refuseOutputFlag(
    cmd,
    (v) =>
      `-o is the output format in vmcp-gen, and schemas has none; to write the schemas into a folder use --output-dir ${v}`,
  ).action(async (opts: { outputDir?: string }) => {
    const [{ readPackageSchemas }, { vmcpConfigJsonSchema }] = await Promise.all([
      import("../../load/read-package-schemas.js"),
      import("../../toolhive/vmcp-config/json-schema.js"),
    ]);
    // The config.yaml schema is exported from vmcp-gen's model of the format (zod), not shipped as a file.
    const files = [
      ...readPackageSchemas(),
      { path: "vmcp-config.schema.json", text: `${JSON.stringify(vmcpConfigJsonSchema(), null, 2)}\n` },
    ];
    if (opts.outputDir === undefined) {
      ctx.io.stdout.write(files.map((f) => `${f.path}\n`).join(""));
      ctx.setExitCode(ExitCode.Ok);
      return;
    }
    const { writeSchemas } = await import("../../emit/write-schemas.js");
    await writeSchemas(path.resolve(ctx.io.cwd, opts.outputDir), files);
    ctx.io.stderr.write(`vmcp-gen: wrote ${files.length} schemas to ${opts.outputDir}\n`);
    ctx.setExitCode(ExitCode.Ok);
  });
}
