import type { Server } from "node:http";
import type { Logger } from "pino";
import type { SessionStore } from "../session/sessionStore.js";

/**
 * Stops the server gracefully: no new connections, idle keep-alive sockets closed at once,
 * in-flight turns allowed to finish (up to `graceMs`, then the remaining sockets are cut),
 * and the session store closed last. Resolves `clean` or `forced`.
 */
export function closeGracefully(
  server: Server,
  store: SessionStore,
  graceMs: number,
  logger: Logger,
): Promise<"clean" | "forced"> {
  return new Promise((resolve) => {
    let forced = false;
    const timer = setTimeout(() => {
      forced = true;
      logger.warn({ graceMs }, "in-flight requests did not finish in time; closing their connections");
      server.closeAllConnections();
    }, graceMs);
    timer.unref();
    server.close(async () => {
      clearTimeout(timer);
      await store.close().catch((err: unknown) => logger.warn({ err }, "session store did not close cleanly"));
      resolve(forced ? "forced" : "clean");
    });
    server.closeIdleConnections();
  });
}
