import { CALLBACK_CONFIRM, CALLBACK_GREETING, CALLBACK_NUMBER, CALLBACK_READ_BACK } from "../contract/stateIds.js";
import type { FlowEvent, MachineEvent, PersistedCall } from "../types.js";
import type { CallFlow } from "./compileFlow.js";
import { matchOption } from "./matchOption.js";

/** The call-back states that take keys as they are (a key to confirm, change or connect). */
const KEYED_STATES: ReadonlySet<string> = new Set([CALLBACK_CONFIRM, CALLBACK_READ_BACK, CALLBACK_GREETING]);

/**
 * Turns what the caller did into the machine's event, once per turn: a key press or speech that
 * chooses an option of the caller's menu, in their language, becomes `CHOSE` with the option's index;
 * the call-back key, while a call-back is offered, `CALLBACK`; one that chooses nothing (or arrives
 * outside a menu) is `INVALID`. In the call-back states keys are `KEYED`, and a number keyed in arrives
 * checked and sealed (`NUMBER`, from the edge; unchecked keys there are an invalid number). Silence and
 * dial results pass through.
 */
export function matchInput(callFlow: CallFlow, call: PersistedCall, event: FlowEvent): MachineEvent {
  switch (event.type) {
    case "SILENCE":
    case "DIAL_RESULT":
    case "NUMBER":
      return event;
    case "KEY":
    case "SPEECH": {
      if (call.value === CALLBACK_NUMBER) return { type: "NUMBER", valid: false, now: event.now };
      if (KEYED_STATES.has(call.value))
        return event.type === "KEY"
          ? { type: "KEYED", digits: event.digits, now: event.now }
          : { type: "INVALID", now: event.now };
      const menu = callFlow.menus.get(call.value);
      const option = menu && matchOption(menu, call.context.language, event, callFlow.flow.speech.minConfidence);
      if (option)
        return { type: "CHOSE", option: option.index, via: event.type === "KEY" ? "key" : "speech", now: event.now };
      const settings = callFlow.flow.callbacks;
      if (menu && settings && event.type === "KEY" && event.digits === settings.key && call.context.offer)
        return { type: "CALLBACK", now: event.now };
      return { type: "INVALID", now: event.now };
    }
  }
}
