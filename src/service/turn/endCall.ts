import { isCallOver } from "../contract/dialStatus.js";
import { type CallEndedRecord, EVENT_VERSION } from "../contract/eventSchema.js";
import { isFinishedState } from "../contract/stateIds.js";
import { isLive } from "../session/sessionRecord.js";
import type { StoredSession } from "../types.js";
import type { LogLine, TurnDeps } from "./turnTypes.js";
import { statusParamsSchema } from "./webhookParams.js";
import { withDeadline } from "./withDeadline.js";

/** What the status callback needs: the store, the clock, how long to wait for the store and to remember the end. */
export type EndCallDeps = Pick<TurnDeps, "store" | "clock" | "storeTimeoutMs" | "endedTtlSeconds">;

/**
 * Handles Twilio's status callback: when the call is over it is marked ended (a late or replayed turn
 * of it is hung up, never started over), and the call's last event is logged (`msg: "call ended"`, see
 * `callEndedRecordSchema`): `CallStatus`, `CallDuration`, and, when the call was still in progress (the caller hung
 * up in a menu or while being transferred), `ending: "abandoned"` with the state they left in. A call the
 * line finished (transferred, goodbye) says so on its last turn. Never throws; returns what to log.
 */
export async function endCall(deps: EndCallDeps, body: unknown): Promise<readonly LogLine[]> {
  const parsed = statusParamsSchema.safeParse(typeof body === "object" && body !== null ? body : {});
  if (!parsed.success)
    return [
      {
        level: "warn",
        fields: { problems: parsed.error.issues.map((i) => i.path.join(".")) },
        msg: "malformed status callback ignored",
      },
    ];
  const { CallSid: callSid, CallStatus: callStatus, CallDuration: duration } = parsed.data;
  if (!isCallOver(callStatus)) return [];
  const time = deps.clock();
  const log: LogLine[] = [];
  let last: StoredSession | undefined;
  try {
    last = await withDeadline(deps.store.load(callSid), deps.storeTimeoutMs, "load");
    await withDeadline(deps.store.end(callSid, deps.endedTtlSeconds), deps.storeTimeoutMs, "end");
  } catch (err) {
    log.push({
      level: "warn",
      fields: { callSid, err },
      msg: "could not mark a finished call ended; its session will expire",
    });
  }
  const state = isLive(last) ? last.call.value : undefined;
  log.push({
    level: "info",
    fields: describeCallEnd({
      time,
      callSid,
      callStatus,
      duration,
      state,
      region: isLive(last) ? last.call.context.region : undefined,
    }),
    msg: "call ended",
  });
  return log;
}

/** What the end of a call is recorded with: Twilio's status and duration, and the state the caller left in. */
interface CallEndFacts {
  readonly time: number;
  readonly callSid: string;
  readonly callStatus: string;
  readonly duration: number | undefined;
  /** The call's state when Twilio reported it over; undefined when the line did not know it. */
  readonly state: string | undefined;
  /** The caller's region when the line knew the call (null until known); undefined when it did not know it. */
  readonly region: string | null | undefined;
}

/**
 * The record of the end of a call (`msg: "call ended"`): abandoned, with the state left in, when the caller
 * hung up before the line finished the call (in a menu or while being transferred).
 */
export function describeCallEnd(facts: CallEndFacts): CallEndedRecord {
  const { state } = facts;
  const abandoned = state !== undefined && !isFinishedState(state);
  return {
    v: EVENT_VERSION,
    time: facts.time,
    callSid: facts.callSid,
    event: "STATUS",
    callStatus: facts.callStatus,
    ...(facts.duration !== undefined ? { duration: facts.duration } : {}),
    ...(abandoned ? { ending: "abandoned", lastState: state } : {}),
    ...(facts.region !== undefined ? { region: facts.region } : {}),
  };
}
