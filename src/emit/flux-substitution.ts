import type { ManifestObject } from "../render/types.js";

export const FLUX_SUBSTITUTE_ANNOTATION = "kustomize.toolkit.fluxcd.io/substitute";

function containsPlaceholder(value: unknown): boolean {
  if (typeof value === "string") return value.includes("${");
  if (Array.isArray(value)) return value.some(containsPlaceholder);
  if (typeof value === "object" && value !== null)
    return Object.entries(value).some(([k, v]) => k.includes("${") || containsPlaceholder(v));
  return false;
}

/**
 * `--flux`: Flux's `postBuild` substitution rewrites every `${var}` in the build output, and turns an
 * unknown one into an empty string. A rendered object that holds `${` (a composite tool template, a
 * header value) is marked `substitute: disabled` so it reaches the cluster exactly as rendered.
 * Opt-in, because a user may write `${CLUSTER}` into a VirtualMCPServer precisely for Flux to fill.
 */
export function disableFluxSubstitution(object: ManifestObject): ManifestObject {
  if (!containsPlaceholder(object)) return object;
  const annotations = {
    ...((object.metadata.annotations as Record<string, string> | undefined) ?? {}),
    [FLUX_SUBSTITUTE_ANNOTATION]: "disabled",
  };
  const sorted = Object.fromEntries(Object.entries(annotations).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ...object, metadata: { ...object.metadata, annotations: sorted } };
}
