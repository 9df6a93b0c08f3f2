// @ts-check
/**
 * `npm run build:binary`: vmcp-gen as a single-file executable for machines without Node (kpt exec
 * functions, CI images, the Argo CD sidecar), with Node's single executable application support:
 *
 *   1. esbuild bundles dist/ (tsc's output and the generated validators, the code the npm package
 *      runs) into one CommonJS file;
 *   2. Node, the release in scripts/node-runtimes.json, turns it into a SEA blob that carries the
 *      files vmcp-gen reads from its package (package.json, schemas/) as assets;
 *   3. postject injects the blob into a copy of that release's Linux binary, once per architecture.
 *
 * The blob is made by the Node of the build machine's architecture. For that architecture it
 * carries V8's code cache (compiled code, valid only on the platform that made it: ~25 ms less
 * per start, docs/performance.md); for the others it is made without code cache and snapshot, the
 * form Node documents as portable between platforms.
 *
 *   node scripts/build-binary.mjs [--arch amd64,arm64] [--out build/bin]
 *
 * Writes <out>/vmcp-gen-linux-<arch> (Docker's and Go's architecture names, as the images'
 * TARGETARCH and helm's or kubectl's release files use them) and <out>/SHA256SUMS.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as esbuild from "esbuild";
import { binaryInputsDigest, digestFile } from "./binary/inputs-digest.mjs";
import { ensureNodeRuntime, NODE_RUNTIMES } from "./node-runtime.mjs";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(REPO_ROOT, "dist");
const WORK = path.join(REPO_ROOT, "build", "binary");
const POSTJECT = path.join(REPO_ROOT, "node_modules", "postject", "dist", "cli.js");

/** Docker/Go architecture name → Node's. */
export const ARCHES = /** @type {const} */ ({ amd64: "x64", arm64: "arm64" });

