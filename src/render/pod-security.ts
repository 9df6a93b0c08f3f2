/**
 * The Pod Security Standards `restricted` profile (Kubernetes 1.30 policy), checked on a rendered
 * pod template. vmcp-gen's own pod meets it; a podTemplateSpec can break it on purpose, so this
 * reports rather than blocks. Checked:
 * - host namespaces: `hostNetwork`, `hostPID`, `hostIPC` unset or false;
 * - `privileged` unset or false, `windowsOptions.hostProcess` unset or false;
 * - `hostPort` unset or 0;
 * - `procMount` unset or `Default`;
 * - `sysctls` only from the safe set;
 * - volume types only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim,
 *   projected, secret;
 * - `allowPrivilegeEscalation: false` on every container;
 * - `runAsNonRoot: true` on the pod or on every container, never `false`; `runAsUser` never 0;
 * - seccomp `RuntimeDefault` or `Localhost` on the pod or on every container, never `Unconfined`;
 * - capabilities: `drop` includes `ALL`; `add` only `NET_BIND_SERVICE`;
 * - AppArmor never `Unconfined` (`appArmorProfile.type` and the beta annotations);
 * - SELinux `type` only the container types, no custom `user` or `role`.
 * Each violation names the pod-security-admission check it corresponds to (`check_<name>.go` in
 * k8s.io/pod-security-admission/policy); baseline's hostPath and capabilities checks are covered by
 * the stricter restricted ones. test/properties/pod-security.test.ts holds it to a table of pods
 * written from the Pod Security Standards page, one or more per control.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export type PssCheck =
  | "hostNamespaces"
  | "privileged"
  | "hostPorts"
  | "appArmorProfile"
  | "seLinuxOptions"
  | "procMount"
  | "seccompProfile_baseline"
  | "sysctls"
  | "windowsHostProcess"
  | "restrictedVolumes"
  | "allowPrivilegeEscalation"
  | "runAsNonRoot"
  | "runAsUser"
  | "seccompProfile_restricted"
  | "capabilities_restricted";

export interface PssViolation {
  readonly check: PssCheck;
  /** Path inside the pod template, e.g. `["spec", "containers", 0, "securityContext", "privileged"]`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const ALLOWED_VOLUMES = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);
const VOLUME_META = new Set(["name"]);
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
const GOOD_SECCOMP = new Set(["RuntimeDefault", "Localhost"]);
const GOOD_APPARMOR = new Set(["RuntimeDefault", "Localhost"]);
const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";
const SELINUX_TYPES = new Set(["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);

interface ContainerRef {
  readonly path: readonly (string | number)[];
  readonly container: Obj;
}

function containersOf(spec: Obj): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const field of ["initContainers", "containers", "ephemeralContainers"]) {
    list(spec[field]).forEach((c, i) => out.push({ path: ["spec", field, i], container: obj(c) }));
  }
  return out;
}

function checkPodLevel(spec: Obj, out: PssViolation[]): void {
  for (const ns of ["hostNetwork", "hostPID", "hostIPC"])
    if (spec[ns] === true) out.push({ check: "hostNamespaces", path: ["spec", ns], message: `${ns} is true` });
  const psc = obj(spec.securityContext);
  if (obj(psc.windowsOptions).hostProcess === true)
    out.push({
      check: "windowsHostProcess",
      path: ["spec", "securityContext", "windowsOptions", "hostProcess"],
      message: "hostProcess is true",
    });
  list(psc.sysctls).forEach((s, i) => {
    const name = obj(s).name;
    if (typeof name !== "string" || !SAFE_SYSCTLS.has(name))
      out.push({
        check: "sysctls",
        path: ["spec", "securityContext", "sysctls", i, "name"],
        message: `sysctl ${String(name)} is not in the safe set`,
      });
  });
  list(spec.volumes).forEach((v, i) => {
    const types = Object.keys(obj(v)).filter((k) => !VOLUME_META.has(k));
    for (const t of types)
      if (!ALLOWED_VOLUMES.has(t))
        out.push({
          check: "restrictedVolumes",
          path: ["spec", "volumes", i, t],
          message: `volume "${String(obj(v).name)}" is of type ${t}`,
        });
  });
}

/** AppArmor and SELinux options, on the pod's security context or a container's. */
function checkLsm(
  sc: Obj,
  at: (...p: (string | number)[]) => (string | number)[],
  who: string,
  out: PssViolation[],
): void {
  const appArmor = obj(sc.appArmorProfile).type;
  if (appArmor !== undefined && !GOOD_APPARMOR.has(String(appArmor)))
    out.push({
      check: "appArmorProfile",
      path: at("appArmorProfile", "type"),
      message: `${who} has AppArmor profile ${String(appArmor)}`,
    });
  if (!isObj(sc.seLinuxOptions)) return;
  const se = sc.seLinuxOptions;
  if (se.type !== undefined && !SELINUX_TYPES.has(String(se.type)))
    out.push({
      check: "seLinuxOptions",
      path: at("seLinuxOptions", "type"),
      message: `${who} has SELinux type ${String(se.type)}`,
    });
  for (const f of ["user", "role"])
    if (se[f] !== undefined && se[f] !== "")
      out.push({
        check: "seLinuxOptions",
        path: at("seLinuxOptions", f),
        message: `${who} sets a custom SELinux ${f}`,
      });
}

