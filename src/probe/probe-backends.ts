import { createSecureContext, rootCertificates, type SecureContext } from "node:tls";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { createWarning } from "../diagnostics/create.js";
import type { Diagnostic, FieldPath } from "../diagnostics/types.js";
import { fieldError, fieldWarning } from "../diagnostics/rule-diagnostic.js";
import { describeBundle } from "./describe-cert.js";
import { mcpStep } from "./mcp-step.js";
import { dnsStep, StepFailure, tcpStep, tlsStep } from "./network-steps.js";
import type { ProbeOptions, ProbeResult, ProbeTarget, StepResult } from "./types.js";
import { elapsed } from "./elapsed.js";

const IN_CLUSTER = /\.svc(\.cluster\.local)?\.?$/;

/** The host (no brackets, lower case) and port a URL connects to. */
function hostPort(url: URL): { host: string; port: number } {
  return {
    host: url.hostname.replace(/^\[|\]$/g, "").toLowerCase(),
    port: url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80,
  };
}

/**
 * The pod's trust: the image's system roots (Node's bundled Mozilla store stands in for them) plus
 * the entry's bundle, which the runtime appends to the system pool. An explicit `ca` replaces
 * Node's default store, so NODE_EXTRA_CA_CERTS and the local system store play no part. Built
 * once per bundle: parsing ~150 roots costs ~30 ms.
 */
function trustContext(t: ProbeTarget, cache: Map<string, SecureContext>): SecureContext {
  const key = t.trust.bundle?.pem ?? "";
  let context = cache.get(key);
  if (!context) {
    context = createSecureContext({ ca: key === "" ? [...rootCertificates] : [...rootCertificates, key] });
    cache.set(key, context);
  }
  return context;
}

function describeTrust(t: ProbeTarget): string {
  if (t.trust.bundle)
    return `the caBundleRef ConfigMap ${t.trust.bundle.configMap} (key ${t.trust.bundle.key}) holds ${describeBundle(t.trust.bundle.pem)}`;
  if (t.trust.missingConfigMap)
    return `the caBundleRef ConfigMap ${t.trust.missingConfigMap.split("/")[0]} is not among the inputs, so only the system roots were tried`;
  return "the entry has no caBundleRef, so only the system roots are trusted";
}

const HINTS: Record<string, string> = {
  VMCP540:
    "check the host name in the URL, or pass --resolve HOST:PORT:ADDRESS to probe a backend your resolver cannot see",
  VMCP541:
    "check the port and that the backend is up; from outside the cluster an in-cluster backend needs kubectl port-forward and --resolve",
  VMCP542: "put the CA that issued the server's certificate into the caBundleRef ConfigMap (or fix the server's chain)",
  VMCP543: "renew the server's certificate",
  VMCP544: "use the host name the certificate names, or reissue the certificate for this host",
  VMCP545: "check the scheme: an https:// URL needs a TLS server on that port",
  VMCP546: "check the URL's path and the transport (streamable-http or sse) against what the server serves",
  VMCP547: "the backend accepted the connection but did not answer in time; raise --timeout or check the server",
  VMCP548: "the credential in the environment was refused; check the Secret's value",
};

function failureDiagnostic(t: ProbeTarget, code: DiagnosticCode, detail: string): Diagnostic {
  const tlsTrust = code === "VMCP542" || code === "VMCP543";
  const message = `backend ${t.backend} of VirtualMCPServer ${t.vmcp} (${t.url}): ${detail}${tlsTrust || code === "VMCP544" ? ` — ${describeTrust(t)}` : ""}`;
  const path: FieldPath =
    t.kind !== "MCPServerEntry"
      ? ["metadata", "name"]
      : tlsTrust && t.trust.bundle
        ? ["spec", "caBundleRef", "configMapRef", "name"]
        : ["spec", "remoteUrl"];
  return fieldError(t.resource, code, message, path, HINTS[code] ?? "");
}

