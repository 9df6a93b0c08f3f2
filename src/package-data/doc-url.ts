import { readPackageFile } from "./read-package-file.js";

export const VERSION: string = (JSON.parse(readPackageFile("package.json")) as { version: string }).version;

const REPOSITORY = "https://github.com/stacklok/vmcp-gen";

/**
 * The documentation page (or repository path) at the release tag of this version, as a URL: help
 * texts and hints name what users can open from an installed package, never a path of a clone.
 */
export function docUrl(repositoryPath: string, anchor?: string): string {
  const kind = repositoryPath.endsWith("/") ? "tree" : "blob";
  return `${REPOSITORY}/${kind}/v${VERSION}/${repositoryPath.replace(/\/$/, "")}${anchor !== undefined ? `#${anchor}` : ""}`;
}
