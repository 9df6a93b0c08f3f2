import { readFile } from "node:fs/promises";

/** One JSON Schema file shipped in the package's `schemas/` folder, by its path there. */
export interface SchemaFile {
  /** kubeconform layout: `<group>/<kind>_<version>.json`, or `vmcp-config.schema.json`. */
  readonly path: string;
  readonly text: string;
}

// Not imported from validate/schema-registry: load/ comes before validate/ and does not depend on it.
const TOOLHIVE_GROUP = "toolhive.stacklok.dev";

// The package's own data, next to dist/ (package.json "files"), not user input.
const SCHEMAS = new URL("../../schemas/", import.meta.url);

/**
 * The input JSON Schemas (one per ToolHive kind and served version, as `schemas/<group>/index.json`
 * lists them) and the vMCP runtime's config.yaml schema, byte for byte as shipped.
 */
export async function readPackageSchemas(): Promise<SchemaFile[]> {
  const index = JSON.parse(await readFile(new URL(`${TOOLHIVE_GROUP}/index.json`, SCHEMAS), "utf8")) as { file: string }[];
  const paths = [...index.map((e) => e.file).sort(), "vmcp-config.schema.json"];
  return Promise.all(paths.map(async (p) => ({ path: p, text: await readFile(new URL(p, SCHEMAS), "utf8") })));
}
