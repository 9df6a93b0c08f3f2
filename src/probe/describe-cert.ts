import { X509Certificate } from "node:crypto";

/** `CN=docs.example.com, O=Example` from X509Certificate's one-field-per-line form. */
export function distinguishedName(multiline: string): string {
  return multiline
    .split("\n")
    .filter((l) => l !== "")
    .reverse()
    .join(", ");
}

/** The certificates of a PEM bundle, in order; blocks that do not parse are left out (validate reported them). */
export function bundleCertificates(pem: string): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const block of pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []) {
    try {
      out.push(new X509Certificate(block));
    } catch {
      // Not a certificate; the CA bundle check of validate names it.
    }
  }
  return out;
}

const day = (date: string) => new Date(date).toISOString().slice(0, 10);

/** One line a reviewer can compare with what the server sent: subject, issuer, validity, names. */
export function describeCertificate(cert: X509Certificate): string {
  const names = cert.subjectAltName ? `, names ${cert.subjectAltName.replace(/DNS:|IP Address:/g, "")}` : "";
  const issuer = cert.issuer === cert.subject ? "self-signed" : `issued by ${distinguishedName(cert.issuer)}`;
  return `${distinguishedName(cert.subject)} (${issuer}, valid ${day(cert.validFrom)} to ${day(cert.validTo)}${names})`;
}

/** What a CA bundle holds, for "the bundle holds …": each certificate's subject. */
export function describeBundle(pem: string): string {
  const certs = bundleCertificates(pem);
  if (certs.length === 0) return "no certificate";
  return certs.map((c) => `${distinguishedName(c.subject)} (valid to ${day(c.validTo)})`).join("; ");
}
