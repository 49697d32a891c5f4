/**
 * The one place the console reaches the Twilio emulator (`src/tools/emulator`), the engine `npm run call`
 * uses: each call runs on the member line served in this process, with signature checking on and a
 * generated token. A line is opened per call, because each call brings its own moment (the line's clock);
 * every line serves the console's one call-back queue, so a call-back asked for in a call can be played later.
 */
import type { Logger } from "pino";
import type { CallbackRecord, CallFlow, DialStatus } from "../../service/index.js";
import {
  CALLBACK_FROM,
  type CallbackLineOptions,
  type Caller,
  type CallStart,
  type CallTranscript,
  createCallSid,
  type OutboundOutcome,
  openCallbackLine,
  type PlacedCall,
  type SharedCallbacks,
  simulateCall,
  type TranscriptEntry,
} from "../emulator/index.js";

export type {
  CallerAction,
  CallOutcome,
  CallStart,
  GatherRequest,
  OutboundOutcome,
  SharedCallbacks,
  TranscriptEntry,
} from "../emulator/index.js";
export { OUTBOUND_OUTCOMES } from "../emulator/index.js";

/** What a call placed from the console and a call-back it plays share: the call and the person at the page. */
interface ConsoleSide {
  readonly callSid: string;
  /** How a transfer ends, asked at each transfer (the page may change it during the call). */
  readonly dial: () => DialStatus;
  /** Asked for the caller's next action at each `<Gather>`. */
  readonly caller: Caller;
  readonly onEntry: (entry: TranscriptEntry) => void;
}

/** One call placed from the console. */
export interface PlaceCallOptions extends ConsoleSide {
  /** The number dialed. */
  readonly to: string;
  /** The line's clock when the call comes in, epoch ms. */
  readonly at: number;
  readonly onStart: (call: CallStart) => void;
}

/** A call-back the console plays: the line places it at its due time, and the member meets it as `outcome` says. */
export interface PlayCallbackOptions extends ConsoleSide {
  readonly id: string;
  readonly outcome: OutboundOutcome;
}

/** What playing a call-back did. */
export interface PlayedCallback {
  /** The call the line placed (with the member's side when answered); undefined when the desk did not place it. */
  readonly placed: PlacedCall | undefined;
  /** The desk's last record of the call-back meanwhile: answered, retried (its next due) or given up (why). */
  readonly record: CallbackRecord | undefined;
}

/** Where the console's calls go. */
export interface CallEngine {
  placeCall(options: PlaceCallOptions): Promise<CallTranscript>;
  /** Plays a queued call-back; undefined when it is not queued. */
  playCallback(options: PlayCallbackOptions): Promise<PlayedCallback | undefined>;
}

/** The console's call-backs, as the engine serves them. */
export interface EngineCallbacks {
  readonly shared: SharedCallbacks;
  /** Told of each record the desk writes. */
  record(record: CallbackRecord): void;
}

/** Most webhook requests in one console call: enough for a long session at the keypad. */
const MAX_TURNS = 200;

/**
 * The engine: the app logs each turn to `logger`, which the console reads to light the diagram. Callers call
 * from `CALLBACK_FROM`, a number the line can call back. Lines run no worker: a call-back is placed only when
 * the page plays it.
 */
export function createCallEngine(callFlow: CallFlow, logger: Logger, callbacks: EngineCallbacks): CallEngine {
  const lineAt = (at: number, more: Partial<CallbackLineOptions> = {}) =>
    openCallbackLine({
      callFlow,
      logger,
      at,
      outcomes: [],
      callbacks: callbacks.shared,
      worker: false,
      onRecord: (record) => callbacks.record(record),
      ...more,
    });
  return {
    async placeCall(options) {
      const line = await lineAt(options.at);
      try {
        return await simulateCall(line, {
          callSid: options.callSid,
          to: options.to,
          from: CALLBACK_FROM,
          maxTurns: MAX_TURNS,
          caller: options.caller,
          dialer: async () => options.dial(),
          onStart: options.onStart,
          onEntry: options.onEntry,
        });
      } finally {
        await line.close();
      }
    },
    async playCallback(options) {
      const pending = await callbacks.shared.queue.find(options.id);
      if (!pending) return undefined;
      let record: CallbackRecord | undefined;
      const line = await lineAt(pending.due, {
        outcomes: [options.outcome],
        callSid: () => options.callSid,
        answered: {
          caller: options.caller,
          dialer: async () => options.dial(),
          maxTurns: MAX_TURNS,
          onEntry: options.onEntry,
        },
        onRecord: (r) => {
          callbacks.record(r);
          if (r.id === options.id) record = r;
        },
      });
      try {
        const placed = await line.play(options.id);
        return { placed, record };
      } finally {
        await line.close();
      }
    },
  };
}

/** A new Twilio-shaped Call SID. */
export function createConsoleCallSid(): string {
  return createCallSid();
}
