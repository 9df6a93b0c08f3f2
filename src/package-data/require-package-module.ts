import { createRequire } from "node:module";

/**
 * A CommonJS module vmcp-gen builds into its own package (`dist/validators/…`), by its path from
 * the package root, loaded synchronously. The single-file executable replaces this module with one
 * that returns the same modules from its bundle (scripts/binary/require-package-module.cjs).
 */
export function requirePackageModule(relativePath: string): unknown {
  return createRequire(import.meta.url)(`../../${relativePath}`);
}
