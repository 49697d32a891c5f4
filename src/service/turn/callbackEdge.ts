import { describeRequest } from "../callbacks/callbackDesk.js";
import { spellDigits } from "../callbacks/checkCallbackNumber.js";
import type { CallbackFacts } from "../contract/eventSchema.js";
import {
  CALLBACK_CONFIRM,
  CALLBACK_DONE,
  CALLBACK_GREETING,
  CALLBACK_NUMBER,
  CALLBACK_READ_BACK,
} from "../contract/stateIds.js";
import { countLocalDays } from "../directory/nextOpening.js";
import { findRegion } from "../directory/queryDirectory.js";
import type { CallFlow } from "../flow/compileFlow.js";
import type { FlowEvent, PersistedCall, SessionRecord } from "../types.js";
import type { TurnEffect } from "./turnEffects.js";
import type { LogLine, TurnDeps } from "./turnTypes.js";
import type { WebhookParams } from "./webhookParams.js";

/**
 * The call-backs at the turn's edge: the number keyed in is checked and sealed before the machine sees it,
 * the plan's effects (queue or cancel a call-back) are applied, and the digits to read back are given to the
 * renderer for one answer. The number itself never reaches the session, the log or a cached document.
 */

/** The turn's event as the machine must see it: keys where a number is keyed in arrive checked and sealed. */
export function adaptEvent(deps: TurnDeps, event: FlowEvent, live: SessionRecord | undefined): FlowEvent {
  if (live?.call.value !== CALLBACK_NUMBER || event.type !== "KEY") return event;
  return deps.callbacks
    ? deps.callbacks.sealEntered(event.digits, event.now)
    : { type: "NUMBER", valid: false, now: event.now };
}

/** What applying a plan's effects gives: the record to commit (told when the call-back is due), and its step. */
export interface AppliedEffects {
  readonly record: SessionRecord;
  readonly callback?: CallbackFacts | undefined;
  readonly log: readonly LogLine[];
}

/**
 * Applies a turn's effects: queues the call-back the caller confirmed and tells them when it is due (a
 * `callbackRequested` notice on the committed record), or cancels the call-back of a member who reached its
 * team. A call-back that cannot be queued (no desk, a number that cannot be called) ends in the goodbye.
 */
export async function applyEffects(
  deps: TurnDeps,
  callFlow: CallFlow,
  params: WebhookParams,
  record: SessionRecord,
  effects: readonly TurnEffect[],
): Promise<AppliedEffects> {
  let current = record;
  let callback: CallbackFacts | undefined;
  const log: LogLine[] = [];
  for (const effect of effects) {
    const desk = deps.callbacks;
    if (effect.kind === "cancelCallback") {
      const cancelled = await desk?.cancelArrived(params.From, effect.team);
      if (cancelled) callback = { step: "cancelled", team: cancelled.team, region: cancelled.region, id: cancelled.id };
      continue;
    }
    const outcome = desk && (await desk.request({ ...effect, from: params.From }, callFlow));
    if (!outcome) {
      current = withState(current, "goodbye", []);
      log.push({
        level: "warn",
        fields: { callSid: params.CallSid, team: effect.team },
        msg: "call-back could not be queued",
      });
      continue;
    }
    const zone = findRegion(callFlow.directory, effect.region)?.timeZone ?? "UTC";
    const { due, dueBy } = outcome.callback;
    current = withState(current, CALLBACK_DONE, [
      {
        kind: "callbackRequested",
        team: effect.team,
        region: effect.region,
        from: dueBy === undefined ? due : dueBy - 3_600_000,
        ...(dueBy === undefined ? {} : { to: dueBy }),
        days: countLocalDays(deps.clock(), due, zone),
        pending: outcome.kind === "pending",
      },
    ]);
    callback = { ...describeRequest(outcome), lastDigits: outcome.callback.lastDigits };
  }
  return { record: current, callback, log };
}

/** The record with the call in `state`, telling `notices`. */
function withState(record: SessionRecord, state: string, notices: PersistedCall["context"]["notices"]): SessionRecord {
  return { ...record, call: { value: state, context: { ...record.call.context, notices } } };
}

/**
 * The digits a call-back state reads: the last four of the caller's own number to confirm, or the number
 * keyed in, whole, to read back; spaced for reading. Undefined elsewhere.
 */
export function readDigits(deps: TurnDeps, call: PersistedCall, params: WebhookParams): string | undefined {
  if (call.value === CALLBACK_CONFIRM) return spellDigits(params.From, 4);
  if (call.value !== CALLBACK_READ_BACK) return undefined;
  const sealed = call.context.callback?.sealed;
  const number = sealed === undefined ? undefined : deps.callbacks?.openEntered(sealed);
  return number === undefined ? undefined : spellDigits(number.replace(/^\+1/, ""));
}

/** The step a turn of a call the line placed records: answered (its first turn), or the team's transfer outcome. */
export function describePlacedStep(
  previous: PersistedCall | null,
  call: PersistedCall | null,
  event: FlowEvent,
): CallbackFacts | undefined {
  const target = call?.context.callback;
  if (!call || !target?.job) return undefined;
  const base = { team: target.team, region: target.region, language: call.context.language, id: target.job };
  if (previous === null && call.value === CALLBACK_GREETING) return { step: "answered", ...base };
  if (event.type === "DIAL_RESULT" && previous?.context.transfer)
    return { step: "connected", ...base, dialStatus: event.status };
  return undefined;
}
