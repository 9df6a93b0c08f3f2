// @ts-check
/**
 * `node:module` as dist/ sees it inside the single-file executable (scripts/build-binary.mjs
 * points dist/'s imports of node:module here). dist/ loads CommonJS packages with
 * `createRequire(import.meta.url)(…)` to spare Node's ES-module export scan at start-up; in a
 * bundle those modules are not files, so `createRequire` hands out the bundler's own require for
 * the specifiers dist/ uses, each written out below so that esbuild bundles it.
 * test/binary/node-module-shim.test.ts keeps this list in step with src/.
 */
export { Module } from "node:module";

/** @type {Record<string, () => unknown>} */
export const BUNDLED = {
  "cdk8s/lib/api-object.js": () => require("cdk8s/lib/api-object.js"),
  "cdk8s/lib/app.js": () => require("cdk8s/lib/app.js"),
  "cdk8s/lib/chart.js": () => require("cdk8s/lib/chart.js"),
  "cdk8s/lib/json-patch.js": () => require("cdk8s/lib/json-patch.js"),
  "cdk8s/lib/yaml.js": () => require("cdk8s/lib/yaml.js"),
  commander: () => require("commander"),
  ignore: () => require("ignore"),
  "ipaddr.js": () => require("ipaddr.js"),
  yaml: () => require("yaml"),
};

/**
 * A require over the bundled modules. `resolve` and `cache` exist for render/cdk8s-modules.ts,
 * which defers cdk8s's YAML helper through the module cache: in a bundle the helper is part of
 * cdk8s's own code, so the deferral has nothing to act on and these only keep it harmless.
 * @param {unknown} _base ignored: every specifier is resolved at build time
 */
export function createRequire(_base) {
  /** @param {string} id */
  const bundledRequire = (id) => {
    const load = BUNDLED[id];
    if (!load) throw new Error(`vmcp-gen single-file build: ${id} is not bundled (add it to scripts/binary/node-module.mjs)`);
    return load();
  };
  bundledRequire.resolve = (/** @type {string} */ id) => id;
  bundledRequire.cache = /** @type {Record<string, unknown>} */ ({});
  return bundledRequire;
}
