import { isLive } from "../session/sessionRecord.js";
import { renderHangup } from "../twiml/renderHangup.js";
import { endCall } from "./endCall.js";
import { takeTurn } from "./takeTurn.js";
import type { LogLine, TurnAnswer, TurnDeps } from "./turnTypes.js";
import { statusParamsSchema, webhookParamsSchema } from "./webhookParams.js";
import { withDeadline } from "./withDeadline.js";

/** The call-back and try an outbound call's webhook is about, from its URL (`?id=…&try=…`). */
export interface PlacedQuery {
  readonly id: string | undefined;
  readonly attempt: number | undefined;
}

/**
 * The member answered a call the line placed (`/voice/callback`): while the call-back is still queued, the
 * call starts in the greeting, in the member's language, and the call-back is done (its number deleted).
 * A retried request answers again as the call stands; a call-back cancelled or gone meanwhile hangs up.
 */
export async function answerPlacedCall(deps: TurnDeps, body: unknown, query: PlacedQuery): Promise<TurnAnswer> {
  const params = webhookParamsSchema.safeParse(typeof body === "object" && body !== null ? body : {});
  const desk = deps.callbacks;
  const pending = desk && query.id && params.success ? await desk.queue.find(query.id) : undefined;
  if (!pending || !params.success) {
    const stored = params.success
      ? await withDeadline(deps.store.load(params.data.CallSid), deps.storeTimeoutMs, "load").catch(() => undefined)
      : undefined;
    // A retried request of a call already under way is answered as it stands; any other is hung up.
    if (isLive(stored)) return takeTurn(deps, { kind: "incoming", body, requested: undefined });
    return {
      twiml: renderHangup(),
      log: [{ level: "info", fields: { id: query.id ?? null }, msg: "call-back no longer queued; hung up" }],
    };
  }
  const placed = {
    callback: { team: pending.team, region: pending.region, at: pending.due, job: pending.id },
    language: pending.language,
    interpreter: pending.interpreter,
  };
  const answer = await takeTurn(deps, { kind: "incoming", body, requested: undefined, placed });
  await desk?.answer(pending.id, params.data.CallSid);
  return answer;
}

/**
 * Twilio's status callback of a call the line placed (`/voice/callback/status`): the try's outcome goes to the
 * call-back (not answered: tried again or given up), and the call ends as any call does.
 */
export async function endPlacedCall(deps: TurnDeps, body: unknown, query: PlacedQuery): Promise<readonly LogLine[]> {
  const log = await endCall(deps, body);
  const params = statusParamsSchema.safeParse(typeof body === "object" && body !== null ? body : {});
  if (params.success && deps.callbacks && query.id && query.attempt !== undefined)
    await deps.callbacks.outcome(query.id, query.attempt, params.data.CallStatus, params.data.CallSid);
  return log;
}
