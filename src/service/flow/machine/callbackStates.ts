import {
  CALLBACK_CONFIRM,
  CALLBACK_DONE,
  CALLBACK_GREETING,
  CALLBACK_NUMBER,
  CALLBACK_READ_BACK,
  GOODBYE,
  TRANSFER,
} from "../../contract/stateIds.js";
import type { CallbackSettings } from "../callbackSchema.js";
import type { StateConfig, Transition } from "./machineSetup.js";

/**
 * The states of a call-back, from the flow's `callbacks` settings: confirming the caller's number or keying
 * in another, its read-back, the goodbye once it is queued (`callbackDone`, final; the turn queues it), and
 * the greeting of the call the line places at the opening. Wrong keys and silence are re-prompted; the
 * flow's `maxFailures` of them in a row end the call with the goodbye (or, on a call the line placed,
 * put the member through, as staying on the line does). Every answer counts a menu turn, so changing the number
 * over and over ends at the flow's `maxMenuTurns` too.
 */
export function buildCallbackStates(settings: CallbackSettings | undefined): Record<string, StateConfig> {
  // A flow without call-backs has none of their states.
  if (!settings) return {};
  const { confirmKey, changeKey, connectKey } = settings;
  const stay = (state: string, action: "noteInvalidKey" | "noteSilence" | "noteInvalidNumber"): Transition => ({
    target: state,
    reenter: true,
    actions: ["stamp", action],
  });
  const giveUp: Transition[] = [
    { guard: "failuresExhausted", target: GOODBYE },
    { guard: "menuTurnsExhausted", target: GOODBYE },
  ];
  return {
    [CALLBACK_CONFIRM]: {
      always: giveUp,
      on: {
        KEYED: [
          { guard: { type: "keyed", params: { key: confirmKey } }, target: CALLBACK_DONE, actions: "stamp" },
          { guard: { type: "keyed", params: { key: changeKey } }, target: CALLBACK_NUMBER, actions: "stamp" },
          stay(CALLBACK_CONFIRM, "noteInvalidKey"),
        ],
        INVALID: stay(CALLBACK_CONFIRM, "noteInvalidKey"),
        SILENCE: stay(CALLBACK_CONFIRM, "noteSilence"),
      },
    },
    [CALLBACK_NUMBER]: {
      always: giveUp,
      on: {
        NUMBER: [
          { guard: "numberValid", target: CALLBACK_READ_BACK, actions: ["stamp", "keepNumber"] },
          stay(CALLBACK_NUMBER, "noteInvalidNumber"),
        ],
        INVALID: stay(CALLBACK_NUMBER, "noteInvalidNumber"),
        SILENCE: stay(CALLBACK_NUMBER, "noteSilence"),
      },
    },
    [CALLBACK_READ_BACK]: {
      always: giveUp,
      on: {
        KEYED: [
          { guard: { type: "keyed", params: { key: confirmKey } }, target: CALLBACK_DONE, actions: "stamp" },
          {
            guard: { type: "keyed", params: { key: changeKey } },
            target: CALLBACK_NUMBER,
            actions: ["stamp", "forgetNumber"],
          },
          stay(CALLBACK_READ_BACK, "noteInvalidKey"),
        ],
        INVALID: stay(CALLBACK_READ_BACK, "noteInvalidKey"),
        SILENCE: stay(CALLBACK_READ_BACK, "noteSilence"),
      },
    },
    [CALLBACK_DONE]: { type: "final" },
    [CALLBACK_GREETING]: {
      always: [{ guard: "failuresExhausted", target: TRANSFER, actions: "connectCallback" }],
      on: {
        KEYED: [
          {
            guard: { type: "keyed", params: { key: connectKey } },
            target: TRANSFER,
            actions: ["stamp", "connectCallback"],
          },
          stay(CALLBACK_GREETING, "noteInvalidKey"),
        ],
        INVALID: stay(CALLBACK_GREETING, "noteInvalidKey"),
        // Staying on the line puts the member through.
        SILENCE: { target: TRANSFER, actions: ["stamp", "connectCallback"] },
      },
    },
  };
}

/** The transitions of a menu for the call-back key: taken while a call-back is offered, else a wrong key. */
export function listCallbackAsk(invalid: Transition): Transition[] {
  return [
    { guard: { type: "offerTo", params: { known: true } }, target: CALLBACK_CONFIRM, actions: ["takeOffer", "stamp"] },
    { guard: "takesOffer", target: CALLBACK_NUMBER, actions: ["takeOffer", "stamp"] },
    invalid,
  ];
}
