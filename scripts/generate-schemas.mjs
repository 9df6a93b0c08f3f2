// @ts-check
/**
 * Converts the ToolHive CRDs' `openAPIV3Schema`s into JSON Schema (draft-07) files in the
 * kubeconform / datreeio CRDs-catalog layout: `schemas/<group>/<lowercase kind>_<version>.json`,
 * plus `<group>/index.json` and `SOURCE.md`.
 *
 *   node scripts/generate-schemas.mjs [--crds DIR] [--out DIR]
 *
 * `generateSchemas()` is pure (reads the CRDs, returns the file texts); only the CLI entry writes.
 * The drift test (test/unit/schemas/generate-schemas.test.ts) compares its output with the
 * committed files. Plain ESM with JSDoc types so it runs with `node`, without a build.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parseAllDocuments } from "yaml";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The ToolHive release the reference CRDs come from, read from the one module that names it
 * (src/toolhive/version.ts); this script runs without a build, so it reads the source text.
 */
export const TOOLHIVE_VERSION = (() => {
  const text = fs.readFileSync(path.join(REPO_ROOT, "src/toolhive/version.ts"), "utf8");
  const match = /export const TOOLHIVE_VERSION = "([^"]+)";/.exec(text);
  if (match === null) throw new Error("src/toolhive/version.ts does not export TOOLHIVE_VERSION as a string literal");
  return match[1];
})();
export const JSON_SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#";
export const DEFAULT_CRD_DIR = path.resolve(REPO_ROOT, "../shared/reference/crds");
export const DEFAULT_OUT_DIR = path.resolve(REPO_ROOT, "schemas");

/** @typedef {Record<string, unknown>} SchemaNode */

/**
 * Counters collected while transforming one schema.
 * @typedef {object} TransformStats
 * @property {number} celRules rules in the stripped `x-kubernetes-validations` lists
 * @property {number} celLists nodes that carried an `x-kubernetes-validations` list
 * @property {number} preserveUnknownFields nodes marked `x-kubernetes-preserve-unknown-fields: true`
 * @property {number} nullable nodes marked `nullable: true`
 * @property {number} intOrString nodes marked `x-kubernetes-int-or-string: true`
 * @property {number} patternsTranslated `pattern`s whose POSIX classes were rewritten
 */

/**
 * One generated schema file, as listed in `index.json`.
 * @typedef {object} SchemaIndexEntry
 * @property {string} group
 * @property {string} kind
 * @property {string} version
 * @property {string} file path relative to `schemas/`
 * @property {boolean} deprecated
 * @property {boolean} storage
 */

/** @returns {TransformStats} */
export function emptyStats() {
  return { celRules: 0, celLists: 0, preserveUnknownFields: 0, nullable: 0, intOrString: 0, patternsTranslated: 0 };
}

// ---------------------------------------------------------------------------------------------
// pattern: RE2 / POSIX bracket classes -> JavaScript

/**
 * Contents to splice into a JS character class for each POSIX class (`[:name:]`), valid with
 * and without the `u` flag.
 * @type {Readonly<Record<string, string>>}
 */
