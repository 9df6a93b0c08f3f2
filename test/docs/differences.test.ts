import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/run-in-process.js";

/**
 * One focused test per deliberate difference from the ToolHive v0.44.0 operator that no other
 * test pins down. docs/differences-from-operator.md names each of these tests; keep the names.
 */

type Obj = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: unknown;
  };
  [k: string]: unknown;
};
type Container = {
  image: string;
  imagePullPolicy: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  volumeMounts: { name: string; mountPath: string }[];
};
type PodSpec = {
  automountServiceAccountToken?: boolean;
  containers: Container[];
  volumes: { name: string; configMap?: { name: string }; emptyDir?: object }[];
};
type Deployment = Obj & {
  spec: {
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
};
type Backend = {
  name: string;
  url: string;
  transport: string;
  type?: string;
  caBundlePath?: string;
  metadata: Record<string, string>;
};
type Strategy = { type: string; [k: string]: unknown };
type Config = {
  backends?: Backend[];
  outgoingAuth: { source: string; default?: Strategy; backends?: Record<string, Strategy> };
};

interface Rendered {
  code: number;
  stdout: string;
  stderr: string;
  objects: Obj[];
  config: Config;
  deployment: Deployment;
  container: Container;
}

async function render(files: Record<string, string>, ...flags: string[]): Promise<Rendered> {
  const dir = mkdtempSync(path.join(tmpdir(), "vmcp-gen-diff-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const r = await runInProcess(["synth", ".", ...flags], { cwd: dir });
    const objects = r.code === 0 ? parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj) : [];
    const cm = objects.find(
      (o) =>
        o.kind === "ConfigMap" && typeof (o.data as Record<string, unknown> | undefined)?.["config.yaml"] === "string",
    );
    const deployment = objects.find((o) => o.kind === "Deployment") as Deployment;
    return {
      ...r,
      objects,
      config: cm ? (parse((cm.data as Record<string, string>)["config.yaml"]!) as Config) : ({} as Config),
      deployment,
      container: deployment?.spec.template.spec.containers[0] as Container,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NS = "team";
const group = (name = "tools") =>
  `apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPGroup\nmetadata:\n  name: ${name}\n  namespace: ${NS}\n`;

function vmcp(outgoingAuth: string, extra = ""): string {
  return `apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPServer
metadata:
  name: gw
  namespace: ${NS}
spec:
  groupRef:
    name: tools
  incomingAuth:
    type: anonymous
  outgoingAuth:
${outgoingAuth.replace(/^/gm, "    ")}
${extra}`;
}

function entry(name: string, body = ""): string {
  return `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServerEntry
metadata:
  name: ${name}
  namespace: ${NS}
spec:
  groupRef:
    name: tools
  remoteUrl: https://${name}.example.com/mcp
  transport: streamable-http
${body}`;
}

function server(name: string, spec: string, extra = ""): string {
  return `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServer
metadata:
  name: ${name}
  namespace: ${NS}
spec:
  image: ghcr.io/example/${name}:1.0.0
  groupRef:
    name: tools
${spec}${extra}`;
}

const PEM = `-----BEGIN CERTIFICATE-----
MIIByjCCAXGgAwIBAgIUP1RhbNxNxqQt8ujbRc8UslM02RMwCgYIKoZIzj0EAwIw
OjEhMB8GA1UEAwwYRXhhbXBsZSBJbnRlcm5hbCBSb290IENBMRUwEwYDVQQKDAxF
eGFtcGxlIENvcnAwIBcNMjYxMTIxMTQ1NjI3WhgPMjEyNjEwMjgxNDU2MjdaMDox
ITAfBgNVBAMMGEV4YW1wbGUgSW50ZXJuYWwgUm9vdCBDQTEVMBMGA1UECgwMRXhh
bXBsZSBDb3JwMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEa17z3kaB5ipuhPHa
FE/2l0OkW2F5Rkhk0JQumXH5OXBAi8Io4lMAzM8hLYvCIDSw/gN1f4hLZZHLSFYa
APgMTqNTMFEwHQYDVR0OBBYEFHuqwreQuEKdMjGdUwQjgRun6akRMB8GA1UdIwQY
MBaAFHuqwreQuEKdMjGdUwQjgRun6akRMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZI
zj0EAwIDRwAwRAIgCUQ0YRMNncbAUk/B3juSXN1upyieYrO89+mN9QHYm8ACIEZF
F7J78mpO6lx9IyJq+INy2twh1nI+kvUsmzqsfkDj
-----END CERTIFICATE-----
`;

const caConfigMap = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${NS}\ndata:\n  ca.crt: |\n${PEM.replace(/^(?=.)/gm, "    ")}`;
const withCa = (cm: string) => `  caBundleRef:\n    configMapRef:\n      name: ${cm}\n      key: ca.crt\n`;

function headerAuth(name: string, secret: string): string {
  return `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPExternalAuthConfig
metadata:
  name: ${name}
  namespace: ${NS}
spec:
  type: headerInjection
  headerInjection:
    headerName: X-API-Key
    valueSecretRef:
      name: ${secret}
      key: api-key
`;
}

const env = (c: Container) => (c.env ?? []).map((e) => e.name);

describe("deliberate differences from the ToolHive operator", () => {
  it("1. static mode is zero-permission; discovered mode keeps the Role, the token and VMCP_NAME/VMCP_NAMESPACE", async () => {
    const files = { "g.yaml": group(), "e.yaml": entry("docs") };
    const inline = await render({ ...files, "v.yaml": vmcp("source: inline") });
    expect(inline.objects.map((o) => o.kind)).toEqual(["ServiceAccount", "ConfigMap", "Service", "Deployment"]);
    expect(inline.objects[0]!.automountServiceAccountToken).toBe(false);
    expect(inline.deployment.spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(env(inline.container)).not.toContain("VMCP_NAME");
    expect(env(inline.container)).not.toContain("VMCP_NAMESPACE");

    const discovered = await render({ ...files, "v.yaml": vmcp("source: discovered") });
    expect(discovered.objects.map((o) => o.kind)).toEqual([
      "ServiceAccount",
      "Role",
      "RoleBinding",
      "ConfigMap",
      "Service",
      "Deployment",
    ]);
    expect(discovered.objects[0]!.automountServiceAccountToken).toBeUndefined();
    expect(discovered.deployment.spec.template.spec.automountServiceAccountToken).toBeUndefined();
    expect(env(discovered.container).slice(0, 2)).toEqual(["VMCP_NAME", "VMCP_NAMESPACE"]);
  });

  it("2. every MCPServerEntry backend carries type: entry, and caBundlePath never appears without it", async () => {
    const r = await render({
      "g.yaml": group(),
      "ca.yaml": caConfigMap("corp-ca"),
      "e.yaml": `${entry("internal", withCa("corp-ca"))}---\n${entry("public")}`,
      "s.yaml": server("fetch", "  transport: streamable-http\n"),
      "v.yaml": vmcp("source: inline"),
    });
    expect(r.code, r.stderr).toBe(0);
    const byName = Object.fromEntries(r.config.backends!.map((b) => [b.name, b]));
    expect(byName.internal).toMatchObject({ type: "entry", caBundlePath: "/etc/toolhive/ca-bundles/internal/ca.crt" });
    expect(byName.public).toMatchObject({ type: "entry" });
    expect(byName.public!.caBundlePath).toBeUndefined();
    expect(byName.fetch!.type).toBeUndefined();
    for (const b of r.config.backends!) if (b.caBundlePath) expect(b.type).toBe("entry");
  });

  it("3. an sse MCPServer stays sse; proxyMode only applies to stdio servers", async () => {
    const r = await render({
      "g.yaml": group(),
      "s.yaml": [
        server("legacy", "  transport: sse\n  proxyMode: streamable-http\n"),
        server("wrapped", "  transport: stdio\n  proxyMode: sse\n"),
        server("plain", "  transport: stdio\n"),
      ].join("---\n"),
      "v.yaml": vmcp("source: inline"),
    });
    expect(r.code, r.stderr).toBe(0);
    const byName = Object.fromEntries(r.config.backends!.map((b) => [b.name, b]));
    expect(byName.legacy).toMatchObject({
      transport: "sse",
      url: "http://mcp-legacy-proxy.team.svc.cluster.local:8080/sse#legacy",
    });
    expect(byName.wrapped).toMatchObject({
      transport: "sse",
      url: "http://mcp-wrapped-proxy.team.svc.cluster.local:8080/sse#wrapped",
    });
    expect(byName.plain).toMatchObject({
      transport: "streamable-http",
      url: "http://mcp-plain-proxy.team.svc.cluster.local:8080/mcp",
    });
  });

  it("4. type: discovered never reaches config.yaml in static mode: it resolves to the member's own auth config", async () => {
    const r = await render({
      "g.yaml": group(),
      "auth.yaml": headerAuth("crm-key", "crm-credentials"),
      "e.yaml": `${entry("crm", "  externalAuthConfigRef:\n    name: crm-key\n")}---\n${entry("docs")}`,
      "v.yaml": vmcp(
        "source: inline\ndefault:\n  type: discovered\nbackends:\n  crm:\n    type: discovered\n  docs:\n    type: discovered",
      ),
    });
    expect(r.code, r.stderr).toBe(0);
    const cm = r.objects.find((o) => o.kind === "ConfigMap")!;
    expect((cm.data as Record<string, string>)["config.yaml"]).not.toMatch(/discovered/);
    expect(r.config.outgoingAuth.default).toBeUndefined();
    expect(r.config.outgoingAuth.backends).toEqual({
      crm: {
        type: "header_injection",
        headerInjection: { headerName: "X-API-Key", headerValueEnv: "TOOLHIVE_HEADER_INJECTION_VALUE_CRM_KEY" },
      },
      docs: { type: "unauthenticated" },
    });
  });

  it("5. the secrets of a member's own auth config are mounted with secretKeyRef", async () => {
    const r = await render({
      "g.yaml": group(),
      "auth.yaml": headerAuth("billing-key", "billing-credentials"),
      "e.yaml": entry("billing", "  externalAuthConfigRef:\n    name: billing-key\n"),
      "v.yaml": vmcp("source: inline"),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.config.outgoingAuth.backends?.billing?.type).toBe("header_injection");
    expect(r.container.env).toContainEqual({
      name: "TOOLHIVE_HEADER_INJECTION_VALUE_BILLING_KEY",
      valueFrom: { secretKeyRef: { name: "billing-credentials", key: "api-key" } },
    });
  });

  it("6. the default OIDC resource is the Service URL vmcp-<name>", async () => {
    const oidc = `apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPOIDCConfig\nmetadata:\n  name: tokens\n  namespace: ${NS}\nspec:\n  type: kubernetesServiceAccount\n  kubernetesServiceAccount: {}\n`;
    const incoming = (extra: string) =>
      `  incomingAuth:\n    type: oidc\n    oidcConfigRef:\n      name: tokens\n      audience: gw-clients\n${extra}`;
    const base = { "g.yaml": group(), "e.yaml": entry("docs"), "o.yaml": oidc };
    const byDefault = await render({
      ...base,
      "v.yaml": vmcp("source: inline").replace("  incomingAuth:\n    type: anonymous\n", incoming("")),
    });
    expect(byDefault.code, byDefault.stderr).toBe(0);
    const resourceOf = (r: Rendered) =>
      (r.config as unknown as { incomingAuth: { oidc: { resource: string } } }).incomingAuth.oidc.resource;
    expect(resourceOf(byDefault)).toBe("http://vmcp-gw.team.svc.cluster.local:4483");
    const explicit = await render({
      ...base,
      "v.yaml": vmcp("source: inline").replace(
        "  incomingAuth:\n    type: anonymous\n",
        incoming("      resourceUrl: https://gw.example.com/mcp\n"),
      ),
    });
    expect(explicit.code, explicit.stderr).toBe(0);
    expect(resourceOf(explicit)).toBe("https://gw.example.com/mcp");
  });

  it("7. no HMAC Secret and no VMCP_SESSION_HMAC_SECRET", async () => {
    for (const source of ["inline", "discovered"]) {
      const r = await render({ "g.yaml": group(), "e.yaml": entry("docs"), "v.yaml": vmcp(`source: ${source}`) });
      expect(r.code, r.stderr).toBe(0);
      expect(r.objects.filter((o) => o.kind === "Secret")).toEqual([]);
      expect(env(r.container)).not.toContain("VMCP_SESSION_HMAC_SECRET");
      expect(r.stdout).not.toMatch(/hmac/i);
    }
  });

  it("8. no ownerReferences on any object", async () => {
    const r = await render({ "g.yaml": group(), "e.yaml": entry("docs"), "v.yaml": vmcp("source: discovered") });
    expect(r.code, r.stderr).toBe(0);
    for (const o of r.objects) expect(o.metadata.ownerReferences, `${o.kind}/${o.metadata.name}`).toBeUndefined();
  });

  it("9. status in the inputs is ignored: URLs are computed, entries validated, an existing group is ready", async () => {
    const r = await render({
      "g.yaml": `${group()}status:\n  phase: Failed\n`,
      "e.yaml": `${entry("docs")}status:\n  phase: Failed\n`,
      "s.yaml": `${server("fetch", "  transport: streamable-http\n")}status:\n  phase: Failed\n  url: http://somewhere-else.example.com/mcp\n`,
      "v.yaml": vmcp("source: inline"),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.config.backends!.map((b) => [b.name, b.url])).toEqual([
      ["docs", "https://docs.example.com/mcp"],
      ["fetch", "http://mcp-fetch-proxy.team.svc.cluster.local:8080/mcp"],
    ]);
    const bad = await render({
      "g.yaml": group(),
      "e.yaml": `${entry("docs").replace("https://docs.example.com/mcp", "http://169.254.169.254/latest")}status:\n  phase: Valid\n`,
      "v.yaml": vmcp("source: inline"),
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("VMCP502");
  });

  it("10. strict by default: an invalid member fails the render; --skip-invalid-backends leaves it out with a warning", async () => {
    const files = {
      "g.yaml": group(),
      "e.yaml": `${entry("good")}---\n${entry("broken", "  externalAuthConfigRef:\n    name: nowhere\n")}`,
      "v.yaml": vmcp("source: inline"),
    };
    const strict = await render(files);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe("");
    expect(strict.stderr).toContain("error VMCP402");
    const lenient = await render(files, "--skip-invalid-backends");
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.config.backends!.map((b) => b.name)).toEqual(["good"]);
    expect(lenient.stderr).toContain("warning VMCP512");
    expect(lenient.stderr).toContain("warning VMCP402");
  });

  it("workload_status is Valid on entry backends and left out for MCPServer and MCPRemoteProxy", async () => {
    const r = await render({
      "g.yaml": group(),
      "e.yaml": entry("docs"),
      "s.yaml": server("fetch", "  transport: streamable-http\n"),
      "p.yaml": `apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPRemoteProxy\nmetadata:\n  name: github\n  namespace: ${NS}\nspec:\n  remoteUrl: https://api.githubcopilot.com/mcp/\n  groupRef:\n    name: tools\n`,
      "v.yaml": vmcp("source: inline"),
    });
    expect(r.code, r.stderr).toBe(0);
    const status = Object.fromEntries(r.config.backends!.map((b) => [b.name, b.metadata.workload_status]));
    expect(status).toEqual({ docs: "Valid", fetch: undefined, github: undefined });
  });

  it("CA bundle volumes follow the entry names, whatever the order of the inputs", async () => {
    const entries = ["zeta", "alpha", "mid"].map((n) => entry(n, withCa("corp-ca")));
    for (const order of [entries, [...entries].reverse()]) {
      const r = await render({
        "g.yaml": group(),
        "ca.yaml": caConfigMap("corp-ca"),
        "e.yaml": order.join("---\n"),
        "v.yaml": vmcp("source: inline"),
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.deployment.spec.template.spec.volumes.map((v) => v.name)).toEqual([
        "vmcp-config",
        "ca-bundle-alpha",
        "ca-bundle-mid",
        "ca-bundle-zeta",
        "tmp",
      ]);
    }
  });

  it("source: mixed renders exactly as inline, with warning VMCP350", async () => {
    const files = { "g.yaml": group(), "e.yaml": entry("docs") };
    const inline = await render({ ...files, "v.yaml": vmcp("source: inline") });
    const mixed = await render({ ...files, "v.yaml": vmcp("source: mixed") });
    expect(mixed.code, mixed.stderr).toBe(0);
    expect(mixed.stdout).toBe(inline.stdout);
    expect(mixed.stderr).toContain("warning VMCP350");
  });

  it("every object is labelled managed-by vmcp-gen, never in a selector; the ConfigMap names vmcp-gen as its manager", async () => {
    const r = await render({ "g.yaml": group(), "e.yaml": entry("docs"), "v.yaml": vmcp("source: discovered") });
    expect(r.code, r.stderr).toBe(0);
    for (const o of r.objects)
      expect(o.metadata.labels?.["app.kubernetes.io/managed-by"], `${o.kind}`).toBe("vmcp-gen");
    const cm = r.objects.find((o) => o.kind === "ConfigMap")!;
    expect(cm.metadata.labels?.["toolhive.stacklok.io/managed-by"]).toBe("vmcp-gen");
    const selector = {
      app: "virtualmcpserver",
      "app.kubernetes.io/name": "virtualmcpserver",
      "app.kubernetes.io/instance": "gw",
      toolhive: "true",
      "toolhive-name": "gw",
    };
    expect(r.deployment.spec.selector.matchLabels).toEqual(selector);
    expect(
      (r.objects.find((o) => o.kind === "Service") as Obj & { spec: { selector: Record<string, string> } }).spec
        .selector,
    ).toEqual(selector);
  });

  it("a tmp emptyDir backs HOME and XDG_CONFIG_HOME on the read-only root filesystem", async () => {
    const r = await render({ "g.yaml": group(), "e.yaml": entry("docs"), "v.yaml": vmcp("source: inline") });
    expect(r.code, r.stderr).toBe(0);
    expect(r.deployment.spec.template.spec.volumes).toContainEqual({ name: "tmp", emptyDir: {} });
    expect(r.container.volumeMounts).toContainEqual({ name: "tmp", mountPath: "/tmp" });
    expect(r.container.env).toEqual(
      expect.arrayContaining([
        { name: "HOME", value: "/tmp" },
        { name: "XDG_CONFIG_HOME", value: "/tmp" },
      ]),
    );
  });

  it("the image is pinned to the reference version, pulled IfNotPresent", async () => {
    const r = await render({ "g.yaml": group(), "e.yaml": entry("docs"), "v.yaml": vmcp("source: inline") });
    expect(r.code, r.stderr).toBe(0);
    expect(r.container.image).toBe("ghcr.io/stacklok/toolhive/vmcp:v0.44.0");
    expect(r.container.imagePullPolicy).toBe("IfNotPresent");
  });

  it("spec.config.backends is dropped with warning VMCP607, in dynamic mode too", async () => {
    const config =
      "  config:\n    backends:\n    - name: extra\n      url: https://extra.example.com/mcp\n      transport: streamable-http\n";
    for (const source of ["inline", "discovered"]) {
      const r = await render({
        "g.yaml": group(),
        "e.yaml": entry("docs"),
        "v.yaml": vmcp(`source: ${source}`, config),
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("warning VMCP607");
      expect((r.config.backends ?? []).map((b) => b.name)).toEqual(source === "inline" ? ["docs"] : []);
    }
  });

  it("an override that names no backend of the group is written, with warning VMCP523", async () => {
    const r = await render({
      "g.yaml": group(),
      "auth.yaml": headerAuth("key", "credentials"),
      "e.yaml": entry("docs"),
      "v.yaml": vmcp(
        "source: inline\nbackends:\n  typo:\n    type: externalAuthConfigRef\n    externalAuthConfigRef:\n      name: key",
      ),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("warning VMCP523");
    expect(r.config.outgoingAuth.backends?.typo?.type).toBe("header_injection");
  });

  it("each secret variable is rendered once, also when the default and an override name the same auth config", async () => {
    const r = await render({
      "g.yaml": group(),
      "auth.yaml": headerAuth("key", "credentials"),
      "e.yaml": entry("docs"),
      "v.yaml": vmcp(
        "source: inline\ndefault:\n  type: externalAuthConfigRef\n  externalAuthConfigRef:\n    name: key\nbackends:\n  docs:\n    type: externalAuthConfigRef\n    externalAuthConfigRef:\n      name: key",
      ),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(env(r.container).filter((n) => n === "TOOLHIVE_HEADER_INJECTION_VALUE_KEY")).toHaveLength(1);
  });

  it("XAA client secrets are named in config.yaml in dynamic mode, next to the mounted variables", async () => {
    const xaa = `apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPExternalAuthConfig\nmetadata:\n  name: cross-app\n  namespace: ${NS}\nspec:\n  type: xaa\n  xaa:\n    idpTokenUrl: https://idp.example.com/token\n    targetTokenUrl: https://target.example.com/token\n    targetAudience: target\n    idpClientId: vmcp\n    idpClientSecretRef:\n      name: idp\n      key: secret\n`;
    const r = await render({
      "g.yaml": group(),
      "x.yaml": xaa,
      "e.yaml": entry("docs"),
      "v.yaml": vmcp(
        "source: discovered\ndefault:\n  type: externalAuthConfigRef\n  externalAuthConfigRef:\n    name: cross-app",
      ),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(
      (r.config.outgoingAuth.default as Strategy & { xaa: { idpClientSecretEnv?: string } }).xaa.idpClientSecretEnv,
    ).toBe("TOOLHIVE_XAA_IDP_CLIENT_SECRET_CROSS_APP");
    expect(env(r.container)).toContain("TOOLHIVE_XAA_IDP_CLIENT_SECRET_CROSS_APP");
  });

  it("CA bundle volumes are mounted in static mode only", async () => {
    const files = { "g.yaml": group(), "ca.yaml": caConfigMap("corp-ca"), "e.yaml": entry("docs", withCa("corp-ca")) };
    const dynamic = await render({ ...files, "v.yaml": vmcp("source: discovered") });
    expect(dynamic.code, dynamic.stderr).toBe(0);
    expect(dynamic.deployment.spec.template.spec.volumes.map((v) => v.name)).not.toContain("ca-bundle-docs");
  });

  it("an imagePullSecrets entry without a name is left out, with warning VMCP611", async () => {
    const r = await render({
      "g.yaml": group(),
      "e.yaml": entry("docs"),
      "v.yaml": vmcp("source: inline", "  imagePullSecrets:\n  - name: mirror\n  - {}\n"),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("warning VMCP611");
    expect((r.deployment.spec.template.spec as PodSpec & { imagePullSecrets?: unknown[] }).imagePullSecrets).toEqual([
      { name: "mirror" },
    ]);
  });

  it("a podTemplateSpec cannot set the pod's config checksum (warning VMCP609)", async () => {
    const pts =
      "  podTemplateSpec:\n    metadata:\n      annotations:\n        toolhive.stacklok.dev/runconfig-checksum: pinned\n";
    const r = await render({ "g.yaml": group(), "e.yaml": entry("docs"), "v.yaml": vmcp("source: inline", pts) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("warning VMCP609");
    const cm = r.objects.find((o) => o.kind === "ConfigMap")!;
    const template = r.deployment.spec.template as { metadata: { annotations?: Record<string, string> } };
    expect(template.metadata.annotations?.["toolhive.stacklok.dev/runconfig-checksum"]).toBe(
      cm.metadata.annotations?.["toolhive.stacklok.dev/content-checksum"],
    );
  });
});
