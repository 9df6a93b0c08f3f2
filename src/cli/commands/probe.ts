import { isIP } from "node:net";
import { Command, Option } from "../commander.js";
import { hasErrors } from "../../diagnostics/create.js";
import { UsageError } from "../../diagnostics/errors.js";
import type { ProbeFormat } from "../../probe/format-probe.js";
import type { ResolveOverride } from "../../probe/types.js";
import type { CommandContext } from "../command-context.js";
import { ExitCode } from "../exit-codes.js";
import { addInputOptions, addOutputOption, toCheckOptions, type InputOptions } from "../options.js";
import { reportDiagnostics } from "../report.js";
import { VERSION } from "../version.js";
import { docUrl } from "../../package-data/doc-url.js";

interface ProbeCommandOptions extends InputOptions {
  readonly vmcp: string[];
  readonly format: ProbeFormat;
  readonly output?: ProbeFormat;
  readonly timeout: number;
  readonly concurrency: number;
  readonly inCluster: boolean;
  readonly resolve: ResolveOverride[];
  readonly authFromEnv: boolean;
  readonly skipInvalidBackends: boolean;
}

const EXAMPLES = `
Examples:
  $ vmcp-gen probe manifests/                                  # every reachable backend of every VirtualMCPServer
  $ vmcp-gen probe manifests/ --vmcp team-a/engineering --format json
  $ kubectl -n team-a port-forward svc/mcp-github-proxy 8080 &
  $ vmcp-gen probe manifests/ --in-cluster --resolve mcp-github-proxy.team-a.svc.cluster.local:8080:127.0.0.1
  $ vmcp-gen probe manifests/ --resolve docs.example.com:443:10.1.2.3   # a staging address; TLS still checks docs.example.com

Each backend: DNS, TCP, TLS with exactly the trust the vMCP pod will have (the system roots plus
the entry's caBundleRef ConfigMap among the inputs; NODE_EXTRA_CA_CERTS and the local trust store
are not used), then MCP initialize and tools/list with the official MCP SDK client. HTTP 401/403
counts as "reachable, needs auth"; no credentials are sent unless --auth-from-env. In-cluster URLs
(*.svc, *.svc.cluster.local) are skipped unless --in-cluster or a --resolve names them.
Exit codes: 0 every probed backend reachable, 1 a backend failed or invalid input, 2 usage error.
Docs: ${docUrl("docs/probe.md")}`;

const collect = (value: string, previous: string[]) => [...previous, value];

/** curl's `--resolve HOST:PORT:ADDRESS`; an IPv6 ADDRESS may be bracketed. */
export function parseResolve(value: string, previous: ResolveOverride[]): ResolveOverride[] {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5}):(.+)$/.exec(value);
  const address = m?.[3]?.replace(/^\[|\]$/g, "") ?? "";
  const port = Number(m?.[2]);
  if (!m || isIP(address) === 0 || !(port > 0 && port < 65536))
    throw new UsageError(
      `--resolve: "${value}" is not HOST:PORT:ADDRESS with an IP ADDRESS (e.g. docs.example.com:443:127.0.0.1)`,
    );
  return [...previous, { host: m[1]!.replace(/^\[|\]$/g, "").toLowerCase(), port, address }];
}

function parseDuration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(value.trim());
  if (!m || Number(m[1]) <= 0) throw new UsageError(`--timeout: "${value}" is not a duration (e.g. 5s, 1500ms)`);
  return Math.round(Number(m[1]) * (m[2] === "ms" ? 1 : 1000));
}

function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError(`--concurrency: "${value}" is not a whole number from 1 to 256`);
  return n;
}

export function createProbeCommand(ctx: CommandContext): Command {
  const cmd = new Command("probe")
    .summary("connect to each backend as the vMCP pod would: DNS, TCP, TLS, MCP initialize")
    .description(
      "Resolve each VirtualMCPServer's backends as synth does, and check from here that each answers: DNS, TCP, TLS with the pod's trust, then an MCP initialize and tools/list over the backend's transport (streamable-http or sse), each step timed.",
    )
    .argument("[paths...]", "files, folders (searched recursively for *.yaml/*.yml) or - for stdin", ["."])
    .option(
      "--vmcp <name>",
      "probe only this VirtualMCPServer's backends (name or namespace/name; repeatable)",
      collect,
      [],
    )
    .addOption(new Option("--format <format>", "report format").choices(["table", "json"]).default("table"))
    .option("--timeout <duration>", "time each backend gets for all its steps (e.g. 5s, 1500ms)", parseDuration, 10_000)
    .option("--concurrency <n>", "backends probed at the same time", parseConcurrency, 8)
    .option(
      "--in-cluster",
      "also probe in-cluster URLs (*.svc, *.svc.cluster.local): when run inside the cluster",
      false,
    )
    .option(
      "--resolve <host:port:address>",
      "connect to ADDRESS for HOST:PORT, still verifying TLS for HOST (curl's --resolve; repeatable)",
      parseResolve,
      [],
    )
    .option(
      "--auth-from-env",
      "send each header_injection credential, read from the environment variable the pod would get it from (values are never printed)",
      false,
    )
    .option("--skip-invalid-backends", "leave out invalid group members with a warning instead of failing", false)
    .addHelpText("after", EXAMPLES);
  addInputOptions(addOutputOption(cmd, ["table", "json"])).action(
    async (paths: string[], opts: ProbeCommandOptions) => {
      const { checkInputs, finalizeDiagnostics } = await import("../../pipeline.js");
      const { inspectVirtualMcpServers } = await import("../../inspect/inspect-vmcps.js");
      const check = await checkInputs(paths, { cwd: ctx.io.cwd, stdin: ctx.io.stdin }, toCheckOptions(opts));
      const inspected = inspectVirtualMcpServers(check.model, check.diagnostics, {
        skipInvalidBackends: opts.skipInvalidBackends,
        ...(opts.vmcp.length > 0 ? { only: opts.vmcp } : {}),
      });
      const early = finalizeDiagnostics(check.load, [...check.diagnostics, ...inspected.diagnostics]);
      // A configuration that does not render is not probed: the pod would never start.
      if (hasErrors(early)) {
        reportDiagnostics(ctx.io, early, opts.diagnostics);
        ctx.setExitCode(ExitCode.Findings);
        return;
      }
      const { probeTargets } = await import("../../probe/targets.js");
      const { probeBackends } = await import("../../probe/probe-backends.js");
      const { formatProbe } = await import("../../probe/format-probe.js");
      const probed = await probeBackends(probeTargets(inspected.value, check.model), {
        timeoutMs: opts.timeout,
        concurrency: opts.concurrency,
        inCluster: opts.inCluster,
        resolve: opts.resolve,
        ...(opts.authFromEnv ? { authEnv: ctx.io.env } : {}),
        clientVersion: VERSION,
      });
      const diagnostics = finalizeDiagnostics(check.load, [...early, ...probed.diagnostics]);
      reportDiagnostics(ctx.io, diagnostics, opts.diagnostics);
      ctx.io.stdout.write(formatProbe(probed.results, opts.output ?? opts.format));
      ctx.setExitCode(hasErrors(diagnostics) ? ExitCode.Findings : ExitCode.Ok);
    },
  );
  return cmd;
}
