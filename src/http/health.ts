import { Router } from "express";
import type { SessionStore } from "../session/sessionStore.js";

/**
 * Builds the health routes, to mount at `/healthz`:
 * - `GET /healthz` — readiness: 200 `{"status":"ok","store":"ok"}` when the session store answers within
 *   `timeoutMs`, else 503 `{"status":"unavailable","store":"unreachable"}`, so a load balancer sends calls
 *   to the instances that can serve them;
 * - `GET /healthz/live` — liveness: 200 `{"status":"ok"}` while the process serves HTTP, whatever the store
 *   does (restarting the process would not bring Redis back).
 */
export function createHealthCheck(store: SessionStore, timeoutMs: number): Router {
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
      .json(storeOk ? { status: "ok", store: "ok" } : { status: "unavailable", store: "unreachable" });
  });
  router.get("/live", (_req, res) => {
    res.status(200).set("Cache-Control", "no-store").json({ status: "ok" });
  });
  return router;
}
