import { describe, expect, it } from "vitest";
import { renderText, vmcpInputs, type Obj } from "../render/render-text.js";

const oidcInline = (inline: string) => `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPOIDCConfig
metadata: {name: idp, namespace: ns}
spec:
  type: inline
  inline:
${inline.replace(/^/gm, "    ")}`;

const ksa = (body: string) => `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPOIDCConfig
metadata: {name: idp, namespace: ns}
spec:
  type: kubernetesServiceAccount
  kubernetesServiceAccount: ${body}`;

const incoming = (ref: string, source = "inline") =>
  `incomingAuth:\n  type: oidc\n  oidcConfigRef: ${ref}\noutgoingAuth: {source: ${source}}`;
const oidcOf = (config: Obj) => (config.incomingAuth as { oidc: Obj }).oidc;
const volumes = (pod: Obj) => (pod.spec as { volumes: { name: string }[] }).volumes.map((v) => v.name);
const envNames = (pod: Obj) =>
  (pod.spec as { containers: { env: { name: string }[] }[] }).containers[0]!.env.map((e) => e.name);

describe("incomingAuth.oidc from an inline MCPOIDCConfig", () => {
  it("writes clientId and audience always, defaults resource to the Service URL, and keeps the operator's key order", async () => {
    const r = await renderText(
      vmcpInputs(incoming("{name: idp, audience: api}"), oidcInline("issuer: https://idp.example.com")),
    );
    expect(r.codes).toEqual([]);
    const oidc = oidcOf(r.config());
    expect(oidc).toEqual({
      issuer: "https://idp.example.com",
      clientId: "",
      audience: "api",
      resource: "http://vmcp-demo.ns.svc.cluster.local:4483",
    });
    expect(envNames(r.pod())).not.toContain("VMCP_OIDC_CLIENT_SECRET");
  });

  it("takes resourceUrl and scopes from the reference and the flags from the config", async () => {
    const r = await renderText(
      vmcpInputs(
        incoming("{name: idp, audience: api, resourceUrl: 'https://mcp.example.com', scopes: [openid, email]}"),
        oidcInline(
          "issuer: http://idp.local\ninsecureAllowHTTP: true\njwksAllowPrivateIP: true\nprotectedResourceAllowPrivateIP: true\nclientSecretRef: {name: idp, key: secret}",
        ),
      ),
    );
    expect(Object.keys(oidcOf(r.config()))).toEqual([
      "issuer",
      "clientId",
      "clientSecretEnv",
      "audience",
      "resource",
      "scopes",
      "protectedResourceAllowPrivateIp",
      "jwksAllowPrivateIp",
      "insecureAllowHttp",
    ]);
    expect(oidcOf(r.config()).resource).toBe("https://mcp.example.com");
    expect(envNames(r.pod())[0]).toBe("VMCP_OIDC_CLIENT_SECRET");
  });

  it("is resolved whenever oidcConfigRef is set, as the operator does, even with type anonymous", async () => {
    const r = await renderText(
      vmcpInputs(
        "incomingAuth:\n  type: anonymous\n  oidcConfigRef: {name: idp, audience: api}\noutgoingAuth: {source: inline}",
        oidcInline("issuer: https://idp.example.com"),
      ),
    );
    expect((r.config().incomingAuth as Obj).type).toBe("anonymous");
    expect(oidcOf(r.config()).issuer).toBe("https://idp.example.com");
  });

  it("refuses a CA bundle ConfigMap whose volume name would exceed 63 characters", async () => {
    const long = "c".repeat(49);
    const r = await renderText(
      vmcpInputs(
        incoming("{name: idp, audience: api}"),
        oidcInline(`issuer: https://idp.example.com\ncaBundleRef: {configMapRef: {name: ${long}, key: ca.crt}}`),
      ),
    );
    expect(r.codes).toContain("VMCP601");
    expect(r.objects).toEqual([]);
  });
});

describe("spec.config.incomingAuth", () => {
  it("is ignored with a warning: spec.incomingAuth decides", async () => {
    const r = await renderText(
      vmcpInputs(
        "config:\n  incomingAuth: {type: local}\nincomingAuth: {type: anonymous}\noutgoingAuth: {source: inline}",
      ),
    );
    expect(r.codes).toEqual(["VMCP607"]);
    expect(r.config().incomingAuth).toEqual({ type: "anonymous" });
  });
});

