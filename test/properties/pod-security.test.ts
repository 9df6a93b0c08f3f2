import { describe, expect, it } from "vitest";
import { goldenCases } from "../helpers/golden-cases.js";
import { checkPodSecurity, POD_SECURITY_RULES, podsOf, type PodUnderTest } from "../helpers/pod-security.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { parseRendered } from "./rendered-output.js";

type Obj = Record<string, unknown>;

/** The minimal compliant pod of gitops-ecosystem.md §6.3, with an init container and volumes of every allowed type. */
function compliantPod(): PodUnderTest & { spec: Obj } {
  const sc = () => ({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true, runAsNonRoot: true });
  return {
    annotations: { "container.apparmor.security.beta.kubernetes.io/app": "runtime/default" },
    spec: {
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" }, sysctls: [{ name: "net.ipv4.ip_local_port_range", value: "1024 65535" }] },
      initContainers: [{ name: "init", image: "busybox", securityContext: sc() }],
      containers: [{ name: "app", image: "app", ports: [{ containerPort: 8080 }], securityContext: { ...sc(), capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } } }],
      volumes: [
        { name: "a", configMap: { name: "cm" } },
        { name: "b", secret: { secretName: "s" } },
        { name: "c", emptyDir: {} },
        { name: "d", projected: { sources: [] } },
        { name: "e", downwardAPI: { items: [] } },
        { name: "f", persistentVolumeClaim: { claimName: "pvc" } },
        { name: "g", csi: { driver: "x" } },
        { name: "h", ephemeral: { volumeClaimTemplate: {} } },
      ],
    },
  };
}

type Mutate = (pod: PodUnderTest & { spec: Obj }) => void;
const container = (pod: { spec: Obj }, i = 0) => (pod.spec.containers as Obj[])[i]!;
const csc = (pod: { spec: Obj }, i = 0) => container(pod, i).securityContext as Obj;
const initSc = (pod: { spec: Obj }) => ((pod.spec.initContainers as Obj[])[0]!.securityContext as Obj);
const podSc = (pod: { spec: Obj }) => pod.spec.securityContext as Obj;

/** For every rule, inputs that break it (and, by construction, only the rules named). */
const VIOLATIONS: Record<string, [string, Mutate][]> = {
  hostNamespaces: [
    ["hostNetwork", (p) => (p.spec.hostNetwork = true)],
    ["hostPID", (p) => (p.spec.hostPID = true)],
    ["hostIPC", (p) => (p.spec.hostIPC = true)],
  ],
  privileged: [
    ["a privileged container", (p) => (csc(p).privileged = true)],
    ["a privileged init container", (p) => (initSc(p).privileged = true)],
  ],
  capabilities_baseline: [["SYS_ADMIN added", (p) => ((csc(p).capabilities as Obj).add = ["SYS_ADMIN"])]],
  hostPathVolumes: [["a hostPath volume", (p) => (p.spec.volumes as Obj[]).push({ name: "host", hostPath: { path: "/" } })]],
  hostPorts: [["a hostPort", (p) => ((container(p).ports as Obj[])[0]!.hostPort = 8080)]],
  appArmorProfile: [
    ["an Unconfined appArmorProfile", (p) => (csc(p).appArmorProfile = { type: "Unconfined" })],
    ["the unconfined annotation", (p) => ((p.annotations as Record<string, string>)["container.apparmor.security.beta.kubernetes.io/app"] = "unconfined")],
  ],
  seLinuxOptions: [
    ["a custom SELinux type", (p) => (podSc(p).seLinuxOptions = { type: "spc_t" })],
    ["a custom SELinux user", (p) => (csc(p).seLinuxOptions = { user: "system_u" })],
    ["a custom SELinux role", (p) => (csc(p).seLinuxOptions = { role: "sysadm_r" })],
  ],
  procMount: [["procMount Unmasked", (p) => (csc(p).procMount = "Unmasked")]],
  seccompProfile_baseline: [["seccomp Unconfined on a container", (p) => (csc(p).seccompProfile = { type: "Unconfined" })]],
  sysctls: [["an unsafe sysctl", (p) => (podSc(p).sysctls = [{ name: "kernel.msgmax", value: "1" }])]],
  windowsHostProcess: [["hostProcess", (p) => (csc(p).windowsOptions = { hostProcess: true })]],
  restrictedVolumes: [
    ["a gitRepo volume", (p) => (p.spec.volumes as Obj[]).push({ name: "git", gitRepo: { repository: "x" } })],
    ["an nfs volume", (p) => (p.spec.volumes as Obj[]).push({ name: "nfs", nfs: { server: "x", path: "/" } })],
  ],
  allowPrivilegeEscalation: [
    ["unset", (p) => delete csc(p).allowPrivilegeEscalation],
    ["true on the init container", (p) => (initSc(p).allowPrivilegeEscalation = true)],
  ],
  runAsNonRoot: [
    ["false on a container", (p) => (csc(p).runAsNonRoot = false)],
    ["false on the pod", (p) => (podSc(p).runAsNonRoot = false)],
    [
      "unset on the pod and on a container",
      (p) => {
        delete podSc(p).runAsNonRoot;
        delete initSc(p).runAsNonRoot;
      },
    ],
  ],
  runAsUser: [
    ["0 on the pod", (p) => (podSc(p).runAsUser = 0)],
    ["0 on a container", (p) => (csc(p).runAsUser = 0)],
  ],
  seccompProfile_restricted: [
    [
      "unset on the pod and on a container",
      (p) => {
        delete podSc(p).seccompProfile;
        csc(p).seccompProfile = { type: "RuntimeDefault" };
      },
    ],
  ],
  capabilities_restricted: [
    ["drop without ALL", (p) => ((csc(p).capabilities as Obj).drop = ["NET_RAW"])],
    ["no capabilities on the init container", (p) => delete initSc(p).capabilities],
    ["CHOWN added (baseline allows it, restricted does not)", (p) => ((csc(p).capabilities as Obj).add = ["CHOWN"])],
  ],
};