const POSIX_CLASSES = {
  alnum: "A-Za-z0-9",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: " \\t",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]\\^_`{|}~",
  space: "\\s",
  upper: "A-Z",
  word: "\\w",
  xdigit: "0-9A-Fa-f",
};

/** Negated POSIX classes (`[:^name:]`, an RE2 extension) that have a JS escape. */
/** @type {Readonly<Record<string, string>>} */
const NEGATED_POSIX_CLASSES = { digit: "\\D", space: "\\S", word: "\\W" };

/**
 * Rewrites RE2/POSIX bracket classes such as `[[:space:]]`, which JavaScript does not know,
 * into their JS equivalents (`[\s]`). A leading `]` in a class (literal in RE2) is escaped.
 * Everything else is copied unchanged. Throws on a POSIX class name it cannot translate.
 * @param {string} pattern
 * @returns {string}
 */
export function translatePattern(pattern) {
  let out = "";
  let inClass = false;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "\\") {
      out += pattern.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (!inClass) {
      out += c;
      i++;
      if (c === "[") {
        inClass = true;
        if (pattern[i] === "^") {
          out += "^";
          i++;
        }
        if (pattern[i] === "]") {
          out += "\\]";
          i++;
        }
      }
      continue;
    }
    if (c === "[" && pattern[i + 1] === ":") {
      const end = pattern.indexOf(":]", i + 2);
      if (end !== -1) {
        const name = pattern.slice(i + 2, end);
        const expansion = name.startsWith("^") ? NEGATED_POSIX_CLASSES[name.slice(1)] : POSIX_CLASSES[name];
        if (expansion === undefined) {
          throw new Error(`pattern ${JSON.stringify(pattern)}: cannot translate POSIX class [:${name}:] to JavaScript`);
        }
        out += expansion;
        i = end + 2;
        continue;
      }
    }
    if (c === "]") inClass = false;
    out += c;
    i++;
  }
  return out;
}

/**
 * @param {string} pattern
 * @param {string} where a JSON-pointer-like location for the error message
 */
function assertCompiles(pattern, where) {
  try {
    new RegExp(pattern, "u");
  } catch (err) {
    throw new Error(
      `${where}: pattern ${JSON.stringify(pattern)} does not compile as a JavaScript RegExp: ${/** @type {Error} */ (err).message}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// schema node transform

/** Keywords dropped from every schema node. */
const STRIPPED_KEYWORDS = new Set([
  "description",
  "x-kubernetes-validations",
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-map-type",
  "x-kubernetes-embedded-resource",
  "x-kubernetes-preserve-unknown-fields",
  "x-kubernetes-int-or-string",
  "nullable",
]);

/** Keywords whose value is a map from names to schemas. */
const SCHEMA_MAP_KEYWORDS = new Set(["properties", "patternProperties", "definitions"]);
/** Keywords whose value is a schema (or a boolean). */
const SCHEMA_KEYWORDS = new Set(["additionalProperties", "additionalItems", "not"]);
/** Keywords whose value is an array of schemas. */
const SCHEMA_ARRAY_KEYWORDS = new Set(["allOf", "anyOf", "oneOf"]);

/**
 * @param {unknown} v
 * @returns {v is SchemaNode}
 */
function isPlainObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * @param {unknown} type
 * @param {string} name
 */
function typeIncludes(type, name) {
  return type === name || (Array.isArray(type) && type.includes(name));
}

/**
 * Transforms one structural-schema node (and, recursively, every sub-schema) from Kubernetes
 * OpenAPI v3 into JSON Schema. Pure: returns a new node, never mutates `node`. Values that are
 * data rather than schemas (`default`, `enum`, `example`, `required`, …) are copied as they are,
 * so a *property named* `description` survives while the `description` keyword goes.
 * @param {unknown} node
 * @param {TransformStats} [stats] counters to add to
 * @param {string} [where] location used in error messages
 * @returns {unknown}
 */
