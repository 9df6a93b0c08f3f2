import type { Diagnostic } from "../diagnostics/types.js";
import type { Typed } from "../validate/resource-index.js";
import { fieldWarning } from "../diagnostics/rule-diagnostic.js";

/**
 * `spec.imagePullSecrets` as the operator merges them (`ImagePullSecretsDefaults.Merge`): spec
 * order, the first entry of a name wins. The operator's chart-wide defaults are operator
 * configuration and have no offline equivalent. An entry without a name (the CRD defaults it to
 * "") names no Secret; it is left out with a warning rather than rendered as `{}`.
 */
export function resolveImagePullSecrets(vmcp: Typed<"VirtualMCPServer">): {
  value: string[];
  diagnostics: Diagnostic[];
} {
  const names: string[] = [];
  const diagnostics: Diagnostic[] = [];
  (vmcp.spec.imagePullSecrets ?? []).forEach((entry, i) => {
    const name = entry.name ?? "";
    if (name === "") {
      diagnostics.push(
        fieldWarning(
          vmcp.resource,
          "VMCP611",
          `spec.imagePullSecrets[${i}] has no name and is left out`,
          ["spec", "imagePullSecrets", i],
          "set name to the Secret of type kubernetes.io/dockerconfigjson, or remove the entry",
        ),
      );
      return;
    }
    if (!names.includes(name)) names.push(name);
  });
  return { value: names, diagnostics };
}
