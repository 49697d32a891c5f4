import express from "express";
import request from "supertest";
import { describe, expect, test } from "vitest";
import { createHealthCheck } from "../../src/service/http/health.js";
import { type Fault, FaultyStore } from "../support/faultyStores.js";

const LINE = { version: "0123456789abcdef", origin: { from: "files" } as const, lastReloadError: null };

/** An app with only the health routes, over a store whose ping does `fault`. */
function healthApp(fault: Fault) {
  const app = express();
  app.use(
    "/healthz",
    createHealthCheck(new FaultyStore({ ping: fault }), 200, () => LINE),
  );
  return app;
}

describe("health routes", () => {
  test.each([
    ["the store answers", "ok", 200, { status: "ok", store: "ok", ...LINE }],
    ["the store refuses", "reject", 503, { status: "unavailable", store: "unreachable", ...LINE }],
    ["the store hangs", "hang", 503, { status: "unavailable", store: "unreachable", ...LINE }],
  ] as const)("readiness (GET /healthz) when %s: %i", async (_name, fault, status, body) => {
    const started = performance.now();
    const res = await request(healthApp(fault)).get("/healthz");
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(res.status).toBe(status);
    expect(res.body).toEqual(body);
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  test.each(["ok", "reject", "hang"] as const)(
    "liveness (GET /healthz/live) is 200 whatever the store does (%s)",
    async (fault) => {
      const res = await request(healthApp(fault)).get("/healthz/live");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: "ok" });
    },
  );

  test.each([
    ["POST", "/healthz"],
    ["POST", "/healthz/live"],
    ["GET", "/healthz/other"],
  ] as const)("%s %s is not a health route", async (method, path) => {
    const app = healthApp("ok");
    const res = method === "GET" ? await request(app).get(path) : await request(app).post(path);
    expect(res.status).toBe(404);
  });
});
