import { describe, expect, it } from "vitest";
import { doc, expectFindings, messageOf } from "./cel-helpers.js";

/** A minimal valid block for each type that has one. */
const BLOCKS: Record<string, string> = {
  tokenExchange: "tokenExchange:\n  tokenUrl: https://idp.example.com/token\n  audience: api\n",
  headerInjection: "headerInjection:\n  headerName: X-Api-Key\n  valueSecretRef:\n    name: s\n    key: k\n",
  bearerToken: "bearerToken:\n  tokenSecretRef:\n    name: s\n    key: k\n",
  embeddedAuthServer:
    "embeddedAuthServer:\n  issuer: https://auth.example.com\n  upstreamProviders:\n    - name: idp\n      type: oidc\n      oidcConfig:\n        clientId: c\n        issuerUrl: https://idp.example.com\n",
  awsSts: "awsSts:\n  region: us-east-1\n",
  upstreamInject: "upstreamInject:\n  providerName: github\n",
  obo: "obo:\n  audience: api\n",
  xaa: "xaa:\n  idpTokenUrl: https://idp.example.com/token\n  targetTokenUrl: https://as.example.com/token\n  targetAudience: api\n",
};
const TYPES = Object.keys(BLOCKS);

const authConfig = (body: string) => doc("MCPExternalAuthConfig", body);

/** Marks the first line of a block as the expected finding. */
const marked = (block: string, code: string) => block.replace("\n", ` # ${code}\n`);

describe("VMCP312 MCPExternalAuthConfig type and configuration block", () => {
  it.each(TYPES)("passes for type %s with its block", (type) => {
    expectFindings(authConfig(`type: ${type}\n${BLOCKS[type]}`));
  });

  it.each(TYPES)("fails for type %s without its block, at type", (type) => {
    const text = authConfig(`type: ${type} # VMCP312\n`);
    expectFindings(text);
    expect(messageOf(text, "VMCP312")).toContain(`spec.${type} is not set`);
  });

  it.each(TYPES)("fails for the %s block under another type, at the block", (block) => {
    const other = block === "tokenExchange" ? "headerInjection" : "tokenExchange";
    expectFindings(authConfig(`type: ${other}\n${BLOCKS[other]}${marked(BLOCKS[block] ?? "", "VMCP312")}`));
  });

  it("passes for unauthenticated with no block", () => {
    expectFindings(authConfig("type: unauthenticated\n"));
  });

  it("fails for unauthenticated with a block, and says no block is allowed", () => {
    const text = authConfig(`type: unauthenticated\n${marked(BLOCKS.awsSts ?? "", "VMCP312")}`);
    expectFindings(text);
    expect(messageOf(text, "VMCP312")).toContain('"unauthenticated", which takes no configuration block');
  });
});
