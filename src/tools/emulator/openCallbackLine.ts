import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import {
  CallbackDesk,
  type CallbackKey,
  type CallbackQueue,
  type CallbackRecord,
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
import {
  type AnsweredScript,
  type OutboundOutcome,
  type PlacedCall,
  type RestStandIn,
  startRestStandIn,
} from "./restStandIn.js";

/** Where call-backs are kept and the key their numbers are sealed with: what several lines share to serve one queue. */
export interface SharedCallbacks {
  readonly queue: CallbackQueue;
  readonly key: CallbackKey;
}

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
  /**
   * Moves the line's clock to call-back `id`'s due time (if it is later) and has the desk place its next try
   * now, as the worker would, whatever else is due; resolves the call placed once played and its outcome is
   * in the queue. Undefined when it is not queued, is already placed, or the desk did not place it (gave up).
   */
  play(id: string): Promise<PlacedCall | undefined>;
}

/** How the line with call-backs starts. */
export interface CallbackLineOptions {
  readonly callFlow?: CallFlow;
  /** Where the line's clock starts (it runs on in real time, and jumps to each call-back due). */
  readonly at?: number;
  /** How each outbound call ends, in order: answered, busy, no-answer, failed. */
  readonly outcomes: readonly OutboundOutcome[];
  /** What the member does on an answered call; presses the connect key 1 by default. */
  readonly answered?: AnsweredScript;
  /** The SID of each outbound call; random by default. */
  readonly callSid?: () => string;
  /** The queue and key to serve, shared with other lines; a memory queue and a random key of its own by default. */
  readonly callbacks?: SharedCallbacks;
  /** Whether the worker places call-backs as they come due by the line's clock (default); else only `play` does. */
  readonly worker?: boolean;
  /** Told of each call-back record the desk writes (placed, retried, given up, cancelled, answered). */
  readonly onRecord?: (record: CallbackRecord) => void;
  readonly logger?: Logger;
}

/** How long a placed call's outcome may take to reach the queue once the stand-in has played it. */
const OUTCOME_WAIT_MS = 10_000;
const POLL_MS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the member line in this process with call-backs on, as the server would with one instance: a
 * memory queue, numbers sealed with a random key, the worker, and the REST client pointed at a local
 * stand-in of Twilio's API, which plays each outbound call against the line's webhooks with the outcome
 * asked for. `npm run call -- … --callback answered` shows the whole loop with it; the console opens one per
 * call on its own queue (`callbacks`, no worker) and plays the call-back the operator chooses.
 */
export async function openCallbackLine(options: CallbackLineOptions): Promise<CallbackLine> {
  const callFlow = options.callFlow ?? loadMemberLineFlow();
  const started = Date.now();
  let offset = (options.at ?? started) - started;
  const clock = () => Date.now() + offset;
  const moveClockTo = (at: number) => {
    if (at > clock()) offset += at - clock();
  };
  const logger = options.logger ?? createLogger("warn", process.stderr);
  const store = new MemoryStore({ now: clock, sweepIntervalMs: 0 });
  const { queue, key } = options.callbacks ?? { queue: new MemoryCallbackQueue(), key: createCallbackKey() };
  const token = randomBytes(16).toString("hex");
  const restToken = randomBytes(16).toString("hex");
  const publicBaseUrl = "https://member-line.emulated";
  let placeCall: PlaceCall | undefined;
  const desk = new CallbackDesk({
    queue,
    key,
    clock,
    line: () => callFlow,
    placeCall: (call) => (placeCall as PlaceCall)(call),
    publicBaseUrl,
    logger,
    onRecord: options.onRecord,
  });
  const app = createApp({ callFlow, store, logger, authToken: token, publicBaseUrl, clock, callbacks: desk });
  const describer = describeMemberLine(callFlow, async (callSid) => {
    const stored = await store.load(callSid);
    const transfer = isLive(stored) ? stored.call.context.transfer : null;
    return transfer ? { region: transfer.region, team: transfer.team } : undefined;
  });
  const line = await openLine({ app, token, clock, describer, publicBaseUrl });
  const standIn = await startRestStandIn({
    line,
    authToken: restToken,
    outcomes: options.outcomes,
    answered: options.answered,
    callSid: options.callSid,
  });
  placeCall = createCallPlacer({ accountSid: standIn.accountSid, authToken: restToken, apiBaseUrl: standIn.url });
  const worker = options.worker === false ? undefined : startCallbackWorker(desk, { clock, pollMs: POLL_MS });

  /** Waits until the calls placed are played and `placed` no longer holds (the outcome reached the queue). */
  const settle = async (placed: () => Promise<boolean>) => {
    await standIn.idle();
    const until = Date.now() + OUTCOME_WAIT_MS;
    while ((await placed()) && Date.now() < until) await sleep(POLL_MS);
  };
  return {
    ...line,
    standIn,
    pending: () => queue.list(),
    async playDue(onPlaced) {
      const placed: PlacedCall[] = [];
      for (let tries = 0; tries < options.outcomes.length; tries++) {
        const [next] = await queue.list();
        if (!next) break;
        moveClockTo(next.due);
        const at = clock();
        const before = standIn.calls.length;
        while (standIn.calls.length === before && (await queue.list()).length > 0) await sleep(POLL_MS);
        await settle(async () => (await queue.list()).some((c) => c.placed));
        const call = standIn.calls[before];
        if (call) {
          placed.push(call);
          onPlaced?.(call, at);
        }
      }
      return placed;
    },
    async play(id) {
      const pending = await queue.find(id);
      if (!pending || pending.placed) return undefined;
      moveClockTo(pending.due);
      const before = standIn.calls.length;
      await desk.work({ kind: "place", id, attempt: pending.attempts + 1, at: pending.due }, pending);
      await settle(async () => (await queue.find(id))?.placed !== undefined);
      return standIn.calls[before];
    },
    async close() {
      await worker?.close();
      await standIn.idle();
      await standIn.close();
      await line.close();
      await store.close();
    },
  };
}
