import { describe, expect, it } from "vitest";
import { checkRestrictedPod } from "../../../src/render/pod-security.js";
import { renderText, vmcpInputs, type Obj } from "./render-text.js";

const withPatch = (patch: string) =>
  vmcpInputs(
    `incomingAuth: {type: anonymous}\noutgoingAuth: {source: inline}\npodTemplateSpec:\n${patch.replace(/^/gm, "  ")}`,
  );
type Pod = {
  metadata: { annotations: Record<string, string>; labels: Record<string, string> };
  spec: {
    containers: { name: string; env?: Obj[]; resources?: Obj }[];
    volumes: { name: string }[];
    tolerations?: Obj[];
  } & Obj;
};

describe("spec.podTemplateSpec", () => {
  it("merges containers by name and env by name, replaces tolerations, and deletes with null", async () => {
    const r = await renderText(
      withPatch(
        "spec:\n  terminationGracePeriodSeconds: null\n  tolerations: [{key: a, operator: Exists}]\n  containers:\n    - name: vmcp\n      env: [{name: HOME, value: /home/vmcp}]\n      resources: {limits: {cpu: '2'}}",
      ),
    );
    expect(r.codes).toEqual([]);
    const pod = r.pod() as unknown as Pod;
    const vmcp = pod.spec.containers.find((c) => c.name === "vmcp")!;
    expect(vmcp.env).toContainEqual({ name: "HOME", value: "/home/vmcp" });
    expect(vmcp.env!.filter((e) => e.name === "HOME")).toHaveLength(1);
    expect(vmcp.resources).toEqual({
      limits: { cpu: "2", memory: "512Mi" },
      requests: { cpu: "100m", memory: "128Mi" },
    });
    expect(pod.spec.tolerations).toEqual([{ key: "a", operator: "Exists" }]);
    expect(pod.spec.terminationGracePeriodSeconds).toBeUndefined();
  });

  it("keeps the config checksum annotation even when the patch replaces the annotations, with a warning", async () => {
    const r = await renderText(withPatch("metadata:\n  annotations:\n    $patch: replace\n    team: a"));
    const pod = r.pod() as unknown as Pod;
    const cm = r.find("ConfigMap") as { metadata: { annotations: Record<string, string> } };
    expect(pod.metadata.annotations["toolhive.stacklok.dev/runconfig-checksum"]).toBe(
      cm.metadata.annotations["toolhive.stacklok.dev/content-checksum"],
    );
    expect(pod.metadata.annotations.team).toBe("a");
    expect(r.codes).toEqual(["VMCP609"]);
  });

  it("warns when the vmcp container is removed", async () => {
    const r = await renderText(withPatch("spec:\n  containers:\n    - name: vmcp\n      $patch: delete"));
    expect(r.codes).toContain("VMCP609");
  });

  it("reports a patch the operator cannot apply at its path, and renders nothing", async () => {
    const r = await renderText(withPatch("spec:\n  volumes: {name: extra}"));
    expect(r.codes).toEqual(["VMCP602"]);
    expect(r.diagnostics[0]!.path).toEqual(["spec", "podTemplateSpec", "spec", "volumes"]);
    expect(r.objects).toEqual([]);
  });

  it("refuses a change to a selector label, but accepts added labels", async () => {
    expect((await renderText(withPatch("metadata:\n  labels: {toolhive-name: other}"))).codes).toEqual(["VMCP602"]);
    expect((await renderText(withPatch("metadata:\n  labels: {team: platform}"))).codes).toEqual([]);
  });

  it("checks the merged template against the Kubernetes schema, located where the patch wrote the value", async () => {
    const r = await renderText(
      withPatch(
        "metadata:\n  annotations: {team: {name: a}}\nspec:\n  containers:\n    - name: sidecar\n      image: busybox\n    - name: vmcp\n      env: [{name: MODE, value: 1}]",
      ),
    );
    expect(r.codes).toEqual(["VMCP602", "VMCP602"]);
    expect(r.diagnostics.map((d) => d.path)).toEqual([
      ["spec", "podTemplateSpec", "metadata", "annotations", "team"],
      ["spec", "podTemplateSpec", "spec", "containers", 1, "env", 0, "value"],
    ]);
    expect(r.diagnostics[1]!.message).toContain("must be a string");
    expect(r.objects).toEqual([]);
  });

  it("hashes the raw podTemplateSpec into the Deployment annotation", async () => {
    const a = await renderText(withPatch("spec: {nodeSelector: {pool: a}}"));
    const b = await renderText(withPatch("spec: {nodeSelector: {pool: b}}"));
    const hash = (r: Awaited<ReturnType<typeof renderText>>) =>
      (r.find("Deployment") as { metadata: { annotations: Record<string, string> } }).metadata.annotations[
        "toolhive.stacklok.io/podtemplatespec-hash"
      ];
    expect(hash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hash(a)).not.toBe(hash(b));
  });
});