export function transformSchemaNode(node, stats = emptyStats(), where = "#") {
  if (!isPlainObject(node)) return node;
  /** @type {SchemaNode} */
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (STRIPPED_KEYWORDS.has(key)) continue;
    const at = `${where}/${key}`;
    if (SCHEMA_MAP_KEYWORDS.has(key) && isPlainObject(value)) {
      /** @type {SchemaNode} */
      const mapped = {};
      for (const [name, sub] of Object.entries(value)) mapped[name] = transformSchemaNode(sub, stats, `${at}/${name}`);
      out[key] = mapped;
    } else if (SCHEMA_KEYWORDS.has(key)) {
      out[key] = transformSchemaNode(value, stats, at);
    } else if (SCHEMA_ARRAY_KEYWORDS.has(key) && Array.isArray(value)) {
      out[key] = value.map((sub, i) => transformSchemaNode(sub, stats, `${at}/${i}`));
    } else if (key === "items") {
      out[key] = Array.isArray(value)
        ? value.map((sub, i) => transformSchemaNode(sub, stats, `${at}/${i}`))
        : transformSchemaNode(value, stats, at);
    } else if (key === "dependencies" && isPlainObject(value)) {
      /** @type {SchemaNode} */
      const mapped = {};
      for (const [name, dep] of Object.entries(value)) {
        mapped[name] = Array.isArray(dep) ? dep : transformSchemaNode(dep, stats, `${at}/${name}`);
      }
      out[key] = mapped;
    } else if (key === "pattern" && typeof value === "string") {
      const translated = translatePattern(value);
      if (translated !== value) stats.patternsTranslated++;
      assertCompiles(translated, at);
      out[key] = translated;
    } else {
      out[key] = value;
    }
  }

  const cel = node["x-kubernetes-validations"];
  if (cel !== undefined) {
    stats.celLists++;
    stats.celRules += Array.isArray(cel) ? cel.length : 1;
  }

  if (node["x-kubernetes-int-or-string"] === true) {
    stats.intOrString++;
    if (out.anyOf === undefined) out.anyOf = [{ type: "integer" }, { type: "string" }];
  }

  if (node.nullable === true) {
    stats.nullable++;
    if (typeof out.type === "string") {
      out.type = [out.type, "null"];
    } else if (Array.isArray(out.type)) {
      if (!out.type.includes("null")) out.type = [...out.type, "null"];
    } else if (Array.isArray(out.anyOf) && !out.anyOf.some((s) => isPlainObject(s) && typeIncludes(s.type, "null"))) {
      // e.g. int-or-string: anyOf must have a branch that accepts null
      out.anyOf = [...out.anyOf, { type: "null" }];
    }
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }

  if (node["x-kubernetes-preserve-unknown-fields"] === true) {
    // Declared properties are still validated; unknown ones are allowed (no additionalProperties: false).
    stats.preserveUnknownFields++;
  } else if (
    typeIncludes(out.type, "object") &&
    isPlainObject(out.properties) &&
    out.additionalProperties === undefined
  ) {
    // kubectl's strict field validation rejects unknown fields.
    out.additionalProperties = false;
  }
  return out;
}

/**
 * Transforms a CRD version's `openAPIV3Schema` into a standalone draft-07 JSON Schema.
 * @param {unknown} openAPIV3Schema
 * @param {TransformStats} [stats]
 * @returns {SchemaNode}
 */
export function toJsonSchema(openAPIV3Schema, stats = emptyStats()) {
  const body = transformSchemaNode(openAPIV3Schema, stats);
  if (!isPlainObject(body)) throw new Error("openAPIV3Schema is not an object");
  return { $schema: JSON_SCHEMA_DRAFT, ...body };
}

// ---------------------------------------------------------------------------------------------
// CRDs -> files

/**
 * @typedef {object} GeneratedSchema
 * @property {SchemaIndexEntry} entry
 * @property {string} source CRD file name
 * @property {TransformStats} stats
 * @property {string} text
 */

/**
 * @param {unknown} v
 * @param {string} what
 * @returns {string}
 */
function requireString(v, what) {
  if (typeof v !== "string" || v === "") throw new Error(`${what} is missing or not a string`);
  return v;
}

/**
 * @param {unknown} value
 * @returns {string}
 */
