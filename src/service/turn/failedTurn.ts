import type { z } from "zod";
import { isTransferring } from "../contract/stateIds.js";
import { toRenderInput } from "../twiml/renderInput.js";
import { renderTwiml } from "../twiml/renderTwiml.js";
import type { SessionRecord } from "../types.js";
import type { LineRuntime } from "./lineRuntime.js";
import { measureSince, type Turn } from "./turnContext.js";
import type { TurnAnswer } from "./turnTypes.js";

/**
 * The answer to a turn that failed (an error, a store that is down or slow): the safe answer on `runtime`, in
 * the region and language of the call when known (`known`), else of the dialed number.
 */
export function answerFailure(
  turn: Turn,
  error: unknown,
  known?: SessionRecord,
  runtime: LineRuntime = turn.current,
): TurnAnswer {
  return {
    twiml: runtime.safeAnswer({
      region: known?.call.context.region ?? turn.region,
      language: known?.call.context.language,
      now: turn.now,
      turn: turn.request.requested,
    }),
    log: [
      {
        level: "error",
        fields: { callSid: turn.params.CallSid, err: error, ms: measureSince(turn.started) },
        msg: "turn failed; the caller hears an apology and is transferred",
      },
    ],
  };
}

/** The answer to a request whose parameters are not a webhook's: the safe answer, in the dialed number's region. */
export function answerMalformed(
  current: LineRuntime,
  body: object,
  error: z.ZodError,
  now: number,
  started: number,
): TurnAnswer {
  const to = (body as { To?: unknown }).To;
  const region = typeof to === "string" ? (current.callFlow.directory.regionByInbound.get(to)?.id ?? null) : null;
  return {
    twiml: current.safeAnswer({ region, now }),
    log: [
      {
        level: "warn",
        fields: {
          problems: error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
          ms: measureSince(started),
        },
        msg: "malformed webhook parameters; answered with a transfer to a representative",
      },
    ],
  };
}

/**
 * Recovering, and the store cannot save: the decision is still good. A transfer is made (leading back
 * to recovery); otherwise the safe answer in the region the caller just chose.
 */
export function answerUnsaved(turn: Turn, runtime: LineRuntime, record: SessionRecord, error: unknown): TurnAnswer {
  const { call, turn: number } = record;
  const recoverUrl = turn.deps.urls.recover;
  const twiml = isTransferring(call.value)
    ? renderTwiml(runtime.callFlow, runtime.speech, toRenderInput(call), `${recoverUrl}?t=${number}`)
    : runtime.safeAnswer({ region: call.context.region, language: call.context.language, now: turn.now, turn: number });
  return {
    twiml,
    log: [
      {
        level: "error",
        fields: { callSid: turn.params.CallSid, err: error, ms: measureSince(turn.started) },
        msg: "could not save a recovered turn; answered without a session",
      },
    ],
  };
}