/** Violations that also break another rule by their nature. */
const ALSO: Record<string, string[]> = {
  "a hostPath volume": ["restrictedVolumes"],
  "SYS_ADMIN added": ["capabilities_restricted"],
  "seccomp Unconfined on a container": ["seccompProfile_restricted"],
};

describe("Pod Security Standards checker", () => {
  it("enforces every baseline and restricted control of gitops-ecosystem.md §6.3, each mirroring a pod-security-admission check", () => {
    expect(POD_SECURITY_RULES.map((r) => `${r.level}/${r.id}`)).toEqual([
      "baseline/hostNamespaces",
      "baseline/privileged",
      "baseline/capabilities_baseline",
      "baseline/hostPathVolumes",
      "baseline/hostPorts",
      "baseline/appArmorProfile",
      "baseline/seLinuxOptions",
      "baseline/procMount",
      "baseline/seccompProfile_baseline",
      "baseline/sysctls",
      "baseline/windowsHostProcess",
      "restricted/restrictedVolumes",
      "restricted/allowPrivilegeEscalation",
      "restricted/runAsNonRoot",
      "restricted/runAsUser",
      "restricted/seccompProfile_restricted",
      "restricted/capabilities_restricted",
    ]);
    for (const r of POD_SECURITY_RULES) {
      expect(r.source).toMatch(/^check_\w+\.go$/);
      expect(r.description.length).toBeGreaterThan(10);
      expect(VIOLATIONS[r.id], `no violation test for ${r.id}`).toBeDefined();
    }
  });

  it("passes the minimal compliant pod", () => {
    expect(checkPodSecurity(compliantPod())).toEqual([]);
  });

  it("accepts seccomp Localhost, and a seccomp profile on every container instead of the pod", () => {
    const pod = compliantPod();
    podSc(pod).seccompProfile = { type: "Localhost", localhostProfile: "p.json" };
    expect(checkPodSecurity(pod)).toEqual([]);
    delete podSc(pod).seccompProfile;
    for (const c of [...(pod.spec.containers as Obj[]), ...(pod.spec.initContainers as Obj[])]) (c.securityContext as Obj).seccompProfile = { type: "RuntimeDefault" };
    expect(checkPodSecurity(pod)).toEqual([]);
  });

  for (const rule of POD_SECURITY_RULES) {
    describe(rule.id, () => {
      it.each(VIOLATIONS[rule.id] ?? [])("fails on %s", (name, mutate) => {
        const pod = compliantPod();
        mutate(pod);
        const found = checkPodSecurity(pod);
        expect(new Set(found.map((v) => v.rule))).toEqual(new Set([rule.id, ...(ALSO[name] ?? [])]));
        for (const v of found) expect(v.path).toMatch(/^(spec\.|metadata\.annotations)/);
      });
    });
  }

  it("checks only baseline controls at the baseline level", () => {
    const pod = compliantPod();
    delete csc(pod).allowPrivilegeEscalation;
    expect(checkPodSecurity(pod, "baseline")).toEqual([]);
    expect(checkPodSecurity(pod, "restricted").map((v) => v.rule)).toEqual(["allowPrivilegeEscalation"]);
  });

  it("finds the pods of workloads", () => {
    const template = { metadata: { annotations: { a: "b" } }, spec: { containers: [] } };
    expect(podsOf({ kind: "Deployment", spec: { template } })).toEqual([{ spec: template.spec, annotations: { a: "b" } }]);
    expect(podsOf({ kind: "CronJob", spec: { jobTemplate: { spec: { template } } } })).toHaveLength(1);
    expect(podsOf({ kind: "Pod", metadata: {}, spec: {} })).toHaveLength(1);
    expect(podsOf({ kind: "ConfigMap" })).toEqual([]);
  });
});

const rendering = goldenCases().filter((c) => c.expectedExit === 0 && c.argv[0] === "synth");

describe("every pod of every golden rendering", () => {
  it.each(rendering.map((c) => [c.name, c] as const))("%s meets PSS restricted, or warns VMCP610 where its podTemplateSpec asks otherwise", async (_name, c) => {
    const r = await runInProcess([...c.argv, "--diagnostics", "json"], { cwd: c.dir });
    if (r.code !== 0) return; // the golden test owns the exit code
    const pods = parseRendered(r.stdout).flatMap((o) => podsOf(o));
    expect(pods.length).toBeGreaterThan(0);
    const violations = pods.flatMap((p) => checkPodSecurity(p));
    const warned = r.stderr.includes('"VMCP610"');
    if (warned) expect(violations.length, "VMCP610 without a violation").toBeGreaterThan(0);
    else expect(violations).toEqual([]);
  });
});
