import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import {
  CallbackDesk,
  type CallFlow,
  createApp,
  createCallbackKey,
  createCallPlacer,
  createLogger,
  isLive,
  MemoryCallbackQueue,
  MemoryStore,
  type PlaceCall,
  type QueuedCallback,
  startCallbackWorker,
} from "../../service/index.js";
import { describeMemberLine } from "./describeMemberLine.js";
import { type Line, openLine } from "./line.js";
import { loadMemberLineFlow } from "./openMemberLine.js";
import { type OutboundOutcome, type PlacedCall, type RestStandIn, startRestStandIn } from "./restStandIn.js";

/** The member line with call-backs, in this process: the line, and the loop's other side. */
export interface CallbackLine extends Line {
  /** The stand-in of Twilio's REST API the line places its calls through. */
  readonly standIn: RestStandIn;
  /** What is queued. */
  pending(): Promise<QueuedCallback[]>;
  /**
   * Moves the line's clock to the first call-back due, lets the worker place it (and its retries, each at its
   * time) until the queue is empty or `outcomes` run out; resolves the calls placed, in order.
   */
  playDue(onPlaced?: (call: PlacedCall, at: number) => void): Promise<PlacedCall[]>;
}

/** How the line with call-backs starts. */
export interface CallbackLineOptions {
  readonly callFlow?: CallFlow;
  /** Where the line's clock starts (it runs on in real time, and jumps to each call-back due). */
  readonly at?: number;
  /** How each outbound call ends, in order: answered, busy, no-answer, failed. */
  readonly outcomes: readonly OutboundOutcome[];
  readonly logger?: Logger;
}

/**
 * Starts the member line in this process with call-backs on, as the server would with one instance: a
 * memory queue, numbers sealed with a random key, the worker, and the REST client pointed at a local
 * stand-in of Twilio's API, which plays each outbound call against the line's webhooks with the outcome
 * asked for. `npm run call -- … --callback answered` shows the whole loop with it.
 */
export async function openCallbackLine(options: CallbackLineOptions): Promise<CallbackLine> {
  const callFlow = options.callFlow ?? loadMemberLineFlow();
  const started = Date.now();
  let offset = (options.at ?? started) - started;
  const clock = () => Date.now() + offset;
  const logger = options.logger ?? createLogger("warn", process.stderr);
  const store = new MemoryStore({ now: clock, sweepIntervalMs: 0 });
  const queue = new MemoryCallbackQueue();
  const token = randomBytes(16).toString("hex");
  const restToken = randomBytes(16).toString("hex");
  const publicBaseUrl = "https://member-line.emulated";
  let placeCall: PlaceCall | undefined;
  const desk = new CallbackDesk({
    queue,
    key: createCallbackKey(),
    clock,
    line: () => callFlow,
    placeCall: (call) => (placeCall as PlaceCall)(call),
    publicBaseUrl,
    logger,
  });
  const app = createApp({ callFlow, store, logger, authToken: token, publicBaseUrl, clock, callbacks: desk });
  const describer = describeMemberLine(callFlow, async (callSid) => {
    const stored = await store.load(callSid);
    const transfer = isLive(stored) ? stored.call.context.transfer : null;
    return transfer ? { region: transfer.region, team: transfer.team } : undefined;
  });
  const line = await openLine({ app, token, clock, describer, publicBaseUrl });
  const standIn = await startRestStandIn({ line, authToken: restToken, outcomes: options.outcomes });
  placeCall = createCallPlacer({ accountSid: standIn.accountSid, authToken: restToken, apiBaseUrl: standIn.url });
  const worker = startCallbackWorker(desk, { clock, pollMs: 20 });
  return {
    ...line,
    standIn,
    pending: () => queue.list(),
    async playDue(onPlaced) {
      const placed: PlacedCall[] = [];
      for (let tries = 0; tries < options.outcomes.length; tries++) {
        const [next] = await queue.list();
        if (!next) break;
        if (next.due > clock()) offset += next.due - clock();
        const at = clock();
        const before = standIn.calls.length;
        while (standIn.calls.length === before && (await queue.list()).length > 0)
          await new Promise((r) => setTimeout(r, 20));
        await standIn.idle();
        // Its outcome reaches the line through the status callback: wait until the queue has it.
        while ((await queue.list()).some((c) => c.placed)) await new Promise((r) => setTimeout(r, 20));
        const call = standIn.calls[before];
        if (call) {
          placed.push(call);
          onPlaced?.(call, at);
        }
      }
      return placed;
    },
    async close() {
      await worker.close();
      await standIn.idle();
      await standIn.close();
      await line.close();
      await store.close();
    },
  };
}
