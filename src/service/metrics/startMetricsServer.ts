import { createServer, type Server } from "node:http";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import { StartupError } from "../errors.js";
import type { ListenAddress } from "../http/startServer.js";

/** The one path served. */
export const METRICS_PATH = "/metrics";

/**
 * Serves the registry in Prometheus's text format at `GET /metrics` on its own address (`METRICS_PORT`,
 * `METRICS_HOST`), apart from the webhooks; anything else is 404 (405 for another method on `/metrics`).
 * Resolves once it listens; when it cannot, rejects with a `StartupError` naming the variables and the fix.
 */
export function startMetricsServer(registry: Registry, at: ListenAddress, logger: Logger): Promise<Server> {
  const server = createServer({ headersTimeout: 5_000, requestTimeout: 10_000 }, (req, res) => {
    const path = (req.url ?? "").split("?", 1)[0];
    if (path !== METRICS_PATH) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`Not Found: try ${METRICS_PATH}\n`);
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res
        .writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" })
        .end("Method Not Allowed\n");
      return;
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
        res.end(req.method === "HEAD" ? undefined : text);
      },
      (err: unknown) => {
        logger.error({ err }, "could not collect the metrics");
        res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("Internal Server Error\n");
      },
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
  const where = `Cannot serve metrics on ${host}:${port}`;
  switch (error.code) {
    case "EADDRINUSE":
      return `${where}: the port is already in use (EADDRINUSE). Set METRICS_PORT to a free port, or unset it to serve no metrics.`;
    case "EADDRNOTAVAIL":
      return `${where}: this machine has no address ${host} (EADDRNOTAVAIL). Set METRICS_HOST to one of its addresses (127.0.0.1 by default).`;
    case "EACCES":
      return `${where}: permission denied (EACCES); ports below 1024 need privileges. Set METRICS_PORT to 1024 or more, e.g. 9464.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `${where}: the host name ${host} does not resolve (${error.code}). Set METRICS_HOST to an address of this machine.`;
    default:
      return `${where}: ${error.message}${error.code ? ` (${error.code})` : ""}. Check METRICS_PORT and METRICS_HOST.`;
  }
}
