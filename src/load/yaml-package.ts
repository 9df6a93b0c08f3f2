import { createRequire } from "node:module";

type YamlPackage = typeof import("yaml");
let loaded: YamlPackage | undefined;

/**
 * The `yaml` package (node ranges for diagnostics, YAML 1.1 for authz payloads), loaded on first
 * use: most runs need neither, and loading it costs a sixth of a cold start (bench/PLAN.md).
 * Inputs are parsed with js-yaml.
 */
export function yamlPackage(): YamlPackage {
  loaded ??= createRequire(import.meta.url)("yaml") as YamlPackage;
  return loaded;
}
