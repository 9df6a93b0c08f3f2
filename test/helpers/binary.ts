import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { binaryInputsDigest, digestFile } from "../../scripts/binary/inputs-digest.mjs";
import { REPO_ROOT } from "./run-cli.js";

/**
 * The single-file executable a test runs for `arch`: $VMCP_GEN_BINARY_<ARCH> (CI sets it after
 * `npm run build:binary`, and a missing file is then an error), or build/bin/vmcp-gen-linux-<arch>
 * when it was built from the current dist/; otherwise why there is none, for a skip reason.
 */
export function singleFileExecutable(arch: "amd64" | "arm64"): { file: string } | { missing: string } {
  const required = process.env[`VMCP_GEN_BINARY_${arch.toUpperCase()}`];
  if (required) {
    if (!existsSync(required)) throw new Error(`VMCP_GEN_BINARY_${arch.toUpperCase()}=${required} does not exist`);
    return { file: path.resolve(required) };
  }
  const file = path.join(REPO_ROOT, "build", "bin", `vmcp-gen-linux-${arch}`);
  if (!existsSync(file)) return { missing: `build/bin/vmcp-gen-linux-${arch} is not built (npm run build:binary)` };
  const recorded = existsSync(digestFile(REPO_ROOT, arch))
    ? readFileSync(digestFile(REPO_ROOT, arch), "utf8").trim()
    : "";
  if (recorded !== binaryInputsDigest(REPO_ROOT))
    return { missing: `build/bin/vmcp-gen-linux-${arch} was built from another dist/ (npm run build:binary)` };
  return { file };
}
