import { Registry } from "prom-client";
import { createApp } from "../../src/service/app.js";
import type { LineRegistry } from "../../src/service/line/lineRegistry.js";
import { createLogger } from "../../src/service/log/createLogger.js";
import { createMetrics, type Metrics } from "../../src/service/metrics/createMetrics.js";
import { measureStore } from "../../src/service/metrics/measureStore.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import type { SessionStore } from "../../src/service/session/sessionStore.js";
import { CapturedLogs, OPEN_HOURS, sharedCallFlow } from "../support/createTestApp.js";
import { PUBLIC_BASE_URL, TEST_AUTH_TOKEN } from "../support/twilioRequest.js";
import { parseExposition, type Sample } from "./exposition.js";

/** How a measured app differs from the default (memory store, signatures checked, open hours). */
export interface MeasuredAppOptions {
  /** The store before it is measured. */
  readonly store?: SessionStore;
  readonly lines?: LineRegistry;
  readonly storeTimeoutMs?: number;
  readonly now?: number;
}

/** An app built as `src/index.ts` builds it with METRICS_PORT set: its own registry, its store measured. */
export function createMeasuredApp(options: MeasuredAppOptions = {}) {
  const clock = { now: options.now ?? OPEN_HOURS };
  const registry = new Registry();
  const metrics: Metrics = createMetrics({ registry });
  const store = measureStore(options.store ?? new MemoryStore({ now: () => clock.now, sweepIntervalMs: 0 }), metrics);
  const logs = new CapturedLogs();
  const app = createApp({
    ...(options.lines ? { lines: options.lines } : { callFlow: sharedCallFlow() }),
    store,
    logger: createLogger("info", logs),
    authToken: TEST_AUTH_TOKEN,
    publicBaseUrl: PUBLIC_BASE_URL,
    clock: () => clock.now,
    metrics,
    ...(options.storeTimeoutMs !== undefined ? { storeTimeoutMs: options.storeTimeoutMs } : {}),
  });
  /** What `GET /metrics` would answer now, parsed. */
  const scrape = async (): Promise<Sample[]> => parseExposition(await registry.metrics());
  return { app, metrics, registry, store, logs, clock, scrape };
}
