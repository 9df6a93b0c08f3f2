import type { Construct } from "constructs";
import type { KubeConfigMap } from "cdk8s-plus-28/lib/imports/k8s.js";
import { serializeYaml } from "../../yaml/serialize-yaml.js";
import { CONFIG_FILE, configMapName } from "../../kube/naming.js";
import type { ResolvedVmcp } from "../../resolve/types.js";
import { k8s } from "../cdk8s.js";
import { configMapChecksum } from "../checksum.js";
import { buildVmcpConfig } from "../config/build-config.js";
import { checkRenderedConfig } from "../config/check-config.js";
import { configMapLabels, CONTENT_CHECKSUM_ANNOTATION } from "../labels.js";

export interface VmcpConfig {
  readonly configMap: KubeConfigMap;
  /** The runtime's config.yaml, as the ConfigMap holds it. */
  readonly configYaml: string;
  /** The operator's content checksum of the ConfigMap, also on the pod template: a new config rolls the pods. */
  readonly checksum: string;
}

/**
 * The ConfigMap `<name>-vmcp-config` with the runtime's config.yaml, which vmcp-gen's model of the
 * format has parsed first (a config it refuses is a bug in vmcp-gen: render/config/check-config.ts).
 */
export function addConfigMap(scope: Construct, v: ResolvedVmcp): VmcpConfig {
  const config = buildVmcpConfig(v);
  checkRenderedConfig(v, config);
  const configYaml = serializeYaml(config);
  const labels = configMapLabels(v.name);
  const checksum = configMapChecksum({ [CONFIG_FILE]: configYaml }, labels);
  const configMap = new k8s.KubeConfigMap(scope, "config", {
    metadata: {
      name: configMapName(v.name),
      namespace: v.namespace,
      labels,
      annotations: { [CONTENT_CHECKSUM_ANNOTATION]: checksum },
    },
    data: { [CONFIG_FILE]: configYaml },
  });
  return { configMap, configYaml, checksum };
}
