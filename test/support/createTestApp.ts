import { Writable } from "node:stream";
import type { Express } from "express";
import type { Logger } from "pino";
import { createApp } from "../../src/service/app.js";
import type { CallFlow } from "../../src/service/flow/compileFlow.js";
import type { LineRegistry } from "../../src/service/line/lineRegistry.js";
import { loadCallFlow } from "../../src/service/line/loadCallFlow.js";
import { createLogger } from "../../src/service/log/createLogger.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import type { SessionStore } from "../../src/service/session/sessionStore.js";
import { DIRECTORY_FILE, FLOW_FILE } from "../fixtures/flowFixtures.js";
import { PUBLIC_BASE_URL, TEST_AUTH_TOKEN } from "./twilioRequest.js";

/** The frozen copy of the bundled line the tests run against (see test/fixtures/flowFixtures.ts). */
export { DIRECTORY_FILE, FLOW_FILE } from "../fixtures/flowFixtures.js";

/**
 * Wednesday 11 March 2026, 19:00 UTC: every regional team is open (12:00 in California and the
 * Northwest, 13:00 in Colorado, 15:00 on the East Coast, 09:00 in Hawaii).
 */
export const OPEN_HOURS = Date.UTC(2026, 2, 11, 19, 0);
/** Saturday 14 March 2026, 19:00 UTC: member services is closed everywhere. */
export const WEEKEND = Date.UTC(2026, 2, 14, 19, 0);

let shared: CallFlow | undefined;

/** The line's flow and directory, loaded and compiled once per test file. */
export function sharedCallFlow(): CallFlow {
  shared ??= loadCallFlow(FLOW_FILE, DIRECTORY_FILE);
  return shared;
}

/** A freshly compiled flow (another instance of the service compiles its own). */
export function freshCallFlow(): CallFlow {
  return loadCallFlow(FLOW_FILE, DIRECTORY_FILE);
}

/** One parsed log line. */
export type LogEntry = Record<string, unknown> & { msg?: string; level?: number };

/** A stream that keeps every line pino writes, so tests can read the logs. */
export class CapturedLogs extends Writable {
  readonly lines: string[] = [];
  #partial = "";

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const text = this.#partial + String(chunk);
    const parts = text.split("\n");
    this.#partial = parts.pop() ?? "";
    this.lines.push(...parts.filter((l) => l.length > 0));
    callback();
  }

  /** Everything logged so far, as one string. */
  text(): string {
    return [...this.lines, this.#partial].join("\n");
  }

  entries(): LogEntry[] {
    return this.lines.map((l) => JSON.parse(l) as LogEntry);
  }

  /** The per-turn lines (`msg: "turn"`), optionally of one call. */
  turns(callSid?: string): LogEntry[] {
    return this.entries().filter((e) => e.msg === "turn" && (callSid === undefined || e.callSid === callSid));
  }

  clear(): void {
    this.lines.length = 0;
    this.#partial = "";
  }
}

/** How a test app differs from the default (memory store, signatures checked, fixed public URL, open hours). */
export interface TestAppOptions {
  readonly store?: SessionStore;
  /** `undefined` turns signature checks off (local development mode). Defaults to `TEST_AUTH_TOKEN`. */
  readonly authToken?: string | undefined;
  /** `null` leaves it unset, so the URL comes from the request (and the proxy headers when trusted). */
  readonly publicBaseUrl?: string | null;
  readonly trustProxy?: boolean | number | string;
  readonly now?: number;
  readonly storeTimeoutMs?: number;
  readonly sessionTtlSeconds?: number;
  readonly callFlow?: CallFlow;
  /** The versions of the line, as the server builds them (then `callFlow` is the current one). */
  readonly lines?: LineRegistry;
  /** `ANALYTICS_SALT`: with it, a call's first turn record carries the caller's key. */
  readonly analyticsSalt?: string;
}

/** A line under test, with what the test can reach into. */
export interface TestApp {
  readonly app: Express;
  readonly store: SessionStore;
  readonly callFlow: CallFlow;
  readonly logger: Logger;
  readonly logs: CapturedLogs;
  /** The clock the app (and the default memory store) reads; tests may move it. */
  readonly clock: { now: number };
  /** The base URL requests are signed for and action URLs start with. */
  readonly baseUrl: string;
}

/** Builds the app the way `src/index.ts` does, with test doubles for the effects. */
export function createTestApp(options: TestAppOptions = {}): TestApp {
  const clock = { now: options.now ?? OPEN_HOURS };
  const callFlow = options.lines?.current() ?? options.callFlow ?? sharedCallFlow();
  const store = options.store ?? new MemoryStore({ now: () => clock.now, sweepIntervalMs: 0 });
  const logs = new CapturedLogs();
  const logger = createLogger("info", logs);
  const publicBaseUrl = options.publicBaseUrl === null ? undefined : (options.publicBaseUrl ?? PUBLIC_BASE_URL);
  const app = createApp({
    ...(options.lines ? { lines: options.lines } : { callFlow }),
    store,
    logger,
    authToken: "authToken" in options ? options.authToken : TEST_AUTH_TOKEN,
    publicBaseUrl,
    clock: () => clock.now,
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.storeTimeoutMs !== undefined ? { storeTimeoutMs: options.storeTimeoutMs } : {}),
    ...(options.sessionTtlSeconds !== undefined ? { sessionTtlSeconds: options.sessionTtlSeconds } : {}),
    ...(options.analyticsSalt !== undefined ? { analyticsSalt: options.analyticsSalt } : {}),
  });
  return { app, store, callFlow, logger, logs, clock, baseUrl: publicBaseUrl ?? "" };
}
