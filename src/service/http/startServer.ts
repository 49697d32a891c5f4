import { createServer, type RequestListener, type Server } from "node:http";
import type { Logger } from "pino";
import { StartupError } from "../errors.js";
import { createLogThrottle } from "../log/throttleLog.js";

/** How long a client may take, and how many may be connected at once. */
export interface ServerLimits {
  /** Time from a request's first byte to the end of its headers; slower clients get 408. */
  readonly headersTimeoutMs: number;
  /** Time from a request's first byte to the end of its body; slower clients get 408. */
  readonly requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept (longer than a load balancer's idle timeout, 60 s on AWS). */
  readonly keepAliveTimeoutMs: number;
  /** Connections open at once; past it new connections are closed at once (and logged, once a second). */
  readonly maxConnections: number;
  /** How often the timeouts above are enforced (Node checks every 30 s by default). */
  readonly checkIntervalMs: number;
}

/**
 * Twilio gives up on a webhook after 15 s: headers must arrive within 5 s and the whole request within 10 s,
 * well under that, so a slow client holds a connection for seconds, not minutes.
 */
export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 65_000,
  maxConnections: 1_000,
  checkIntervalMs: 1_000,
};

/** Where to listen. */
export interface ListenAddress {
  readonly port: number;
  readonly host: string;
}

/**
 * Starts an HTTP server for `app` with the limits above and resolves once it listens. When it cannot
 * listen (the port is taken, the machine has no such address, …) it rejects with a `StartupError`
 * naming the address, the cause and the fix, and nothing is left listening.
 */
export function startServer(
  app: RequestListener,
  at: ListenAddress,
  logger: Logger,
  limits: Partial<ServerLimits> = {},
): Promise<Server> {
  const l = { ...DEFAULT_SERVER_LIMITS, ...limits };
  const server = createServer(
    {
      headersTimeout: l.headersTimeoutMs,
      requestTimeout: l.requestTimeoutMs,
      keepAliveTimeout: l.keepAliveTimeoutMs,
      connectionsCheckingInterval: l.checkIntervalMs,
    },
    app,
  );
  server.maxConnections = l.maxConnections;
  const throttle = createLogThrottle();
  server.on("drop", () => {
    const verdict = throttle("drop");
    if (verdict.log)
      logger.warn(
        { maxConnections: l.maxConnections, ...(verdict.suppressed > 0 ? { suppressed: verdict.suppressed } : {}) },
        "connection refused: MAX_CONNECTIONS connections are open",
      );
  });
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      server.close();
      reject(new StartupError(describeListenError(error, at)));
    });
    server.listen(at.port, at.host, () => resolve(server));
  });
}

function describeListenError(error: NodeJS.ErrnoException, { port, host }: ListenAddress): string {
  const where = `Cannot listen on ${host}:${port}`;
  switch (error.code) {
    case "EADDRINUSE":
      return `${where}: the port is already in use (EADDRINUSE). Stop the process using it, or set PORT to a free port.`;
    case "EADDRNOTAVAIL":
      return `${where}: this machine has no address ${host} (EADDRNOTAVAIL). Set HOST to one of its addresses, or 0.0.0.0 for all of them.`;
    case "EACCES":
      return `${where}: permission denied (EACCES); ports below 1024 need privileges. Set PORT to 1024 or more.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `${where}: the host name ${host} does not resolve (${error.code}). Set HOST to an address of this machine.`;
    default:
      return `${where}: ${error.message}${error.code ? ` (${error.code})` : ""}. Check PORT and HOST.`;
  }
}
