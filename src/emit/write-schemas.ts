import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../diagnostics/errors.js";
import type { SchemaFile } from "../load/read-package-schemas.js";

/** Writes the schema files under `dir` (created if missing), overwriting earlier exports. */
export async function writeSchemas(dir: string, files: readonly SchemaFile[]): Promise<void> {
  try {
    for (const f of files) {
      const to = path.join(dir, ...f.path.split("/"));
      await mkdir(path.dirname(to), { recursive: true });
      await writeFile(to, f.text);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`cannot write the schemas to ${dir}: ${err.message}`);
  }
}
