import type { FlowEvent, MachineEvent, PersistedCall } from "../types.js";
import type { CallFlow } from "./compileFlow.js";
import { matchOption } from "./matchOption.js";

/**
 * Turns what the caller did into the machine's event, once per turn: a key press or speech that
 * chooses an option of the caller's menu, in their language, becomes `CHOSE` with the option's index;
 * one that chooses nothing (or arrives outside a menu) is `INVALID`. Silence and dial results pass through.
 */
export function matchInput(callFlow: CallFlow, call: PersistedCall, event: FlowEvent): MachineEvent {
  switch (event.type) {
    case "SILENCE":
    case "DIAL_RESULT":
      return event;
    case "KEY":
    case "SPEECH": {
      const menu = callFlow.menus.get(call.value);
      const option = menu && matchOption(menu, call.context.language, event, callFlow.flow.speech.minConfidence);
      return option
        ? { type: "CHOSE", option: option.index, via: event.type === "KEY" ? "key" : "speech", now: event.now }
        : { type: "INVALID", now: event.now };
    }
  }
}
