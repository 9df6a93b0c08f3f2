import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";

/**
 * Random *valid* inputs for property tests: one or two VirtualMCPServers, each with a group of
 * 1–12 members of the three kinds (MCPServer, MCPRemoteProxy, MCPServerEntry) with random names,
 * transports and ports, random CA bundles, auth configs drawn from a pool of the types vMCP can
 * use, per-backend overrides, header forwarding, and Secrets whose values are sentinels that must
 * never reach any output.
 */

const TH = "toolhive.stacklok.dev/v1beta1";
export const SENTINEL = "SENTINEL-secret-value";

const FIXTURES = path.resolve(import.meta.dirname, "../unit/validate/fixtures");
const CERTS = ["ca.pem", "ca-second.pem"].map((f) => readFileSync(path.join(FIXTURES, f), "utf8").trim());

type Obj = Record<string, unknown>;

/** A DNS-1123 label of 1–`max` characters. */
const label = (max: number) => fc.stringMatching(new RegExp(`^[a-z]([-a-z0-9]{0,${max - 2}}[a-z0-9])?$`));

export type AuthType = "unauthenticated" | "tokenExchange" | "headerInjection" | "awsSts" | "xaa" | "upstreamInject";

export interface AuthConfigSpec {
  readonly name: string;
  readonly type: AuthType;
  /** Whether the Secret it references is among the inputs (with a sentinel value). */
  readonly secretPresent: boolean;
}

export type MemberSpec =
  | {
      readonly kind: "MCPServer";
      readonly name: string;
      readonly transport: "stdio" | "sse" | "streamable-http";
      readonly proxyMode?: "sse" | "streamable-http";
      readonly proxyPort?: number;
      readonly auth?: number;
    }
  | {
      readonly kind: "MCPRemoteProxy";
      readonly name: string;
      readonly transport: "sse" | "streamable-http";
      readonly proxyPort?: number;
      readonly auth?: number;
    }
  | {
      readonly kind: "MCPServerEntry";
      readonly name: string;
      readonly transport: "sse" | "streamable-http";
      readonly auth?: number;
      /** Index into the scenario's CA bundles. */
      readonly ca?: number;
      readonly plaintextHeaders: readonly string[];
      readonly secretHeader: boolean;
    };

export interface CaBundleSpec {
  readonly name: string;
  readonly key?: string;
  /** Which of the test certificates the bundle holds, in order. */
  readonly certs: readonly number[];
}

export interface VmcpSpec {
  readonly name: string;
  readonly namespace: string;
  readonly group: string;
  readonly source: "inline" | "discovered";
  readonly members: readonly MemberSpec[];
  readonly authConfigs: readonly AuthConfigSpec[];
  readonly caBundles: readonly CaBundleSpec[];
  readonly defaultAuth?: number;
  /** Per-backend overrides: member index → auth config index, or `discovered`. */
  readonly overrides: readonly { readonly member: number; readonly auth: number | "discovered" }[];
  readonly replicas?: number;
}

export interface Scenario {
  readonly vmcps: readonly VmcpSpec[];
}

// upstreamInject is left out: it needs the embedded auth server, which vmcp-gen refuses (VMCP520).
const AUTH_TYPES: readonly AuthType[] = ["unauthenticated", "tokenExchange", "headerInjection", "awsSts", "xaa"];

const memberArb = (name: string, authCount: number, caCount: number): fc.Arbitrary<MemberSpec> => {
  const auth = authCount > 0 ? fc.option(fc.nat({ max: authCount - 1 }), { nil: undefined }) : fc.constant(undefined);
  const port = fc.option(fc.integer({ min: 1024, max: 65535 }), { nil: undefined });
  return fc.oneof(
    fc.record({
      kind: fc.constant("MCPServer" as const),
      name: fc.constant(name),
      transport: fc.constantFrom("stdio" as const, "sse" as const, "streamable-http" as const),
      proxyMode: fc.option(fc.constantFrom("sse" as const, "streamable-http" as const), { nil: undefined }),
      proxyPort: port,
      auth,
    }),
    fc.record({
      kind: fc.constant("MCPRemoteProxy" as const),
      name: fc.constant(name),
      transport: fc.constantFrom("sse" as const, "streamable-http" as const),
      proxyPort: port,
      auth,
    }),
    fc.record({
      kind: fc.constant("MCPServerEntry" as const),
      name: fc.constant(name),
      transport: fc.constantFrom("sse" as const, "streamable-http" as const),
      auth,
      ca: caCount > 0 ? fc.option(fc.nat({ max: caCount - 1 }), { nil: undefined }) : fc.constant(undefined),
      plaintextHeaders: fc.uniqueArray(fc.stringMatching(/^X-[A-Z][a-z]{1,8}$/), { maxLength: 2 }),
      secretHeader: fc.boolean(),
    }),
  );
};

