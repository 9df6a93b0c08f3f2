/**
 * Container image references as the Docker distribution grammar defines them
 * (`[registry[:port]/]path[:tag][@digest]`), checked before a value from an environment variable
 * or a parameter lands in a pod spec.
 */
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

export function isImageReference(s: string): boolean {
  return s.length <= 4096 && REFERENCE.test(s);
}

/** The tag and digest of an image reference (`registry:5000/vmcp:v1@sha256:…` → `v1`, `sha256:…`). */
export function imageTagAndDigest(s: string): { tag?: string; digest?: string } {
  const at = s.indexOf("@");
  const name = at === -1 ? s : s.slice(0, at);
  const digest = at === -1 ? undefined : s.slice(at + 1);
  const colon = name.lastIndexOf(":");
  const tag = colon > name.lastIndexOf("/") ? name.slice(colon + 1) : undefined;
  return { ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}
