import path from "node:path";
import { DEFAULT_LIMITS } from "./limits.js";
import { readCapped } from "./read-capped.js";
import { expandPaths } from "./read-inputs.js";

/**
 * A `kind: VirtualMCPServer` line as written in a manifest: at the start of a document, a mapping
 * or a list item, the value optionally quoted, optionally followed by a comment. The rule of the
 * plugin's former `grep -E` discovery (`[[:punct:]]` spelt out), so folders it claimed stay claimed.
 */
const VMCP_KIND_LINE = /^(?:[^\S\n]|-)*kind:[^\S\n]*[!-/:-@[-`{-~]?VirtualMCPServer[!-/:-@[-`{-~]?[^\S\n]*(?:#.*)?$/m;

function readIfSmall(file: string): string | undefined {
  try {
    const bytes = readCapped(file, DEFAULT_LIMITS.maxFileBytes);
    return bytes === "too-large" ? undefined : bytes.toString("utf8");
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
    // A link out of the folder is an error for the walk, and just not a candidate here.
    files = expandPaths(["."], dir).paths.filter((p): p is string => typeof p === "string");
  } catch {
    return undefined;
  }
  const found = files.find((file) => VMCP_KIND_LINE.test(readIfSmall(file) ?? ""));
  return found === undefined ? undefined : `./${path.relative(dir, found).split(path.sep).join("/")}`;
}
