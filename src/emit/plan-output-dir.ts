import { InternalError } from "../diagnostics/errors.js";
import type { OrderedManifest } from "./order-manifests.js";
import { formatKustomization, KUSTOMIZATION_FILE, objectPath } from "../layout/output-layout.js";
import { documentHeaderText } from "./document-header.js";
import { serializeYaml, type JsonValue } from "../yaml/serialize-yaml.js";

/**
 * The files of an output directory, in memory: one YAML file per object at
 * `<namespace>/<vmcp>/<kind>-<name>.yaml` under its header comment, and the kustomization.yaml
 * that lists them.
 */
export function planOutputFiles(manifests: readonly OrderedManifest[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const m of manifests) {
    const file = objectPath(m.vmcp, m.object);
    if (files.has(file)) throw new InternalError(`two rendered objects map to the same file ${file}`);
    files.set(file, documentHeaderText(m) + serializeYaml(m.object as unknown as JsonValue));
  }
  files.set(KUSTOMIZATION_FILE, formatKustomization([...files.keys()]));
  return files;
}
