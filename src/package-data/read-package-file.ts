import { readFileSync } from "node:fs";

/**
 * A file vmcp-gen ships with itself (`package.json`, `schemas/…`), by its path from the package
 * root, as text. In the npm package these are files beside dist/; the single-file executable
 * replaces this module with one that reads the same paths from its embedded assets
 * (scripts/binary/read-package-file.cjs), so nothing else needs to know how vmcp-gen was installed.
 */
export function readPackageFile(relativePath: string): string {
  return readFileSync(new URL(`../../${relativePath}`, import.meta.url), "utf8");
}
