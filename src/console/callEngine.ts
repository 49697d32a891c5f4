/**
 * The one place the console reaches the simulated-call engine: today `simulateCall`, which starts the
 * app in-process for each call (signature checking on, a generated token), exactly as `npm run call` does.
 */
import type { Logger } from "pino";
import {
  type CallerAction,
  type CallStart,
  type CallTranscript,
  type GatherRequest,
  newCallSid,
  simulateCall,
  type TranscriptEntry,
} from "../cli/simulateCall.js";
import type { CallFlow } from "../flow/compileFlow.js";
import type { DialStatus } from "../types.js";

export type {
  CallerAction,
  CallOutcome,
  CallStart,
  GatherRequest,
  Named,
  TranscriptEntry,
} from "../cli/simulateCall.js";

/** One call placed from the console. */
export interface PlaceCallOptions {
  readonly callSid: string;
  /** The number dialed. */
  readonly to: string;
  /** The line's clock when the call comes in, epoch ms. */
  readonly at: number;
  /** How every transfer of this call ends. */
  readonly dial: DialStatus;
  /** Asked for the caller's next action at each `<Gather>`. */
  readonly caller: (gather: GatherRequest) => Promise<CallerAction>;
  readonly onStart: (call: CallStart) => void;
  readonly onEntry: (entry: TranscriptEntry) => void;
}

/** The line the console calls: place calls on it, then close it. */
export interface CallLine {
  placeCall(options: PlaceCallOptions): Promise<CallTranscript>;
  close(): Promise<void>;
}

/** Most webhook requests in one console call: enough for a long session at the keypad. */
const MAX_TURNS = 200;
/** A fictional caller (555-01xx numbers are reserved for fiction). */
const CALLER = "+15555550123";

/** Opens the line: the app logs each turn to `logger`, which the console reads to light the diagram. */
export function openCallLine(callFlow: CallFlow, logger: Logger): CallLine {
  return {
    placeCall: (options) =>
      simulateCall({
        callFlow,
        logger,
        callSid: options.callSid,
        to: options.to,
        from: CALLER,
        at: options.at,
        dial: Array.from({ length: MAX_TURNS }, () => options.dial),
        maxTurns: MAX_TURNS,
        caller: options.caller,
        onStart: options.onStart,
        onEntry: options.onEntry,
      }),
    close: async () => {},
  };
}

/** A new Twilio-shaped Call SID. */
export function createCallSid(): string {
  return newCallSid();
}
