import { describe, expect, it } from "vitest";
import { doc, expectFindings, messageOf, vmcp, yaml } from "./cel-helpers.js";

function indent(text: string, n: number): string {
  return text.replace(/^(?=.)/gm, " ".repeat(n));
}

/** The same embedded auth server schema and CEL sit in two places. */
const OWNERS = [
  {
    owner: "VirtualMCPServer spec.authServerConfig",
    at: "spec.authServerConfig",
    build: (body: string) => vmcp("incomingAuth:\n  type: anonymous\nauthServerConfig:\n" + indent(body, 2)),
  },
  {
    owner: "MCPExternalAuthConfig spec.embeddedAuthServer",
    at: "spec.embeddedAuthServer",
    build: (body: string) =>
      doc("MCPExternalAuthConfig", "type: embeddedAuthServer\nembeddedAuthServer:\n" + indent(body, 2)),
  },
] as const;

const UPSTREAM = yaml`
  upstreamProviders:
    - name: idp
      type: oidc
      oidcConfig:
        clientId: c
        issuerUrl: https://idp.example.com
`;
const BASE = "issuer: https://auth.example.com\n" + UPSTREAM;
const DELEGATE =
  "delegateClients:\n  - clientId: dc\n    audiences: [api]\n    scopes: [openid]\n    clientSecretRef:\n      name: s\n      key: k\n";
const ACL = "    aclUserConfig:\n      passwordSecretRef:\n        name: redis\n        key: password\n";

/** A trustedIssuers list with one entry made of `fields` (dedented, first line after the dash). */
function issuer(fields: string): string {
  const [first, ...rest] = fields.split("\n");
  return "trustedIssuers:\n  - " + first + "\n" + indent(rest.join("\n"), 4);
}

