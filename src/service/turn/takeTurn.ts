import type { CallFlow } from "../flow/compileFlow.js";
import { TRANSFER } from "../flow/compileFlow.js";
import type { LineRegistry } from "../line/lineRegistry.js";
import { isLive } from "../session/sessionRecord.js";
import type { SessionStore } from "../session/sessionStore.js";
import { renderHangup } from "../twiml/renderHangup.js";
import { toRenderInput } from "../twiml/renderInput.js";
import { renderTwiml } from "../twiml/renderTwiml.js";
import type { SessionRecord, StoredSession } from "../types.js";
import type { LineRuntime, TurnUrls } from "./lineRuntime.js";
import { planTurn, type TurnKind, type TurnPlan } from "./planTurn.js";
import { describeTurn, type TurnResultKind } from "./turnRecord.js";
import { eventFromParams, type WebhookParams, webhookParamsSchema } from "./webhookParams.js";
import { withDeadline } from "./withDeadline.js";

/** What a turn needs: the versions of the line, how to answer on each, and the session store. */
export interface TurnDeps {
  readonly lines: LineRegistry;
  readonly runtimeOf: (callFlow: CallFlow) => LineRuntime;
  readonly urls: TurnUrls;
  readonly store: SessionStore;
  /** Clock in epoch ms; the flow's hours are decided by it. */
  readonly clock: () => number;
  readonly sessionTtlSeconds: number;
  /** How long an ended call is remembered as ended. */
  readonly endedTtlSeconds: number;
  /** Longest wait for one session store operation before the turn fails over to the safe answer, in ms. */
  readonly storeTimeoutMs: number;
  /** `ANALYTICS_SALT`: keys the caller's hash in the turn record; without it no caller key is logged. */
  readonly analyticsSalt?: string | undefined;
}

/** One webhook request of a call, without HTTP: which route, its form parameters and its `t`. */
export interface TurnRequest {
  readonly kind: TurnKind;
  readonly body: unknown;
  readonly requested: number | undefined;
}

/** A line for the log: level, fields (or how to build them, when only the log may need them) and message. */
export interface LogLine {
  readonly level: "info" | "warn" | "error";
  readonly fields: Record<string, unknown> | (() => Record<string, unknown>);
  readonly msg: string;
}

/** The answer to a turn: the TwiML, and what to log. */
export interface TurnAnswer {
  readonly twiml: string;
  readonly log: readonly LogLine[];
}

/**
 * Answers one turn of a call: parse the parameters, load the session and its version of the line,
 * decide (`planTurn`, pure), commit (compare-and-set: of two identical turns in flight one advances, the
 * other answers as it did), render. Never throws, and every answer is TwiML: a failure anywhere gets the
 * safe answer.
 */
