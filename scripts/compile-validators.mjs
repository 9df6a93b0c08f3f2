// Precompiles every schema under schemas/ into a standalone Ajv validator in dist/validators/.
// Compiling the VirtualMCPServer schema takes ~0.7 s; loading the generated module ~15 ms, and
// every `vmcp-gen` run would otherwise pay the compile. Runs as part of `npm run build`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { Ajv, _ } = require("ajv");
const standaloneCode = require("ajv/dist/standalone").default;
const { default: formats } = await import(pathToFileURL(path.join(root, "dist", "validate", "schema-formats.js")).href);

// Ajv's ESM output still `require`s its small runtime helpers, and names formats by the expression given here.
const HEADER = [
  'import { createRequire } from "node:module";',
  'import vmcpGenFormats from "../validate/schema-formats.js";',
  "const require = createRequire(import.meta.url);",
  "",
].join("\n");

const outDir = path.join(root, "dist", "validators");
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const index = JSON.parse(readFileSync(path.join(root, "schemas", "toolhive.stacklok.dev", "index.json"), "utf8"));
for (const entry of index) {
  const schema = JSON.parse(readFileSync(path.join(root, "schemas", entry.file), "utf8"));
  // The same options as the runtime fallback in src/validate/schema-registry.ts.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true, code: { source: true, esm: true, formats: _`vmcpGenFormats` } });
  for (const [name, format] of Object.entries(formats)) ajv.addFormat(name, format);
  const code = standaloneCode(ajv, ajv.compile(schema));
  writeFileSync(path.join(outDir, `${path.basename(entry.file, ".json")}.js`), HEADER + code);
}
console.error(`compiled ${index.length} validators into dist/validators/`);
