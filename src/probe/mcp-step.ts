import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { FetchLike, Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { LookupFunction } from "node:net";
import type { SecureContext } from "node:tls";
import { Agent, fetch as undiciFetch } from "undici";
import type { StepResult } from "./types.js";
import { elapsed } from "./elapsed.js";

export interface McpStepInput {
  readonly url: URL;
  readonly transport: string;
  /** The address the DNS step (or --resolve) chose: every connection goes there. */
  readonly address: string;
  readonly secureContext: SecureContext;
  readonly headers: Readonly<Record<string, string>>;
  readonly budgetMs: number;
  readonly clientVersion: string;
}

export interface McpStepResult {
  readonly step: StepResult;
  readonly server?: { readonly name: string; readonly version: string; readonly protocolVersion: string };
  readonly tools?: number;
  /** 401 or 403 from any request: the server is there and wants credentials. */
  readonly authStatus?: number;
  readonly timedOut: boolean;
}

/**
 * An undici dispatcher that connects to the chosen address whatever the URL's host resolves to,
 * and verifies TLS against the pod's trust under the URL's host name (SNI and identity), as
 * curl's --resolve does.
 */
function pinnedAgent(input: McpStepInput): Agent {
  const family = input.address.includes(":") ? 6 : 4;
  return new Agent({
    connect: {
      secureContext: input.secureContext,
      lookup: ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
        options.all
          ? callback(null, [{ address: input.address, family }])
          : callback(null, input.address, family)) as unknown as LookupFunction,
    },
    headersTimeout: input.budgetMs,
    bodyTimeout: 0,
  });
}

/**
 * `initialize` over the backend's transport with the official MCP client, then `tools/list`
 * (all pages) when the server offers tools. Never throws: the result says what happened.
 */
export async function mcpStep(input: McpStepInput): Promise<McpStepResult> {
  const start = performance.now();
  const agent = pinnedAgent(input);
  const statuses: number[] = [];
  const fetchPinned: FetchLike = async (url, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    for (const [k, v] of Object.entries(input.headers)) headers[k.toLowerCase()] = v;
    const response = await undiciFetch(url, {
      ...(init as object),
      headers,
      dispatcher: agent,
    });
    statuses.push(response.status);
    return response as unknown as Response;
  };
  const transport: Transport =
    input.transport === "sse"
      ? new SSEClientTransport(input.url, { fetch: fetchPinned, eventSourceInit: { fetch: fetchPinned } })
      : new StreamableHTTPClientTransport(input.url, { fetch: fetchPinned });
  const client = new Client({ name: "vmcp-gen-probe", version: input.clientVersion });
  const signal = AbortSignal.timeout(input.budgetMs);
  const options = { signal, timeout: input.budgetMs };
  try {
    await client.connect(transport, options);
    const info = client.getServerVersion();
    const protocolVersion = (transport as { protocolVersion?: string }).protocolVersion ?? "";
    const server = { name: info?.name ?? "", version: info?.version ?? "", protocolVersion };
    let tools: number | undefined;
    if (client.getServerCapabilities()?.tools) {
      tools = 0;
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor ? { cursor } : undefined, options);
        tools += page.tools.length;
        cursor = page.nextCursor;
      } while (cursor);
    }
    const detail = `${server.name || "server"} ${server.version}${protocolVersion ? `, protocol ${protocolVersion}` : ""}${tools !== undefined ? `, ${tools} tools` : ", no tools capability"}`;
    return {
      step: { step: "mcp", ok: true, ms: elapsed(start), detail },
      server,
      ...(tools !== undefined ? { tools } : {}),
      timedOut: false,
    };
  } catch (e) {
    const ms = elapsed(start);
    const authStatus = statuses.find((s) => s === 401 || s === 403);
    const timedOut = signal.aborted;
    const message = timedOut
      ? `no answer within ${input.budgetMs} ms during MCP initialize`
      : authStatus !== undefined
        ? `HTTP ${authStatus}: the server wants credentials`
        : describeMcpError(e, statuses);
    return {
      step: { step: "mcp", ok: false, ms, detail: message },
      ...(authStatus !== undefined ? { authStatus } : {}),
      timedOut,
    };
  } finally {
    await client.close().catch(() => undefined);
    await agent.close().catch(() => undefined);
  }
}

function describeMcpError(e: unknown, statuses: readonly number[]): string {
  const failed = statuses.find((s) => s >= 400);
  const message = e instanceof Error ? e.message : String(e);
  const cause =
    e instanceof Error && e.cause instanceof Error
      ? `: ${(e.cause as NodeJS.ErrnoException).code ?? e.cause.message}`
      : "";
  return `${failed !== undefined ? `HTTP ${failed}: ` : ""}${message.split("\n")[0]}${cause}`;
}