export async function takeTurn(deps: TurnDeps, request: TurnRequest): Promise<TurnAnswer> {
  const started = performance.now();
  const now = deps.clock();
  const current = deps.runtimeOf(deps.lines.current());
  const body = typeof request.body === "object" && request.body !== null ? request.body : {};
  const parsed = webhookParamsSchema.safeParse(body);
  if (!parsed.success) {
    const to = (body as { To?: unknown }).To;
    const region = typeof to === "string" ? (current.callFlow.directory.regionByInbound.get(to)?.id ?? null) : null;
    return {
      twiml: current.safeAnswer({ region, now }),
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
  const region = current.callFlow.directory.regionByInbound.get(params.To)?.id ?? null;
  const failed = (error: unknown, known?: SessionRecord, runtime: LineRuntime = current): TurnAnswer => ({
    twiml: runtime.safeAnswer({
      region: known?.call.context.region ?? region,
      language: known?.call.context.language,
      now,
      turn: request.requested,
    }),
    log: [
      {
        level: "error",
        fields: { callSid: params.CallSid, err: error, ms: elapsed(started) },
        msg: "turn failed; the caller hears an apology and is transferred",
      },
    ],
  });

  let stored: StoredSession | undefined;
  try {
    stored = await withDeadline(deps.store.load(params.CallSid), deps.storeTimeoutMs, "load");
  } catch (error) {
    // Recovery goes on without the store: it starts over from the region, as it must when the store is down.
    if (request.kind !== "recover") return failed(error);
  }
  const live = isLive(stored) ? stored : undefined;
  let runtime = current;
  let plan: TurnPlan;
  try {
    const line =
      !live || live.version === current.callFlow.version ? current.callFlow : await deps.lines.find(live.version);
    runtime = line ? deps.runtimeOf(line) : current;
    plan = planTurn(
      runtime.callFlow,
      { kind: request.kind, region, event, requested: request.requested, versionLost: line === undefined },
      stored,
    );
  } catch (error) {
    return failed(error, live, runtime);
  }

  const log: LogLine[] = [];
  /** The turn's record, built only if the log takes it. */
  const record = (
    call: SessionRecord["call"] | null,
    turn: number,
    result: TurnResultKind,
    from: string | null,
    extra: Record<string, unknown> = {},
  ): LogLine => {
    const ms = elapsed(started);
    const machineEvent = plan.kind === "next" ? plan.event : null;
    const { callFlow } = runtime;
    return {
      level: "info",
      fields: () => ({
        ...describeTurn(
          callFlow,
          {
            kind: request.kind,
            params,
            event,
            machineEvent,
            from,
            call,
            previous: live?.call ?? null,
            turn,
            result,
            ms,
          },
          { analyticsSalt: deps.analyticsSalt },
        ),
        ...extra,
      }),
      msg: "turn",
    };
  };
  const answer = (twiml: string, line: LogLine): TurnAnswer => ({ twiml, log: [...log, line] });
  const replay = async (session: StoredSession | undefined): Promise<TurnAnswer> => {
    if (!isLive(session)) return answer(renderHangup(), record(null, 0, "ended", null));
    const line =
      session.version === current.callFlow.version ? current.callFlow : await deps.lines.find(session.version);
    if (!line) return failed(new Error(`version ${session.version} of the line is not available`), session);
    runtime = deps.runtimeOf(line);
    const { call, turn } = session;
    return answer(runtime.renderTurn(toRenderInput(call), turn), record(call, turn, "replayed", call.value));
  };

  try {
    switch (plan.kind) {
      case "hangup":
        return answer(renderHangup(), record(null, 0, "ended", null));
      case "replay":
        return await replay(plan.record);
      case "next":
        break;
    }
  } catch (error) {
    return failed(error, live, runtime);
  }

  const { turn, call } = plan.record;
  const finished = call.value === "ended" || call.value === "goodbye";
  let winner: StoredSession | undefined;
  try {
    // A finished call is remembered as ended, a while: a late or replayed request cannot revive it.
    winner = await withDeadline(
      finished
        ? deps.store.commit(params.CallSid, { ended: true }, deps.endedTtlSeconds, plan.expected)
        : deps.store.commit(params.CallSid, plan.record, deps.sessionTtlSeconds, plan.expected),
      deps.storeTimeoutMs,
      "commit",
    );
  } catch (error) {
    if (finished)
      // The call is over whatever the store says: its session just expires.
      log.push({
        level: "warn",
        fields: { callSid: params.CallSid, err: error },
        msg: "could not mark a finished call ended; its session will expire",
      });
    else if (request.kind === "recover")
      return answerUnsaved(runtime, plan.record, deps.urls.recover, params, now, error, elapsed(started));
    else return failed(error, live, runtime);
  }
  try {
    // Another request of the same turn got there first: answer as it did.
    if (winner !== undefined) return await replay(winner);
    return answer(
      runtime.renderTurn(toRenderInput(call), turn),
      record(call, turn, plan.result, plan.from, plan.reason ? { reason: plan.reason } : {}),
    );
  } catch (error) {
    return failed(error, live, runtime);
  }
}

/**
 * Recovering, and the store cannot save: the decision is still good. A transfer is made (leading back
 * to recovery); otherwise the safe answer in the region the caller just chose.
 */
function answerUnsaved(
  runtime: LineRuntime,
  record: SessionRecord,
  recoverUrl: string,
  params: WebhookParams,
  now: number,
  error: unknown,
  ms: number,
): TurnAnswer {
  const { call, turn } = record;
  const twiml =
    call.value === TRANSFER
      ? renderTwiml(runtime.callFlow, runtime.speech, toRenderInput(call), `${recoverUrl}?t=${turn}`)
      : runtime.safeAnswer({ region: call.context.region, language: call.context.language, now, turn });
  return {
    twiml,
    log: [
      {
        level: "error",
        fields: { callSid: params.CallSid, err: error, ms },
        msg: "could not save a recovered turn; answered without a session",
      },
    ],
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
