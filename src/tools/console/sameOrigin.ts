import type { NextFunction, Request, Response } from "express";

/**
 * Refuses requests made from another site's page (a form post or a DNS-rebound host name): the
 * console answers only to its own address, `localhost` or loopback.
 */
export function requireSameOrigin(req: Request, res: Response, next: NextFunction): void {
  const host = req.get("host") ?? "";
  const origin = req.get("origin");
  const hostname = host.replace(/:\d+$/, "");
  const local = ["127.0.0.1", "localhost", "[::1]"].includes(hostname) || hostname === req.socket.localAddress;
  if (!local || (origin !== undefined && originHost(origin) !== host)) {
    res.status(403).type("text/plain").send("The console answers only to its own address.");
    return;
  }
  next();
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
