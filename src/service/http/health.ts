import { Router } from "express";
import type { LineOrigin } from "../line/lineOrigin.js";
import type { SessionStore } from "../session/sessionStore.js";

/**
 * The line an instance serves: its version, and why the last reload was refused (null when it was not), as
 * anyone may be told it: the file relative to the working directory, never its path on disk nor its content.
 */
export interface LineStatus {
  readonly version: string;
  /** Where it came from: `{"from":"files"}`, or `{"from":"published","kind":"publish","by":…,"at":…}`. */
  readonly origin: LineOrigin;
  readonly lastReloadError: string | null;
}

/**
 * Builds the health routes, to mount at `/healthz`:
 * - `GET /healthz` — readiness: 200 `{"status":"ok","store":"ok"}` when the session store answers within
 *   `timeoutMs`, else 503 `{"status":"unavailable","store":"unreachable"}`, so a load balancer sends calls
 *   to the instances that can serve them; both with the version of the line served to new calls, where it came from
 *   (`origin`: the instance's files, or the published line, by whom and when) and the last reload's error (`lastReloadError`, null when the last reload succeeded or none was tried);
 * - `GET /healthz/live` — liveness: 200 `{"status":"ok"}` while the process serves HTTP, whatever the store
 *   does (restarting the process would not bring Redis back).
 */
export function createHealthCheck(store: SessionStore, timeoutMs: number, line: () => LineStatus): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    const storeOk = await Promise.race([
      store.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(resolve, timeoutMs, false).unref()),
    ]);
    res
      .status(storeOk ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json({
        ...(storeOk ? { status: "ok", store: "ok" } : { status: "unavailable", store: "unreachable" }),
        ...line(),
      });
  });
  router.get("/live", (_req, res) => {
    res.status(200).set("Cache-Control", "no-store").json({ status: "ok" });
  });
  return router;
}
