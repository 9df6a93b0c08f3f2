import { goJsonMarshal, sha256Hex } from "../go/go-json.js";

export const PODTEMPLATESPEC_HASH_ANNOTATION = "toolhive.stacklok.io/podtemplatespec-hash";
export const IMAGEPULLSECRETS_HASH_ANNOTATION = "toolhive.stacklok.io/imagepullsecrets-hash";

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * The operator's Deployment annotations (`buildDeploymentMetadataForVmcp`), kept so a cluster can
 * move between the operator and vmcp-gen without a spurious rollout: the SHA-256 of the raw
 * podTemplateSpec as Go re-marshals it (`HashRawJSON`), and of the merged pull-secret list sorted
 * by name (`imagePullSecretsHash`). Each only when its input is present.
 */
export function deploymentAnnotations(
  podTemplateSpec: unknown,
  pullSecrets: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  if (podTemplateSpec !== undefined && podTemplateSpec !== null)
    out[PODTEMPLATESPEC_HASH_ANNOTATION] = sha256Hex(goJsonMarshal(podTemplateSpec));
  if (pullSecrets.length > 0) {
    const sorted = [...pullSecrets].sort(byteOrder).map((name) => ({ name }));
    out[IMAGEPULLSECRETS_HASH_ANNOTATION] = sha256Hex(goJsonMarshal(sorted));
  }
  return out;
}