describe("incomingAuth.oidc from a kubernetesServiceAccount MCPOIDCConfig", () => {
  it("static mode: trusts the cluster CA, mounted from kube-root-ca.crt because no token volume exists", async () => {
    const r = await renderText(vmcpInputs(incoming("{name: idp, audience: api}"), ksa("{}")));
    expect(oidcOf(r.config())).toMatchObject({
      issuer: "https://kubernetes.default.svc",
      jwksAllowPrivateIp: true,
      caBundlePath: "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt",
    });
    const pod = r.pod() as { spec: { volumes: Obj[]; containers: { volumeMounts: Obj[] }[] } };
    expect(pod.spec.volumes).toContainEqual({
      name: "oidc-kube-root-ca",
      configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] },
    });
    expect(pod.spec.containers[0]!.volumeMounts).toContainEqual({
      name: "oidc-kube-root-ca",
      mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
      readOnly: true,
    });
  });

  it("discovered mode: the token volume already holds the CA, nothing extra is mounted", async () => {
    const r = await renderText(vmcpInputs(incoming("{name: idp, audience: api}", "discovered"), ksa("{}")));
    expect(oidcOf(r.config()).caBundlePath).toBe("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt");
    expect(volumes(r.pod())).toEqual(["vmcp-config", "tmp"]);
  });

  it("useClusterAuth: false sets neither the CA nor private-IP JWKS, and mounts nothing", async () => {
    const r = await renderText(
      vmcpInputs(
        incoming("{name: idp, audience: api}"),
        ksa(
          "{useClusterAuth: false, issuer: 'https://issuer.example.com', introspectionUrl: 'https://issuer.example.com/introspect'}",
        ),
      ),
    );
    expect(oidcOf(r.config())).toEqual({
      issuer: "https://issuer.example.com",
      clientId: "",
      audience: "api",
      resource: "http://vmcp-demo.ns.svc.cluster.local:4483",
      introspectionUrl: "https://issuer.example.com/introspect",
    });
    expect(volumes(r.pod())).toEqual(["vmcp-config", "tmp"]);
  });
});

describe("incomingAuth.authz", () => {
  const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cedar, namespace: ns}\n${data}`;
  const authzCm = (extra = "") =>
    `incomingAuth:\n  type: anonymous\n  authzConfig:\n    type: configMap\n    configMap: {name: cedar}\n${extra}outgoingAuth: {source: inline}`;
  const authzOf = (config: Obj) => (config.incomingAuth as { authz: Obj }).authz;

  it("ConfigMap: the default key is authz.json; spec-level claim fields win over the ConfigMap's", async () => {
    const payload = JSON.stringify({
      version: "1.0",
      type: "cedarv1",
      cedar: {
        policies: ["permit(principal, action, resource);"],
        group_claim_name: "groups",
        role_claim_name: "roles",
      },
    });
    const r = await renderText(
      vmcpInputs(authzCm("    groupClaimName: teams\n"), cm(`data:\n  authz.json: '${payload}'`)),
    );
    expect(r.codes).toEqual([]);
    expect(authzOf(r.config())).toEqual({
      type: "cedar",
      policies: ["permit(principal, action, resource);"],
      groupClaimName: "teams",
      roleClaimName: "roles",
    });
  });

  it("ConfigMap: reads binaryData too", async () => {
    const payload = Buffer.from(
      JSON.stringify({
        version: "1.0",
        type: "cedarv1",
        cedar: { policies: ["permit(principal, action, resource);"] },
      }),
    ).toString("base64");
    const r = await renderText(vmcpInputs(authzCm(), cm(`binaryData:\n  authz.json: ${payload}`)));
    expect(authzOf(r.config()).policies).toEqual(["permit(principal, action, resource);"]);
  });

  it("ConfigMap: a missing key is an error naming the key", async () => {
    const r = await renderText(vmcpInputs(authzCm(), cm("data:\n  policies.json: '{}'")));
    expect(r.codes).toEqual(["VMCP410"]);
    expect(r.diagnostics[0]!.message).toContain('no key "authz.json"');
  });

  it("MCPAuthzConfig: an empty policy list is refused on the MCPAuthzConfig", async () => {
    const ref =
      "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPAuthzConfig\nmetadata: {name: shared, namespace: ns}\nspec:\n  type: cedarv1\n  config: {policies: []}";
    const r = await renderText(
      vmcpInputs(
        "incomingAuth:\n  type: anonymous\n  authzConfigRef: {name: shared}\noutgoingAuth: {source: inline}",
        ref,
      ),
    );
    expect(r.codes).toEqual(["VMCP608"]);
    expect(r.diagnostics[0]!.resource).toEqual({ kind: "MCPAuthzConfig", namespace: "ns", name: "shared" });
    expect(r.diagnostics[0]!.subject).toEqual({ kind: "VirtualMCPServer", namespace: "ns", name: "demo" });
  });

  it("refuses the deprecated inline primaryUpstreamProvider without an embedded auth server", async () => {
    const r = await renderText(
      vmcpInputs(
        "incomingAuth:\n  type: anonymous\n  authzConfig:\n    type: inline\n    inline:\n      policies: ['permit(principal, action, resource);']\n      primaryUpstreamProvider: github\noutgoingAuth: {source: inline}",
      ),
    );
    expect(r.codes).toEqual(["VMCP608"]);
  });
});