const vmcpArb = (namespace: string): fc.Arbitrary<VmcpSpec> =>
  fc
    .record({
      // vmcp-<name> must fit a 63-character Service name.
      name: label(40),
      group: label(30),
      source: fc.constantFrom("inline" as const, "discovered" as const),
      memberNames: fc.uniqueArray(label(30), { minLength: 1, maxLength: 12 }),
      authConfigs: fc.uniqueArray(
        fc.record({ name: label(30), type: fc.constantFrom(...AUTH_TYPES), secretPresent: fc.boolean() }),
        { maxLength: 4, selector: (a) => a.name },
      ),
      caBundles: fc.uniqueArray(
        fc.record({
          name: label(30),
          key: fc.option(fc.constantFrom("ca.crt", "bundle.pem", "root-ca.pem"), { nil: undefined }),
          certs: fc.array(fc.nat({ max: CERTS.length - 1 }), { minLength: 1, maxLength: 3 }),
        }),
        { maxLength: 3, selector: (c) => c.name },
      ),
      replicas: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    })
    .chain((base) =>
      fc.record({
        name: fc.constant(base.name),
        namespace: fc.constant(namespace),
        group: fc.constant(base.group),
        source: fc.constant(base.source),
        authConfigs: fc.constant(base.authConfigs),
        caBundles: fc.constant(base.caBundles),
        replicas: fc.constant(base.replicas),
        members: fc.tuple(...base.memberNames.map((n) => memberArb(n, base.authConfigs.length, base.caBundles.length))),
        defaultAuth:
          base.authConfigs.length > 0
            ? fc.option(fc.nat({ max: base.authConfigs.length - 1 }), { nil: undefined })
            : fc.constant(undefined),
        overrides: fc.uniqueArray(
          fc.record({
            member: fc.nat({ max: base.memberNames.length - 1 }),
            auth:
              base.authConfigs.length > 0
                ? fc.oneof(fc.constant("discovered" as const), fc.nat({ max: base.authConfigs.length - 1 }))
                : fc.constant("discovered" as const),
          }),
          { maxLength: 3, selector: (o) => o.member },
        ),
      }),
    );

/** One or two VirtualMCPServers, in distinct namespaces. */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .uniqueArray(label(20), { minLength: 1, maxLength: 2 })
  .chain((namespaces) => fc.tuple(...namespaces.map(vmcpArb)).map((vmcps) => ({ vmcps })));

const meta = (name: string, namespace: string) => ({ name, namespace });

function authConfigObject(a: AuthConfigSpec, ns: string): Obj {
  const secret = { name: `${a.name}-secret`, key: "value" };
  const blocks: Record<AuthType, Obj | undefined> = {
    unauthenticated: undefined,
    tokenExchange: {
      tokenUrl: "https://sso.example.com/oauth2/token",
      audience: "backends",
      clientId: "vmcp",
      clientSecretRef: secret,
      scopes: ["mcp"],
    },
    headerInjection: { headerName: "X-API-Key", valueSecretRef: secret },
    awsSts: { region: "eu-west-1", fallbackRoleArn: "arn:aws:iam::123456789012:role/vmcp" },
    xaa: {
      idpTokenUrl: "https://idp.example.com/token",
      targetTokenUrl: "https://target.example.com/token",
      targetAudience: "target",
      idpClientId: "vmcp",
      idpClientSecretRef: secret,
    },
    upstreamInject: { providerName: "corp" },
  };
  const block = blocks[a.type];
  return {
    apiVersion: TH,
    kind: "MCPExternalAuthConfig",
    metadata: meta(a.name, ns),
    spec: { type: a.type, ...(block ? { [a.type]: block } : {}) },
  };
}

