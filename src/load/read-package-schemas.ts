import { readPackageFile } from "../package-data/read-package-file.js";

/** One JSON Schema file shipped in the package's `schemas/` folder, by its path there. */
export interface SchemaFile {
  /** kubeconform layout: `<group>/<kind>_<version>.json`. */
  readonly path: string;
  readonly text: string;
}

// Not imported from validate/schema-registry: load/ comes before validate/ and does not depend on it.
const TOOLHIVE_GROUP = "toolhive.stacklok.dev";

/**
 * The input JSON Schemas (one per ToolHive kind and served version, as `schemas/<group>/index.json`
 * lists them), byte for byte as shipped.
 */
export function readPackageSchemas(): SchemaFile[] {
  const index = JSON.parse(readPackageFile(`schemas/${TOOLHIVE_GROUP}/index.json`)) as { file: string }[];
  return index
    .map((e) => e.file)
    .sort()
    .map((p) => ({ path: p, text: readPackageFile(`schemas/${p}`) }));
}
