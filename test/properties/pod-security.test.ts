import { describe, expect, it } from "vitest";
import { goldenCases } from "../helpers/golden-cases.js";
import { checkRestrictedPod, type PssCheck } from "../../src/render/pod-security.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { parseRendered, podTemplatesOf } from "./rendered-output.js";

// vmcp-gen's Pod Security Standards checker (src/render/pod-security.ts, the one behind VMCP610)
// against pods written from the Pod Security Standards page (gitops-ecosystem.md §6.3): a
// compliant pod, and for every control of the restricted profile mutations that break it.

type Obj = Record<string, unknown>;
type PodUnderTest = { metadata: { annotations: Record<string, string> }; spec: Obj };

/** The minimal compliant pod of gitops-ecosystem.md §6.3, with an init container and volumes of every allowed type. */
function compliantPod(): PodUnderTest {
  const sc = () => ({
    allowPrivilegeEscalation: false,
    capabilities: { drop: ["ALL"] },
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
  });
  return {
    metadata: { annotations: { "container.apparmor.security.beta.kubernetes.io/app": "runtime/default" } },
    spec: {
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 1000,
        seccompProfile: { type: "RuntimeDefault" },
        sysctls: [{ name: "net.ipv4.ip_local_port_range", value: "1024 65535" }],
      },
      initContainers: [{ name: "init", image: "busybox", securityContext: sc() }],
      containers: [
        {
          name: "app",
          image: "app",
          ports: [{ containerPort: 8080 }],
          securityContext: { ...sc(), capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } },
        },
      ],
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

type Mutate = (pod: PodUnderTest) => void;
const container = (pod: { spec: Obj }, i = 0) => (pod.spec.containers as Obj[])[i]!;
const csc = (pod: { spec: Obj }, i = 0) => container(pod, i).securityContext as Obj;
const initSc = (pod: { spec: Obj }) => (pod.spec.initContainers as Obj[])[0]!.securityContext as Obj;
const podSc = (pod: { spec: Obj }) => pod.spec.securityContext as Obj;

/** For every check, inputs that break it (and, by construction, only the checks named). */
const VIOLATIONS: Record<PssCheck, [string, Mutate][]> = {
  hostNamespaces: [
    ["hostNetwork", (p) => (p.spec.hostNetwork = true)],
    ["hostPID", (p) => (p.spec.hostPID = true)],
    ["hostIPC", (p) => (p.spec.hostIPC = true)],
  ],
  privileged: [
    ["a privileged container", (p) => (csc(p).privileged = true)],
    ["a privileged init container", (p) => (initSc(p).privileged = true)],
  ],
  hostPorts: [["a hostPort", (p) => ((container(p).ports as Obj[])[0]!.hostPort = 8080)]],
  appArmorProfile: [
    ["an Unconfined appArmorProfile", (p) => (csc(p).appArmorProfile = { type: "Unconfined" })],
    [
      "the unconfined annotation",
      (p) => (p.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"] = "unconfined"),
    ],
  ],
  seLinuxOptions: [
    ["a custom SELinux type", (p) => (podSc(p).seLinuxOptions = { type: "spc_t" })],
    ["a custom SELinux user", (p) => (csc(p).seLinuxOptions = { user: "system_u" })],
    ["a custom SELinux role", (p) => (csc(p).seLinuxOptions = { role: "sysadm_r" })],
  ],
  procMount: [["procMount Unmasked", (p) => (csc(p).procMount = "Unmasked")]],
  seccompProfile_baseline: [
    ["seccomp Unconfined on the pod", (p) => (podSc(p).seccompProfile = { type: "Unconfined" })],
  ],
  sysctls: [["an unsafe sysctl", (p) => (podSc(p).sysctls = [{ name: "kernel.msgmax", value: "1" }])]],
  windowsHostProcess: [["hostProcess", (p) => (csc(p).windowsOptions = { hostProcess: true })]],
  restrictedVolumes: [
    ["a hostPath volume", (p) => (p.spec.volumes as Obj[]).push({ name: "host", hostPath: { path: "/" } })],
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
    ["seccomp Unconfined on a container", (p) => (csc(p).seccompProfile = { type: "Unconfined" })],
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
    ["SYS_ADMIN added", (p) => ((csc(p).capabilities as Obj).add = ["SYS_ADMIN"])],
  ],
};

/** Violations that also break another check by their nature. */
const ALSO: Record<string, PssCheck[]> = {
  // Without a profile of its own, every container inherits the pod's Unconfined one.
  "seccomp Unconfined on the pod": ["seccompProfile_restricted"],
};

const checksOf = (pod: PodUnderTest) => new Set(checkRestrictedPod(pod).map((v) => v.check));

describe("Pod Security Standards checker (restricted)", () => {
  it("has cases for every control of the restricted profile (baseline's hostPath and capability controls are within restricted's volume and capability ones)", () => {
    expect(Object.keys(VIOLATIONS).sort()).toEqual(
      [
        "allowPrivilegeEscalation",
        "appArmorProfile",
        "capabilities_restricted",
        "hostNamespaces",
        "hostPorts",
        "privileged",
        "procMount",
        "restrictedVolumes",
        "runAsNonRoot",
        "runAsUser",
        "seccompProfile_baseline",
        "seccompProfile_restricted",
        "seLinuxOptions",
        "sysctls",
        "windowsHostProcess",
      ].sort(),
    );
  });

  it("passes the minimal compliant pod", () => {
    expect(checkRestrictedPod(compliantPod())).toEqual([]);
  });

  it("accepts seccomp Localhost, and a seccomp profile on every container instead of the pod", () => {
    const pod = compliantPod();
    podSc(pod).seccompProfile = { type: "Localhost", localhostProfile: "p.json" };
    expect(checkRestrictedPod(pod)).toEqual([]);
    delete podSc(pod).seccompProfile;
    for (const c of [...(pod.spec.containers as Obj[]), ...(pod.spec.initContainers as Obj[])])
      (c.securityContext as Obj).seccompProfile = { type: "RuntimeDefault" };
    expect(checkRestrictedPod(pod)).toEqual([]);
  });

  for (const [check, cases] of Object.entries(VIOLATIONS)) {
    describe(check, () => {
      it.each(cases)("fails on %s", (name, mutate) => {
        const pod = compliantPod();
        mutate(pod);
        expect(checksOf(pod)).toEqual(new Set([check, ...(ALSO[name] ?? [])]));
        for (const v of checkRestrictedPod(pod)) expect(v.path[0]).toMatch(/^(spec|metadata)$/);
      });
    });
  }
});

const rendering = goldenCases().filter((c) => c.expectedExit === 0 && c.argv[0] === "synth");

describe("every pod of every golden rendering", () => {
  it.each(rendering.map((c) => [c.name, c] as const))(
    "%s meets PSS restricted, or warns VMCP610 where its podTemplateSpec asks otherwise",
    async (_name, c) => {
      const r = await runInProcess([...c.argv, "--diagnostics", "json"], { cwd: c.dir });
      if (r.code !== 0) return; // the golden test owns the exit code
      const pods = parseRendered(r.stdout).flatMap((o) => podTemplatesOf(o));
      expect(pods.length).toBeGreaterThan(0);
      const violations = pods.flatMap((p) => checkRestrictedPod(p));
      const warned = r.stderr.includes('"VMCP610"');
      if (warned) expect(violations.length, "VMCP610 without a violation").toBeGreaterThan(0);
      else expect(violations).toEqual([]);
    },
  );
});
