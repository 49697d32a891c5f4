import type { Server } from "node:http";
import { createServer } from "node:net";
import { Registry } from "prom-client";
import request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { loadConfig } from "../../src/service/config/loadConfig.js";
import { StartupError } from "../../src/service/errors.js";
import { createLogger } from "../../src/service/log/createLogger.js";
import { createMetrics } from "../../src/service/metrics/createMetrics.js";
import { startMetricsServer } from "../../src/service/metrics/startMetricsServer.js";
import { exitWithin, freePort, killStartedServers, startServer, waitForOutput } from "../lifecycle/spawnServer.js";
import { CapturedLogs } from "../support/createTestApp.js";
import { parseExposition } from "./exposition.js";
import { createMeasuredApp } from "./measuredApp.js";

const UNSIGNED = { ALLOW_UNSIGNED_WEBHOOKS: "1" };
const logger = createLogger("silent", new CapturedLogs());

describe("METRICS_PORT and METRICS_HOST", () => {
  test("unset: no metrics; METRICS_HOST defaults to loopback", () => {
    const config = loadConfig(UNSIGNED);
    expect(config.METRICS_PORT).toBeUndefined();
    expect(config.METRICS_HOST).toBe("127.0.0.1");
    expect(loadConfig({ ...UNSIGNED, METRICS_PORT: "" }).METRICS_PORT).toBeUndefined();
    expect(loadConfig({ ...UNSIGNED, METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0" })).toMatchObject({
      METRICS_PORT: 9464,
      METRICS_HOST: "0.0.0.0",
    });
  });

  test.each([
    [{ METRICS_PORT: "abc" }, /✖ METRICS_PORT: must be a port from 1 to 65535 for GET \/metrics, e\.g\. 9464/],
    [{ METRICS_PORT: "0" }, /✖ METRICS_PORT: must be a port from 1 to 65535/],
    [{ METRICS_PORT: "65536" }, /✖ METRICS_PORT: must be a port from 1 to 65535/],
    [{ METRICS_PORT: "94.64" }, /✖ METRICS_PORT: must be a port from 1 to 65535/],
    [{ METRICS_PORT: "3000" }, /✖ METRICS_PORT: is PORT \(3000\): metrics are never served on the webhook port/],
    [{ PORT: "8080", METRICS_PORT: "8080" }, /✖ METRICS_PORT: is PORT \(8080\)/],
  ])("%j is refused, naming METRICS_PORT", (env, message) => {
    expect(() => loadConfig({ ...UNSIGNED, ...env })).toThrow(message);
  });
});

describe("GET /metrics on its own port", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const metrics = createMetrics({ registry: new Registry() });
    metrics.callsStarted.inc({ region: "northwest", language: "en" });
    server = await startMetricsServer(metrics.registry, { port: 0, host: "127.0.0.1" }, logger);
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test("serves Prometheus's text format", async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseExposition(await res.text());
    expect(samples).toContainEqual({
      name: "ivr_calls_started_total",
      labels: { region: "northwest", language: "en" },
      value: 1,
    });
  });

  test.each([
    ["GET", "/", 404],
    ["GET", "/voice", 404],
    ["GET", "/metrics/x", 404],
    ["POST", "/metrics", 405],
    ["HEAD", "/metrics", 200],
    ["GET", "/metrics?name=x", 200],
  ])("%s %s → %i", async (method, path, status) => {
    const res = await fetch(`${base}${path}`, { method });
    expect(res.status).toBe(status);
  });

  test("a port in use stops the start, naming METRICS_PORT", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as { port: number }).port;
    const started = startMetricsServer(new Registry(), { port, host: "127.0.0.1" }, logger);
    await expect(started).rejects.toBeInstanceOf(StartupError);
    await expect(started).rejects.toThrow(/127\.0\.0\.1:\d+.*EADDRINUSE.*Set METRICS_PORT to a free port/);
    await new Promise((resolve) => holder.close(resolve));
  });
});

describe("the webhook port never serves /metrics", () => {
  test.each(["/metrics", "/metrics/", "/voice/metrics"])("GET %s → 404", async (path) => {
    const m = createMeasuredApp();
    expect((await request(m.app).get(path)).status).toBe(404);
  });
});

describe("src/index.ts with METRICS_PORT", () => {
  afterEach(killStartedServers);

  test.each([
    [{ METRICS_PORT: "nine" }, /METRICS_PORT: must be a port from 1 to 65535/],
    [{ METRICS_PORT: "70000" }, /METRICS_PORT: must be a port from 1 to 65535/],
  ])("refuses %j at start, naming it", async (env, message) => {
    const run = startServer({ ...UNSIGNED, ...env });
    expect((await run.exited).code).toBe(1);
    expect(run.output()).toMatch(/member-line cannot start/);
    expect(run.output()).toMatch(message);
  });

  test("a METRICS_PORT in use stops the start before the webhooks listen", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const taken = (holder.address() as { port: number }).port;
    const run = startServer({ ...UNSIGNED, PORT: String(await freePort()), METRICS_PORT: String(taken) });
    const exit = await exitWithin(run, 10_000);
    await new Promise((resolve) => holder.close(resolve));
    expect(exit).toMatchObject({ code: 1 });
    expect(run.output()).toMatch(/EADDRINUSE.*METRICS_PORT/s);
    expect(run.output()).not.toMatch(/member line listening/);
  });

  test("serves the metrics apart from the webhooks, with Node's process metrics, and closes them on SIGTERM", async () => {
    const port = await freePort();
    const metricsPort = await freePort();
    const run = startServer({ ...UNSIGNED, PORT: String(port), METRICS_PORT: String(metricsPort) });
    await waitForOutput(run, /member line listening/);
    expect(run.output()).toContain(`"metrics":"http://127.0.0.1:${metricsPort}/metrics"`);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    const samples = parseExposition(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text());
    const names = new Set(samples.map((s) => s.name));
    for (const name of [
      "process_cpu_user_seconds_total",
      "process_resident_memory_bytes",
      "nodejs_eventloop_lag_p99_seconds",
    ])
      expect(names).toContain(name);
    expect(samples.filter((s) => s.name === "ivr_line_info")).toEqual([
      { name: "ivr_line_info", labels: { version: expect.stringMatching(/^[0-9a-f]{16}$/) }, value: 1 },
    ]);
    run.child.kill("SIGTERM");
    expect((await run.exited).code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${metricsPort}/metrics`)).rejects.toThrow();
  });

  test("without METRICS_PORT no metrics are served", async () => {
    const port = await freePort();
    const run = startServer({ ...UNSIGNED, PORT: String(port) });
    await waitForOutput(run, /member line listening/);
    expect(run.output()).toContain('"metrics":"off"');
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
  });
});
