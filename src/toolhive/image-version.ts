import { createWarning } from "../diagnostics/create.js";
import type { Diagnostic } from "../diagnostics/types.js";
import { imageTagAndDigest } from "../kube/image-reference.js";
import { TOOLHIVE_VERSION } from "./version.js";

/**
 * An image other than the supported release's: config.yaml is written for TOOLHIVE_VERSION, and
 * another runtime may read it differently. A digest alone pins an image vmcp-gen cannot date, so
 * only a missing tag and digest, or a different tag, are reported.
 */
export function checkImageVersion(image: string): Diagnostic | undefined {
  const { tag, digest } = imageTagAndDigest(image);
  if (tag === TOOLHIVE_VERSION || (tag === undefined && digest !== undefined)) return undefined;
  const what = tag === undefined ? "has no tag or digest (a registry serves whatever :latest is)" : `is tagged ${tag}`;
  return createWarning(
    "VMCP707",
    `the vMCP image ${image} ${what}, but config.yaml is rendered for ToolHive ${TOOLHIVE_VERSION}`,
    {
      hint: `use the ${TOOLHIVE_VERSION} image (or a mirror of it, tagged ${TOOLHIVE_VERSION} or pinned by digest); a vMCP runtime of another release may read config.yaml differently`,
    },
  );
}
