import { isConnected } from "../contract/dialStatus.js";
import type { RestartReason } from "../contract/eventSchema.js";
import { applyEvent, startCall } from "../flow/callSteps.js";
import type { CallFlow } from "../flow/compileFlow.js";
import { matchInput } from "../flow/matchInput.js";
import { isLive } from "../session/sessionRecord.js";
import type {
  CallbackTarget,
  FlowEvent,
  MachineEvent,
  Notice,
  PersistedCall,
  RegionId,
  SessionRecord,
  StoredSession,
} from "../types.js";
import { listTurnEffects, type TurnEffect } from "./turnEffects.js";

/**
 * Which webhook is answering: the incoming call, a later turn (gather, silence or dial result),
 * or a turn after a failure, which starts the flow over from the caller's region and applies the input.
 */
export type TurnKind = "incoming" | "turn" | "recover";

/** What one turn does, decided from the request and the stored session alone. */
export type TurnPlan =
  /** Twilio retried a request already answered (or a stale one came back): answer it again, change nothing. */
  | { readonly kind: "replay"; readonly record: SessionRecord }
  /** The call is over (it ended, or a transfer completed for a call no longer known): hang up. */
  | { readonly kind: "hangup" }
  /** The call moves on (`started`, `advanced`) or starts over at its region's menu (`restarted`). */
  | {
      readonly kind: "next";
      readonly result: "started" | "advanced" | "restarted";
      readonly record: SessionRecord;
      /** The turn of the stored call this plan replaces, or null when none is in progress: the commit compares it. */
      readonly expected: number | null;
      /** The state before the turn, when the call was known. */
      readonly from: string | null;
      /** The event the machine was sent (the caller's input matched against their menu). */
      readonly event: MachineEvent | null;
      /** Why the call started over, when it did. */
      readonly reason?: RestartReason;
      /** What the edge must do besides answering (queue or cancel a call-back). */
      readonly effects: readonly TurnEffect[];
    };

/** A turn's request, as the turn needs it. */
export interface TurnFacts {
  readonly kind: TurnKind;
  /** Region of the dialed number, or null when the directory does not know it. */
  readonly region: RegionId | null;
  readonly event: FlowEvent;
  /** The turn number in the request's URL (`t`), when there is one. */
  readonly requested: number | undefined;
  /** The call's version of the line can no longer be had: it starts over on `callFlow`. */
  readonly versionLost?: boolean;
  /** The caller's number can be called back (a US number, not withheld); told only where a call starts or starts over. */
  readonly callerKnown?: boolean;
  /** A call the line placed to return a call-back: what it returns, in which language, with which interpreter. */
  readonly placed?: {
    readonly callback: CallbackTarget;
    readonly language: string;
    readonly interpreter: string | null;
  };
}

/**
 * Decides a turn, purely, on the call's version of the line (`callFlow`). In order:
 * - an ended call hangs up (a late or replayed request never revives it);
 * - a request for a turn already answered replays the stored answer: an incoming call Twilio retried,
 *   a turn whose `t` is behind, or a recovery for a call that has moved on since (no rewinding);
 * - a call whose version is lost starts over at its region's menu with an apology;
 * - a known call advances; a recovery (`t` not behind) starts over and applies the caller's input;
 * - a new call starts; a completed transfer of an unknown call hangs up;
 * - anything else (a session lost to expiry or a restart) starts over at the region's menu.
 */
export function planTurn(callFlow: CallFlow, facts: TurnFacts, stored: StoredSession | undefined): TurnPlan {
  const { kind, event, requested } = facts;
  if (stored !== undefined && !isLive(stored)) return { kind: "hangup" };
  const live = isLive(stored) ? stored : undefined;
  const behind = live !== undefined && requested !== undefined && requested < live.turn;
  if (live && (kind === "incoming" || behind || (kind === "recover" && requested === undefined)))
    return { kind: "replay", record: live };
  const expected = live?.turn ?? null;
  const turn = (requested ?? live?.turn ?? 0) + 1;
  const region = live?.call.context.region ?? facts.placed?.callback.region ?? facts.region;

  if (live && facts.versionLost) {
    const language = Object.hasOwn(callFlow.flow.languages, live.call.context.language)
      ? live.call.context.language
      : undefined;
    const fresh = startCall(callFlow, {
      region,
      now: event.now,
      resumed: true,
      notices: [{ kind: "apology" }],
      ...(language ? { language } : {}),
      ...(live.call.context.callerKnown === false ? { callerKnown: false } : {}),
    });
    return next(callFlow, "restarted", turn, fresh, expected, live.call.value, null, "version unavailable");
  }
  if (live && kind !== "recover") {
    const machineEvent = matchInput(callFlow, live.call, event);
    const moved = applyEvent(callFlow, live.call, machineEvent);
    const effects = listTurnEffects(callFlow, live.call, moved, machineEvent);
    return next(
      callFlow,
      "advanced",
      live.turn + 1,
      moved,
      expected,
      live.call.value,
      machineEvent,
      undefined,
      effects,
    );
  }
  if (!live && kind === "incoming") {
    const placed = facts.placed ? { ...facts.placed, resumed: true } : {};
    const input = { region, now: event.now, callerKnown: facts.callerKnown ?? true, ...placed };
    return next(callFlow, "started", 1, startCall(callFlow, input), null, null, null);
  }
  if (!live && event.type === "DIAL_RESULT" && isConnected(event.status)) return { kind: "hangup" };

  const failedDial = event.type === "DIAL_RESULT";
  const notices: Notice[] = failedDial ? [{ kind: "unreachable", team: callFlow.flow.representative.team }] : [];
  const fresh = startCall(callFlow, {
    region,
    now: event.now,
    resumed: true,
    notices,
    callerKnown: facts.callerKnown ?? true,
  });
  const reason = kind === "recover" ? "recovery" : "no session";
  const from = live?.call.value ?? null;
  if (kind === "recover" && !failedDial) {
    const machineEvent = matchInput(callFlow, fresh, event);
    const moved = applyEvent(callFlow, fresh, machineEvent);
    return next(callFlow, "restarted", turn, moved, expected, from, machineEvent, reason);
  }
  return next(callFlow, "restarted", turn, fresh, expected, from, null, reason);
}

function next(
  callFlow: CallFlow,
  result: "started" | "advanced" | "restarted",
  turn: number,
  call: PersistedCall,
  expected: number | null,
  from: string | null,
  event: MachineEvent | null,
  reason?: RestartReason,
  effects: readonly TurnEffect[] = [],
): TurnPlan {
  return {
    kind: "next",
    result,
    record: { turn, version: callFlow.version, call },
    expected,
    from,
    event,
    ...(reason ? { reason } : {}),
    effects,
  };
}
