import { CALLBACK_GREETING, ENDED, GOODBYE, INTERPRETER_CLOSED, START, TRANSFER } from "../../contract/stateIds.js";
import type { CallContext, CallInput } from "../../types.js";
import type { CompiledMenu } from "../compileMenus.js";
import { buildCallbackStates, listCallbackAsk } from "./callbackStates.js";
import type { MachineDeps } from "./deps.js";
import { createMachineSetup, type StateConfig, type Transition } from "./machineSetup.js";
import { listOptionTransitions } from "./optionTransitions.js";

/**
 * Builds the call-flow machine from a validated flow, once at start. States: `start` (picks the first
 * menu), one state per menu (the flow's, and the generated interpreter menu), `transfer` (dialing a team),
 * and the final `ended` (transferred) and `goodbye`. The machine never reads the clock: time comes in on
 * every event. Every state is checked against the setup (`createMachineSetup`): its actions and guards.
 */
export function buildMachine(deps: MachineDeps) {
  const { flow, menus } = deps;
  const states: Record<string, StateConfig> = {
    [START]: {
      always: [
        ...(flow.callbacks ? [{ guard: "placedCallback", target: CALLBACK_GREETING } as const] : []),
        { guard: "regionKnown", target: flow.start },
        { target: flow.regionMenu },
      ],
    },
    ...Object.fromEntries([...menus].map(([id, menu]) => [id, buildMenuState(deps, id, menu)])),
    ...buildCallbackStates(flow.callbacks),
    [TRANSFER]: buildTransferState([...menus.keys()]),
    [ENDED]: { type: "final" },
    [GOODBYE]: { type: "final" },
  };
  return createMachineSetup(deps).createMachine({
    id: flow.id,
    initial: START,
    context: ({ input }) => initialContext(deps, input),
    states,
  });
}

/** A menu: it waits for an answer, and escalates to a person when its failures or the call's menu turns run out. */
function buildMenuState({ flow }: MachineDeps, id: string, menu: CompiledMenu): StateConfig {
  const stay = { target: id, reenter: true } as const;
  const invalid: Transition = { ...stay, actions: ["stamp", "noteInvalid"] };
  const silent = menu.silence === undefined ? undefined : menu.options[menu.silence];
  return {
    entry: { type: "enterMenu", params: { menu: id } },
    // Evaluated on every entry (menus are re-entered after each answer), after the answer's counters are
    // updated: the answer that uses up the failures or menu turns escalates at once, in the same turn.
    always: [
      { guard: "failuresExhausted", target: TRANSFER, actions: "escalate" },
      { guard: "menuTurnsExhausted", target: TRANSFER, actions: "escalate" },
    ],
    on: {
      // An option this menu does not have (only possible if the event was matched elsewhere) is invalid.
      CHOSE: [...menu.options.flatMap((o) => listOptionTransitions(flow, id, o, "answer")), invalid],
      INVALID: invalid,
      ...(flow.callbacks ? { CALLBACK: listCallbackAsk(invalid) } : {}),
      SILENCE:
        silent === undefined
          ? { ...stay, actions: ["stamp", "noteNoInput"] }
          : listOptionTransitions(flow, id, silent, "silence"),
    },
  };
}

/** Dialing a team: a dial result connects, tries the line's next number, gives up, or goes back to a menu. */
function buildTransferState(menuIds: readonly string[]): StateConfig {
  return {
    on: {
      // In order: answered; another number of the same line; too many failed transfers; back to the menu.
      DIAL_RESULT: [
        { guard: "connected", target: ENDED, actions: "stamp" },
        { guard: "hasNextNumber", target: TRANSFER, reenter: true, actions: ["stamp", "tryNextNumber"] },
        // Goodbye: nothing more is offered (a call-back is offered only where the caller hears a menu again).
        {
          guard: "transfersExhausted",
          target: GOODBYE,
          actions: ["stamp", { type: "noteUnreachable", params: { offer: false } }],
        },
        { guard: "interpreterCall", target: INTERPRETER_CLOSED, actions: ["stamp", "noteInterpreterUnreachable"] },
        ...menuIds.map(
          (menu): Transition => ({
            guard: { type: "returnsTo", params: { menu } },
            target: menu,
            actions: ["stamp", { type: "noteUnreachable", params: { offer: true } }],
          }),
        ),
      ],
    },
  };
}

/**
 * The context a call starts with. XState also builds a machine's initial snapshot without input (its
 * pure `transition` constructs an inert actor): then the call is one of unknown region at time 0.
 */
function initialContext({ flow }: MachineDeps, given: CallInput | undefined): CallContext {
  const input = given ?? { region: null, now: 0 };
  return {
    region: input.region,
    language: input.language ?? flow.defaultLanguage,
    failures: 0,
    menuTurns: 0,
    failedTransfers: 0,
    menu: input.region === null ? flow.regionMenu : flow.start,
    prompt: "full",
    greet: input.resumed !== true,
    notices: [...(input.notices ?? [])],
    transfer: null,
    interpreter: input.interpreter ?? null,
    ...(input.callback ? { callback: input.callback } : {}),
    ...(input.callerKnown === false ? { callerKnown: false } : {}),
    now: input.now,
  };
}
