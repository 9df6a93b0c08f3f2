#!/usr/bin/env node
// PROTOTYPE (bench/PLAN.md §3, items 3 and 5): the built dist/ as ONE CommonJS file, so that a V8
// code cache (vm.Script cachedData) can cover all of it. Dynamically imported modules stay lazy
// (esbuild wraps them in init functions). cdk8s is reduced to App/Chart/ApiObject and its own
// copy of `yaml` (only used by App.synth()/Yaml) is stubbed out.
//
// esbuild is not a dependency of the project: `npm install --no-save esbuild@0.28.2` first, or
// point ESBUILD at a directory that has it.
//
//   node bench/prototypes/bundle.mjs [DIST_DIR] [OUT_FILE]     (defaults: dist → dist/bundle/main.cjs)
// OUT_FILE must sit two levels below the package root: the bundle resolves ../../schemas and
// ../../package.json from its own location, as dist/cli/*.js and dist/validate/*.js do.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const esbuild = createRequire(path.join(process.env.ESBUILD ?? root, "package.json"))("esbuild");
const srcDist = path.resolve(process.argv[2] ?? path.join(root, "dist"));
const outFile = path.resolve(process.argv[3] ?? path.join(root, "dist", "bundle", "main.cjs"));

const trimCdk8s = {
  name: "trim-cdk8s",
  setup(b) {
    b.onResolve({ filter: /^\.\/yaml$/ }, (a) =>
      a.importer.includes("/cdk8s/lib/") ? { path: "cdk8s-yaml", namespace: "stub" } : undefined,
    );
    b.onResolve({ filter: /^cdk8s$/ }, () => ({ path: "cdk8s-core", namespace: "stub" }));
    b.onLoad({ filter: /^cdk8s-yaml$/, namespace: "stub" }, () => ({ contents: "exports.Yaml = {};", loader: "js" }));
    b.onLoad({ filter: /^cdk8s-core$/, namespace: "stub" }, () => ({
      contents:
        "export { App } from 'cdk8s/lib/app.js'; export { Chart } from 'cdk8s/lib/chart.js'; export { ApiObject } from 'cdk8s/lib/api-object.js';",
      loader: "js",
      resolveDir: root,
    }));
  },
};
const t0 = performance.now();
const r = await esbuild.build({
  entryPoints: [path.join(srcDist, "cli", "main.js")],
  outfile: outFile,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  plugins: [trimCdk8s],
  // import.meta.url does not exist in CJS: give it the bundle's own URL.
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  external: ["./precompiled/*"],
  legalComments: "none",
  minifySyntax: true,
  minifyWhitespace: true,
  metafile: true,
  logLevel: "warning",
});
const byPackage = {};
for (const o of Object.values(r.metafile.outputs))
  for (const [input, v] of Object.entries(o.inputs)) {
    const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(input);
    const k = m ? m[1] : "vmcp-gen";
    byPackage[k] = (byPackage[k] ?? 0) + v.bytesInOutput;
  }
console.log(
  `${path.relative(process.cwd(), outFile)} in ${(performance.now() - t0).toFixed(0)} ms: ${Object.entries(byPackage)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${(v / 1e3).toFixed(0)} KB`)
    .join(", ")}`,
);
