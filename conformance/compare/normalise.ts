import {
  backendsOf,
  configOf,
  dropItems,
  envNamesIn,
  find,
  inputSpec,
  inputVmcps,
  isInline,
  isObj,
  podSpecOf,
  vmcpContainerOf,
  without,
  type Obj,
  type VmcpRef,
} from "./object-access.js";
import { createHash } from "node:crypto";
import type { KubeObject } from "./oracle-types.js";

/**
 * What the two renders may differ in: one row per difference that docs/differences-from-operator.md
 * documents, naming its section there. A test checks that every named section exists and that
 * every row is needed by at least one scenario; nothing else is normalised.
 */
export interface NormaliseContext {
  /** The admitted (defaulted) input objects, by `Kind/namespace/name`. */
  readonly inputs: ReadonlyMap<string, KubeObject>;
}

/** Both renders of one scenario, config.yaml already parsed; rows edit them in place. */
export interface Sides {
  vmcpGen: KubeObject[];
  operator: KubeObject[];
}

export interface Normalisation {
  /** A heading of docs/differences-from-operator.md, exactly as written there (without the #s). */
  readonly section: string;
  /** What the row does, in one line. */
  readonly does: string;
  readonly apply: (sides: Sides, ctx: NormaliseContext, v: VmcpRef) => void;
}

const CHECKSUM_PLACEHOLDER = "<checksum of this side's ConfigMap>";
const CONTENT_CHECKSUM = "toolhive.stacklok.dev/content-checksum";
const RUNCONFIG_CHECKSUM = "toolhive.stacklok.dev/runconfig-checksum";
const IMAGE_PULL_HASH = "toolhive.stacklok.io/imagepullsecrets-hash";

function dropEnv(container: Obj | undefined, names: ReadonlySet<string>): void {
  dropItems(container, "env", (e) => typeof e.name === "string" && names.has(e.name));
}

function dropVolume(podSpec: Obj | undefined, name: string): void {
  dropItems(podSpec, "volumes", (vol) => vol.name === name);
  for (const c of Array.isArray(podSpec?.containers) ? podSpec.containers.filter(isObj) : [])
    dropItems(c, "volumeMounts", (m) => m.name === name);
}

/** The explicit `outgoingAuth.backends` entry of the VirtualMCPServer for a backend, if any. */
function overrideFor(v: VmcpRef, backend: string): Obj | undefined {
  const backends = (v.spec.outgoingAuth as Obj | undefined)?.backends;
  return isObj(backends) && isObj(backends[backend]) ? backends[backend] : undefined;
}

/** The member kinds a backend can be, to find the member's own spec. */
const MEMBER_KINDS = ["MCPServer", "MCPRemoteProxy", "MCPServerEntry"] as const;

function memberSpec(ctx: NormaliseContext, v: VmcpRef, name: string): Obj | undefined {
  for (const kind of MEMBER_KINDS) {
    const spec = inputSpec(ctx.inputs, kind, v.namespace, name);
    if (spec !== undefined) return spec;
  }
  return undefined;
}

/** MCPExternalAuthConfig `spec.type` → the strategy type config.yaml uses for it. */
const STRATEGY_TYPES: Readonly<Record<string, string>> = {
  tokenExchange: "token_exchange",
  headerInjection: "header_injection",
  unauthenticated: "unauthenticated",
  bearerToken: "header_injection",
  awsSts: "aws_sts",
  xaa: "xaa",
};

function setManagedByLabels(meta: Obj | undefined, onlyOperatorLabel: boolean): void {
  const labels = meta?.labels;
  if (!meta || !isObj(labels)) return;
  if (labels["app.kubernetes.io/managed-by"] === "vmcp-gen") delete labels["app.kubernetes.io/managed-by"];
  if (!onlyOperatorLabel && labels["toolhive.stacklok.io/managed-by"] === "vmcp-gen")
    labels["toolhive.stacklok.io/managed-by"] = "toolhive-operator";
  if (Object.keys(labels).length === 0) delete meta.labels;
}

/**
 * Checks that a side's ConfigMap checksum is the one on its pod template, then hides both values
 * (`force`: hides them even when they differ).
 */
