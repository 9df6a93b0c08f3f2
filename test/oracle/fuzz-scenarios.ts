import fc from "fast-check";
import { stringify } from "yaml";
import type { SourceFile } from "../../src/load/types.js";
import { scenarioArb, scenarioObjects, type Scenario } from "../helpers/random-inputs.js";

/**
 * Valid input sets for the differential fuzz: the property-test scenarios (groups of MCPServers,
 * MCPRemoteProxies and MCPServerEntries with every auth type vMCP can use, overrides, CA bundles,
 * header forwarding, both modes), and per VirtualMCPServer the features around them: OIDC
 * incoming auth (inline and Kubernetes service-account tokens), a podTemplateSpec, the Service
 * type, pull secrets, conflict resolution, an inline composite tool, a telemetry config, Redis
 * session storage and operational timeouts.
 */
type Obj = Record<string, unknown>;

interface Extras {
  readonly oidc?: "inline" | "kubernetes";
  readonly resourceUrl?: boolean;
  readonly podTemplate?: {
    readonly labels: boolean;
    readonly nodeSelector: boolean;
    readonly tolerations: boolean;
    readonly env: boolean;
  };
  readonly serviceType?: "ClusterIP" | "NodePort" | "LoadBalancer";
  readonly pullSecrets: readonly string[];
  readonly conflict?: "prefix" | "priority";
  readonly compositeSteps: number;
  readonly telemetry?: { readonly tracing: boolean; readonly metrics: boolean };
  readonly redis: boolean;
  readonly timeout?: string;
}

export interface FuzzScenario {
  readonly base: Scenario;
  readonly extras: readonly Extras[];
}

const extrasArb: fc.Arbitrary<Extras> = fc.record({
  oidc: fc.option(fc.constantFrom("inline" as const, "kubernetes" as const), { nil: undefined }),
  resourceUrl: fc.boolean(),
  podTemplate: fc.option(
    fc.record({ labels: fc.boolean(), nodeSelector: fc.boolean(), tolerations: fc.boolean(), env: fc.boolean() }),
    { nil: undefined },
  ),
  serviceType: fc.option(fc.constantFrom("ClusterIP" as const, "NodePort" as const, "LoadBalancer" as const), {
    nil: undefined,
  }),
  pullSecrets: fc.uniqueArray(fc.constantFrom("registry-a", "registry-b", "ghcr-pull"), { maxLength: 2 }),
  conflict: fc.option(fc.constantFrom("prefix" as const, "priority" as const), { nil: undefined }),
  compositeSteps: fc.nat({ max: 3 }),
  telemetry: fc.option(
    fc.record({ tracing: fc.boolean(), metrics: fc.boolean() }).filter((t) => t.tracing || t.metrics),
    { nil: undefined },
  ),
  redis: fc.boolean(),
  timeout: fc.option(fc.constantFrom("10s", "45s", "2m"), { nil: undefined }),
});

export const fuzzScenarioArb: fc.Arbitrary<FuzzScenario> = scenarioArb.chain((base) =>
  fc.tuple(...base.vmcps.map(() => extrasArb)).map((extras) => ({ base, extras })),
);

const TH = "toolhive.stacklok.dev/v1beta1";

function withExtras(vmcp: Obj, e: Extras, members: readonly string[], out: Obj[]): void {
  const meta = vmcp.metadata as { name: string; namespace: string };
  const spec = vmcp.spec as Obj;
  const ns = meta.namespace;
  const object = (kind: string, name: string, body: Obj, apiVersion = TH) =>
    out.push({ apiVersion, kind, metadata: { name, namespace: ns }, ...body });
  if (e.oidc !== undefined) {
    const name = `${meta.name}-oidc`;
    object(
      "MCPOIDCConfig",
      name,
      e.oidc === "inline"
        ? {
            spec: {
              type: "inline",
              inline: {
                issuer: "https://login.example.com/realms/eng",
                clientId: "vmcp",
                clientSecretRef: { name: `${name}-client`, key: "client-secret" },
              },
            },
          }
        : { spec: { type: "kubernetesServiceAccount", kubernetesServiceAccount: {} } },
    );
    spec.incomingAuth = {
      type: "oidc",
      oidcConfigRef: {
        name,
        audience: meta.name,
        ...(e.resourceUrl ? { resourceUrl: `https://${meta.name}.example.com/mcp` } : {}),
      },
    };
  }
  if (e.podTemplate !== undefined) {
    const p = e.podTemplate;
    spec.podTemplateSpec = {
      ...(p.labels ? { metadata: { labels: { team: "platform" } } } : {}),
      spec: {
        ...(p.nodeSelector ? { nodeSelector: { "kubernetes.io/os": "linux" } } : {}),
        ...(p.tolerations
          ? { tolerations: [{ key: "dedicated", operator: "Equal", value: "mcp", effect: "NoSchedule" }] }
          : {}),
        ...(p.env ? { containers: [{ name: "vmcp", env: [{ name: "LOG_FORMAT", value: "json" }] }] } : {}),
      },
    };
  }
  if (e.serviceType !== undefined) spec.serviceType = e.serviceType;
  if (e.pullSecrets.length > 0) spec.imagePullSecrets = e.pullSecrets.map((name) => ({ name }));
  const config: Obj = {};
  if (e.conflict === "prefix")
    config.aggregation = { conflictResolution: "prefix", conflictResolutionConfig: { prefixFormat: "{workload}__" } };
  if (e.conflict === "priority")
    config.aggregation = {
      conflictResolution: "priority",
      conflictResolutionConfig: { priorityOrder: [...members].reverse() },
    };
  if (e.compositeSteps > 0) {
    const steps = Array.from({ length: e.compositeSteps }, (_, i) => ({
      id: `s${i}`,
      tool: `${members[i % members.length]}.run`,
      ...(i > 0 ? { dependsOn: [`s${i - 1}`] } : {}),
    }));
    config.compositeTools = [{ name: "pipeline", description: "runs the members in turn", steps }];
  }
  if (e.timeout !== undefined) config.operational = { timeouts: { default: e.timeout } };
  if (Object.keys(config).length > 0) spec.config = config;
  if (e.telemetry !== undefined) {
    const name = `${meta.name}-otel`;
    object("MCPTelemetryConfig", name, {
      spec: {
        openTelemetry: {
          enabled: true,
          endpoint: "https://otel.example.com:4318",
          tracing: { enabled: e.telemetry.tracing },
          metrics: { enabled: e.telemetry.metrics },
        },
      },
    });
    spec.telemetryConfigRef = { name };
  }
  if (e.redis)
    spec.sessionStorage = {
      provider: "redis",
      address: "redis.cache.svc.cluster.local:6379",
      passwordRef: { name: `${meta.name}-redis`, key: "password" },
    };
}

/**
 * One YAML file per object. Written as YAML 1.1, so that a name like `n` or `on` is quoted: kubectl
 * (go-yaml v2) reads those plain scalars as booleans where vmcp-gen and kustomize read strings.
 */
export function fuzzFiles(s: FuzzScenario): SourceFile[] {
  const objects = scenarioObjects(s.base);
  const extra: Obj[] = [];
  let i = 0;
  for (const o of objects) {
    if (o.kind !== "VirtualMCPServer") continue;
    const members = s.base.vmcps[i]!.members.map((m) => m.name);
    withExtras(o, s.extras[i]!, members, extra);
    i++;
  }
  return [...objects, ...extra].map((o, n) => ({
    path: `doc-${String(n).padStart(3, "0")}.yaml`,
    text: stringify(o, { lineWidth: 0, version: "1.1" }),
  }));
}
