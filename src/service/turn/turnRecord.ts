import {
  type CallbackFacts,
  EVENT_VERSION,
  type RestartReason,
  type TurnRecord,
  type TurnResult,
} from "../contract/eventSchema.js";
import { CALLBACK_NUMBER, ENDED, findEnding, isTransferring } from "../contract/stateIds.js";
import { findUtcOffset } from "../directory/hours.js";
import type { CallFlow } from "../flow/compileFlow.js";
import type { FlowEvent, MachineEvent, PersistedCall } from "../types.js";
import { deriveCallerKey } from "./callerKey.js";
import { classifyConfidence } from "./confidenceBand.js";
import type { TurnKind } from "./planTurn.js";
import type { WebhookParams } from "./webhookParams.js";

/** What a turn did, as the turn record tells it. */
export interface TurnFactsForRecord {
  readonly kind: TurnKind;
  readonly params: WebhookParams;
  readonly event: FlowEvent;
  /** The event the machine was sent, when the input reached it. */
  readonly machineEvent: MachineEvent | null;
  readonly from: string | null;
  /** The call after the turn; null when the line no longer knew it and hung up. */
  readonly call: PersistedCall | null;
  /** The call as stored before the turn, when the line knew it (tells which transfer a dial result is about). */
  readonly previous: PersistedCall | null;
  readonly turn: number;
  readonly result: TurnResult;
  /** Why the call started over, when it did. */
  readonly reason?: RestartReason | undefined;
  /** The call-back step of the turn, when there is one (`describeCallbackStep`). */
  readonly callback?: CallbackFacts | undefined;
  readonly ms: number;
}

/** What the record needs besides the turn. */
export interface TurnRecordOptions {
  /** `ANALYTICS_SALT`: with it, a call's first record carries the caller's keyed hash (`callerKey`). */
  readonly analyticsSalt?: string | undefined;
}

const INPUT_OF = { CHOSE: "chose", INVALID: "invalid", SILENCE: "silent" } as const;

/**
 * The record of one turn, logged as one JSON line (`msg: "turn"`): the event record analytics and replay
 * read, described by `turnRecordSchema` (`schemas/turn-event.schema.json`). No phone number is included (the
 * dialed line is named by its region, the caller by a keyed hash), and nothing the caller said (only the
 * option it matched, as data, `via` speech, and its confidence). `time` is the line's clock for the turn and
 * `version` the version of the line the call is on, so a call can be replayed against another version.
 */
export function describeTurn(
  callFlow: CallFlow,
  facts: TurnFactsForRecord,
  options: TurnRecordOptions = {},
): TurnRecord {
  const { event, machineEvent, call, from, result } = facts;
  const ctx = call?.context;
  const menu = from ? callFlow.menus.get(from) : undefined;
  const chosen = machineEvent?.type === "CHOSE" && menu ? menu.options[machineEvent.option] : undefined;
  const first = result === "started" || result === "restarted";
  const callerKey = first ? deriveCallerKey(facts.params.From, options.analyticsSalt) : undefined;
  const zone = ctx?.region ? callFlow.directory.regionById.get(ctx.region)?.timeZone : undefined;
  const input = menu && machineEvent ? inputOf(machineEvent) : undefined;
  const closed = ctx?.notices.find((n) => n.kind === "closed");
  const dialed = event.type === "DIAL_RESULT" ? facts.previous?.context.transfer : undefined;
  const state = call?.value ?? ENDED;
  const ending = findEnding(state);
  const transfer = isTransferring(state) ? ctx?.transfer : undefined;
  return {
    v: EVENT_VERSION,
    time: event.now,
    version: callFlow.version,
    callSid: facts.params.CallSid,
    turn: facts.turn,
    result,
    ...(facts.reason ? { reason: facts.reason } : {}),
    // A number keyed in for a call-back is recorded as keys, and never the keys themselves.
    event: facts.kind === "incoming" ? "INCOMING" : event.type === "NUMBER" ? "KEY" : event.type,
    inbound: callFlow.directory.regionByInbound.get(facts.params.To)?.id ?? "unknown",
    ...(callerKey ? { callerKey } : {}),
    region: ctx?.region ?? null,
    ...(ctx ? { language: ctx.language } : {}),
    ...(zone ? { utcOffset: findUtcOffset(event.now, zone) } : {}),
    from,
    state,
    ...(input ? { input } : {}),
    // Never the keys of a number keyed in for a call-back.
    ...(event.type === "KEY" && !menu?.sensitive && from !== CALLBACK_NUMBER ? { key: event.digits } : {}),
    ...(chosen && !menu?.sensitive ? { option: chosen.identity } : {}),
    ...(machineEvent?.type === "CHOSE" ? { via: machineEvent.via } : {}),
    ...(event.type === "SPEECH"
      ? {
          confidence: event.confidence,
          band: classifyConfidence(event.confidence, callFlow.flow.speech.minConfidence),
        }
      : {}),
    ...(closed?.kind === "closed" ? { closed: closed.team } : {}),
    ...(transfer
      ? {
          team: transfer.team,
          attempt: transfer.attempt,
          ...(transfer.interpreter ? { interpreter: transfer.interpreter } : {}),
        }
      : {}),
    ...(event.type === "DIAL_RESULT" ? { dialStatus: event.status } : {}),
    ...(dialed ? { dialTeam: dialed.team, dialAttempt: dialed.attempt } : {}),
    ...(ending ? { ending } : {}),
    ...(ctx ? { notices: ctx.notices.map((n) => n.kind), failures: ctx.failures } : {}),
    ...(facts.callback ? { callback: facts.callback } : {}),
    ms: facts.ms,
  };
}

/** What a caller's answer at a menu did, as the record names it; undefined for events that are no answer. */
function inputOf(event: MachineEvent): (typeof INPUT_OF)[keyof typeof INPUT_OF] | undefined {
  return event.type === "CHOSE" || event.type === "INVALID" || event.type === "SILENCE"
    ? INPUT_OF[event.type]
    : undefined;
}
