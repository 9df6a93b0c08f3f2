#!/usr/bin/env node
// PROTOTYPE (bench/PLAN.md §3, item 2): Ajv standalone validators generated ahead of time, with the
// options of src/validate/schema-registry.ts, one CommonJS module per schema plus formats.cjs.
//
//   node bench/prototypes/ajv-standalone.cjs [SCHEMA_DIR] [OUT_DIR]
//   (defaults: schemas/toolhive.stacklok.dev → dist/validate/precompiled)
//
// The generated modules require("ajv/dist/runtime/…") and ajv-formats' formats, so OUT_DIR must
// be inside the package (node_modules resolvable). Loading one is `require(OUT_DIR/<file>.cjs)`:
// a function with the same `errors` (verbose: e.data, e.schema, e.parentSchema) as ajv.compile's.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const root = path.resolve(__dirname, "..", "..");
const req = require("node:module").createRequire(path.join(root, "package.json"));
const { Ajv } = req("ajv");
const { _ } = req("ajv/dist/compile/codegen");
const standaloneCode = req("ajv/dist/standalone").default;
const addFormats = req("ajv-formats");

const schemaDir = path.resolve(process.argv[2] ?? path.join(root, "schemas", "toolhive.stacklok.dev"));
const outDir = path.resolve(process.argv[3] ?? path.join(root, "dist", "validate", "precompiled"));
const FORMATS = ["date-time", "uri", "date", "time", "email", "hostname", "ipv4", "ipv6", "uuid"];

fs.mkdirSync(outDir, { recursive: true });
// Our own formats must exist as code for standalone output: one module holds every format.
fs.writeFileSync(
  path.join(outDir, "formats.cjs"),
  `"use strict";
const { fullFormats } = require("ajv-formats/dist/formats");
const GO_DURATION = /^-?(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:ns|us|µs|μs|ms|s|m|h))+$|^0$/;
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
module.exports = {
${FORMATS.map((f) => `  ${JSON.stringify(f)}: fullFormats[${JSON.stringify(f)}],`).join("\n")}
  int32: { type: "number", validate: (n) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max },
  int64: { type: "number", validate: (n) => Number.isSafeInteger(n) || Number.isInteger(n) },
  duration: { type: "string", validate: (s) => GO_DURATION.test(s) },
};
`,
);
const t0 = performance.now();
let bytes = 0;
let count = 0;
for (const f of fs
  .readdirSync(schemaDir)
  .filter((f) => f.endsWith(".json") && f !== "index.json")
  .sort()) {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: true,
    verbose: true,
    code: { source: true, formats: _`require("./formats.cjs")` },
  });
  addFormats(ajv, FORMATS);
  for (const name of ["int32", "int64"]) ajv.addFormat(name, { type: "number", validate: () => true }); // code comes from formats.cjs
  ajv.addFormat("duration", { type: "string", validate: () => true });
  const code = standaloneCode(ajv, ajv.compile(JSON.parse(fs.readFileSync(path.join(schemaDir, f), "utf8"))));
  fs.writeFileSync(path.join(outDir, f.replace(/\.json$/, ".cjs")), code);
  bytes += code.length;
  count++;
}
console.log(
  `${count} validators, ${(bytes / 1e3).toFixed(0)} KB, generated in ${(performance.now() - t0).toFixed(0)} ms → ${path.relative(process.cwd(), outDir)}`,
);
