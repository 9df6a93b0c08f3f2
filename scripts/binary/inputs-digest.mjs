// @ts-check
/**
 * A digest of everything the single-file executable is made from: dist/, the package files it
 * embeds (package.json, schemas/) and the build's own scripts. scripts/build-binary.mjs records
 * it beside the bundle; the tests compare it with the working tree, to tell an executable built
 * from the current dist/ from a stale one.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const INPUTS = [
  "dist",
  "schemas",
  "package.json",
  "scripts/build-binary.mjs",
  "scripts/binary",
  "scripts/node-runtimes.json",
];

/** @param {string} root the repository root */
export function binaryInputsDigest(root) {
  const hash = createHash("sha256");
  const add = (/** @type {string} */ rel) => {
    const full = path.join(root, rel);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) add(`${rel}/${name}`);
      return;
    }
    hash.update(`${rel}\0`).update(fs.readFileSync(full)).update("\0");
  };
  for (const rel of INPUTS) add(rel);
  return hash.digest("hex");
}

/**
 * Where scripts/build-binary.mjs records, per architecture, the digest of what it built from.
 * @param {string} root the repository root
 * @param {string} arch
 */
export function digestFile(root, arch) {
  return path.join(root, "build", "binary", `vmcp-gen-linux-${arch}.inputs.sha256`);
}