describe.each(OWNERS)("VMCP311 $owner", ({ build, at }) => {
  it("passes for a minimal server", () => {
    expectFindings(build(BASE));
  });

  describe("top level", () => {
    it("allowConfidentialClientRegistration with insecureAllowHTTP: passes alone, fails together at insecureAllowHTTP", () => {
      expectFindings(build(BASE + "allowConfidentialClientRegistration: true\n"));
      expectFindings(build(BASE + "insecureAllowHTTP: true\n"));
      const text = build(BASE + "allowConfidentialClientRegistration: true\ninsecureAllowHTTP: true # VMCP311\n");
      expectFindings(text);
      expect(messageOf(text, "VMCP311")).toContain(
        `${at}.allowConfidentialClientRegistration and ${at}.insecureAllowHTTP are both true`,
      );
    });
    it("delegateClients need an https issuer: passes with https or without delegates, fails at an http issuer", () => {
      expectFindings(build(BASE + DELEGATE));
      expectFindings(build("issuer: http://auth.example.com\n" + UPSTREAM));
      expectFindings(build("issuer: http://auth.example.com # VMCP311\n" + UPSTREAM + DELEGATE));
    });
    it("forceConfidentialRedirectUris needs allowConfidentialClientRegistration", () => {
      expectFindings(
        build(
          BASE +
            "allowConfidentialClientRegistration: true\nforceConfidentialRedirectUris: [https://app.example.com/cb]\n",
        ),
      );
      expectFindings(build(BASE + "forceConfidentialRedirectUris: [https://app.example.com/cb] # VMCP311\n"));
    });
    it("delegateClients[].clientSecretRef name and key must be non-empty", () => {
      expectFindings(build(BASE + DELEGATE.replace("name: s", 'name: "" # VMCP311')));
      expectFindings(
        build(
          BASE +
            DELEGATE.replace("clientSecretRef:", "clientSecretRef: # VMCP311")
              .replace("name: s", 'name: ""')
              .replace("key: k", 'key: ""'),
        ),
      );
    });
  });

  describe("storage.redis", () => {
    const redis = (fields: string) => BASE + "storage:\n  type: redis\n  redis:" + fields;
    it("passes with addr, or with sentinelConfig", () => {
      expectFindings(build(redis("\n    addr: redis:6379\n" + ACL)));
      expectFindings(
        build(redis("\n    sentinelConfig:\n      masterName: m\n      sentinelAddrs: [s:26379]\n" + ACL)),
      );
      expectFindings(build(redis("\n    addr: redis:6379\n    clusterMode: true\n" + ACL)));
    });
    it("fails with both addr and sentinelConfig, at sentinelConfig", () => {
      expectFindings(
        build(redis("\n    addr: redis:6379\n    sentinelConfig: # VMCP311\n      masterName: m\n" + ACL)),
      );
    });
    it("fails with neither (an empty addr counts as unset), at redis", () => {
      expectFindings(build(redis(' # VMCP311\n    addr: ""\n' + ACL)));
    });
    it("fails for clusterMode without addr, at clusterMode", () => {
      expectFindings(
        build(redis("\n    clusterMode: true # VMCP311\n    sentinelConfig:\n      masterName: m\n" + ACL)),
      );
    });
  });

  describe("trustedIssuers[]", () => {
    const ok = "issuerUrl: https://other.example.com\nexpectedAudience: api\nallowedDelegateClients: [c1]\n";
    it("passes for an exchange trust, an actor trust and a wildcard delegate", () => {
      expectFindings(build(BASE + issuer(ok)));
      expectFindings(build(BASE + issuer(ok + "actorClaim: azp\nallowMayAct: true\n")));
      expectFindings(
        build(
          BASE + issuer('issuerUrl: https://other.example.com\nexpectedAudience: api\nallowedDelegateClients: ["*"]\n'),
        ),
      );
    });
    it("fails for the wildcard mixed with client IDs, at allowedDelegateClients", () => {
      expectFindings(
        build(
          BASE +
            issuer(
              'issuerUrl: https://other.example.com\nexpectedAudience: api\nallowedDelegateClients: ["*", c1] # VMCP311\n',
            ),
        ),
      );
    });
    it("fails for allowMayAct with the wildcard, at allowMayAct", () => {
      expectFindings(
        build(
          BASE +
            issuer(
              'issuerUrl: https://other.example.com\nexpectedAudience: api\nallowedDelegateClients: ["*"]\nallowMayAct: true # VMCP311\n',
            ),
        ),
      );
    });
    it("fails for a reserved actorClaim, at actorClaim", () => {
      const text = build(BASE + issuer(ok + "actorClaim: sub # VMCP311\n"));
      expectFindings(text);
      expect(messageOf(text, "VMCP311")).toContain(`${at}.trustedIssuers[0].actorClaim is "sub"`);
    });
    it("fails for allowPrivateIPs without jwksUrl, at allowPrivateIPs; passes with one", () => {
      expectFindings(build(BASE + issuer(ok + "allowPrivateIPs: true\njwksUrl: https://10.0.0.1/jwks\n")));
      expectFindings(build(BASE + issuer(ok + "allowPrivateIPs: true # VMCP311\n")));
    });
    it("requires issuerUrl, expectedAudience and allowedDelegateClients (the v0.44.0 schema), each at its own path", () => {
      const text = build(BASE + "trustedIssuers:\n  - actorClaim: azp # VMCP202 VMCP202 VMCP202\n");
      expectFindings(text);
    });
    it("refuses jwtBearerGrant and actorMatcher as fields of a later ToolHive release, not as typos", () => {
      expectFindings(
        build(
          BASE +
            issuer(
              ok + "actorMatcher: 'claims.azp == \"x\"' # VMCP211\njwtBearerGrant: # VMCP211\n  maxAssertionAge: 5m\n",
            ),
        ),
      );
      const text = build(BASE + issuer(ok + "jwtBearerGrant: # VMCP211\n  maxAssertionAge: 5m\n"));
      expect(messageOf(text, "VMCP211")).toContain(`${at}.trustedIssuers[0].jwtBearerGrant is not a field of`);
      expect(messageOf(text, "VMCP211")).toContain("a later ToolHive release added it");
    });
  });

  describe("upstreamProviders[]", () => {
    const oauth2 = (fields: string, mark = "") =>
      "issuer: https://auth.example.com\nupstreamProviders:\n  - name: gh\n    type: oauth2\n    oauth2Config:" +
      mark +
      "\n      authorizationEndpoint: https://gh.example.com/authorize\n      tokenEndpoint: https://gh.example.com/token\n" +
      indent(fields, 6);
    it("passes for oauth2 with a clientId, and with dcrConfig", () => {
      expectFindings(build(oauth2("clientId: c\nclientSecretRef:\n  name: s\n  key: k\n")));
      expectFindings(
        build(oauth2("dcrConfig:\n  discoveryUrl: https://gh.example.com/.well-known/oauth-authorization-server\n")),
      );
    });
    it("fails for type oidc with an oauth2Config block: missing oidcConfig at the entry, extra block at oauth2Config", () => {
      expectFindings(
        build(
          "issuer: https://auth.example.com\nupstreamProviders:\n  - name: gh # VMCP311\n    type: oidc\n    oauth2Config: # VMCP311\n      authorizationEndpoint: https://gh.example.com/authorize\n      tokenEndpoint: https://gh.example.com/token\n      clientId: c\n",
        ),
      );
    });
    it("fails for type oauth2 with an oidcConfig block too, at oidcConfig", () => {
      expectFindings(
        build(
          oauth2("clientId: c\n") +
            "    oidcConfig: # VMCP311\n      clientId: c\n      issuerUrl: https://idp.example.com\n",
        ),
      );
    });
    it("fails with both clientId and dcrConfig, at dcrConfig", () => {
      expectFindings(
        build(oauth2("clientId: c\ndcrConfig: # VMCP311\n  registrationEndpoint: https://gh.example.com/register\n")),
      );
    });
    it("fails with neither clientId nor dcrConfig, at oauth2Config", () => {
      expectFindings(build(oauth2('clientId: ""\n', " # VMCP311")));
    });
    it("fails for clientSecretRef with dcrConfig, at clientSecretRef", () => {
      expectFindings(
        build(
          oauth2(
            "dcrConfig:\n  discoveryUrl: https://gh.example.com/.well-known/oauth-authorization-server\nclientSecretRef: # VMCP311\n  name: s\n  key: k\n",
          ),
        ),
      );
    });
    it("fails for dcrConfig with both endpoints (at registrationEndpoint) or neither (at dcrConfig)", () => {
      expectFindings(
        build(
          oauth2(
            "dcrConfig:\n  discoveryUrl: https://gh.example.com/.well-known/oauth-authorization-server\n  registrationEndpoint: https://gh.example.com/register # VMCP311\n",
          ),
        ),
      );
      expectFindings(build(oauth2("dcrConfig: # VMCP311\n  softwareId: vmcp\n")));
    });
  });
});
