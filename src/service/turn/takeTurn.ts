import { assertNever } from "../assertNever.js";
import { isFinishedState } from "../contract/stateIds.js";
import { isLive } from "../session/sessionRecord.js";
import { renderHangup } from "../twiml/renderHangup.js";
import { toRenderInput } from "../twiml/renderInput.js";
import type { StoredSession } from "../types.js";
import { adaptEvent, applyEffects, describePlacedStep, readDigits } from "./callbackEdge.js";
import { answerFailure, answerMalformed, answerUnsaved } from "./failedTurn.js";
import { planTurn, type TurnPlan } from "./planTurn.js";
import { type Planned, recordTurn, type Turn, type TurnOutcome } from "./turnContext.js";
import type { LogLine, TurnAnswer, TurnDeps, TurnRequest } from "./turnTypes.js";
import { eventFromParams, webhookParamsSchema } from "./webhookParams.js";
import { withDeadline } from "./withDeadline.js";

/** A plan that moves the call on. */
type NextPlan = Extract<TurnPlan, { readonly kind: "next" }>;

/** The record of a turn that hung up on a call the line no longer knew (or knew ended). */
const HUNG_UP: TurnOutcome = { call: null, number: 0, result: "ended", from: null };

/**
 * Answers one turn of a call: parse the parameters, load the session (`loadSession`) and its version of the
 * line, decide (`planOnLine`: `planTurn`, pure), commit (`commitPlan`: compare-and-set, of two identical turns
 * in flight one advances, the other answers as it did), render. Never throws, and every answer is TwiML: a
 * failure anywhere gets the safe answer (`failedTurn.ts`).
 */
export async function takeTurn(deps: TurnDeps, request: TurnRequest): Promise<TurnAnswer> {
  const started = performance.now();
  const now = deps.clock();
  const current = deps.runtimeOf(deps.lines.current());
  const body = typeof request.body === "object" && request.body !== null ? request.body : {};
  const parsed = webhookParamsSchema.safeParse(body);
  if (!parsed.success) return answerMalformed(current, body, parsed.error, now, started);
  const params = parsed.data;
  const region = current.callFlow.directory.regionByInbound.get(params.To)?.id ?? null;
  const turn: Turn = { deps, request, started, now, current, params, event: eventFromParams(params, now), region };

  const loaded = await loadSession(turn);
  if ("twiml" in loaded) return loaded;
  const planned = await planOnLine(turn, loaded.stored);
  if ("twiml" in planned) return planned;
  const { plan } = planned;
  switch (plan.kind) {
    case "hangup":
      return { twiml: renderHangup(), log: [recordTurn(turn, planned, planned.runtime, HUNG_UP)] };
    case "replay":
      return answerReplay(turn, planned, plan.record, []);
    case "next":
      return answerNext(turn, { ...planned, plan });
    default:
      return assertNever(plan);
  }
}

/** The call moves on: commit its next state, then render it (or answer as the request that won did). */
async function answerNext(turn: Turn, given: Planned & { readonly plan: NextPlan }): Promise<TurnAnswer> {
  const { runtime, live } = given;
  let applied: Awaited<ReturnType<typeof applyEffects>>;
  try {
    // Effects first (a call-back queued is told to the caller): a retried turn finds it pending and says so.
    applied = await applyEffects(turn.deps, runtime.callFlow, turn.params, given.plan.record, given.plan.effects);
  } catch (error) {
    return answerFailure(turn, error, live, runtime);
  }
  const plan = { ...given.plan, record: applied.record };
  const planned = { ...given, plan };
  const committed = await commitPlan(turn, planned);
  if ("twiml" in committed) return committed;
  try {
    // Another request of the same turn got there first: answer as it did.
    if (committed.winner !== undefined) return await answerReplay(turn, planned, committed.winner, committed.log);
    const { call, turn: number } = plan.record;
    const twiml = renderWithDigits(turn, runtime, call, number);
    const callback = applied.callback ?? describePlacedStep(live?.call ?? null, call, turn.event);
    const outcome = { call, number, result: plan.result, from: plan.from, reason: plan.reason, callback };
    return { twiml, log: [...applied.log, ...committed.log, recordTurn(turn, planned, runtime, outcome)] };
  } catch (error) {
    return answerFailure(turn, error, live, runtime);
  }
}

