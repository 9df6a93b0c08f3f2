import type { Diagnostic } from "../../src/diagnostics/types.js";
import { orderManifests } from "../../src/emit/order-manifests.js";
import type { SourceFile } from "../../src/load/types.js";
import { synthesizeSources, type SynthOptions } from "../../src/pipeline.js";
import type { KubeObject } from "./oracle-types.js";

export interface VmcpGenRender {
  /** Empty unless the whole render succeeded, as on the command line. */
  readonly objects: readonly KubeObject[];
  readonly diagnostics: readonly Diagnostic[];
}

/** vmcp-gen's synth over in-memory files, its objects as plain JSON (what `--format json` prints). */
export async function renderWithVmcpGen(
  files: readonly SourceFile[],
  options: SynthOptions = {},
): Promise<VmcpGenRender> {
  const result = await synthesizeSources(files, options);
  const objects = orderManifests(result.rendered).map((m) => JSON.parse(JSON.stringify(m.object)) as KubeObject);
  return { objects, diagnostics: result.diagnostics };
}
