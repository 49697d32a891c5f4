import type { CallFlow } from "../flow/compileFlow.js";
import { maskPhone } from "../log/maskPhone.js";
import type { FlowEvent, MachineEvent, PersistedCall } from "../types.js";
import type { TurnKind } from "./planTurn.js";
import type { WebhookParams } from "./webhookParams.js";

/** How a turn went: the call moved, a retried request got the same answer, it started, started over, or ended. */
export type TurnResultKind = "started" | "advanced" | "replayed" | "restarted" | "ended";

/** What a turn did, as the turn record tells it. */
export interface TurnFactsForRecord {
  readonly kind: TurnKind;
  readonly params: WebhookParams;
  readonly event: FlowEvent;
  /** The event the machine was sent, when the input reached it. */
  readonly machineEvent: MachineEvent | null;
  readonly from: string | null;
  readonly call: PersistedCall | null;
  readonly turn: number;
  readonly result: TurnResultKind;
  readonly ms: number;
}

/**
 * The record of one turn, logged as one JSON line: what analytics and replay read. The caller's number
 * is masked; what they said is never included (only the option it matched, `via` speech, and its
 * confidence). `time` is the line's clock for the turn and `version` the version of the line the call is
 * on, so a call can be replayed against another version of the line.
 */
export function describeTurn(callFlow: CallFlow, facts: TurnFactsForRecord): Record<string, unknown> {
  const { event, machineEvent, call, from } = facts;
  const ctx = call?.context;
  const menu = from ? callFlow.menus.get(from) : undefined;
  const chosen = machineEvent?.type === "CHOSE" && menu ? menu.options[machineEvent.option] : undefined;
  return {
    time: event.now,
    version: callFlow.version,
    callSid: facts.params.CallSid,
    turn: facts.turn,
    caller: maskPhone(facts.params.From),
    region: ctx?.region ?? null,
    language: ctx?.language,
    event: facts.kind === "incoming" ? "INCOMING" : event.type,
    ...(event.type === "KEY" && !menu?.sensitive ? { key: event.digits } : {}),
    ...(chosen && !menu?.sensitive ? { option: chosen.label } : {}),
    ...(machineEvent?.type === "CHOSE" ? { via: machineEvent.via } : {}),
    ...(event.type === "SPEECH" ? { confidence: event.confidence } : {}),
    ...(event.type === "DIAL_RESULT" ? { dialStatus: event.status } : {}),
    from,
    state: call?.value ?? "ended",
    result: facts.result,
    notices: ctx?.notices.map((n) => n.kind),
    ...(call?.value === "transfer" && ctx?.transfer ? { team: ctx.transfer.team, attempt: ctx.transfer.attempt } : {}),
    failures: ctx?.failures,
    ms: facts.ms,
  };
}
