import { createRequire, Module } from "node:module";
import type * as Cdk8s from "cdk8s";

// cdk8s is CommonJS, required (not imported) so that Node does not scan its source for named
// exports. Only the modules vmcp-gen uses are loaded, not the package index (Helm, include,
// testing, …), and cdk8s-plus-28 is used for its types only (render/kube-json.ts).
const require = createRequire(import.meta.url);

/**
 * `cdk8s/lib/app.js` requires cdk8s's YAML helper at load time, and the helper loads a copy of
 * the `yaml` package: ~60 modules, a sixth of a cold start, for `Yaml.save`/`load`, which
 * vmcp-gen never calls (App.synth writes files; vmcp-gen renders with Chart.toJson and writes
 * YAML itself). The helper's module gets a stand-in whose `Yaml` loads the real helper on first
 * use, so nothing changes for code that does use it.
 */
function deferYamlHelper(): void {
  const file = require.resolve("cdk8s/lib/yaml.js");
  if (require.cache[file]) return;
  let real: typeof Cdk8s | undefined;
  const load = (): typeof Cdk8s => {
    if (!real) {
      delete require.cache[file];
      real = require(file) as typeof Cdk8s;
    }
    return real;
  };
  const exports = Object.defineProperties({}, { __esModule: { value: true }, Yaml: { enumerable: true, get: () => load().Yaml } });
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = exports;
  require.cache[file] = standIn;
}

function loadCdk8s(): Pick<typeof Cdk8s, "ApiObject" | "App" | "Chart" | "JsonPatch"> {
  deferYamlHelper();
  const { App } = require("cdk8s/lib/app.js") as typeof Cdk8s;
  const { Chart } = require("cdk8s/lib/chart.js") as typeof Cdk8s;
  const { ApiObject } = require("cdk8s/lib/api-object.js") as typeof Cdk8s;
  const { JsonPatch } = require("cdk8s/lib/json-patch.js") as typeof Cdk8s;
  return { ApiObject, App, Chart, JsonPatch };
}

export const cdk8s = loadCdk8s();
