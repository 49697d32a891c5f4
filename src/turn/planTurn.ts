import { applyEvent, startCall } from "../flow/advanceCall.js";
import type { CallFlow } from "../flow/compileFlow.js";
import { matchInput } from "../flow/matchInput.js";
import type { FlowEvent, MachineEvent, Notice, PersistedCall, RegionId, SessionRecord } from "../types.js";

/**
 * Which webhook is answering: the incoming call, a later turn (gather, silence or dial result),
 * or a turn after a failure, which starts the flow over from the caller's region and applies the input.
 */
export type TurnKind = "incoming" | "turn" | "recover";

/** What one turn does, decided from the request and the stored session alone. */
export type TurnPlan =
  /** Twilio retried a request already answered: answer it again, change nothing. */
  | { readonly kind: "replay"; readonly record: SessionRecord }
  /** A transfer completed for a call no longer known: hang up. */
  | { readonly kind: "hangup" }
  /** The call moves on (`started`, `advanced`) or starts over at its region's menu (`restarted`). */
  | {
      readonly kind: "next";
      readonly result: "started" | "advanced" | "restarted";
      readonly record: SessionRecord;
      /** The state before the turn, when the call was known. */
      readonly from: string | null;
      /** The event the machine was sent (the caller's input matched against their menu). */
      readonly event: MachineEvent | null;
    };

/** A turn's request, as the turn needs it. */
export interface TurnFacts {
  readonly kind: TurnKind;
  /** Region of the dialed number, or null when the directory does not know it. */
  readonly region: RegionId | null;
  readonly event: FlowEvent;
  /** The turn number in the request's URL (`t`), when there is one. */
  readonly requested: number | undefined;
}

/**
 * Decides a turn, purely. In order: a request for a turn already answered (or a repeated incoming
 * call) replays the stored answer; a known call advances; a new call starts; a completed transfer of an
 * unknown call hangs up; anything else starts over at the region's menu (a session lost to a restart
 * or expiry, or the recovery route), applying the caller's input when recovering.
 */
export function planTurn(callFlow: CallFlow, facts: TurnFacts, stored: SessionRecord | undefined): TurnPlan {
  const { kind, region, event, requested } = facts;
  if (stored && (kind === "incoming" || (requested !== undefined && requested < stored.turn)))
    return { kind: "replay", record: stored };
  if (stored) {
    const machineEvent = matchInput(callFlow, stored.call, event);
    return next(
      "advanced",
      stored.turn + 1,
      applyEvent(callFlow, stored.call, machineEvent),
      stored.call.value,
      machineEvent,
    );
  }
  if (kind === "incoming") return next("started", 1, startCall(callFlow, { region, now: event.now }), null, null);
  if (event.type === "DIAL_RESULT" && (event.status === "completed" || event.status === "answered"))
    return { kind: "hangup" };
  const failedDial = event.type === "DIAL_RESULT";
  const notices: Notice[] = failedDial ? [{ kind: "unreachable", team: callFlow.flow.representative.team }] : [];
  const fresh = startCall(callFlow, { region, now: event.now, resumed: true, notices });
  const turn = (requested ?? 0) + 1;
  if (kind === "recover" && !failedDial) {
    const machineEvent = matchInput(callFlow, fresh, event);
    return next("restarted", turn, applyEvent(callFlow, fresh, machineEvent), null, machineEvent);
  }
  return next("restarted", turn, fresh, null, null);
}

function next(
  result: "started" | "advanced" | "restarted",
  turn: number,
  call: PersistedCall,
  from: string | null,
  event: MachineEvent | null,
): TurnPlan {
  return { kind: "next", result, record: { turn, call }, from, event };
}
