/**
 * The ToolHive release vmcp-gen renders for: the CRD schemas under schemas/ are generated from its
 * CRDs, the default vMCP image carries its tag, and the conformance oracle builds against it as a
 * Go module. This is the only place that names it; test/unit/toolhive/version.test.ts checks that
 * the schemas, the oracle's go.mod and the generator script agree.
 */
export const TOOLHIVE_VERSION = "v0.44.0";

export const VMCP_IMAGE_REPOSITORY = "ghcr.io/stacklok/toolhive/vmcp";

export const DEFAULT_IMAGE = `${VMCP_IMAGE_REPOSITORY}:${TOOLHIVE_VERSION}`;
