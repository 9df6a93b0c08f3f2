/**
 * A Pod Security Standards checker: every `baseline` and `restricted` control of
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/, as the policy checks in
 * `k8s.io/pod-security-admission/policy/check_*.go` implement them (latest version). Each rule is
 * listed in POD_SECURITY_RULES with the check it mirrors; `checkPodSecurity` returns every
 * violation, not only the first.
 */

export type PssLevel = "baseline" | "restricted";

export interface PssViolation {
  readonly rule: string;
  /** Field path in the pod spec (`spec.containers[0].securityContext.privileged`). */
  readonly path: string;
  readonly message: string;
}

type Obj = Record<string, unknown>;

/** The parts of a pod the checks read: its spec and the annotations of its metadata. */
export interface PodUnderTest {
  readonly spec: Obj;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface PssRule {
  readonly id: string;
  readonly level: PssLevel;
  /** The pod-security-admission check it mirrors. */
  readonly source: string;
  readonly description: string;
  check(pod: PodUnderTest): PssViolation[];
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

interface ContainerRef {
  readonly path: string;
  readonly container: Obj;
  readonly securityContext: Obj;
}

/** containers, initContainers and ephemeralContainers: every check covers all three. */
function containersOf(spec: Obj): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const field of ["containers", "initContainers", "ephemeralContainers"]) {
    list(spec[field]).forEach((c, i) => out.push({ path: `spec.${field}[${i}]`, container: obj(c), securityContext: obj(obj(c).securityContext) }));
  }
  return out;
}

const podSecurityContext = (pod: PodUnderTest): Obj => obj(pod.spec.securityContext);

const v = (rule: string, path: string, message: string): PssViolation => ({ rule, path, message });

const BASELINE_CAPABILITIES = new Set(["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"]);
const SELINUX_TYPES = new Set(["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);
const SAFE_SYSCTLS = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
]);
const RESTRICTED_VOLUME_TYPES = new Set(["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"]);
const SECCOMP_ALLOWED = new Set(["RuntimeDefault", "Localhost"]);
const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

/** Every security context of the pod: the pod's own, then each container's. */
function securityContexts(pod: PodUnderTest): { path: string; sc: Obj }[] {
  return [{ path: "spec.securityContext", sc: podSecurityContext(pod) }, ...containersOf(pod.spec).map((c) => ({ path: `${c.path}.securityContext`, sc: c.securityContext }))];
}

