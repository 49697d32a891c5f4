/**
 * The one place the console reaches the Twilio emulator (`src/tools/emulator`), the engine `npm run call`
 * uses: each call runs on the member line served in this process, with signature checking on and a
 * generated token. A line is opened per call, because each call brings its own moment (the line's clock).
 */
import type { Logger } from "pino";
import type { CallFlow, DialStatus } from "../../service/index.js";
import {
  type Caller,
  type CallStart,
  type CallTranscript,
  createCallSid,
  openMemberLine,
  simulateCall,
  type TranscriptEntry,
} from "../emulator/index.js";

export type { CallerAction, CallOutcome, CallStart, GatherRequest, Named, TranscriptEntry } from "../emulator/index.js";

/** One call placed from the console. */
export interface PlaceCallOptions {
  readonly callSid: string;
  /** The number dialed. */
  readonly to: string;
  /** The line's clock when the call comes in, epoch ms. */
  readonly at: number;
  /** How a transfer ends, asked at each transfer (the page may change it during the call). */
  readonly dial: () => DialStatus;
  /** Asked for the caller's next action at each `<Gather>`. */
  readonly caller: Caller;
  readonly onStart: (call: CallStart) => void;
  readonly onEntry: (entry: TranscriptEntry) => void;
}

/** Where the console's calls go. */
export interface CallEngine {
  placeCall(options: PlaceCallOptions): Promise<CallTranscript>;
}

/** Most webhook requests in one console call: enough for a long session at the keypad. */
const MAX_TURNS = 200;

/** The engine: the app logs each turn to `logger`, which the console reads to light the diagram. */
export function createCallEngine(callFlow: CallFlow, logger: Logger): CallEngine {
  return {
    async placeCall(options) {
      const line = await openMemberLine({ callFlow, logger, at: options.at });
      try {
        return await simulateCall(line, {
          callSid: options.callSid,
          to: options.to,
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
  };
}

/** A new Twilio-shaped Call SID. */
export function createConsoleCallSid(): string {
  return createCallSid();
}
