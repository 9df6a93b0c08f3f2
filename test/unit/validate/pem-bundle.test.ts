import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkPemBundle } from "../../../src/validate/rules/pem-bundle.js";

// Self-signed test CAs (CN "vmcp-gen test CA", EC P-256, valid until 2126),
// generated once with openssl and committed; there is no private key for them.
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const CA = fixture("ca.pem");
const CA2 = fixture("ca-second.pem");

/** Lines of a PEM certificate: BEGIN, base64 lines..., END. */
const lines = (pem: string): string[] => pem.trimEnd().split("\n");

describe("checkPemBundle: accepted", () => {
  it("accepts a single certificate", () => {
    expect(checkPemBundle(CA)).toBeUndefined();
  });

  it("accepts a bundle of two certificates", () => {
    expect(checkPemBundle(CA + CA2)).toBeUndefined();
  });

  it("accepts a bundle with blank lines and comments between blocks", () => {
    expect(checkPemBundle(`# corporate root\n${CA}\n\n# intermediate\n${CA2}\n`)).toBeUndefined();
  });

  it("accepts CRLF line endings", () => {
    expect(checkPemBundle((CA + CA2).replace(/\n/g, "\r\n"))).toBeUndefined();
  });

  it("accepts a certificate without a trailing newline", () => {
    expect(checkPemBundle(CA.trimEnd())).toBeUndefined();
  });

  it("accepts indented base64 lines and trailing spaces", () => {
    const [begin, ...rest] = lines(CA);
    const body = rest.slice(0, -1).map((l) => `  ${l}  `);
    expect(checkPemBundle([`${begin}  `, ...body, rest.at(-1)].join("\n"))).toBeUndefined();
  });

  it("ignores non-certificate blocks such as a public key", () => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pub = publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(checkPemBundle(CA + pub)).toBeUndefined();
  });
});

describe("checkPemBundle: rejected", () => {
  it("rejects empty text", () => {
    expect(checkPemBundle("")).toMatchObject({ kind: "empty", message: "the CA bundle is empty" });
  });

  it("rejects whitespace-only text", () => {
    expect(checkPemBundle("  \n\t\r\n  ")?.kind).toBe("empty");
  });

  it("rejects text that is not PEM", () => {
    const problem = checkPemBundle("this is not a certificate\n");
    expect(problem).toMatchObject({
      kind: "no-certificate",
      message: "the CA bundle has no -----BEGIN CERTIFICATE----- block",
    });
    expect(problem?.line).toBeUndefined();
    expect(problem?.hint).toContain("-----BEGIN CERTIFICATE-----");
  });

  it("rejects raw base64 DER without PEM armour", () => {
    expect(checkPemBundle(lines(CA).slice(1, -1).join("\n"))?.kind).toBe("no-certificate");
  });

  it("rejects a bundle holding only a public key, naming what it found", () => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pub = publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(checkPemBundle(pub)).toMatchObject({
      kind: "no-certificate",
      message: "the CA bundle has no -----BEGIN CERTIFICATE----- block (found only: PUBLIC KEY)",
    });
  });

  it("rejects truncated base64 (a line cut short)", () => {
    const l = lines(CA);
    l[3] = (l[3] ?? "").slice(0, 30);
    expect(checkPemBundle(l.join("\n"))).toMatchObject({ kind: "invalid-certificate", line: 1 });
  });

  it("rejects a certificate missing a whole base64 line", () => {
    const l = lines(CA);
    l.splice(4, 1);
    const problem = checkPemBundle(l.join("\n"));
    expect(problem).toMatchObject({ kind: "invalid-certificate", line: 1 });
    expect(problem?.message).toMatch(/^the certificate starting at line 1 does not parse as an X\.509 certificate/);
  });

  it("rejects a certificate with no END line", () => {
    expect(checkPemBundle(lines(CA).slice(0, -1).join("\n"))).toMatchObject({
      kind: "invalid-certificate",
      line: 1,
      message: "the certificate starting at line 1 has no -----END CERTIFICATE----- line",
    });
  });

  it("rejects garbage between BEGIN and END", () => {
    const problem = checkPemBundle("-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
    expect(problem).toMatchObject({
      kind: "invalid-certificate",
      line: 1,
      message: "the certificate starting at line 1 has non-base64 content at line 2",
    });
    expect(problem?.hint).toContain("PEM");
  });

  it("rejects valid base64 that is not a certificate", () => {
    const problem = checkPemBundle("-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n");
    expect(problem?.kind).toBe("invalid-certificate");
    expect(problem?.message).toContain("does not parse as an X.509 certificate");
  });

  it("rejects an empty certificate block", () => {
    expect(checkPemBundle("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")?.message).toBe(
      "the certificate starting at line 1 has no content between its BEGIN and END lines",
    );
  });

  it("reports the bad certificate's position inside a bundle", () => {
    const broken = lines(CA2);
    broken.splice(3, 1);
    const text = `${CA}${broken.join("\n")}\n`;
    const secondStart = lines(CA).length + 1;
    const problem = checkPemBundle(text);
    expect(problem).toMatchObject({ kind: "invalid-certificate", line: secondStart });
    expect(problem?.message).toMatch(new RegExp(`^certificate 2 of 2 \\(starting at line ${secondStart}\\) `));
  });

  it("reports the line correctly with CRLF line endings", () => {
    const text = `\r\n\r\n${lines(CA).slice(0, -1).join("\r\n")}\r\n`;
    expect(checkPemBundle(text)).toMatchObject({ kind: "invalid-certificate", line: 3 });
  });

  it.each([
    ["PKCS#8", "pkcs8", "PRIVATE KEY"],
    ["SEC1", "sec1", "EC PRIVATE KEY"],
  ] as const)("rejects a %s private key next to a valid certificate", (_name, type, label) => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = privateKey.export({ type, format: "pem" }).toString();
    const keyLine = lines(CA).length + 1;
    const problem = checkPemBundle(CA + pem);
    expect(problem).toMatchObject({ kind: "invalid-certificate", line: keyLine });
    expect(problem?.message).toContain(`-----BEGIN ${label}----- at line ${keyLine}`);
    expect(problem?.message).toContain("a private key does not belong in a CA bundle ConfigMap");
    expect(problem?.hint).toContain("rotate");
  });

  it("rejects an RSA private key on its own as a private key, not as 'no certificate'", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    expect(checkPemBundle(pem)).toMatchObject({ kind: "invalid-certificate", line: 1 });
    expect(checkPemBundle(pem)?.message).toContain("RSA PRIVATE KEY");
  });
});
