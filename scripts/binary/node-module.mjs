// @ts-check
/**
 * `node:module` as dist/ sees it inside the single-file executable (scripts/build-binary.mjs
 * points dist/'s imports of node:module here). dist/ loads CommonJS packages with
 * `createRequire(import.meta.url)(…)` to spare Node's ES-module export scan at start-up; in a
 * bundle those modules are not files, so `createRequire` hands out the bundler's own require for
 * the specifiers dist/ uses, each written out below so that esbuild bundles it.
 * test/binary/node-module-shim.test.ts keeps this list in step with src/.
 */

/** @type {Record<string, () => unknown>} */
export const BUNDLED = {
  cdk8s: () => require("cdk8s"),
  "cdk8s-plus-28/lib/imports/k8s.js": () => require("cdk8s-plus-28/lib/imports/k8s.js"),
  commander: () => require("commander"),
  ignore: () => require("ignore"),
  "ipaddr.js": () => require("ipaddr.js"),
  yaml: () => require("yaml"),
};

/**
 * A require over the bundled modules.
 * @param {unknown} _base ignored: every specifier is resolved at build time
 */
export function createRequire(_base) {
  return (/** @type {string} */ id) => {
    const load = BUNDLED[id];
    if (!load)
      throw new Error(`vmcp-gen single-file build: ${id} is not bundled (add it to scripts/binary/node-module.mjs)`);
    return load();
  };
}
