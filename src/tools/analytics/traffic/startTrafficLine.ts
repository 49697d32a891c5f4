import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { CallFlow } from "../../../service/index.js";
import {
  CallbackDesk,
  createApp,
  createCallbackKey,
  MemoryCallbackQueue,
  MemoryStore,
} from "../../../service/index.js";
import { describeMemberLine, openLine } from "../../emulator/index.js";
import type { TrafficServer } from "./placeCall.js";

/** What the line of simulated traffic is built from. */
export interface TrafficLineOptions {
  readonly callFlow: CallFlow;
  /** Where the line logs: its turn records are the traffic. */
  readonly logger: Logger;
  /** `ANALYTICS_SALT` for the caller keys. */
  readonly analyticsSalt?: string | undefined;
}

/** A line listening in this process, for simulated traffic. */
export interface TrafficLine extends TrafficServer {
  close(): Promise<void>;
}

/**
 * Starts the real app once, in this process, behind the Twilio emulator, with signatures checked
 * (a fresh random token) and a clock the traffic moves: thousands of calls over simulated days take
 * seconds, not days.
 */
export async function startTrafficLine(options: TrafficLineOptions): Promise<TrafficLine> {
  const clock = { now: 0 };
  const store = new MemoryStore({ now: () => clock.now, sweepIntervalMs: 0 });
  const token = randomBytes(16).toString("hex");
  // Call-backs are queued as the line would (callers take the offer), never placed: the traffic is inbound.
  const callbacks = options.callFlow.flow.callbacks
    ? new CallbackDesk({
        queue: new MemoryCallbackQueue(),
        key: createCallbackKey(),
        clock: () => clock.now,
        line: () => options.callFlow,
        publicBaseUrl: "",
        logger: options.logger,
      })
    : undefined;
  const app = createApp({
    callFlow: options.callFlow,
    store,
    logger: options.logger,
    authToken: token,
    clock: () => clock.now,
    analyticsSalt: options.analyticsSalt,
    callbacks,
  });
  const line = await openLine({
    app,
    token,
    clock: () => clock.now,
    describer: describeMemberLine(options.callFlow),
  });
  return {
    line,
    callFlow: options.callFlow,
    clock,
    async close() {
      await callbacks?.queue.close();
      await line.close();
      await store.close();
    },
  };
}
