import type { VmcpInspection } from "../inspect/types.js";
import { convertExternalAuthConfig, isStrategyProblem } from "../resolve/auth-strategies.js";
import { DEFAULT_CA_KEY } from "../validate/references/config-map-references.js";
import { objAt, strAt } from "../validate/rules/cel-fields.js";
import type { ValidatedModel } from "../validate/validate-resources.js";
import type { ProbeCredential, ProbeTarget, Trust } from "./types.js";

/** The entry's CA bundle, read from its ConfigMap among the inputs (validate already checked it parses). */
function trustOf(model: ValidatedModel, namespace: string, spec: unknown): Trust {
  const ref = objAt(objAt(spec, "caBundleRef"), "configMapRef");
  const name = strAt(ref, "name");
  if (name === undefined) return {};
  const key = strAt(ref, "key") || DEFAULT_CA_KEY;
  const pem = strAt(objAt(model.index.resource("ConfigMap", namespace, name)?.body, "data"), key);
  return pem === undefined ? { missingConfigMap: `${name}/${key}` } : { bundle: { configMap: name, key, pem } };
}

/** Only a header_injection strategy can be replayed by a probe: the others need a user's token. */
function credentialOf(
  model: ValidatedModel,
  namespace: string,
  configName: string | undefined,
): ProbeCredential | undefined {
  const config = configName ? model.index.get("MCPExternalAuthConfig", namespace, configName) : undefined;
  if (!config || !configName) return undefined;
  const converted = convertExternalAuthConfig(configName, config.spec);
  if (isStrategyProblem(converted)) return undefined;
  const block = objAt(converted.strategy, "headerInjection");
  const header = strAt(block, "headerName");
  const env = strAt(block, "headerValueEnv");
  return typeof header === "string" && typeof env === "string" ? { header, env } : undefined;
}

/** Every backend of the inspected VirtualMCPServers, with the trust and credential the pod will use for it. */
export function probeTargets(inspections: readonly VmcpInspection[], model: ValidatedModel): ProbeTarget[] {
  const out: ProbeTarget[] = [];
  for (const v of inspections) {
    for (const b of v.backends) {
      const resource = model.index.resource(b.kind, v.namespace, b.name);
      if (!resource) continue;
      const spec = objAt(resource.body, "spec");
      const credential = credentialOf(model, v.namespace, b.authConfigRef);
      out.push({
        vmcp: `${v.namespace}/${v.name}`,
        backend: b.name,
        kind: b.kind,
        url: b.url,
        transport: b.transport,
        authType: b.authType,
        ...(b.authConfigRef ? { authConfigRef: b.authConfigRef } : {}),
        trust: b.kind === "MCPServerEntry" ? trustOf(model, v.namespace, spec) : {},
        ...(credential ? { credential } : {}),
        resource,
      });
    }
  }
  return out;
}