function toJsonText(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Reads every `*.yaml` / `*.yml` CRD in `crdDir` and returns the files to write under `schemas/`,
 * keyed by POSIX path relative to `schemas/`, in sorted order. Pure apart from reading `crdDir`.
 * @param {string} [crdDir]
 * @returns {Map<string, string>}
 */
export function generateSchemas(crdDir = DEFAULT_CRD_DIR) {
  const crdFiles = fs
    .readdirSync(crdDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  if (crdFiles.length === 0) throw new Error(`no CRD files (*.yaml) in ${crdDir}`);

  /** @type {GeneratedSchema[]} */
  const generated = [];
  for (const file of crdFiles) {
    const docs = parseAllDocuments(fs.readFileSync(path.join(crdDir, file), "utf8"));
    if (!Array.isArray(docs)) throw new Error(`${file}: not a YAML stream`);
    for (const doc of docs) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
      const crd = doc.toJS();
      if (crd === null || crd === undefined) continue;
      if (crd.kind !== "CustomResourceDefinition") continue;
      const group = requireString(crd.spec?.group, `${file}: spec.group`);
      const kind = requireString(crd.spec?.names?.kind, `${file}: spec.names.kind`);
      for (const v of crd.spec?.versions ?? []) {
        const version = requireString(v?.name, `${file}: spec.versions[].name`);
        if (v.served !== true || !isPlainObject(v.schema?.openAPIV3Schema)) continue;
        const stats = emptyStats();
        const schema = toJsonSchema(v.schema.openAPIV3Schema, stats);
        generated.push({
          entry: {
            group,
            kind,
            version,
            file: `${group}/${kind.toLowerCase()}_${version}.json`,
            deprecated: v.deprecated === true,
            storage: v.storage === true,
          },
          source: file,
          stats,
          text: toJsonText(schema),
        });
      }
    }
  }
  generated.sort((a, b) => (a.entry.file < b.entry.file ? -1 : a.entry.file > b.entry.file ? 1 : 0));

  /** @type {Map<string, string>} */
  const files = new Map();
  for (const g of generated) {
    if (files.has(g.entry.file)) throw new Error(`two CRD versions map to ${g.entry.file}`);
    files.set(g.entry.file, g.text);
  }
  const groups = [...new Set(generated.map((g) => g.entry.group))].sort();
  for (const group of groups) {
    const index = generated.filter((g) => g.entry.group === group).map((g) => g.entry);
    files.set(`${group}/index.json`, toJsonText(index));
  }
  files.set("SOURCE.md", renderSource(crdFiles, generated));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * @param {string[]} crdFiles
 * @param {GeneratedSchema[]} generated
 * @returns {string}
 */
function renderSource(crdFiles, generated) {
  /** @type {Map<string, GeneratedSchema[]>} */
  const byKind = new Map();
  for (const g of generated) byKind.set(g.entry.kind, [...(byKind.get(g.entry.kind) ?? []), g]);
  const kinds = [...byKind.keys()].sort();
  const sum = (/** @type {(s: TransformStats) => number} */ f) => generated.reduce((n, g) => n + f(g.stats), 0);

  const lines = [
    "# schemas/: JSON Schemas of the ToolHive CRDs",
    "",
    "**Generated files: do not edit by hand.** Change `scripts/generate-schemas.mjs` and run `npm run schemas`.",
    "`test/unit/schemas/generate-schemas.test.ts` regenerates them in memory and fails on any drift",
    "(it runs where `../shared/reference/crds/` is present).",
    "",
    "## Provenance",
    "",
    `- **Upstream:** ToolHive ${TOOLHIVE_VERSION} (\`stacklok/toolhive\`), the CRD manifests in \`deploy/charts/operator-crds/files/crds/\`.`,
    "- **License:** Apache-2.0 (the ToolHive repository's license). These files are derived from those CRDs.",
    `- **Generated by:** \`npm run schemas\` (\`node scripts/generate-schemas.mjs\`) from \`../shared/reference/crds/\`, a copy of the upstream folder at ${TOOLHIVE_VERSION}.`,
    `- **Input files (${crdFiles.length}):** ${crdFiles.map((f) => `\`${f}\``).join(", ")}.`,
    "",
    "## Layout",
    "",
    "- `<group>/<lowercase kind>_<version>.json`: one draft-07 JSON Schema per served CRD version that has a",
    "  `schema.openAPIV3Schema` (the kubeconform / datreeio CRDs-catalog layout), pretty-printed, deterministic.",
    "- `<group>/index.json`: sorted array of `{ group, kind, version, file, deprecated, storage }`; `file` is relative to",
    "  `schemas/`, `deprecated` and `storage` are copied from the CRD version.",
    "",
    "## Transformations",
    "",
    "Applied recursively to every schema node (sub-schemas under `properties`, `items`, `additionalProperties`, `allOf` / `anyOf` /",
    "`oneOf` / `not`, …; data such as `default`, `enum` and `example` values is copied as is):",
    "",
    "1. `description` keywords are removed (a *property named* `description` is kept).",
    "2. `x-kubernetes-validations` (CEL) rules are removed; JSON Schema cannot express them. **They are re-implemented as",
    "   explicit checks in vmcp-gen's validation stage (`src/validate/`).** Counts per kind are below.",
    "3. `x-kubernetes-list-type`, `x-kubernetes-list-map-keys`, `x-kubernetes-map-type` and `x-kubernetes-embedded-resource` are removed.",
    '4. `nullable: true` is removed and null is allowed instead: `type: X` becomes `type: [X, "null"]`, and an `enum` gains `null`.',
    "5. `x-kubernetes-int-or-string: true` is removed; the node gets `anyOf: [{type: integer}, {type: string}]` unless it already has an `anyOf`.",
    "6. `x-kubernetes-preserve-unknown-fields: true` is removed, and that node does **not** get `additionalProperties: false`:",
    "   its declared properties are still validated, unknown ones are allowed.",
    "7. Every other node with `type: object`, `properties` and no `additionalProperties` gets `additionalProperties: false`,",
    "   the root included (kubectl's strict field validation rejects unknown fields).",
    "8. RE2/POSIX bracket classes in `pattern` are translated to JavaScript: `[:space:]`→`\\s`, `[:digit:]`→`0-9`,",
    "   `[:alpha:]`→`A-Za-z`, `[:alnum:]`→`A-Za-z0-9`, `[:upper:]`→`A-Z`, `[:lower:]`→`a-z`, `[:xdigit:]`→`0-9A-Fa-f`,",
    "   `[:punct:]`→the escaped ASCII punctuation set, `[:blank:]`→` \\t` (so `^https?://[^[:space:]]+$` becomes",
    '   `^https?://[^\\s]+$`). Every resulting pattern is checked to compile with `new RegExp(p, "u")`; generation fails otherwise.',
    '9. The root gets `"$schema": "http://json-schema.org/draft-07/schema#"`. Everything else (`type`, `properties`, `required`,',
    "   `default`, `format`, `enum`, `pattern`, `minimum`/`maximum`, `minLength`/`maxLength`, `minItems`/`maxItems`, …) is kept.",
    "",
    "Formats used: `int32`, `int64`, `date-time`, `duration` (a Go duration such as `1m30s`, not ISO 8601) and `uri`; a validator",
    "must register `int32`, `int64` and `duration` itself.",
    "",
    `Totals over all generated files: ${sum((s) => s.celRules)} CEL rules in ${sum((s) => s.celLists)} lists removed, ` +
      `${sum((s) => s.preserveUnknownFields)} preserve-unknown-fields nodes, ${sum((s) => s.nullable)} nullable nodes, ` +
      `${sum((s) => s.intOrString)} int-or-string nodes, ${sum((s) => s.patternsTranslated)} patterns translated.`,
    "",
    "## CEL rules stripped, per kind",
    "",
    "The `x-kubernetes-validations` rules removed from each kind's schema (every served version carries the same count unless",
    "shown otherwise). They are re-implemented as explicit checks in `src/validate/`, not by these JSON Schemas.",
    "",
    "| kind | versions | CEL rules per version | CEL lists per version | CEL rules, all versions |",
    "|---|---|---:|---:|---:|",
  ];
  for (const kind of kinds) {
    const gs = byKind.get(kind) ?? [];
    const perVersion = (/** @type {(s: TransformStats) => number} */ f) => {
      const values = [...new Set(gs.map((g) => f(g.stats)))];
      return values.length === 1 ? String(values[0]) : gs.map((g) => `${g.entry.version}: ${f(g.stats)}`).join(", ");
    };
    lines.push(
      `| ${kind} | ${gs.map((g) => g.entry.version).join(", ")} | ${perVersion((s) => s.celRules)} | ` +
        `${perVersion((s) => s.celLists)} | ${gs.reduce((n, g) => n + g.stats.celRules, 0)} |`,
    );
  }
  lines.push("", "## Files", "", "| file | source CRD | storage | deprecated | bytes |", "|---|---|---|---|---:|");
  for (const g of generated) {
    lines.push(
      `| \`${g.entry.file}\` | \`${g.source}\` | ${g.entry.storage ? "yes" : "no"} | ${g.entry.deprecated ? "yes" : "no"} | ` +
        `${Buffer.byteLength(g.text, "utf8")} |`,
    );
  }
  lines.push("");
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// CLI

/**
 * Writes `files` under `outDir`, leaving unchanged files untouched, and deletes files in each
 * generated group folder that the generator no longer produces.
 * @param {Map<string, string>} files
 * @param {string} outDir
 * @returns {{ written: string[], unchanged: string[], removed: string[] }}
 */
export function writeSchemas(files, outDir) {
  /** @type {string[]} */ const written = [];
  /** @type {string[]} */ const unchanged = [];
  /** @type {string[]} */ const removed = [];
  for (const [rel, text] of files) {
    const target = path.join(outDir, ...rel.split("/"));
    if (fs.existsSync(target) && fs.readFileSync(target, "utf8") === text) {
      unchanged.push(rel);
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    written.push(rel);
  }
  const groupDirs = new Set([...files.keys()].filter((rel) => rel.includes("/")).map((rel) => rel.split("/")[0]));
  for (const dir of groupDirs) {
    for (const name of fs.readdirSync(path.join(outDir, /** @type {string} */ (dir))).sort()) {
      const rel = `${dir}/${name}`;
      if (files.has(rel)) continue;
      const target = path.join(outDir, /** @type {string} */ (dir), name);
      if (!fs.statSync(target).isFile()) continue;
      fs.rmSync(target);
      removed.push(rel);
    }
  }
  return { written, unchanged, removed };
}

/** @param {string[]} argv */
function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      crds: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      "Usage: node scripts/generate-schemas.mjs [--crds DIR] [--out DIR]\n\n" +
        `  --crds DIR  ToolHive CRD manifests (default: ${path.relative(process.cwd(), DEFAULT_CRD_DIR) || "."})\n` +
        `  --out DIR   output folder (default: ${path.relative(process.cwd(), DEFAULT_OUT_DIR) || "."})\n`,
    );
    return;
  }
  const crdDir = values.crds ? path.resolve(values.crds) : DEFAULT_CRD_DIR;
  const outDir = values.out ? path.resolve(values.out) : DEFAULT_OUT_DIR;
  const files = generateSchemas(crdDir);
  const { written, unchanged, removed } = writeSchemas(files, outDir);
  for (const rel of written) process.stdout.write(`wrote   ${path.relative(process.cwd(), path.join(outDir, rel))}\n`);
  for (const rel of removed) process.stdout.write(`removed ${path.relative(process.cwd(), path.join(outDir, rel))}\n`);
  process.stdout.write(
    `${files.size} files: ${written.length} written, ${unchanged.length} unchanged, ${removed.length} removed\n`,
  );
}

const invokedDirectly = (() => {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return fs.realpathSync(entry) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`generate-schemas: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
