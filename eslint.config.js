// @ts-check
import { readdirSync } from "node:fs";
import { builtinModules } from "node:module";
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The house rules a reviewer would otherwise have to remember (house-style.md):
 * - the stages import only earlier stages and the ground floor (the order below);
 * - only src/cli touches the process (argv, env, streams, exit codes);
 * - only the stages that read inputs or write outputs (and cli) import the filesystem;
 * - Node's built-in modules are imported with the node: protocol.
 */

/** Data flows through these folders of src/, in this order; inspect and probe read the resolved model. */
const STAGES = ["load", "validate", "resolve", "inspect", "probe", "render", "emit"];
/** The glue above the stages: the CLI, the library surface and the pipeline that runs the stages. */
const GLUE = ["cli", "api"];
const GLUE_FILES = ["pipeline", "index"];
/** The ground floor: shared by every stage, importing only each other. */
const GROUND = ["diagnostics", "kube", "toolhive", "package-data", "yaml", "go", "layout"];

// A new folder under src/ has to take its place in the order, or the boundary rules would not cover it.
const unplaced = readdirSync(new URL("./src", import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory() && ![...STAGES, ...GLUE, ...GROUND].includes(e.name))
  .map((e) => `src/${e.name}`);
if (unplaced.length > 0) {
  throw new Error(`eslint.config.js: place ${unplaced.join(", ")} among STAGES, GLUE or GROUND`);
}

const folderImport = (folders) => `^(\\.\\./)+(${folders.join("|")})/`;
const glueImport = `^(\\.\\./)+(${GLUE_FILES.join("|")})\\.js$`;

/** no-restricted-imports patterns that keep a file in `folder` from importing the folders above it. */
function boundaryPatterns(folder) {
  const stage = STAGES.indexOf(folder);
  const above = stage >= 0 ? [...STAGES.slice(stage + 1), ...GLUE] : [...STAGES, ...GLUE];
  const where = stage >= 0 ? `the ${folder} stage` : `the ground floor (src/${folder})`;
  return [
    {
      regex: folderImport(above),
      message: `${where} may not import a later stage or the CLI: data flows ${STAGES.join(" → ")}, and shared pieces live on the ground floor (${GROUND.join(", ")}).`,
    },
    {
      regex: glueImport,
      message: `${where} may not import the pipeline or the package entry point: they run the stages.`,
    },
  ];
}

const nodeProtocol = {
  paths: builtinModules
    .filter((m) => !m.startsWith("_") && !m.startsWith("node:"))
    .map((name) => ({ name, message: `import "node:${name}": the node: protocol says the module is Node's own.` })),
};

const FS_MODULES = ["node:fs", "node:fs/promises"];
const PROCESS_MESSAGE =
  "only src/cli touches the process (argv, env, stdin/stdout/stderr, exit codes): take it as a parameter.";

export default tseslint.config(
  {
    ignores: [
      // What .gitignore keeps out of the repository (scratch folders included).
      "tmp/",
      "coverage/",
      "dist/",
      "build/",
      "node_modules/",
      "fixtures/",
      "schemas/",
      "conformance/oracle/",
      "**/*.d.mts",
      "examples/**/dist/",
      "examples/**/node_modules/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: globals.nodeBuiltin,
    },
    rules: {
      "no-restricted-imports": ["error", nodeProtocol],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      // Control characters are what the terminal escaping, header and YAML scalar checks look for.
      "no-control-regex": "off",
    },
  },
  {
    files: ["**/*.cjs", "**/*.cts"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  // esbuild replaces these require calls with the bundled modules (the single-file executable's node:module shim).
  {
    files: ["scripts/binary/node-module.mjs"],
    languageOptions: { globals: { require: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  // Typed rules for the product's code: every promise awaited or handled, every switch over a union exhaustive.
  {
    files: ["src/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "no-restricted-exports": [
        "error",
        {
          restrictDefaultExports: {
            direct: true,
            named: true,
            defaultFrom: true,
            namedFrom: true,
            namespaceFrom: true,
          },
        },
      ],
    },
  },
  ...[...STAGES, ...GROUND].map((folder) => {
    const fsAllowed = ["load", "emit", "package-data"].includes(folder);
    return {
      files: [`src/${folder}/**/*.ts`],
      rules: {
        "no-restricted-imports": [
          "error",
          {
            ...nodeProtocol,
            paths: [
              ...nodeProtocol.paths,
              { name: "node:process", message: PROCESS_MESSAGE },
              ...(fsAllowed
                ? []
                : FS_MODULES.map((name) => ({
                    name,
                    message: "only load/ reads inputs and only emit/ writes outputs.",
                  }))),
            ],
            patterns: boundaryPatterns(folder),
          },
        ],
        "no-restricted-globals": ["error", { name: "process", message: PROCESS_MESSAGE }],
      },
    };
  }),
  {
    files: ["src/api/**/*.ts", "src/pipeline.ts", "src/index.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          ...nodeProtocol,
          paths: [...nodeProtocol.paths, { name: "node:process", message: PROCESS_MESSAGE }],
          patterns: [{ regex: "^(\\.\\./|\\./)+cli/", message: "the library surface may not import the CLI." }],
        },
      ],
      "no-restricted-globals": ["error", { name: "process", message: PROCESS_MESSAGE }],
    },
  },
);
