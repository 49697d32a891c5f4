import { once } from "node:events";
import http, { type RequestListener } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { WebhookRequest } from "./signRequest.js";

/** The answer to one webhook request. */
export interface WebhookResponse {
  /** The URL requested (as signed, before any mapping to where it was delivered). */
  readonly url: string;
  readonly status: number;
  /** The `Content-Type` header, or "" without one. */
  readonly contentType: string;
  readonly body: string;
}

/** Delivers webhook requests to the line and brings back its answers. */
export interface Transport {
  /** Sends one request; rejects, saying why, when no answer came within `timeoutMs`. */
  send(request: WebhookRequest, timeoutMs: number): Promise<WebhookResponse>;
  /** Closes the connections it keeps open. */
  close(): Promise<void>;
}

/** Where a transport delivers requests. */
export interface HttpTransportOptions {
  /** The base URL requests really go to, e.g. `http://127.0.0.1:40123`. */
  readonly target: string;
  /**
   * The base URL requests are addressed (and signed) to, when it is not `target`: the line's public
   * address (`PUBLIC_BASE_URL`). Requests under it are delivered under `target`, path and query kept.
   */
  readonly publicBaseUrl?: string;
  /** Most connections open at once per origin; defaults to 64. */
  readonly maxSockets?: number;
}

const trimSlashes = (url: string) => url.replace(/\/+$/, "");

/** Whether `url` is `base` itself or lies under it. */
function isUnder(url: string, base: string): boolean {
  return url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`);
}

/**
 * A transport over HTTP(S) with kept-alive connections (so thousands of calls share a few sockets).
 * Requests addressed under `publicBaseUrl` go to `target`; any other URL is requested as it is.
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const target = trimSlashes(options.target);
  const publicBase = trimSlashes(options.publicBaseUrl ?? options.target);
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  return {
    async send(request, timeoutMs) {
      const address =
        publicBase !== target && isUnder(request.url, publicBase)
          ? `${target}${request.url.slice(publicBase.length)}`
          : request.url;
      try {
        const { status, contentType, body } = await deliver(address, request, agents, timeoutMs);
        return { url: request.url, status, contentType, body };
      } catch (error) {
        const reason = (error as Error).message;
        const via = address === request.url ? "" : ` (at ${address})`;
        throw new Error(`could not reach ${request.url}${via}: ${reason}`);
      }
    },
    async close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

type Delivered = Omit<WebhookResponse, "url">;

/** One HTTP exchange; a kept-alive socket the server closed meanwhile is retried once on a new one. */
async function deliver(
  address: string,
  request: WebhookRequest,
  agents: { http: http.Agent; https: https.Agent },
  timeoutMs: number,
): Promise<Delivered> {
  try {
    return await exchange(address, request, agents, timeoutMs);
  } catch (error) {
    if ((error as { staleSocket?: boolean }).staleSocket) return exchange(address, request, agents, timeoutMs);
    throw error;
  }
}

function exchange(
  address: string,
  request: WebhookRequest,
  agents: { http: http.Agent; https: https.Agent },
  timeoutMs: number,
): Promise<Delivered> {
  return new Promise((resolve, reject) => {
    const url = new URL(address);
    const secure = url.protocol === "https:";
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers["Content-Length"] = Buffer.byteLength(request.body);
    const req = (secure ? https : http).request(
      url,
      { method: request.method, headers, agent: secure ? agents.https : agents.http },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
          });
        });
        res.on("error", fail);
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error & { code?: string }) {
      clearTimeout(timer);
      // Node's advice for kept-alive sockets: a reset on a reused socket is the server's idle timeout.
      if (req.reusedSocket && error.code === "ECONNRESET") Object.assign(error, { staleSocket: true });
      reject(error);
    }
    req.on("error", fail);
    req.end(request.body);
  });
}

/** A request listener (an Express app) served on an ephemeral loopback port. */
export interface LoopbackServer {
  /** Its base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Stops listening and drops every connection. */
  close(): Promise<void>;
}

/** Serves `listener` on 127.0.0.1 at a port the system picks: one port for every call placed on it. */
export async function listenOnLoopback(listener: RequestListener): Promise<LoopbackServer> {
  const server = http.createServer(listener);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