async function probeOne(
  t: ProbeTarget,
  options: ProbeOptions,
  diagnostics: Diagnostic[],
  contexts: Map<string, SecureContext>,
): Promise<ProbeResult> {
  const start = performance.now();
  const base = { vmcp: t.vmcp, backend: t.backend, kind: t.kind, url: t.url, transport: t.transport };
  const url = new URL(t.url);
  const { host, port } = hostPort(url);
  const pinned = options.resolve.find((r) => r.host === host && r.port === port)?.address;
  if (IN_CLUSTER.test(host) && !options.inCluster && pinned === undefined) {
    return {
      ...base,
      status: "skipped",
      detail: "in-cluster URL (use --in-cluster, or --resolve through kubectl port-forward)",
      steps: [],
      totalMs: 0,
      sentCredential: false,
    };
  }
  const headers: Record<string, string> = {};
  if (t.credential && options.authEnv) {
    const value = options.authEnv[t.credential.env];
    if (value === undefined || value === "")
      diagnostics.push(
        fieldWarning(
          t.resource,
          "VMCP549",
          `--auth-from-env: ${t.credential.env} is not set, so backend ${t.backend} is probed without its ${t.credential.header} header`,
          ["metadata", "name"],
          `export ${t.credential.env} with the value of the Secret the MCPExternalAuthConfig ${t.authConfigRef ?? ""} names`,
        ),
      );
    else headers[t.credential.header] = value;
  }
  const sentCredential = Object.keys(headers).length > 0;
  const deadline = Date.now() + options.timeoutMs;
  const budget = () => Math.max(1, deadline - Date.now());
  const steps: StepResult[] = [];
  const fail = (code: DiagnosticCode, step: StepResult): ProbeResult => {
    steps.push(step);
    diagnostics.push(failureDiagnostic(t, code, step.detail));
    return { ...base, status: "failed", detail: step.detail, steps, totalMs: elapsed(start), sentCredential };
  };
  try {
    const dns = await dnsStep(host, pinned, budget());
    steps.push(dns.step);
    const tcp = await tcpStep(dns.address, port, budget());
    steps.push(tcp.step);
    const secureContext = trustContext(t, contexts);
    if (url.protocol === "https:") steps.push(await tlsStep(tcp.socket, host, secureContext, budget()));
    else tcp.socket.destroy();
    const mcp = await mcpStep({
      url,
      transport: t.transport,
      address: dns.address,
      secureContext,
      headers,
      budgetMs: budget(),
      clientVersion: options.clientVersion,
    });
    if (mcp.step.ok) {
      steps.push(mcp.step);
      return {
        ...base,
        status: "reachable",
        detail: mcp.step.detail,
        steps,
        totalMs: elapsed(start),
        ...(mcp.server ? { server: mcp.server } : {}),
        ...(mcp.tools !== undefined ? { tools: mcp.tools } : {}),
        sentCredential,
      };
    }
    if (mcp.authStatus !== undefined && !sentCredential) {
      steps.push({
        ...mcp.step,
        ok: true,
        detail: `HTTP ${mcp.authStatus}: reachable, needs auth (${t.authType}${t.authConfigRef ? ` from ${t.authConfigRef}` : ""}; no credentials sent)`,
      });
      return {
        ...base,
        status: "needs-auth",
        detail: steps.at(-1)!.detail,
        steps,
        totalMs: elapsed(start),
        sentCredential,
      };
    }
    return fail(mcp.authStatus !== undefined ? "VMCP548" : mcp.timedOut ? "VMCP547" : "VMCP546", mcp.step);
  } catch (e) {
    if (e instanceof StepFailure) return fail(e.code, e.step);
    throw e;
  }
}

/** Runs `work` over `items` with at most `limit` at a time; results in the items' order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Probes every target: DNS, TCP, TLS with the pod's trust, then MCP `initialize` and
 * `tools/list`. Failures come back as located diagnostics; 401/403 without credentials is
 * "reachable, needs auth". The network is the only side effect.
 */
export async function probeBackends(
  targets: readonly ProbeTarget[],
  options: ProbeOptions,
): Promise<{ results: ProbeResult[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  if (targets.length === 0)
    diagnostics.push(
      createWarning("VMCP720", "no backend to probe among the selected VirtualMCPServers", {
        hint: "check --vmcp and that the groups have members",
      }),
    );
  for (const r of options.resolve) {
    const matches = targets.some((t) => {
      const { host, port } = hostPort(new URL(t.url));
      return host === r.host && port === r.port;
    });
    if (!matches)
      diagnostics.push(
        createWarning("VMCP721", `--resolve ${r.host}:${r.port}:${r.address} matches no backend URL`, {
          hint: "HOST and PORT must be those of a backend URL (the port is 443 for https:// and 80 for http:// when the URL names none)",
        }),
      );
  }
  const contexts = new Map<string, SecureContext>();
  const results = await mapLimited(targets, options.concurrency, (t) => probeOne(t, options, diagnostics, contexts));
  return { results, diagnostics };
}
