import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { DEFAULT_LIMITS } from "./limits.js";
import { expandPaths } from "./read-inputs.js";

/**
 * A `kind: VirtualMCPServer` line as written in a manifest: at the start of a document, a mapping
 * or a list item, the value optionally quoted, optionally followed by a comment. The rule of the
 * plugin's former `grep -E` discovery (`[[:punct:]]` spelt out), so folders it claimed stay claimed.
 */
const VMCP_KIND_LINE = /^(?:[^\S\n]|-)*kind:[^\S\n]*[!-/:-@[-`{-~]?VirtualMCPServer[!-/:-@[-`{-~]?[^\S\n]*(?:#.*)?$/m;

function readIfSmall(file: string): string | undefined {
  try {
    return statSync(file).size > DEFAULT_LIMITS.maxFileBytes ? undefined : readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * The first YAML file under `dir`, in the order vmcp-gen reads a folder (hidden entries and
 * node_modules skipped), that declares a VirtualMCPServer, as `./<path>`. A line match, not a
 * parse, so that a folder whose manifests are broken is still claimed and `argocd generate` shows
 * Argo CD why. Files vmcp-gen would refuse (unreadable, over the input size limit) are passed over.
 */
export function discoverVirtualMcpServerFile(dir: string): string | undefined {
  let files: string[];
  try {
    files = expandPaths(["."], dir);
  } catch {
    return undefined;
  }
  const found = files.find((file) => VMCP_KIND_LINE.test(readIfSmall(file) ?? ""));
  return found === undefined ? undefined : `./${path.relative(dir, found).split(path.sep).join("/")}`;
}
