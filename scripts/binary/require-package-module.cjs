// The single-file executable's src/package-data/require-package-module.ts: the modules vmcp-gen
// builds into its package are part of the bundle. Each is required by a literal path (relative to
// this file, which is the package root's depth too) so that esbuild bundles it; the validators'
// index requires each validator the same way, so a run still evaluates only those it uses.
"use strict";

const BUNDLED = {
  "dist/validators/index.cjs": () => require("../../dist/validators/index.cjs"),
};

exports.requirePackageModule = (relativePath) => {
  const load = BUNDLED[relativePath];
  if (!load)
    throw new Error(
      `vmcp-gen single-file build: ${relativePath} is not bundled (add it to scripts/binary/require-package-module.cjs)`,
    );
  return load();
};
