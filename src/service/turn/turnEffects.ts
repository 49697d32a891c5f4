import { isConnected } from "../contract/dialStatus.js";
import { CALLBACK_DONE, ENDED, TRANSFER } from "../contract/stateIds.js";
import type { CallFlow } from "../flow/compileFlow.js";
import type { MachineEvent, PersistedCall } from "../types.js";

/**
 * What a turn asks the edge to do besides answering, decided by the pure plan and applied by `takeTurn`:
 * queue the call-back the caller just confirmed (`requestCallback`; the number is the caller's own, from the
 * request, or the one keyed in, sealed), or cancel the call-back of a member who reached its team
 * (`cancelCallback`, on an inbound call, by the caller's number).
 */
export type TurnEffect =
  | {
      readonly kind: "requestCallback";
      readonly team: string;
      readonly region: string;
      readonly language: string;
      readonly interpreter: string | null;
      /** The team's next opening when it was offered. */
      readonly at: number;
      readonly sealed?: string;
    }
  | { readonly kind: "cancelCallback"; readonly team: string; readonly region: string };

/** The effects of moving a call from `before` (null for a new call) to `after` on `event`. */
export function listTurnEffects(
  callFlow: CallFlow,
  before: PersistedCall | null,
  after: PersistedCall,
  event: MachineEvent | null,
): TurnEffect[] {
  const settings = callFlow.flow.callbacks;
  if (!settings) return [];
  const ctx = after.context;
  if (after.value === CALLBACK_DONE && before?.value !== CALLBACK_DONE && ctx.callback)
    return [
      {
        kind: "requestCallback",
        team: ctx.callback.team,
        region: ctx.callback.region,
        language: ctx.language,
        interpreter: ctx.interpreter,
        at: ctx.callback.at,
        ...(ctx.callback.sealed ? { sealed: ctx.callback.sealed } : {}),
      },
    ];
  const reached =
    before?.value === TRANSFER &&
    after.value === ENDED &&
    event?.type === "DIAL_RESULT" &&
    isConnected(event.status) &&
    !ctx.callback &&
    ctx.transfer !== null &&
    settings.teams.includes(ctx.transfer.team);
  return reached && ctx.transfer
    ? [{ kind: "cancelCallback", team: ctx.transfer.team, region: ctx.transfer.region }]
    : [];
}
