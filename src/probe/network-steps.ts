import { lookup } from "node:dns/promises";
import { isIP, type Socket, connect as netConnect } from "node:net";
import { connect as tlsConnect, type SecureContext, type TLSSocket } from "node:tls";
import { describeCertificate } from "./describe-cert.js";
import type { StepResult } from "./types.js";
import { elapsed } from "./elapsed.js";

/** A failed step, with the diagnostic code it maps to. */
export class StepFailure extends Error {
  constructor(
    readonly step: StepResult,
    readonly code: "VMCP540" | "VMCP541" | "VMCP542" | "VMCP543" | "VMCP544" | "VMCP545" | "VMCP547",
  ) {
    super(step.detail);
  }
}

function timedOut(step: StepResult["step"], start: number, ms: number, during: string): StepFailure {
  return new StepFailure(
    { step, ok: false, ms: elapsed(start), detail: `no answer within ${ms} ms during ${during}` },
    "VMCP547",
  );
}

/** Resolves like the pod's resolver (getaddrinfo); `--resolve` and IP literals skip the lookup. */
export async function dnsStep(
  host: string,
  pinned: string | undefined,
  budgetMs: number,
): Promise<{ step: StepResult; address: string }> {
  const start = performance.now();
  if (pinned !== undefined)
    return { step: { step: "dns", ok: true, ms: 0, detail: `--resolve: ${pinned}` }, address: pinned };
  if (isIP(host) !== 0) return { step: { step: "dns", ok: true, ms: 0, detail: "an IP address" }, address: host };
  let timer: NodeJS.Timeout | undefined;
  try {
    const found = await Promise.race([
      lookup(host, { all: true, verbatim: true }),
      new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(timedOut("dns", start, budgetMs, "the DNS lookup")), budgetMs)),
      ),
    ]);
    return {
      step: { step: "dns", ok: true, ms: elapsed(start), detail: found.map((a) => a.address).join(", ") },
      address: found[0]!.address,
    };
  } catch (e) {
    if (e instanceof StepFailure) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? "";
    throw new StepFailure(
      {
        step: "dns",
        ok: false,
        ms: elapsed(start),
        detail: `${host} does not resolve (${code || (e as Error).message})`,
      },
      "VMCP540",
    );
  } finally {
    clearTimeout(timer);
  }
}

export function tcpStep(
  address: string,
  port: number,
  budgetMs: number,
): Promise<{ step: StepResult; socket: Socket }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: address, port });
    socket.setTimeout(budgetMs, () => {
      socket.destroy();
      reject(timedOut("tcp", start, budgetMs, `the TCP connect to ${address}:${port}`));
    });
    socket.once("connect", () => {
      socket.setTimeout(0);
      resolve({
        step: { step: "tcp", ok: true, ms: elapsed(start), detail: `connected to ${address}:${port}` },
        socket,
      });
    });
    socket.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        new StepFailure(
          { step: "tcp", ok: false, ms: elapsed(start), detail: `${address}:${port}: ${e.code ?? e.message}` },
          "VMCP541",
        ),
      ),
    );
  });
}

const UNKNOWN_AUTHORITY = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
]);
const VALIDITY = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);

/** What a handshake error means to someone who wrote an https:// URL. */
function describeHandshakeError(e: NodeJS.ErrnoException): string {
  if (/WRONG_VERSION_NUMBER|HTTP_REQUEST|packet length too long|unknown protocol/i.test(`${e.code ?? ""} ${e.message}`))
    return `the server does not speak TLS on this port (it answered like plain HTTP): ${e.code ?? e.message}`;
  return `TLS handshake failed: ${e.code ?? e.message}`;
}

/**
 * The handshake with the pod's trust (`secureContext`). It completes even when verification fails
 * (`rejectUnauthorized: false`, nothing is sent over it) so that a failure can name the
 * certificate the server sent and what was wrong with it.
 */
export function tlsStep(
  socket: Socket,
  host: string,
  secureContext: SecureContext,
  budgetMs: number,
): Promise<StepResult> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const tls: TLSSocket = tlsConnect({
      socket,
      secureContext,
      rejectUnauthorized: false,
      ...(isIP(host) === 0 ? { servername: host } : {}),
      ALPNProtocols: ["http/1.1"],
    });
    const done = () => {
      tls.destroy();
      socket.destroy();
    };
    tls.setTimeout(budgetMs, () => {
      done();
      reject(timedOut("tls", start, budgetMs, "the TLS handshake"));
    });
    tls.once("error", (e: NodeJS.ErrnoException) => {
      done();
      reject(
        new StepFailure({ step: "tls", ok: false, ms: elapsed(start), detail: describeHandshakeError(e) }, "VMCP545"),
      );
    });
    tls.once("secureConnect", () => {
      const ms = elapsed(start);
      const cert = tls.getPeerX509Certificate();
      const sent = cert ? describeCertificate(cert) : "no certificate";
      const authError = tls.authorizationError === null ? undefined : String(tls.authorizationError);
      const protocol = tls.getProtocol() ?? "TLS";
      done();
      if (authError !== undefined && UNKNOWN_AUTHORITY.has(authError))
        return reject(
          new StepFailure(
            {
              step: "tls",
              ok: false,
              ms,
              detail: `certificate signed by unknown authority (${authError}): the server sent ${sent}`,
            },
            "VMCP542",
          ),
        );
      if (authError !== undefined && VALIDITY.has(authError))
        return reject(
          new StepFailure(
            {
              step: "tls",
              ok: false,
              ms,
              detail: `certificate ${authError === "CERT_HAS_EXPIRED" ? "has expired" : "is not yet valid"}: the server sent ${sent}`,
            },
            "VMCP543",
          ),
        );
      // Node checks the host name itself (checkServerIdentity) once the chain verifies.
      if (authError === "ERR_TLS_CERT_ALTNAME_INVALID")
        return reject(
          new StepFailure(
            { step: "tls", ok: false, ms, detail: `certificate does not name ${host}: the server sent ${sent}` },
            "VMCP544",
          ),
        );
      if (authError !== undefined)
        return reject(
          new StepFailure(
            { step: "tls", ok: false, ms, detail: `certificate rejected (${authError}): the server sent ${sent}` },
            "VMCP542",
          ),
        );
      resolve({ step: "tls", ok: true, ms, detail: `${protocol}, ${sent}` });
    });
  });
}
