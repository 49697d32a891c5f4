import type { CallbackFacts, RestartReason, TurnResult } from "../contract/eventSchema.js";
import type { FlowEvent, PersistedCall, RegionId, SessionRecord } from "../types.js";
import type { LineRuntime } from "./lineRuntime.js";
import type { TurnPlan } from "./planTurn.js";
import { describeTurn } from "./turnRecord.js";
import type { LogLine, TurnDeps, TurnRequest } from "./turnTypes.js";
import type { WebhookParams } from "./webhookParams.js";

/** What is known of a turn once its parameters are read. */
export interface Turn {
  readonly deps: TurnDeps;
  readonly request: TurnRequest;
  /** `performance.now()` when the request came in: the record's `ms` counts from it. */
  readonly started: number;
  /** The line's clock for the turn, epoch ms. */
  readonly now: number;
  /** The runtime of the line new calls get. */
  readonly current: LineRuntime;
  readonly params: WebhookParams;
  readonly event: FlowEvent;
  /** Region of the dialed number, or null when the directory does not know it. */
  readonly region: RegionId | null;
}

/** A turn decided: the plan, on the runtime of the call's version of the line, and the session it started from. */
export interface Planned {
  readonly plan: TurnPlan;
  readonly runtime: LineRuntime;
  readonly live: SessionRecord | undefined;
}

/** Where a turn left the call, as its record tells it. */
export interface TurnOutcome {
  /** The call after the turn; null when the line hung up on a call it no longer knew. */
  readonly call: PersistedCall | null;
  /** The turn's number in the call (0 when the call was unknown). */
  readonly number: number;
  readonly result: TurnResult;
  /** The state before the turn, when the call was known. */
  readonly from: string | null;
  /** Why the call started over, when it did. */
  readonly reason?: RestartReason | undefined;
  /** The call-back step of the turn, when there is one. */
  readonly callback?: CallbackFacts | undefined;
}

/** The turn's record for the log (`describeTurn`), built only if the log takes it. */
export function recordTurn(turn: Turn, { plan, live }: Planned, runtime: LineRuntime, outcome: TurnOutcome): LogLine {
  const ms = measureSince(turn.started);
  const { callFlow } = runtime;
  const facts = {
    kind: turn.request.kind,
    params: turn.params,
    event: turn.event,
    machineEvent: plan.kind === "next" ? plan.event : null,
    from: outcome.from,
    call: outcome.call,
    previous: live?.call ?? null,
    turn: outcome.number,
    result: outcome.result,
    reason: outcome.reason,
    callback: outcome.callback ?? describeOffer(outcome.call),
    ms,
  };
  return {
    level: "info",
    fields: () => describeTurn(callFlow, facts, { analyticsSalt: turn.deps.analyticsSalt }),
    msg: "turn",
  };
}

/** Milliseconds since `started` (a `performance.now()`), to a hundredth. */
export function measureSince(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

/** The call-back offered to the caller in this turn, as the record tells it. */
function describeOffer(call: PersistedCall | null): CallbackFacts | undefined {
  const offer = call?.context.notices.find((n) => n.kind === "callbackOffer");
  return offer?.kind === "callbackOffer"
    ? { step: "offered", team: offer.team, region: offer.region, due: offer.at }
    : undefined;
}
