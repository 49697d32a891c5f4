import { and, assign, setup } from "xstate";
import { assertNever } from "../../assertNever.js";
import type { CallContext, CallInput, MachineEvent } from "../../types.js";
import type { CompiledMenu, CompiledOption } from "../compileMenus.js";
import { createContextUpdates } from "./contextUpdates.js";
import { ENDED, GOODBYE, INTERPRETER_CLOSED, type MachineDeps, START, TRANSFER } from "./deps.js";
import { createGuards } from "./guards.js";

type Guard = string | { readonly type: string; readonly params?: Record<string, unknown> };

/** The guard that holds when all of `guards` hold (none: no guard). */
function allOf(...guards: Array<Guard | undefined>): { guard?: unknown } {
  const present = guards.filter((g): g is Guard => g !== undefined);
  if (present.length === 0) return {};
  return { guard: present.length === 1 ? present[0] : and(present as never) };
}

/**
 * Builds the call-flow machine from a validated flow, once at start. States: `start` (picks the first
 * menu), one state per menu (the flow's, and the generated interpreter menu), `transfer` (dialing a team),
 * and the final `ended` (transferred) and `goodbye`. The machine never reads the clock: time comes in on
 * every event.
 */
export function buildMachine(deps: MachineDeps) {
  const { flow, menus } = deps;
  const u = createContextUpdates(deps);
  const machineSetup = setup({
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
      noteInterpreterClosed: assign(({ context }) => u.noteInterpreterClosed(context)),
      noteInterpreterUnreachable: assign(({ context }) => u.noteInterpreterUnreachable(context)),
      setRegion: assign(({ context, event }, params: { region: string }) => u.setRegion(context, event, params)),
      startTransfer: assign(({ context, event }, params: { team: string; announce?: string }) =>
        u.startTransfer(context, event, params),
      ),
      escalate: assign(({ context }) => u.escalate(context)),
      tryNextNumber: assign(({ context }) => u.tryNextNumber(context)),
      noteUnreachable: assign(({ context }) => u.noteUnreachable(context)),
    },
  });

  /**
   * The transitions of choosing one option, by a key or words (`CHOSE` of its index) or, where the menu
   * says so, by staying silent. Their order in a menu is the options' order.
   */
  const choose = (menuId: string, option: CompiledOption, by: "answer" | "silence"): Array<Record<string, unknown>> => {
    const chose = by === "answer" ? ({ type: "chose", params: { option: option.index } } as const) : undefined;
    const stay = { target: menuId, reenter: true } as const;
    const a = option.action;
    switch (a.kind) {
      case "transfer":
        return [
          // First: a closed team keeps the caller in the menu with its hours. XState takes the first
          // transition whose guard holds, so this one must come before the transfer below.
          {
            ...allOf(chose, { type: "closed", params: { team: a.team } }),
            ...stay,
            actions: ["stamp", { type: "noteClosed", params: { team: a.team } }],
          },
          {
            ...allOf(chose),
            target: TRANSFER,
            actions: [
              "stamp",
              { type: "startTransfer", params: { team: a.team, ...(a.announce ? { announce: a.announce } : {}) } },
            ],
          },
        ];
      case "menu":
        return [{ ...allOf(chose), target: a.menu, actions: ["stamp", "repeatMenu"] }];
      case "language":
        // The caller's first menu again (the main menu, or the region menu while the region is unknown).
        return [
          {
            ...allOf(chose),
            target: START,
            actions: ["stamp", { type: "setLanguage", params: { language: a.language } }],
          },
        ];
      case "interpreter": {
        const ask = { type: "askInterpreter", params: a.language ? { language: a.language } : {} };
        const { team } = flow.interpreters;
        return [
          {
            ...allOf(chose, { type: "closed", params: { team } }),
            target: INTERPRETER_CLOSED,
            actions: ["stamp", ask, "noteInterpreterClosed"],
          },
          { ...allOf(chose), target: TRANSFER, actions: ["stamp", ask, { type: "startTransfer", params: { team } }] },
        ];
      }
      case "region":
        return [
          {
            ...allOf(chose),
            target: flow.start,
            actions: ["stamp", { type: "setRegion", params: { region: a.region } }],
          },
        ];
      case "repeat":
        return [{ ...allOf(chose), ...stay, actions: ["stamp", "repeatMenu"] }];
      default:
        return assertNever(a);
    }
  };

  const menuState = (id: string, menu: CompiledMenu) => {
    const stay = { target: id, reenter: true } as const;
    const invalid = { ...stay, actions: ["stamp", "noteInvalid"] };
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
        CHOSE: [...menu.options.flatMap((o) => choose(id, o, "answer")), invalid],
        INVALID: invalid,
        SILENCE: silent === undefined ? { ...stay, actions: ["stamp", "noteNoInput"] } : choose(id, silent, "silence"),
      },
    };
  };

  const menuIds = [...menus.keys()];
  const states: Record<string, unknown> = {
    [START]: { always: [{ guard: "regionKnown", target: flow.start }, { target: flow.regionMenu }] },
    ...Object.fromEntries([...menus].map(([id, menu]) => [id, menuState(id, menu)])),
    [TRANSFER]: {
      on: {
        // In order: answered; another number of the same line; too many failed transfers; back to the menu.
        DIAL_RESULT: [
          { guard: "connected", target: ENDED, actions: "stamp" },
          { guard: "hasNextNumber", target: TRANSFER, reenter: true, actions: ["stamp", "tryNextNumber"] },
          { guard: "transfersExhausted", target: GOODBYE, actions: ["stamp", "noteUnreachable"] },
          { guard: "interpreterCall", target: INTERPRETER_CLOSED, actions: ["stamp", "noteInterpreterUnreachable"] },
          ...menuIds.map((menu) => ({
            guard: { type: "returnsTo", params: { menu } },
            target: menu,
            actions: ["stamp", "noteUnreachable"],
          })),
        ],
      },
    },
    [ENDED]: { type: "final" },
    [GOODBYE]: { type: "final" },
  };

  return machineSetup.createMachine({
    id: flow.id,
    initial: START,
    context: ({ input }) => initialContext(deps, input),
    // Generated from the flow file: its shape is checked by the flow schema, not by TypeScript.
    states: states as never,
  });
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
    interpreter: null,
    now: input.now,
  };
}