function hideChecksum(objects: KubeObject[], v: VmcpRef, force = false): void {
  const cmAnn = find(objects, "ConfigMap", v.namespace, `${v.name}-vmcp-config`)?.metadata.annotations;
  const template = (find(objects, "Deployment", v.namespace, v.name)?.spec as Obj | undefined)?.template as
    Obj | undefined;
  const podAnn = (template?.metadata as Obj | undefined)?.annotations as Obj | undefined;
  if (!cmAnn || !podAnn || (!force && cmAnn[CONTENT_CHECKSUM] !== podAnn[RUNCONFIG_CHECKSUM])) return; // left as is: reported as a difference
  cmAnn[CONTENT_CHECKSUM] = CHECKSUM_PLACEHOLDER;
  podAnn[RUNCONFIG_CHECKSUM] = CHECKSUM_PLACEHOLDER;
}

export const NORMALISATIONS: readonly Normalisation[] = [
  {
    section: "ConfigMaps the pod mounts are part of the output",
    does: "drop from vmcp-gen's side the input ConfigMaps it passes through (ConfigMaps other than the config.yaml ones that the operator does not create)",
    apply(sides, ctx) {
      const key = (o: KubeObject) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
      const own = new Set(inputVmcps(ctx.inputs).map((x) => `${x.namespace}/${x.name}-vmcp-config`));
      const theirs = new Set(sides.operator.filter((o) => o.kind === "ConfigMap").map(key));
      sides.vmcpGen = sides.vmcpGen.filter((o) => o.kind !== "ConfigMap" || own.has(key(o)) || theirs.has(key(o)));
    },
  },
  {
    section: "1. Static mode has zero Kubernetes permissions",
    does: "static mode: drop the operator's Role, RoleBinding, VMCP_NAME and VMCP_NAMESPACE; drop vmcp-gen's automountServiceAccountToken: false",
    apply(sides, _ctx, v) {
      if (!isInline(v)) return;
      for (const kind of ["Role", "RoleBinding"])
        sides.operator = without(sides.operator, kind, v.namespace, `${v.name}-vmcp`);
      dropEnv(vmcpContainerOf(sides.operator, v), new Set(["VMCP_NAME", "VMCP_NAMESPACE"]));
      const sa = find(sides.vmcpGen, "ServiceAccount", v.namespace, `${v.name}-vmcp`) as Obj | undefined;
      if (sa?.automountServiceAccountToken === false) delete sa.automountServiceAccountToken;
      const pod = podSpecOf(sides.vmcpGen, v);
      if (pod?.automountServiceAccountToken === false) delete pod.automountServiceAccountToken;
    },
  },
  {
    section: "2. MCPServerEntry backends carry `type: entry`",
    does: "drop vmcp-gen's `type: entry` from backends",
    apply(sides, _ctx, v) {
      for (const b of backendsOf(configOf(sides.vmcpGen, v))) if (b.type === "entry") delete b.type;
    },
  },
  {
    section: "3. An MCPServer's transport is its effective transport",
    does: "an sse or streamable-http MCPServer written with its proxyMode by the operator: use the server's transport",
    apply(sides, ctx, v) {
      for (const b of backendsOf(configOf(sides.operator, v))) {
        const spec = inputSpec(ctx.inputs, "MCPServer", v.namespace, String(b.name));
        if (spec === undefined || spec.transport === "stdio" || spec.transport === spec.proxyMode) continue;
        if (b.transport === spec.proxyMode) b.transport = spec.transport;
      }
    },
  },
  {
    section: "4. `type: discovered` resolves to the member's own auth in static mode",
    does: "static mode: the operator's `discovered` default is dropped; a `discovered` override takes vmcp-gen's strategy when that is the member's own auth type (or unauthenticated without one)",
    apply(sides, ctx, v) {
      if (!isInline(v)) return;
      const theirs = configOf(sides.operator, v)?.outgoingAuth as Obj | undefined;
      const ours = configOf(sides.vmcpGen, v)?.outgoingAuth as Obj | undefined;
      if (!theirs) return;
      if (isObj(theirs.default) && theirs.default.type === "discovered") delete theirs.default;
      const backends = isObj(theirs.backends) ? theirs.backends : {};
      for (const [name, strategy] of Object.entries(backends)) {
        if (!isObj(strategy) || strategy.type !== "discovered") continue;
        const own = (memberSpec(ctx, v, name)?.externalAuthConfigRef as Obj | undefined)?.name;
        const ownType =
          typeof own === "string"
            ? STRATEGY_TYPES[String(inputSpec(ctx.inputs, "MCPExternalAuthConfig", v.namespace, own)?.type)]
            : "unauthenticated";
        const replacement = isObj(ours?.backends) ? ours.backends[name] : undefined;
        if (isObj(replacement) && replacement.type === ownType) backends[name] = structuredClone(replacement);
      }
    },
  },
  {
    section: "5. Every secret a strategy names is mounted, once",
    does: "drop vmcp-gen's env variables that only strategies taken from members' own auth configs need; drop the operator's repeats of a variable",
    apply(sides, _ctx, v) {
      const seen = new Set<string>();
      dropItems(vmcpContainerOf(sides.operator, v), "env", (e) => {
        const key = JSON.stringify(e);
        if (seen.has(key)) return true;
        seen.add(key);
        return false;
      });
      const config = configOf(sides.vmcpGen, v);
      const auth = config?.outgoingAuth as Obj | undefined;
      if (!auth || !isInline(v)) return;
      const needed = new Set([...envNamesIn(auth.default), ...envNamesIn({ ...config, outgoingAuth: undefined })]);
      const fromMembers = new Set<string>();
      for (const [name, strategy] of Object.entries(isObj(auth.backends) ? auth.backends : {})) {
        const override = overrideFor(v, name);
        const own = override === undefined || override.type === "discovered";
        for (const env of envNamesIn(strategy)) (own ? fromMembers : needed).add(env);
      }
      dropEnv(vmcpContainerOf(sides.vmcpGen, v), new Set([...fromMembers].filter((e) => !needed.has(e))));
    },
  },
  {
    section: "XAA client secrets are named in dynamic mode too",
    does: "dynamic mode: drop the XAA idpClientSecretEnv and targetClientSecretEnv that vmcp-gen names and the operator's converter leaves out",
    apply(sides, _ctx, v) {
      if (isInline(v)) return;
      const auth = configOf(sides.vmcpGen, v)?.outgoingAuth as Obj | undefined;
      const strategies = [auth?.default, ...Object.values(isObj(auth?.backends) ? auth.backends : {})];
      for (const st of strategies) {
        const xaa = isObj(st) ? st.xaa : undefined;
        if (!isObj(xaa)) continue;
        delete xaa.idpClientSecretEnv;
        delete xaa.targetClientSecretEnv;
      }
    },
  },
  {
    section: "6. Default OIDC `resource` is the Service URL",
    does: "the operator's default resource http://<name>.<ns>.svc…: use the Service's name vmcp-<name>",
    apply(sides, _ctx, v) {
      const oidc = (configOf(sides.operator, v)?.incomingAuth as Obj | undefined)?.oidc as Obj | undefined;
      const prefix = `http://${v.name}.${v.namespace}.svc.cluster.local:`;
      if (typeof oidc?.resource === "string" && oidc.resource.startsWith(prefix))
        oidc.resource = `http://vmcp-${v.name}.${v.namespace}.svc.cluster.local:${oidc.resource.slice(prefix.length)}`;
    },
  },
  {
    section: "7. No HMAC Secret",
    does: "drop the operator's <name>-hmac-secret Secret and VMCP_SESSION_HMAC_SECRET",
    apply(sides, _ctx, v) {
      sides.operator = without(sides.operator, "Secret", v.namespace, `${v.name}-hmac-secret`);
      dropEnv(vmcpContainerOf(sides.operator, v), new Set(["VMCP_SESSION_HMAC_SECRET"]));
    },
  },
  {
    section: "8. No ownerReferences",
    does: "drop the operator's ownerReferences",
    apply(sides) {
      for (const o of sides.operator) delete (o.metadata as Obj).ownerReferences;
    },
  },
  {
    section: "`workload_status` in backend metadata",
    does: "drop the operator's workload_status of MCPServer and MCPRemoteProxy backends",
    apply(sides, _ctx, v) {
      for (const b of backendsOf(configOf(sides.operator, v))) {
        const meta = b.metadata as Obj | undefined;
        if (meta && (meta.workload_type === "mcp_server" || meta.workload_type === "remote_proxy"))
          delete meta.workload_status;
      }
    },
  },
  {
    section: "`managed-by` labels, and the checksum",
    does: "drop vmcp-gen's managed-by labels, name the operator in the ConfigMap's; hide each side's checksum once it is the same on its ConfigMap and pod template",
    apply(sides, _ctx, v) {
      for (const o of sides.vmcpGen) {
        setManagedByLabels(o.metadata as Obj, o.kind !== "ConfigMap");
        const template = (o.spec as Obj | undefined)?.template as Obj | undefined;
        if (o.kind === "Deployment") setManagedByLabels(template?.metadata as Obj | undefined, true);
      }
      hideChecksum(sides.vmcpGen, v);
      hideChecksum(sides.operator, v);
    },
  },
  {
    section: "CA bundle volumes: static mode only, in entry-name order, only for backends",
    does: "dynamic mode: drop the operator's ca-bundle-* volumes and mounts (vMCP reads the bundles through the API)",
    apply(sides, _ctx, v) {
      if (isInline(v)) return;
      const pod = podSpecOf(sides.operator, v);
      const names = (Array.isArray(pod?.volumes) ? pod.volumes.filter(isObj) : [])
        .map((vol) => String(vol.name))
        .filter((n) => n.startsWith("ca-bundle-"));
      for (const name of names) dropVolume(pod, name);
    },
  },
  {
    section: "`spec.config.backends` is dropped in dynamic mode too",
    does: "dynamic mode: drop the backends the operator copies from spec.config.backends",
    apply(sides, _ctx, v) {
      const config = configOf(sides.operator, v);
      if (!isInline(v) && config !== undefined && Array.isArray((v.spec.config as Obj | undefined)?.backends))
        delete config.backends;
    },
  },
  {
    section: "An unnamed `imagePullSecrets` entry is left out",
    does: "drop the operator's unnamed imagePullSecrets entries (pod and ServiceAccount) and hash its list without them",
    apply(sides, _ctx, v) {
      const pod = podSpecOf(sides.operator, v);
      const unnamed = (e: Obj) => e.name === undefined || e.name === "";
      if (!(Array.isArray(pod?.imagePullSecrets) && pod.imagePullSecrets.some((e) => isObj(e) && unnamed(e)))) return;
      dropItems(pod, "imagePullSecrets", unnamed);
      dropItems(
        find(sides.operator, "ServiceAccount", v.namespace, `${v.name}-vmcp`) as Obj | undefined,
        "imagePullSecrets",
        unnamed,
      );
      const annotations = find(sides.operator, "Deployment", v.namespace, v.name)?.metadata.annotations;
      const named = (Array.isArray(pod?.imagePullSecrets) ? pod.imagePullSecrets.filter(isObj) : []).map((e) =>
        String(e.name),
      );
      // The operator's imagePullSecretsHash: SHA-256 of the JSON of the list sorted by name.
      if (annotations?.[IMAGE_PULL_HASH] !== undefined) {
        if (named.length === 0) delete annotations[IMAGE_PULL_HASH];
        else
          annotations[IMAGE_PULL_HASH] = createHash("sha256")
            .update(JSON.stringify([...named].sort().map((name) => ({ name }))))
            .digest("hex");
      }
    },
  },
  {
    section: "A `podTemplateSpec` cannot set the config checksum",
    does: "when the podTemplateSpec sets the pod's runconfig-checksum annotation, hide both sides' checksums",
    apply(sides, _ctx, v) {
      const pts = v.spec.podTemplateSpec as Obj | undefined;
      const annotations = (pts?.metadata as Obj | undefined)?.annotations as Obj | undefined;
      if (annotations?.[RUNCONFIG_CHECKSUM] === undefined) return;
      for (const objects of [sides.vmcpGen, sides.operator]) hideChecksum(objects, v, true);
    },
  },
  {
    section: "The cluster CA for Kubernetes service-account tokens, without a token",
    does: "static mode: drop vmcp-gen's oidc-kube-root-ca volume and mount",
    apply(sides, _ctx, v) {
      if (isInline(v)) dropVolume(podSpecOf(sides.vmcpGen, v), "oidc-kube-root-ca");
    },
  },
  {
    section: "A writable `/tmp`",
    does: "drop vmcp-gen's tmp emptyDir volume and mount",
    apply(sides, _ctx, v) {
      dropVolume(podSpecOf(sides.vmcpGen, v), "tmp");
    },
  },
];

export function applyNormalisations(
  sides: Sides,
  ctx: NormaliseContext,
  rows: readonly Normalisation[] = NORMALISATIONS,
): void {
  for (const v of inputVmcps(ctx.inputs)) for (const row of rows) row.apply(sides, ctx, v);
}