describe("Pod Security Standards restricted", () => {
  it("holds for the pod vmcp-gen renders, in both modes", async () => {
    for (const source of ["inline", "discovered"]) {
      const r = await renderText(vmcpInputs(`incomingAuth: {type: anonymous}\noutgoingAuth: {source: ${source}}`));
      expect(checkRestrictedPod(r.pod())).toEqual([]);
    }
  });

  const base = () => ({
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
      containers: [
        { name: "c", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } },
      ],
      volumes: [{ name: "v", configMap: { name: "x" } }],
    },
  });
  type Template = ReturnType<typeof base> & { spec: Obj };
  const cases: [string, (t: Template) => void, RegExp][] = [
    ["hostNetwork", (t) => void (t.spec.hostNetwork = true), /hostNetwork/],
    [
      "a hostPath volume",
      (t) => void t.spec.volumes.push({ name: "h", hostPath: { path: "/" } } as never),
      /type hostPath/,
    ],
    [
      "a privileged container",
      (t) => void Object.assign(t.spec.containers[0]!.securityContext, { privileged: true }),
      /privileged/,
    ],
    [
      "privilege escalation",
      (t) => void (t.spec.containers[0]!.securityContext.allowPrivilegeEscalation = true),
      /allowPrivilegeEscalation/,
    ],
    [
      "runAsNonRoot false on a container",
      (t) => void Object.assign(t.spec.containers[0]!.securityContext, { runAsNonRoot: false }),
      /may run as root/,
    ],
    ["runAsUser 0", (t) => void Object.assign(t.spec.securityContext, { runAsUser: 0 }), /user 0/],
    ["seccomp Unconfined", (t) => void (t.spec.securityContext.seccompProfile.type = "Unconfined"), /Unconfined/],
    [
      "a capability not dropped",
      (t) => void (t.spec.containers[0]!.securityContext.capabilities.drop = []),
      /drop ALL/,
    ],
    [
      "an added capability",
      (t) => void Object.assign(t.spec.containers[0]!.securityContext.capabilities, { add: ["SYS_ADMIN"] }),
      /SYS_ADMIN/,
    ],
    [
      "a hostPort",
      (t) => void Object.assign(t.spec.containers[0]!, { ports: [{ containerPort: 80, hostPort: 80 }] }),
      /hostPort/,
    ],
    [
      "an unsafe sysctl",
      (t) => void Object.assign(t.spec.securityContext, { sysctls: [{ name: "kernel.msgmax", value: "1" }] }),
      /sysctl/,
    ],
    [
      "runAsNonRoot false on the pod",
      (t) => void Object.assign(t.spec.securityContext, { runAsNonRoot: false }),
      /runAsNonRoot: false/,
    ],
    [
      "an Unconfined AppArmor profile",
      (t) => void Object.assign(t.spec.containers[0]!.securityContext, { appArmorProfile: { type: "Unconfined" } }),
      /AppArmor/,
    ],
    [
      "an AppArmor annotation",
      (t) =>
        void Object.assign(t, {
          metadata: { annotations: { "container.apparmor.security.beta.kubernetes.io/c": "unconfined" } },
        }),
      /AppArmor/,
    ],
    [
      "a custom SELinux type",
      (t) => void Object.assign(t.spec.securityContext, { seLinuxOptions: { type: "spc_t" } }),
      /SELinux type spc_t/,
    ],
    [
      "a custom SELinux user",
      (t) => void Object.assign(t.spec.containers[0]!.securityContext, { seLinuxOptions: { user: "system_u" } }),
      /SELinux user/,
    ],
  ];
  it("holds for the base case", () => expect(checkRestrictedPod(base())).toEqual([]));
  it("allows NET_BIND_SERVICE", () => {
    const t = base();
    Object.assign(t.spec.containers[0]!.securityContext.capabilities, { add: ["NET_BIND_SERVICE"] });
    expect(checkRestrictedPod(t)).toEqual([]);
  });
  it.each(cases)("catches %s", (_name, mutate, message) => {
    const t = base() as Template;
    mutate(t);
    expect(
      checkRestrictedPod(t)
        .map((v) => v.message)
        .join("; "),
    ).toMatch(message);
  });
});