function checkContainer({ path, container }: ContainerRef, podSc: Obj, out: PssViolation[]): void {
  const sc = obj(container.securityContext);
  const at = (...p: (string | number)[]) => [...path, "securityContext", ...p];
  const name = String(container.name);
  if (sc.privileged === true)
    out.push({ check: "privileged", path: at("privileged"), message: `container "${name}" is privileged` });
  if (obj(sc.windowsOptions).hostProcess === true)
    out.push({
      check: "windowsHostProcess",
      path: at("windowsOptions", "hostProcess"),
      message: `container "${name}" sets hostProcess`,
    });
  if (sc.procMount !== undefined && sc.procMount !== "Default")
    out.push({
      check: "procMount",
      path: at("procMount"),
      message: `container "${name}" sets procMount ${String(sc.procMount)}`,
    });
  list(container.ports).forEach((p, i) => {
    const hostPort = obj(p).hostPort;
    if (hostPort !== undefined && hostPort !== 0)
      out.push({
        check: "hostPorts",
        path: [...path, "ports", i, "hostPort"],
        message: `container "${name}" uses hostPort ${String(hostPort)}`,
      });
  });
  if (sc.allowPrivilegeEscalation !== false)
    out.push({
      check: "allowPrivilegeEscalation",
      path: at("allowPrivilegeEscalation"),
      message: `container "${name}" does not set allowPrivilegeEscalation: false`,
    });
  checkLsm(sc, at, `container "${name}"`, out);
  const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
  if (nonRoot !== true)
    out.push({
      check: "runAsNonRoot",
      path: at("runAsNonRoot"),
      message: `container "${name}" may run as root (runAsNonRoot is not true)`,
    });
  if ((sc.runAsUser ?? podSc.runAsUser) === 0)
    out.push({ check: "runAsUser", path: at("runAsUser"), message: `container "${name}" runs as user 0` });
  const seccomp = obj(sc.seccompProfile).type ?? obj(podSc.seccompProfile).type;
  if (typeof seccomp !== "string" || !GOOD_SECCOMP.has(seccomp))
    out.push({
      check: "seccompProfile_restricted",
      path: at("seccompProfile", "type"),
      message: `container "${name}" has seccomp profile ${seccomp === undefined ? "unset" : String(seccomp)}, not RuntimeDefault or Localhost`,
    });
  const caps = obj(sc.capabilities);
  if (!list(caps.drop).includes("ALL"))
    out.push({
      check: "capabilities_restricted",
      path: at("capabilities", "drop"),
      message: `container "${name}" does not drop ALL capabilities`,
    });
  list(caps.add).forEach((c, i) => {
    if (c !== "NET_BIND_SERVICE")
      out.push({
        check: "capabilities_restricted",
        path: at("capabilities", "add", i),
        message: `container "${name}" adds capability ${String(c)}`,
      });
  });
}

/** Every way the pod template falls short of `restricted`; empty when it meets it. */
export function checkRestrictedPod(template: unknown): PssViolation[] {
  const spec = obj(obj(template).spec);
  const out: PssViolation[] = [];
  checkPodLevel(spec, out);
  const podSc = obj(spec.securityContext);
  if (podSc.runAsUser === 0)
    out.push({ check: "runAsUser", path: ["spec", "securityContext", "runAsUser"], message: "the pod runs as user 0" });
  if (podSc.runAsNonRoot === false)
    out.push({
      check: "runAsNonRoot",
      path: ["spec", "securityContext", "runAsNonRoot"],
      message: "the pod sets runAsNonRoot: false",
    });
  checkLsm(podSc, (...p) => ["spec", "securityContext", ...p], "the pod", out);
  for (const [key, value] of Object.entries(obj(obj(obj(template).metadata).annotations))) {
    if (!key.startsWith(APPARMOR_ANNOTATION)) continue;
    if (typeof value !== "string" || (value !== "runtime/default" && !value.startsWith("localhost/")))
      out.push({
        check: "appArmorProfile",
        path: ["metadata", "annotations", key],
        message: `annotation ${key} sets AppArmor profile ${String(value)}`,
      });
  }
  if (obj(podSc.seccompProfile).type === "Unconfined")
    out.push({
      check: "seccompProfile_baseline",
      path: ["spec", "securityContext", "seccompProfile", "type"],
      message: "the pod's seccomp profile is Unconfined",
    });
  for (const c of containersOf(spec)) checkContainer(c, podSc, out);
  return out;
}