export const POD_SECURITY_RULES: readonly PssRule[] = [
  // ---- baseline ----
  {
    id: "hostNamespaces",
    level: "baseline",
    source: "check_hostNamespaces.go",
    description: "hostNetwork, hostPID and hostIPC are unset or false",
    check: (pod) => ["hostNetwork", "hostPID", "hostIPC"].filter((f) => pod.spec[f] === true).map((f) => v("hostNamespaces", `spec.${f}`, `${f} is true`)),
  },
  {
    id: "privileged",
    level: "baseline",
    source: "check_privileged.go",
    description: "no container sets securityContext.privileged: true",
    check: (pod) => containersOf(pod.spec).filter((c) => c.securityContext.privileged === true).map((c) => v("privileged", `${c.path}.securityContext.privileged`, "privileged is true")),
  },
  {
    id: "capabilities_baseline",
    level: "baseline",
    source: "check_capabilities_baseline.go",
    description: `capabilities.add only from ${[...BASELINE_CAPABILITIES].join(", ")}`,
    check: (pod) =>
      containersOf(pod.spec).flatMap((c) =>
        list(obj(c.securityContext.capabilities).add)
          .filter((cap) => typeof cap !== "string" || !BASELINE_CAPABILITIES.has(cap))
          .map((cap) => v("capabilities_baseline", `${c.path}.securityContext.capabilities.add`, `adds ${String(cap)}, which baseline forbids`)),
      ),
  },
  {
    id: "hostPathVolumes",
    level: "baseline",
    source: "check_hostPathVolumes.go",
    description: "no hostPath volumes",
    check: (pod) => list(pod.spec.volumes).flatMap((vol, i) => (isObj(vol) && vol.hostPath !== undefined ? [v("hostPathVolumes", `spec.volumes[${i}].hostPath`, `volume ${String(vol.name)} is a hostPath`)] : [])),
  },
  {
    id: "hostPorts",
    level: "baseline",
    source: "check_hostPorts.go",
    description: "no container port sets a non-zero hostPort",
    check: (pod) =>
      containersOf(pod.spec).flatMap((c) =>
        list(c.container.ports).flatMap((p, i) => {
          const hostPort = obj(p).hostPort;
          return hostPort !== undefined && hostPort !== 0 ? [v("hostPorts", `${c.path}.ports[${i}].hostPort`, `hostPort ${String(hostPort)}`)] : [];
        }),
      ),
  },
  {
    id: "appArmorProfile",
    level: "baseline",
    source: "check_appArmorProfile.go",
    description: "AppArmor is never Unconfined: appArmorProfile.type RuntimeDefault or Localhost, annotations runtime/default or localhost/*",
    check: (pod) => {
      const out: PssViolation[] = [];
      for (const { path, sc } of securityContexts(pod)) {
        const type = obj(sc.appArmorProfile).type;
        if (type !== undefined && type !== "RuntimeDefault" && type !== "Localhost") out.push(v("appArmorProfile", `${path}.appArmorProfile.type`, `AppArmor profile ${String(type)}`));
      }
      for (const [k, value] of Object.entries(pod.annotations ?? {})) {
        if (k.startsWith(APPARMOR_ANNOTATION) && value !== "runtime/default" && !value.startsWith("localhost/")) out.push(v("appArmorProfile", `metadata.annotations[${k}]`, `AppArmor profile ${value}`));
      }
      return out;
    },
  },
  {
    id: "seLinuxOptions",
    level: "baseline",
    source: "check_seLinuxOptions.go",
    description: `seLinuxOptions.type only ${[...SELINUX_TYPES].filter(Boolean).join(", ")}; no user or role`,
    check: (pod) =>
      securityContexts(pod).flatMap(({ path, sc }) => {
        if (!isObj(sc.seLinuxOptions)) return [];
        const o = sc.seLinuxOptions;
        const out: PssViolation[] = [];
        if (o.type !== undefined && !SELINUX_TYPES.has(String(o.type))) out.push(v("seLinuxOptions", `${path}.seLinuxOptions.type`, `SELinux type ${String(o.type)}`));
        for (const f of ["user", "role"]) if (o[f] !== undefined && o[f] !== "") out.push(v("seLinuxOptions", `${path}.seLinuxOptions.${f}`, `custom SELinux ${f} ${String(o[f])}`));
        return out;
      }),
  },
  {
    id: "procMount",
    level: "baseline",
    source: "check_procMount.go",
    description: "procMount unset or Default",
    check: (pod) =>
      containersOf(pod.spec)
        .filter((c) => c.securityContext.procMount !== undefined && c.securityContext.procMount !== "Default")
        .map((c) => v("procMount", `${c.path}.securityContext.procMount`, `procMount ${String(c.securityContext.procMount)}`)),
  },
  {
    id: "seccompProfile_baseline",
    level: "baseline",
    source: "check_seccompProfile_baseline.go",
    description: "seccompProfile.type is never Unconfined",
    check: (pod) =>
      securityContexts(pod)
        .filter(({ sc }) => obj(sc.seccompProfile).type === "Unconfined")
        .map(({ path }) => v("seccompProfile_baseline", `${path}.seccompProfile.type`, "seccomp Unconfined")),
  },
  {
    id: "sysctls",
    level: "baseline",
    source: "check_sysctls.go",
    description: "only the safe sysctls",
    check: (pod) =>
      list(podSecurityContext(pod).sysctls).flatMap((s, i) => {
        const name = obj(s).name;
        return typeof name === "string" && SAFE_SYSCTLS.has(name) ? [] : [v("sysctls", `spec.securityContext.sysctls[${i}]`, `sysctl ${String(name)} is not in the safe set`)];
      }),
  },
  {
    id: "windowsHostProcess",
    level: "baseline",
    source: "check_windowsHostProcess.go",
    description: "windowsOptions.hostProcess is unset or false",
    check: (pod) =>
      securityContexts(pod)
        .filter(({ sc }) => obj(sc.windowsOptions).hostProcess === true)
        .map(({ path }) => v("windowsHostProcess", `${path}.windowsOptions.hostProcess`, "hostProcess is true")),
  },
  // ---- restricted ----
  {
    id: "restrictedVolumes",
    level: "restricted",
    source: "check_restrictedVolumes.go",
    description: `volumes only of the types ${[...RESTRICTED_VOLUME_TYPES].join(", ")}`,
    check: (pod) =>
      list(pod.spec.volumes).flatMap((vol, i) => {
        const types = Object.keys(obj(vol)).filter((k) => k !== "name");
        return types.filter((t) => !RESTRICTED_VOLUME_TYPES.has(t)).map((t) => v("restrictedVolumes", `spec.volumes[${i}].${t}`, `volume type ${t} is not allowed`));
      }),
  },
  {
    id: "allowPrivilegeEscalation",
    level: "restricted",
    source: "check_allowPrivilegeEscalation.go",
    description: "every container sets allowPrivilegeEscalation: false explicitly",
    check: (pod) =>
      containersOf(pod.spec)
        .filter((c) => c.securityContext.allowPrivilegeEscalation !== false)
        .map((c) => v("allowPrivilegeEscalation", `${c.path}.securityContext.allowPrivilegeEscalation`, c.securityContext.allowPrivilegeEscalation === undefined ? "not set (unset counts as true)" : "is true")),
  },
  {
    id: "runAsNonRoot",
    level: "restricted",
    source: "check_runAsNonRoot.go",
    description: "runAsNonRoot: true on the pod or on every container, and false nowhere",
    check: (pod) => {
      const out: PssViolation[] = [];
      const podValue = podSecurityContext(pod).runAsNonRoot;
      if (podValue === false) out.push(v("runAsNonRoot", "spec.securityContext.runAsNonRoot", "is false"));
      for (const c of containersOf(pod.spec)) {
        const value = c.securityContext.runAsNonRoot;
        if (value === false) out.push(v("runAsNonRoot", `${c.path}.securityContext.runAsNonRoot`, "is false"));
        else if (value !== true && podValue !== true) out.push(v("runAsNonRoot", `${c.path}.securityContext.runAsNonRoot`, "not set on the container or the pod"));
      }
      return out;
    },
  },
  {
    id: "runAsUser",
    level: "restricted",
    source: "check_runAsUser.go",
    description: "runAsUser is never 0",
    check: (pod) =>
      securityContexts(pod)
        .filter(({ sc }) => sc.runAsUser === 0)
        .map(({ path }) => v("runAsUser", `${path}.runAsUser`, "runs as root (UID 0)")),
  },
  {
    id: "seccompProfile_restricted",
    level: "restricted",
    source: "check_seccompProfile_restricted.go",
    description: "seccompProfile.type RuntimeDefault or Localhost on the pod or on every container, and nothing else anywhere",
    check: (pod) => {
      const out: PssViolation[] = [];
      const podType = obj(podSecurityContext(pod).seccompProfile).type;
      if (podType !== undefined && !SECCOMP_ALLOWED.has(String(podType))) out.push(v("seccompProfile_restricted", "spec.securityContext.seccompProfile.type", `seccomp ${String(podType)}`));
      for (const c of containersOf(pod.spec)) {
        const type = obj(c.securityContext.seccompProfile).type;
        if (type !== undefined && !SECCOMP_ALLOWED.has(String(type))) out.push(v("seccompProfile_restricted", `${c.path}.securityContext.seccompProfile.type`, `seccomp ${String(type)}`));
        else if (type === undefined && !SECCOMP_ALLOWED.has(String(podType))) out.push(v("seccompProfile_restricted", `${c.path}.securityContext.seccompProfile`, "no seccomp profile on the container or the pod"));
      }
      return out;
    },
  },
  {
    id: "capabilities_restricted",
    level: "restricted",
    source: "check_capabilities_restricted.go",
    description: "every container drops ALL and adds nothing but NET_BIND_SERVICE",
    check: (pod) =>
      containersOf(pod.spec).flatMap((c) => {
        const caps = obj(c.securityContext.capabilities);
        const out: PssViolation[] = [];
        if (!list(caps.drop).includes("ALL")) out.push(v("capabilities_restricted", `${c.path}.securityContext.capabilities.drop`, "does not drop ALL"));
        for (const cap of list(caps.add)) if (cap !== "NET_BIND_SERVICE") out.push(v("capabilities_restricted", `${c.path}.securityContext.capabilities.add`, `adds ${String(cap)}`));
        return out;
      }),
  },
];

/** Every violation of the given level (restricted includes baseline). */
export function checkPodSecurity(pod: PodUnderTest, level: PssLevel = "restricted"): PssViolation[] {
  return POD_SECURITY_RULES.filter((r) => level === "restricted" || r.level === "baseline").flatMap((r) => r.check(pod));
}

const POD_TEMPLATE_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"]);

/** The pods an object creates: a Pod itself, the template of a workload, a CronJob's job template. */
export function podsOf(object: unknown): PodUnderTest[] {
  const o = obj(object);
  const withMeta = (template: Obj): PodUnderTest => {
    const annotations = obj(obj(template.metadata).annotations) as Record<string, string>;
    return { spec: obj(template.spec), annotations };
  };
  if (o.kind === "Pod") return [withMeta(o)];
  if (typeof o.kind === "string" && POD_TEMPLATE_KINDS.has(o.kind)) return [withMeta(obj(obj(o.spec).template))];
  if (o.kind === "CronJob") return [withMeta(obj(obj(obj(obj(o.spec).jobTemplate).spec).template))];
  return [];
}