function memberObject(m: MemberSpec, v: VmcpSpec): Obj {
  const common = {
    groupRef: { name: v.group },
    ...(m.auth !== undefined ? { externalAuthConfigRef: { name: v.authConfigs[m.auth]!.name } } : {}),
  };
  switch (m.kind) {
    case "MCPServer":
      return {
        apiVersion: TH,
        kind: m.kind,
        metadata: meta(m.name, v.namespace),
        spec: {
          image: `ghcr.io/example/${m.name}:1.0.0`,
          transport: m.transport,
          ...(m.proxyMode ? { proxyMode: m.proxyMode } : {}),
          ...(m.proxyPort ? { proxyPort: m.proxyPort } : {}),
          ...common,
        },
      };
    case "MCPRemoteProxy":
      return {
        apiVersion: TH,
        kind: m.kind,
        metadata: meta(m.name, v.namespace),
        spec: {
          remoteUrl: `https://${m.name}.remote.example.com/mcp`,
          transport: m.transport,
          ...(m.proxyPort ? { proxyPort: m.proxyPort } : {}),
          ...common,
        },
      };
    case "MCPServerEntry": {
      const ca = m.ca !== undefined ? v.caBundles[m.ca] : undefined;
      const headerForward =
        m.plaintextHeaders.length > 0 || m.secretHeader
          ? {
              ...(m.plaintextHeaders.length > 0
                ? { addPlaintextHeaders: Object.fromEntries(m.plaintextHeaders.map((h) => [h, "plain-value"])) }
                : {}),
              ...(m.secretHeader
                ? {
                    addHeadersFromSecret: [
                      { headerName: "Authorization", valueSecretRef: { name: `${m.name}-header`, key: "token" } },
                    ],
                  }
                : {}),
            }
          : undefined;
      return {
        apiVersion: TH,
        kind: m.kind,
        metadata: meta(m.name, v.namespace),
        spec: {
          remoteUrl: `https://${m.name}.example.com/mcp`,
          transport: m.transport,
          ...common,
          ...(ca ? { caBundleRef: { configMapRef: { name: ca.name, key: ca.key ?? "ca.crt" } } } : {}),
          ...(headerForward ? { headerForward } : {}),
        },
      };
    }
  }
}

function vmcpObjects(v: VmcpSpec): Obj[] {
  const objects: Obj[] = [{ apiVersion: TH, kind: "MCPGroup", metadata: meta(v.group, v.namespace) }];
  for (const a of v.authConfigs) {
    objects.push(authConfigObject(a, v.namespace));
    if (a.secretPresent && a.type !== "unauthenticated" && a.type !== "awsSts" && a.type !== "upstreamInject") {
      objects.push({
        apiVersion: "v1",
        kind: "Secret",
        metadata: meta(`${a.name}-secret`, v.namespace),
        stringData: { value: `${SENTINEL}-${a.name}` },
      });
    }
  }
  for (const c of v.caBundles) {
    const pem = `${c.certs.map((i) => CERTS[i]!).join("\n")}\n`;
    objects.push({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: meta(c.name, v.namespace),
      data: { [c.key ?? "ca.crt"]: pem },
    });
  }
  for (const m of v.members) {
    objects.push(memberObject(m, v));
    if (m.kind === "MCPServerEntry" && m.secretHeader)
      objects.push({
        apiVersion: "v1",
        kind: "Secret",
        metadata: meta(`${m.name}-header`, v.namespace),
        data: { token: Buffer.from(`${SENTINEL}-${m.name}`).toString("base64") },
      });
  }
  const outgoing: Obj = { source: v.source };
  if (v.defaultAuth !== undefined)
    outgoing.default = {
      type: "externalAuthConfigRef",
      externalAuthConfigRef: { name: v.authConfigs[v.defaultAuth]!.name },
    };
  if (v.overrides.length > 0) {
    outgoing.backends = Object.fromEntries(
      v.overrides.map((o) => [
        v.members[o.member]!.name,
        o.auth === "discovered"
          ? { type: "discovered" }
          : { type: "externalAuthConfigRef", externalAuthConfigRef: { name: v.authConfigs[o.auth]!.name } },
      ]),
    );
  }
  objects.push({
    apiVersion: TH,
    kind: "VirtualMCPServer",
    metadata: meta(v.name, v.namespace),
    spec: {
      groupRef: { name: v.group },
      incomingAuth: { type: "anonymous" },
      outgoingAuth: outgoing,
      ...(v.replicas !== undefined ? { replicas: v.replicas } : {}),
    },
  });
  return objects;
}

/** Every object of the scenario, in a canonical order. */
export function scenarioObjects(s: Scenario): Obj[] {
  return s.vmcps.flatMap(vmcpObjects);
}

/** One YAML document per object. */
export function scenarioDocuments(s: Scenario): string[] {
  // YAML 1.1 quoting, as kubectl needs it: a name such as `on` used as a map key stays a string.
  return scenarioObjects(s).map((o) => stringify(o, { lineWidth: 0, version: "1.1" }));
}

/** The sentinels the scenario's Secrets hold, none of which may appear in any output. */
export function scenarioSentinels(s: Scenario): string[] {
  return scenarioObjects(s)
    .filter((o) => o.kind === "Secret")
    .map((o) => {
      const data = (o.stringData ?? o.data) as Record<string, string>;
      const value = Object.values(data)[0]!;
      return o.stringData ? value : Buffer.from(value, "base64").toString("utf8");
    });
}
