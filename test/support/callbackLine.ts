import { randomBytes } from "node:crypto";
import { createApp } from "../../src/service/app.js";
import { CallbackDesk } from "../../src/service/callbacks/callbackDesk.js";
import type { CallbackQueue, CallbackWorker } from "../../src/service/callbacks/callbackQueue.js";
import { createCallPlacer } from "../../src/service/callbacks/placeCall.js";
import { createCallbackKey } from "../../src/service/callbacks/sealNumber.js";
import { startCallbackWorker } from "../../src/service/callbacks/startCallbackWorker.js";
import { createLogger } from "../../src/service/log/createLogger.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import type { SessionStore } from "../../src/service/session/sessionStore.js";
import { type Line, openLine } from "../../src/tools/emulator/line.js";
import { type RestStandIn, type RestStandInOptions, startRestStandIn } from "../../src/tools/emulator/restStandIn.js";
import { CapturedLogs, sharedCallFlow } from "./createTestApp.js";

/** The line's public address in these tests: what Twilio (the emulator) signs for and calls. */
export const CALLBACK_BASE_URL = "https://line.callbacks.test";
/** The member (555-01xx numbers are reserved for fiction): a valid Oregon number ending in 0123. */
export const MEMBER = "+15035550123";
/** The Northwest's inbound number, from data/directory.json. */
export const NORTHWEST = "+15035550100";
/** Saturday 28 November 2026, 10:00 PST: member services is closed until Monday 08:00. */
export const SATURDAY_10AM = Date.parse("2026-11-28T18:00:00Z");
/** Monday 30 November 2026, 08:00 PST: member services opens. */
export const MONDAY_8AM = Date.parse("2026-11-30T16:00:00Z");

/** One instance of the line with call-backs: its app on a loopback port, its desk, worker and the REST stand-in. */
export interface CallbackInstance {
  readonly line: Line;
  readonly desk: CallbackDesk;
  readonly standIn: RestStandIn;
  readonly logs: CapturedLogs;
  readonly clock: { now: number };
  worker: CallbackWorker | undefined;
  startWorker(): void;
  close(): Promise<void>;
}

/** How an instance is built. */
export interface CallbackInstanceOptions {
  readonly queue: CallbackQueue;
  readonly clock: { now: number };
  readonly key?: Buffer;
  readonly store?: SessionStore;
  readonly standIn?: Omit<RestStandInOptions, "line" | "authToken">;
  /** Start the worker at once (default true). */
  readonly worker?: boolean;
  readonly logs?: CapturedLogs;
}

/**
 * Starts an instance of the line as `src/index.ts` does with call-backs on: signature checks, the desk
 * on `queue`, the REST client pointed at a fresh stand-in (its own credentials), and the worker polling
 * every 20 ms by the test's clock.
 */
export async function startCallbackInstance(options: CallbackInstanceOptions): Promise<CallbackInstance> {
  const { clock } = options;
  const now = () => clock.now;
  const token = randomBytes(16).toString("hex");
  const restToken = randomBytes(16).toString("hex");
  const logs = options.logs ?? new CapturedLogs();
  const logger = createLogger("info", logs);
  const store = options.store ?? new MemoryStore({ now, sweepIntervalMs: 0 });
  const callFlow = sharedCallFlow();
  let placeCall: ReturnType<typeof createCallPlacer> | undefined;
  const desk = new CallbackDesk({
    queue: options.queue,
    key: options.key ?? createCallbackKey(),
    clock: now,
    line: () => callFlow,
    placeCall: (call) => (placeCall as NonNullable<typeof placeCall>)(call),
    publicBaseUrl: CALLBACK_BASE_URL,
    logger,
  });
  const app = createApp({
    callFlow,
    store,
    logger,
    authToken: token,
    publicBaseUrl: CALLBACK_BASE_URL,
    clock: now,
    callbacks: desk,
  });
  const line = await openLine({ app, token, publicBaseUrl: CALLBACK_BASE_URL, clock: now });
  const standIn = await startRestStandIn({ ...options.standIn, line, authToken: restToken });
  placeCall = createCallPlacer({ accountSid: standIn.accountSid, authToken: restToken, apiBaseUrl: standIn.url });
  const instance: CallbackInstance = {
    line,
    desk,
    standIn,
    logs,
    clock,
    worker: undefined,
    startWorker() {
      instance.worker ??= startCallbackWorker(desk, { clock: now, pollMs: 20, checkAfterMs: 5 * 60_000 });
    },
    async close() {
      await instance.worker?.close();
      await standIn.idle();
      await standIn.close();
      await line.close();
    },
  };
  if (options.worker !== false) instance.startWorker();
  return instance;
}

/** Waits until `check` holds, polling every 20 ms; rejects after `withinMs` saying what was awaited. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, withinMs = 10_000): Promise<void> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
