import { describe, expect, it } from "vitest";
import { renderText, vmcpInputs, type Obj } from "./render-text.js";

const CHECKSUM = "toolhive.stacklok.dev/content-checksum";
const ROLLOUT = "toolhive.stacklok.dev/runconfig-checksum";

async function checksums(
  source: "inline" | "discovered" | undefined,
): Promise<{ configMap: string; pod: string; text: string }> {
  const outgoing = source ? `outgoingAuth:\n  source: ${source}` : "";
  const r = await renderText(vmcpInputs(`incomingAuth: {type: anonymous}\n${outgoing}`));
  expect(r.codes).toEqual([]);
  const cm = r.find("ConfigMap") as { metadata: { annotations: Record<string, string> } };
  const pod = r.pod() as { metadata: { annotations: Record<string, string> } };
  return {
    configMap: cm.metadata.annotations[CHECKSUM]!,
    pod: pod.metadata.annotations[ROLLOUT]!,
    text: JSON.stringify(r.objects),
  };
}

describe("switching a VirtualMCPServer between static and discovered mode", () => {
  it("changes the ConfigMap checksum and with it the pod template annotation, so the pods roll", async () => {
    const inline = await checksums("inline");
    const discovered = await checksums("discovered");
    expect(inline.configMap).toMatch(/^[0-9a-f]{64}$/);
    expect(inline.pod).toBe(inline.configMap);
    expect(discovered.pod).toBe(discovered.configMap);
    expect(discovered.configMap).not.toBe(inline.configMap);
  });

  it("renders unchanged input to identical output, so nothing rolls", async () => {
    const first = await checksums("inline");
    const second = await checksums("inline");
    expect(second).toEqual(first);
  });

  it("treats a missing outgoingAuth as discovered (the CRD default): same config as explicit discovered", async () => {
    const implicit = await checksums(undefined);
    const explicit = await checksums("discovered");
    expect(implicit.configMap).toBe(explicit.configMap);
  });

  it("gives discovered mode a token, a Role and identity env, and static mode none of them", async () => {
    const render = async (source: string) =>
      renderText(vmcpInputs(`incomingAuth: {type: anonymous}\noutgoingAuth:\n  source: ${source}`));
    const dyn = await render("discovered");
    const stat = await render("inline");
    const env = (r: Awaited<ReturnType<typeof render>>) =>
      (r.pod() as { spec: { containers: { env: { name: string }[] }[] } }).spec.containers[0]!.env.map((e) => e.name);
    expect(dyn.find("Role")).toBeDefined();
    expect(dyn.find("RoleBinding")).toBeDefined();
    expect((dyn.pod() as { spec: Obj }).spec.automountServiceAccountToken).toBeUndefined();
    expect(env(dyn).slice(0, 2)).toEqual(["VMCP_NAME", "VMCP_NAMESPACE"]);
    expect(stat.find("Role")).toBeUndefined();
    expect((stat.pod() as { spec: Obj }).spec.automountServiceAccountToken).toBe(false);
    expect(env(stat)).not.toContain("VMCP_NAME");
    expect(stat.config().backends).toBeDefined();
    expect(dyn.config().backends).toBeUndefined();
  });
});
