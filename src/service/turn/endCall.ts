import { EVENT_VERSION } from "../contract/eventSchema.js";
import { isLive } from "../session/sessionRecord.js";
import type { StoredSession } from "../types.js";
import type { LogLine, TurnDeps } from "./takeTurn.js";
import { statusParamsSchema } from "./webhookParams.js";
import { withDeadline } from "./withDeadline.js";

/** Call statuses after which the call is over. */
const FINAL_STATUSES = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);

/** What the status callback needs: the store, the clock, how long to wait for the store and to remember the end. */
export type EndCallDeps = Pick<TurnDeps, "store" | "clock" | "storeTimeoutMs" | "endedTtlSeconds">;

/**
 * Handles Twilio's status callback: when the call is over it is marked ended (a late or replayed turn
 * of it is hung up, never started over), and the call's last event is logged (`msg: "call ended"`, see
 * `eventSchema`): `CallStatus`, `CallDuration`, and, when the call was still in progress (the caller hung
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
  if (!FINAL_STATUSES.has(callStatus)) return [];
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
  const abandoned = state !== undefined && state !== "ended" && state !== "goodbye";
  log.push({
    level: "info",
    fields: {
      v: EVENT_VERSION,
      time,
      callSid,
      event: "STATUS",
      callStatus,
      ...(duration !== undefined ? { duration } : {}),
      ...(abandoned ? { ending: "abandoned", lastState: state } : {}),
      ...(isLive(last) ? { region: last.call.context.region } : {}),
    },
    msg: "call ended",
  });
  return log;
}
