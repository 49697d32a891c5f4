import type { CallFlow } from "../flow/compileFlow.js";
import { TRANSFER } from "../flow/compileFlow.js";
import type { SessionStore } from "../session/sessionStore.js";
import type { SpeechBook } from "../twiml/composeSpeech.js";
import { renderHangup } from "../twiml/renderHangup.js";
import { toRenderInput } from "../twiml/renderInput.js";
import { renderTwiml } from "../twiml/renderTwiml.js";
import type { TurnRenderer } from "../twiml/turnTwiml.js";
import type { SessionRecord } from "../types.js";
import { planTurn, type TurnKind, type TurnPlan } from "./planTurn.js";
import type { SafeAnswer } from "./safeAnswer.js";
import { describeTurn, type TurnResultKind } from "./turnRecord.js";
import { eventFromParams, webhookParamsSchema } from "./webhookParams.js";
import { withDeadline } from "./withDeadline.js";

/** What a turn needs: the compiled flow, how to render, and the session store. */
export interface TurnDeps {
  readonly callFlow: CallFlow;
  readonly speech: SpeechBook;
  readonly store: SessionStore;
  /** Clock in epoch ms; the flow's hours are decided by it. */
  readonly clock: () => number;
  readonly sessionTtlSeconds: number;
  /** Longest wait for one session store operation before the turn fails over to the safe answer, in ms. */
  readonly storeTimeoutMs: number;
  /** Renders a call's state for the turn its next request carries. */
  readonly renderTurn: TurnRenderer;
  /** The URL of the recovery route, where the safe answer leads. */
  readonly recoverUrl: string;
  /** The answer when a turn fails. */
  readonly safeAnswer: SafeAnswer;
  /** `ANALYTICS_SALT`: keys the caller's hash in the turn record; without it no caller key is logged. */
  readonly analyticsSalt?: string | undefined;
}

/** One webhook request of a call, without HTTP: which route, its form parameters and its `t`. */
export interface TurnRequest {
  readonly kind: TurnKind;
  readonly body: unknown;
  readonly requested: number | undefined;
}

/** A line for the log: level, fields and message. */
export interface LogLine {
  readonly level: "info" | "warn" | "error";
  readonly fields: Record<string, unknown>;
  readonly msg: string;
}

/** The answer to a turn: the TwiML, and what to log. */
export interface TurnAnswer {
  readonly twiml: string;
  readonly log: readonly LogLine[];
}

/**
 * Answers one turn of a call: parse the parameters, load the session, decide (`planTurn`, pure),
 * save, render. Never throws, and every answer is TwiML: a failure anywhere gets the safe answer.
 */
export async function takeTurn(deps: TurnDeps, request: TurnRequest): Promise<TurnAnswer> {
  const started = performance.now();
  const now = deps.clock();
  const { callFlow } = deps;
  const body = typeof request.body === "object" && request.body !== null ? request.body : {};
  const parsed = webhookParamsSchema.safeParse(body);
  if (!parsed.success) {
    const to = (body as { To?: unknown }).To;
    const region = typeof to === "string" ? (callFlow.directory.regionByInbound.get(to)?.id ?? null) : null;
    return {
      twiml: deps.safeAnswer({ region, now }),
      log: [
        {
          level: "warn",
          fields: {
            problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
            ms: elapsed(started),
          },
          msg: "malformed webhook parameters; answered with a transfer to a representative",
        },
      ],
    };
  }
  const params = parsed.data;
  const event = eventFromParams(params, now);
  const region = callFlow.directory.regionByInbound.get(params.To)?.id ?? null;
  const facts = { kind: request.kind, region, event, requested: request.requested };
  const failed = (error: unknown, known: SessionRecord | undefined): TurnAnswer => ({
    twiml: deps.safeAnswer({
      region: known?.call.context.region ?? region,
      language: known?.call.context.language,
      now,
    }),
    log: [
      {
        level: "error",
        fields: { callSid: params.CallSid, err: error, ms: elapsed(started) },
        msg: "turn failed; the caller hears an apology and is transferred",
      },
    ],
  });

  let stored: SessionRecord | undefined;
  let plan: TurnPlan;
  try {
    stored =
      request.kind === "recover"
        ? undefined
        : await withDeadline(deps.store.load(params.CallSid), deps.storeTimeoutMs, "load");
    plan = planTurn(callFlow, facts, stored);
  } catch (error) {
    return failed(error, stored);
  }

  const record = (call: SessionRecord["call"] | null, turn: number, result: TurnResultKind, from: string | null) =>
    describeTurn(
      callFlow,
      {
        kind: request.kind,
        params,
        event,
        machineEvent: plan.kind === "next" ? plan.event : null,
        from,
        call,
        previous: stored?.call ?? null,
        turn,
        result,
        ms: elapsed(started),
      },
      { analyticsSalt: deps.analyticsSalt },
    );
  const answered = (twiml: string, fields: Record<string, unknown>, extra: LogLine[] = []): TurnAnswer => ({
    twiml,
    log: [...extra, { level: "info", fields, msg: "turn" }],
  });

  switch (plan.kind) {
    case "hangup":
      return answered(renderHangup(), record(null, 0, "ended", null));
    case "replay": {
      const { turn, call } = plan.record;
      try {
        return answered(deps.renderTurn(toRenderInput(call), turn), record(call, turn, "replayed", call.value));
      } catch (error) {
        return failed(error, plan.record);
      }
    }
    case "next": {
      const { turn, call } = plan.record;
      const extra: LogLine[] = [];
      const finished = call.value === "ended" || call.value === "goodbye";
      try {
        if (finished)
          // The call is over whatever the store says: a session that could not be dropped just expires.
          await withDeadline(deps.store.delete(params.CallSid), deps.storeTimeoutMs, "delete").catch((err: unknown) => {
            extra.push({
              level: "warn",
              fields: { callSid: params.CallSid, err },
              msg: "could not drop the session of a finished call; it will expire",
            });
          });
        else
          await withDeadline(
            deps.store.save(params.CallSid, plan.record, deps.sessionTtlSeconds),
            deps.storeTimeoutMs,
            "save",
          );
      } catch (error) {
        if (request.kind !== "recover") return failed(error, stored);
        // Recovering, and the store cannot save: the decision is still good. A transfer is made
        // (leading back to recovery); otherwise the safe answer in the region the caller just chose.
        const twiml =
          call.value === TRANSFER
            ? renderTwiml(callFlow, deps.speech, toRenderInput(call), deps.recoverUrl)
            : deps.safeAnswer({ region: call.context.region, language: call.context.language, now });
        return {
          twiml,
          log: [
            {
              level: "error",
              fields: { callSid: params.CallSid, err: error, ms: elapsed(started) },
              msg: "could not save a recovered turn; answered without a session",
            },
          ],
        };
      }
      try {
        return answered(deps.renderTurn(toRenderInput(call), turn), record(call, turn, plan.result, plan.from), extra);
      } catch (error) {
        return failed(error, stored);
      }
    }
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
