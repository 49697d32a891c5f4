import { assign, setup } from "xstate";
import type { CallContext, CallInput, MachineEvent } from "../../types.js";
import { callbackUpdates as cb } from "./callbackUpdates.js";
import { createContextUpdates } from "./contextUpdates.js";
import type { MachineDeps } from "./deps.js";
import { createGuards } from "./guards.js";

/**
 * The machine's types, actions and guards, declared once with xstate's `setup`: every state and transition
 * built from the flow is checked against them, so a misspelt action or guard, or wrong params, fails to compile.
 */
export function createMachineSetup(deps: MachineDeps) {
  const u = createContextUpdates(deps);
  return setup({
    types: {
      context: {} as CallContext,
      events: {} as MachineEvent,
      input: {} as CallInput,
    },
    guards: createGuards(deps),
    actions: {
      stamp: assign(({ context, event }) => u.stamp(context, event)),
      enterMenu: assign(({ context, event }, params: { menu: string }) => u.enterMenu(context, event, params)),
      noteInvalid: assign(({ context }) => u.noteInvalid(context)),
      noteNoInput: assign(({ context }) => u.noteNoInput(context)),
      noteClosed: assign(({ context, event }, params: { team: string }) => u.noteClosed(context, event, params)),
      repeatMenu: assign(({ context }) => u.repeatMenu(context)),
      setLanguage: assign(({ context, event }, params: { language: string }) => u.setLanguage(context, event, params)),
      askInterpreter: assign(({ context, event }, params: { language?: string }) =>
        u.askInterpreter(context, event, params),
      ),
      noteInterpreterClosed: assign(({ context, event }) => u.noteInterpreterClosed(context, event)),
      noteInterpreterUnreachable: assign(({ context, event }) => u.noteInterpreterUnreachable(context, event)),
      setRegion: assign(({ context, event }, params: { region: string }) => u.setRegion(context, event, params)),
      startTransfer: assign(({ context, event }, params: { team: string; announce?: string }) =>
        u.startTransfer(context, event, params),
      ),
      escalate: assign(({ context }) => u.escalate(context)),
      tryNextNumber: assign(({ context }) => u.tryNextNumber(context)),
      noteUnreachable: assign(({ context, event }, params: { offer: boolean }) =>
        u.noteUnreachable(context, event, params),
      ),
      takeOffer: assign(({ context }) => cb.takeOffer(context)),
      keepNumber: assign(({ context, event }) => cb.keepNumber(context, event)),
      forgetNumber: assign(({ context }) => cb.forgetNumber(context)),
      noteInvalidNumber: assign(({ context }) => cb.noteInvalidNumber(context)),
      noteInvalidKey: assign(({ context }) => cb.noteInvalidKey(context)),
      noteSilence: assign(({ context }) => cb.noteSilence(context)),
      connectCallback: assign(({ context }) => cb.connectCallback(context)),
    },
  });
}

/** The machine's setup: its types, actions and guards. */
export type MachineSetup = ReturnType<typeof createMachineSetup>;

/**
 * A state of the machine, checked against the setup's actions, guards and events. The machine is flat (no state
 * has states of its own), so its state value is one state's name.
 */
export type StateConfig = Omit<Parameters<MachineSetup["createStateConfig"]>[0], "states" | "initial">;

/** A transition of the machine (on any event, or `always`), checked against the setup's actions and guards. */
export type Transition = Exclude<
  NonNullable<NonNullable<Parameters<MachineSetup["createStateConfig"]>[0]["on"]>["*"]>,
  readonly unknown[] | string | undefined
>;
