import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { CILIUM_CRD, ciliumPolicyValidator } from "../../helpers/cilium-schema.js";
import { GOLDEN_ROOT } from "../../helpers/golden-cases.js";

/**
 * The policies `--network-policy` renders are valid objects of their kinds: every NetworkPolicy
 * of the goldens against the Kubernetes API schema (kubernetes-models), every CiliumNetworkPolicy
 * against the Cilium CRD's openAPIV3Schema. The CRD is reference data kept outside the repository
 * (../shared/reference/cilium/); without it the Cilium half skips.
 */
type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; spec: Record<string, unknown> };

function goldenPolicies(kind: string): { where: string; object: Manifest }[] {
  const out: { where: string; object: Manifest }[] = [];
  for (const name of ["network-policy", "network-policy-cilium", "network-policy-warnings"]) {
    const text = readFileSync(path.join(GOLDEN_ROOT, name, "expected", "stdout"), "utf8");
    for (const doc of parseAllDocuments(text)) {
      const object = doc.toJS() as Manifest;
      if (object?.kind === kind) out.push({ where: `${name}: ${kind}/${object.metadata.name}`, object });
    }
  }
  return out;
}

const validateNetworkPolicy = (o: unknown) => new NetworkPolicy(o as never).validate();

describe("NetworkPolicy against the Kubernetes API schema", () => {
  const policies = goldenPolicies("NetworkPolicy");
  it("the goldens hold NetworkPolicies", () => expect(policies.length).toBeGreaterThanOrEqual(2));
  for (const p of policies) it(p.where, () => expect(() => validateNetworkPolicy(p.object)).not.toThrow());
  it("rejects a broken one (so the checks above can fail)", () => {
    const broken = structuredClone(policies[0]!.object);
    (broken.spec.egress as { ports: { port: unknown }[] }[])[0]!.ports[0]!.port = { number: 53 };
    expect(() => validateNetworkPolicy(broken)).toThrow();
  });
});

describe.skipIf(!existsSync(CILIUM_CRD))(
  "CiliumNetworkPolicy against the Cilium CRD (../shared/reference/cilium/ absent: skipped)",
  () => {
    const validate = ciliumPolicyValidator();
    const policies = goldenPolicies("CiliumNetworkPolicy");
    it("the goldens hold a CiliumNetworkPolicy", () => expect(policies.length).toBeGreaterThanOrEqual(1));
    for (const p of policies) {
      it(p.where, () => {
        expect(validate!(p.object), JSON.stringify(validate!.errors, null, 1)).toBe(true);
      });
    }
    it("rejects a broken one (so the checks above can fail)", () => {
      const broken = structuredClone(policies[0]!.object);
      (broken.spec.egress as { toFQDNs?: { matchName: string }[] }[]).find((r) => r.toFQDNs)!.toFQDNs![0]!.matchName =
        "not a host name!";
      expect(validate!(broken)).toBe(false);
    });
  },
);