/** Renders a call's state, with the digits a call-back state reads back (never cached). */
function renderWithDigits(turn: Turn, runtime: Planned["runtime"], call: NextPlan["record"]["call"], number: number) {
  const digits = readDigits(turn.deps, call, turn.params);
  return runtime.renderTurn({ ...toRenderInput(call), ...(digits === undefined ? {} : { digits }) }, number);
}

/** The call's session, or the safe answer when the store fails (a recovery goes on without it). */
async function loadSession(turn: Turn): Promise<{ readonly stored: StoredSession | undefined } | TurnAnswer> {
  const { deps, params } = turn;
  try {
    return { stored: await withDeadline(deps.store.load(params.CallSid), deps.storeTimeoutMs, "load") };
  } catch (error) {
    // Recovery goes on without the store: it starts over from the region, as it must when the store is down.
    if (turn.request.kind === "recover") return { stored: undefined };
    return answerFailure(turn, error);
  }
}

/** The turn decided on the call's version of the line (the current one when that version is lost). */
async function planOnLine(turn: Turn, stored: StoredSession | undefined): Promise<Planned | TurnAnswer> {
  const { deps, current, request } = turn;
  const live = isLive(stored) ? stored : undefined;
  let runtime = current;
  try {
    const line =
      !live || live.version === current.callFlow.version ? current.callFlow : await deps.lines.find(live.version);
    runtime = line ? deps.runtimeOf(line) : current;
    const facts = {
      kind: request.kind,
      region: turn.region,
      event: adaptEvent(deps, turn.event, live),
      requested: request.requested,
      // Read only where a call starts (or starts over): checking the number is the dearest step of a turn.
      ...(live ? {} : { callerKnown: deps.callbacks?.isCallable(turn.params.From) ?? false }),
      ...(request.placed ? { placed: request.placed } : {}),
    };
    const plan = planTurn(runtime.callFlow, { ...facts, versionLost: line === undefined }, stored);
    return { plan, runtime, live };
  } catch (error) {
    return answerFailure(turn, error, live, runtime);
  }
}

/**
 * Saves the call's next state, or marks a finished call ended, if the stored one is still the one the turn
 * started from; otherwise the stored session that won. A recovery the store cannot save still answers.
 */
async function commitPlan(
  turn: Turn,
  { plan, runtime, live }: Planned & { readonly plan: NextPlan },
): Promise<{ readonly winner: StoredSession | undefined; readonly log: readonly LogLine[] } | TurnAnswer> {
  const { deps, params } = turn;
  const finished = isFinishedState(plan.record.call.value);
  try {
    // A finished call is remembered as ended, a while: a late or replayed request cannot revive it.
    const commit = finished
      ? deps.store.commit(params.CallSid, { ended: true }, deps.endedTtlSeconds, plan.expected)
      : deps.store.commit(params.CallSid, plan.record, deps.sessionTtlSeconds, plan.expected);
    return { winner: await withDeadline(commit, deps.storeTimeoutMs, "commit"), log: [] };
  } catch (error) {
    if (turn.request.kind === "recover" && !finished) return answerUnsaved(turn, runtime, plan.record, error);
    if (!finished) return answerFailure(turn, error, live, runtime);
    // The call is over whatever the store says: its session just expires.
    const warning: LogLine = {
      level: "warn",
      fields: { callSid: params.CallSid, err: error },
      msg: "could not mark a finished call ended; its session will expire",
    };
    return { winner: undefined, log: [warning] };
  }
}

/** Answers again what the stored session answered (a retried request, or the turn another request won). */
async function answerReplay(
  turn: Turn,
  planned: Planned,
  session: StoredSession,
  log: readonly LogLine[],
): Promise<TurnAnswer> {
  const { deps, current } = turn;
  let runtime = planned.runtime;
  try {
    if (!isLive(session)) return { twiml: renderHangup(), log: [...log, recordTurn(turn, planned, runtime, HUNG_UP)] };
    const line =
      session.version === current.callFlow.version ? current.callFlow : await deps.lines.find(session.version);
    if (!line)
      return answerFailure(turn, new Error(`version ${session.version} of the line is not available`), session);
    runtime = deps.runtimeOf(line);
    const { call, turn: number } = session;
    const twiml = renderWithDigits(turn, runtime, call, number);
    const outcome = { call, number, result: "replayed", from: call.value } as const;
    return { twiml, log: [...log, recordTurn(turn, planned, runtime, outcome)] };
  } catch (error) {
    return answerFailure(turn, error, planned.live, runtime);
  }
}