// Node's documented fuse for SEA blobs (doc/api/single-executable-applications.md).
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/** Files vmcp-gen reads from its own package (src/package-data/), by their path from the package root. */
function packageFiles() {
  const files = ["package.json"];
  const walk = (/** @type {string} */ rel) => {
    for (const e of fs.readdirSync(path.join(REPO_ROOT, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (e.name.endsWith(".json")) files.push(child);
    }
  };
  walk("schemas");
  return files.sort();
}

/**
 * dist/ as one CommonJS file (what a SEA runs). Three of dist/'s imports are swapped for their
 * bundle forms: node:module (scripts/binary/node-module.mjs), package-data/read-package-file
 * (scripts/binary/read-package-file.cjs) and package-data/require-package-module
 * (scripts/binary/require-package-module.cjs, which bundles the validators that `npm run build`
 * generates in dist/validators/). Any esbuild warning fails the build.
 * @param {string} outfile
 */
export async function bundle(outfile) {
  if (!fs.existsSync(path.join(DIST, "cli", "run-process.js")))
    throw new Error("dist/ is missing: run `npm run build` first");
  const inDist = (/** @type {string} */ importer) => importer.startsWith(DIST + path.sep);
  const result = await esbuild.build({
    stdin: {
      contents: 'import { runProcess } from "./dist/cli/run-process.js";\nvoid runProcess();\n',
      resolveDir: REPO_ROOT,
      sourcefile: "vmcp-gen-binary.mjs",
      loader: "js",
    },
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: `node${NODE_RUNTIMES.binary.split(".")[0]}`,
    // dist/ passes import.meta.url only to createRequire, which the bundle's node:module ignores.
    define: { "import.meta.url": "undefined" },
    // ajv-formats-draft2019 depends on the punycode package but requires "punycode", which Node
    // resolves to its deprecated built-in (DEP0040, printed for code outside node_modules/ such
    // as a bundle); the package it depends on is what it means.
    alias: { punycode: "punycode/" },
    legalComments: "none",
    metafile: true,
    logLevel: "silent",
    plugins: [
      {
        name: "vmcp-gen-binary",
        setup(build) {
          build.onResolve({ filter: /^node:module$/ }, (args) =>
            inDist(args.importer) ? { path: path.join(REPO_ROOT, "scripts/binary/node-module.mjs") } : undefined,
          );
          build.onResolve({ filter: /\/read-package-file\.js$/ }, (args) =>
            inDist(args.importer) ? { path: path.join(REPO_ROOT, "scripts/binary/read-package-file.cjs") } : undefined,
          );
          build.onResolve({ filter: /\/require-package-module\.js$/ }, (args) =>
            inDist(args.importer)
              ? { path: path.join(REPO_ROOT, "scripts/binary/require-package-module.cjs") }
              : undefined,
          );
        },
      },
    ],
  });
  if (result.warnings.length > 0) {
    const text = await esbuild.formatMessages(result.warnings, { kind: "warning" });
    throw new Error(`esbuild warnings (the bundle may not behave as dist/ does):\n${text.join("\n")}`);
  }
  return result.metafile;
}

/**
 * Runs a build step, showing its output only when it fails (postject prints a warning per ELF note
 * section of Node's binary that its parser does not name; they are harmless).
 * @param {string} file
 * @param {string[]} args
 */
function quietly(file, args) {
  try {
    execFileSync(file, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  } catch (e) {
    const { stdout = "", stderr = "" } = /** @type {{ stdout?: string; stderr?: string }} */ (e);
    throw new Error(`${path.basename(file)} ${args.join(" ")} failed:\n${stdout}${stderr}`, { cause: e });
  }
}

/**
 * The SEA preparation blob for `main`, made by `node` (it must be the Node release it is injected into).
 * @param {string} node
 * @param {string} main
 * @param {boolean} codeCache only for the architecture of `node` itself
 * @returns {string} the blob's path
 */
function seaBlob(node, main, codeCache) {
  const name = codeCache ? "native" : "portable";
  const config = {
    main,
    output: path.join(WORK, `sea-${name}.blob`),
    disableExperimentalSEAWarning: true,
    useSnapshot: false,
    useCodeCache: codeCache,
    assets: Object.fromEntries(packageFiles().map((f) => [f, path.join(REPO_ROOT, f)])),
  };
  const configFile = path.join(WORK, `sea-config-${name}.json`);
  fs.writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  quietly(node, ["--experimental-sea-config", configFile]);
  return config.output;
}

/**
 * @param {{ arches: (keyof typeof ARCHES)[]; out: string }} options
 * @returns {Promise<string[]>} the executables written
 */
export async function buildBinaries({ arches, out }) {
  fs.mkdirSync(WORK, { recursive: true });
  const digest = binaryInputsDigest(REPO_ROOT);
  const main = path.join(WORK, "vmcp-gen.cjs");
  await bundle(main);
  const host = Object.entries(ARCHES).find(([, nodeArch]) => nodeArch === process.arch)?.[0];
  if (process.platform !== "linux" || host === undefined)
    throw new Error(
      `build the binaries on Linux on ${Object.values(ARCHES).join(" or ")}, not ${process.platform}-${process.arch}`,
    );
  const blobMaker = ensureNodeRuntime(NODE_RUNTIMES.binary, process.arch);
  const blobs = new Map();
  const blobFor = (/** @type {string} */ arch) => {
    const native = arch === host;
    if (!blobs.has(native)) blobs.set(native, seaBlob(blobMaker, main, native));
    return blobs.get(native);
  };
  fs.mkdirSync(out, { recursive: true });
  const written = [];
  for (const arch of arches) {
    const target = path.join(out, `vmcp-gen-linux-${arch}`);
    const partial = `${target}.partial`;
    fs.copyFileSync(ensureNodeRuntime(NODE_RUNTIMES.binary, ARCHES[arch]), partial);
    fs.chmodSync(partial, 0o755);
    quietly(process.execPath, [POSTJECT, partial, "NODE_SEA_BLOB", blobFor(arch), "--sentinel-fuse", SEA_FUSE]);
    fs.renameSync(partial, target);
    fs.writeFileSync(digestFile(REPO_ROOT, arch), `${digest}\n`);
    written.push(target);
  }
  const sums = fs
    .readdirSync(out)
    .filter((f) => /^vmcp-gen-linux-[a-z0-9]+$/.test(f))
    .sort()
    .map(
      (f) =>
        `${createHash("sha256")
          .update(fs.readFileSync(path.join(out, f)))
          .digest("hex")}  ${f}\n`,
    );
  fs.writeFileSync(path.join(out, "SHA256SUMS"), sums.join(""));
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      arch: { type: "string", default: Object.keys(ARCHES).join(",") },
      out: { type: "string", default: path.join(REPO_ROOT, "build", "bin") },
    },
  });
  const arches = /** @type {(keyof typeof ARCHES)[]} */ ((values.arch ?? "").split(","));
  for (const a of arches)
    if (!(a in ARCHES)) throw new Error(`--arch: unknown architecture ${a} (known: ${Object.keys(ARCHES).join(", ")})`);
  for (const file of await buildBinaries({ arches, out: path.resolve(values.out ?? "") })) {
    process.stderr.write(
      `vmcp-gen: wrote ${path.relative(process.cwd(), file)} (${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MiB)\n`,
    );
  }
}
