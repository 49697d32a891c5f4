import type { Request, RequestHandler } from "express";
import type { Metrics } from "./createMetrics.js";

/** Methods named as they are; any other is `_OTHER` (OpenTelemetry's word), so the label stays bounded. */
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]);

/**
 * Times every request of the app (`http_server_request_duration_seconds`) from its arrival to the end of
 * its answer (or the client going away), labelled with the method, the route's path pattern (never the
 * path asked for, nor its query: `/voice/turn` for `/voice/turn?t=3`; empty when no route matched) and
 * the status code. Mounted first, so it sees every request.
 */
export function measureRequests(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once("close", () => {
      metrics.httpRequestDuration.observe(
        {
          http_request_method: KNOWN_METHODS.has(req.method) ? req.method : "_OTHER",
          http_route: routeOf(req),
          http_response_status_code: res.statusCode,
        },
        (performance.now() - started) / 1000,
      );
    });
    next();
  };
}

/** The path pattern of the route that answered (with the path of the router it is mounted on), or "". */
function routeOf(req: Request): string {
  const path: unknown = req.route?.path;
  if (typeof path !== "string") return "";
  return req.baseUrl && path === "/" ? req.baseUrl : `${req.baseUrl}${path}`;
}
