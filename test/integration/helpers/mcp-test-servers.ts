import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

/** Whether the openssl CLI is here to make the test CA and certificates. */
export function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export interface TestPki {
  /** PEM of the CA that signs the servers' certificates. */
  readonly ca: string;
  /** PEM of an unrelated CA. */
  readonly otherCa: string;
  /** key and certificate PEM, each for mcp.test unless named otherwise. */
  readonly good: { key: string; cert: string };
  readonly expired: { key: string; cert: string };
  readonly wrongHost: { key: string; cert: string };
}

/** A test CA, another CA, and certificates from the first: valid, expired (notAfter yesterday), and for other.test. */
export function createTestPki(dir: string): TestPki {
  const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  run("req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=vmcp-gen Test CA", "-days", "2");
  run("req", "-x509", ...ec, "-keyout", "other.key", "-out", "other.pem", "-subj", "/CN=Unrelated CA", "-days", "2");
  const leaf = (name: string, host: string, days: string) => {
    run("req", ...ec, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${host}`);
    execFileSync("sh", ["-c", `printf 'subjectAltName=DNS:${host}\\n' > ${name}.ext`], { cwd: dir });
    run(
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      `${name}.pem`,
      "-days",
      days,
      "-extfile",
      `${name}.ext`,
    );
    return {
      key: readFileSync(path.join(dir, `${name}.key`), "utf8"),
      cert: readFileSync(path.join(dir, `${name}.pem`), "utf8"),
    };
  };
  return {
    ca: readFileSync(path.join(dir, "ca.pem"), "utf8"),
    otherCa: readFileSync(path.join(dir, "other.pem"), "utf8"),
    good: leaf("good", "mcp.test", "2"),
    // OpenSSL 3.0 has no -not_after; a negative -days puts notAfter in the past.
    expired: leaf("expired", "mcp.test", "-1"),
    wrongHost: leaf("wrong-host", "other.test", "2"),
  };
}

/** An MCP server with two tools, built with the SDK's own server classes. */
function mcpServer(): McpServer {
  const server = new McpServer({ name: "test-backend", version: "1.2.3" });
  server.registerTool("echo", { description: "echo" }, async () => ({ content: [{ type: "text", text: "echo" }] }));
  server.registerTool("time", { description: "time" }, async () => ({ content: [{ type: "text", text: "now" }] }));
  return server;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Stateless streamable HTTP: a fresh server and transport per request, as the SDK's examples do. */
export const streamableHandler: Handler = async (req, res) => {
  if (req.method !== "POST") {
    res.writeHead(405, { allow: "POST" }).end();
    return;
  }
  const server = mcpServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on("close", () => void transport.close().then(() => server.close()));
  await server.connect(transport);
  await transport.handleRequest(req, res);
};

/** The HTTP+SSE transport: GET /sse opens the stream, POST /messages?sessionId= carries the requests. */
export function sseHandler(): Handler {
  const sessions = new Map<string, SSEServerTransport>();
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/sse") {
      const transport = new SSEServerTransport("/messages", res);
      sessions.set(transport.sessionId, transport);
      res.on("close", () => sessions.delete(transport.sessionId));
      await mcpServer().connect(transport);
      return;
    }
    const transport = sessions.get(url.searchParams.get("sessionId") ?? "");
    if (req.method === "POST" && transport) {
      await transport.handlePostMessage(req, res);
      return;
    }
    res.writeHead(404).end();
  };
}

/** 401 unless the request carries `x-api-key: <key>` (then the streamable server answers). */
export function apiKeyHandler(key: string | undefined): Handler {
  return async (req, res) => {
    if (key === undefined || req.headers["x-api-key"] !== key) {
      res
        .writeHead(401, { "www-authenticate": 'Bearer realm="test"', "content-type": "application/json" })
        .end('{"error":"unauthorized"}');
      return;
    }
    await streamableHandler(req, res);
  };
}

/** Accepts requests and never answers them. */
export const hangingHandler: Handler = () => undefined;

export interface RunningServer {
  readonly port: number;
  readonly server: Server;
}

/** Listens on 127.0.0.1 with an ephemeral port: HTTPS with the given key pair, else plain HTTP. */
export async function listen(handler: Handler, tls?: { key: string; cert: string }): Promise<RunningServer> {
  const wrapped = (req: IncomingMessage, res: ServerResponse) =>
    void Promise.resolve(handler(req, res)).catch(() => res.writableEnded || res.destroy());
  const server: Server = tls ? createHttpsServer(tls, wrapped) : createHttpServer(wrapped);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

export async function closeAll(servers: readonly RunningServer[]): Promise<void> {
  for (const s of servers) s.server.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.server.close(resolve))));
}
