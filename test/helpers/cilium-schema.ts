import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { parseAllDocuments } from "yaml";
import { REPO_ROOT } from "./run-cli.js";

/** The CiliumNetworkPolicy CRD: reference data outside the repository (../shared/reference/cilium/). */
export const CILIUM_CRD = path.resolve(REPO_ROOT, "../shared/reference/cilium/ciliumnetworkpolicies.yaml");

let compiled: ValidateFunction | undefined;

/** The CRD's `cilium.io/v2` openAPIV3Schema compiled with Ajv; undefined where the CRD is absent. */
export function ciliumPolicyValidator(): ValidateFunction | undefined {
  if (compiled || !existsSync(CILIUM_CRD)) return compiled;
  const crd = parseAllDocuments(readFileSync(CILIUM_CRD, "utf8"))[0]!.toJS() as {
    spec: { versions: { name: string; schema: { openAPIV3Schema: object } }[] };
  };
  const v2 = crd.spec.versions.find((v) => v.name === "v2")!;
  // The CRD's own keywords (x-kubernetes-*) are the API server's business; `format: cidr` is checked loosely.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat("cidr", { validate: (s: string) => /^[0-9a-fA-F.:]+\/\d{1,3}$/.test(s) });
  compiled = ajv.compile(v2.schema.openAPIV3Schema);
  return compiled;
}
