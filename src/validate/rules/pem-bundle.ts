/**
 * Checks for a PEM CA bundle (the ConfigMap key an MCPServerEntry's
 * caBundleRef points at).
 *
 * At runtime the bundle goes through Go's `CertPool.AppendCertsFromPEM`, which
 * skips blocks that are not `CERTIFICATE` and fails only when no certificate
 * is found at all. We are stricter in two places:
 *   - every `CERTIFICATE` block must decode and parse (Go silently skips a bad
 *     one, which hides a truncated copy-paste until a TLS handshake fails);
 *   - a `PRIVATE KEY` block (any flavour) is reported: a private key does not
 *     belong in a ConfigMap that every reader of the namespace can see.
 * Other block types (e.g. `PUBLIC KEY`, `X509 CRL`) are ignored, like Go does.
 */
import { X509Certificate } from "node:crypto";

export type PemProblemKind = "empty" | "no-certificate" | "invalid-certificate";

export interface PemProblem {
  kind: PemProblemKind;
  message: string;
  hint: string;
  /** 1-based line inside the PEM text, when known */
  line?: number;
}

interface PemBlock {
  type: string;
  /** 1-based line of the BEGIN line. */
  beginLine: number;
  /** Undefined when no matching END line follows. */
  endLine: number | undefined;
  /** Body lines (between BEGIN and END) with spaces, tabs and CR removed. */
  body: { text: string; line: number }[];
}

const BEGIN = /^-----BEGIN ([^-\r\n]+(?:-[^-\r\n]+)*)-----[ \t\r]*$/;
const END = /^-----END ([^-\r\n]+(?:-[^-\r\n]+)*)-----[ \t\r]*$/;
const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;

const HINT_NO_CERTIFICATE =
  "put the PEM-encoded CA certificate(s) in the ConfigMap key, each between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines";
const HINT_INVALID_CERTIFICATE =
  "re-export the certificate in PEM form (e.g. openssl x509 -in ca.crt -outform PEM) and paste it whole; a copy-paste may have cut or altered a line";
const HINT_PRIVATE_KEY =
  "remove the private key from the ConfigMap and rotate it, since it has been exposed; a CA bundle holds only public CA certificates";

function scanBlocks(text: string): PemBlock[] {
  const lines = text.split("\n");
  const blocks: PemBlock[] = [];
  let current: PemBlock | undefined;
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const begin = BEGIN.exec(raw);
    if (begin !== null) {
      // A BEGIN inside an open block leaves that block unterminated.
      current = { type: begin[1] ?? "", beginLine: lineNo, endLine: undefined, body: [] };
      blocks.push(current);
      return;
    }
    if (current === undefined) return; // text outside blocks is ignored, as Go does
    const end = END.exec(raw);
    if (end !== null && end[1] === current.type) {
      current.endLine = lineNo;
      current = undefined;
      return;
    }
    current.body.push({ text: raw.replace(/[ \t\r]/g, ""), line: lineNo });
  });
  return blocks;
}

function describeCertificate(index: number, count: number, block: PemBlock): string {
  return count === 1
    ? `the certificate starting at line ${block.beginLine}`
    : `certificate ${index + 1} of ${count} (starting at line ${block.beginLine})`;
}

/** Decode and parse one CERTIFICATE block; returns a reason when it is unusable. */
function certificateError(block: PemBlock): string | undefined {
  if (block.endLine === undefined) return "has no -----END CERTIFICATE----- line";
  const body = block.body.filter((b) => b.text !== "");
  if (body.length === 0) return "has no content between its BEGIN and END lines";
  for (const { text, line } of body) {
    if (!BASE64_LINE.test(text)) return `has non-base64 content at line ${line}`;
  }
  const base64 = body.map((b) => b.text).join("");
  const padding = base64.indexOf("=");
  if (base64.length % 4 !== 0 || (padding >= 0 && padding < base64.length - 2)) {
    return "has truncated or malformed base64";
  }
  const der = Buffer.from(base64, "base64");
  try {
    new X509Certificate(der);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return `does not parse as an X.509 certificate (${detail})`;
  }
  return undefined;
}

/**
 * Check a PEM CA bundle. Returns the first problem, or undefined when the text
 * holds at least one certificate and every certificate parses.
 */
export function checkPemBundle(text: string): PemProblem | undefined {
  if (text.trim() === "") {
    return {
      kind: "empty",
      message: "the CA bundle is empty",
      hint: HINT_NO_CERTIFICATE,
    };
  }

  const blocks = scanBlocks(text);

  const key = blocks.find((b) => b.type.includes("PRIVATE KEY"));
  if (key !== undefined) {
    return {
      kind: "invalid-certificate",
      message: `the CA bundle contains a private key (-----BEGIN ${key.type}----- at line ${key.beginLine}); a private key does not belong in a CA bundle ConfigMap, which anyone who can read ConfigMaps in the namespace can see`,
      hint: HINT_PRIVATE_KEY,
      line: key.beginLine,
    };
  }

  const certificates = blocks.filter((b) => b.type === "CERTIFICATE");
  if (certificates.length === 0) {
    const others = [...new Set(blocks.map((b) => b.type))];
    const found = others.length > 0 ? ` (found only: ${others.join(", ")})` : "";
    return {
      kind: "no-certificate",
      message: `the CA bundle has no -----BEGIN CERTIFICATE----- block${found}`,
      hint: HINT_NO_CERTIFICATE,
    };
  }

  for (const [index, block] of certificates.entries()) {
    const reason = certificateError(block);
    if (reason !== undefined) {
      return {
        kind: "invalid-certificate",
        message: `${describeCertificate(index, certificates.length, block)} ${reason}`,
        hint: HINT_INVALID_CERTIFICATE,
        line: block.beginLine,
      };
    }
  }
  return undefined;
}
