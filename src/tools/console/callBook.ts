import type { DialStatus } from "../../service/index.js";
import { createConsoleCallSid } from "./callEngine.js";
import { ConsoleCall } from "./consoleCall.js";

/** Calls at once; more are refused. */
export const MAX_CALLS = 20;
/** A call no page has watched this long is hung up. */
const UNWATCHED_MS = 60_000;
/** An ended call is kept this long for a page that reconnects. */
const KEEP_ENDED_MS = 10 * 60_000;
const SWEEP_MS = 15_000;

/** The console's calls by SID: live ones, and ended ones a page may still reconnect to. */
export interface CallBook {
  get(callSid: string): ConsoleCall | undefined;
  /** Whether {@link MAX_CALLS} calls are live: no other may start. */
  isFull(): boolean;
  /** A new call whose transfers end as `dial` says. */
  open(dial: DialStatus): ConsoleCall;
  /** Hangs up every call and stops sweeping. */
  close(): void;
}

/**
 * Keeps the console's calls, and sweeps them every few seconds: hangs up a call no page watches any more,
 * forgets a call ended long ago.
 */
export function createCallBook(clock: () => number): CallBook {
  const calls = new Map<string, ConsoleCall>();
  const sweep = setInterval(() => {
    const now = clock();
    for (const [sid, call] of calls) {
      if (call.endedAt !== undefined && now - call.endedAt > KEEP_ENDED_MS) calls.delete(sid);
      else if (!call.ended && call.unwatchedSince !== undefined && now - call.unwatchedSince > UNWATCHED_MS)
        call.input({ kind: "hangup" });
    }
  }, SWEEP_MS);
  sweep.unref();
  return {
    get: (callSid) => calls.get(callSid),
    isFull: () => [...calls.values()].filter((c) => !c.ended).length >= MAX_CALLS,
    open(dial) {
      const call = new ConsoleCall(createConsoleCallSid(), dial, clock);
      calls.set(call.callSid, call);
      return call;
    },
    close() {
      clearInterval(sweep);
      for (const call of calls.values()) call.input({ kind: "hangup" });
    },
  };
}
