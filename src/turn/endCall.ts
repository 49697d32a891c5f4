import type { SessionStore } from "../session/sessionStore.js";
import type { LogLine } from "./takeTurn.js";
import { statusParamsSchema } from "./webhookParams.js";

/** Call statuses after which the call is over. */
const FINAL_STATUSES = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);

/**
 * Handles Twilio's status callback: when the call is over, it is marked ended. Never throws;
 * returns what to log.
 */
export async function endCall(
  store: SessionStore,
  body: unknown,
  endedTtlSeconds: number,
): Promise<readonly LogLine[]> {
  const parsed = statusParamsSchema.safeParse(typeof body === "object" && body !== null ? body : {});
  if (!parsed.success)
    return [
      {
        level: "warn",
        fields: { problems: parsed.error.issues.map((i) => i.path.join(".")) },
        msg: "malformed status callback ignored",
      },
    ];
  const { CallSid: callSid, CallStatus: callStatus } = parsed.data;
  if (!FINAL_STATUSES.has(callStatus)) return [];
  const log: LogLine[] = [];
  // Remembered as ended, a while: a late or replayed turn of this call is hung up, never started over.
  await store.end(callSid, endedTtlSeconds).catch((err: unknown) => {
    log.push({
      level: "warn",
      fields: { callSid, err },
      msg: "could not mark a finished call ended; its session will expire",
    });
  });
  log.push({ level: "info", fields: { callSid, callStatus }, msg: "call finished" });
  return log;
}
