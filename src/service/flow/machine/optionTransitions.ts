import { assertNever } from "../../assertNever.js";
import { INTERPRETER_CLOSED, START, TRANSFER } from "../../contract/stateIds.js";
import type { CompiledOption } from "../compileMenus.js";
import type { FlowFile } from "../schema.js";
import type { Transition } from "./machineSetup.js";

/** How an option is chosen: by an answer (`CHOSE` of its index), or by staying silent where the menu says so. */
export type ChosenBy = "answer" | "silence";

/**
 * The transitions of choosing one option of menu `menuId`. Their order in a menu is the options' order; XState
 * takes the first transition whose guard holds.
 */
export function listOptionTransitions(
  flow: FlowFile,
  menuId: string,
  option: CompiledOption,
  by: ChosenBy,
): Transition[] {
  const index = option.index;
  /** Holds when this option was chosen (always, when silence chooses it). */
  const chosen = (): Pick<Transition, "guard"> =>
    by === "answer" ? { guard: { type: "chose", params: { option: index } } } : {};
  /** Holds when this option was chosen and `team` is closed now. */
  const chosenWhileClosed = (team: string): Pick<Transition, "guard"> => ({
    guard:
      by === "answer"
        ? { type: "choseWhileClosed", params: { option: index, team } }
        : { type: "closed", params: { team } },
  });
  const stay = { target: menuId, reenter: true } as const;
  const a = option.action;
  switch (a.kind) {
    case "transfer":
      return [
        // First: a closed team keeps the caller in the menu with its hours.
        { ...chosenWhileClosed(a.team), ...stay, actions: ["stamp", { type: "noteClosed", params: { team: a.team } }] },
        {
          ...chosen(),
          target: TRANSFER,
          actions: [
            "stamp",
            { type: "startTransfer", params: { team: a.team, ...(a.announce ? { announce: a.announce } : {}) } },
          ],
        },
      ];
    case "menu":
      return [{ ...chosen(), target: a.menu, actions: ["stamp", "repeatMenu"] }];
    case "language":
      // The caller's first menu again (the main menu, or the region menu while the region is unknown).
      return [
        { ...chosen(), target: START, actions: ["stamp", { type: "setLanguage", params: { language: a.language } }] },
      ];
    case "interpreter": {
      const ask = { type: "askInterpreter", params: a.language ? { language: a.language } : {} } as const;
      const { team } = flow.interpreters;
      return [
        { ...chosenWhileClosed(team), target: INTERPRETER_CLOSED, actions: ["stamp", ask, "noteInterpreterClosed"] },
        { ...chosen(), target: TRANSFER, actions: ["stamp", ask, { type: "startTransfer", params: { team } }] },
      ];
    }
    case "region":
      return [
        { ...chosen(), target: flow.start, actions: ["stamp", { type: "setRegion", params: { region: a.region } }] },
      ];
    case "repeat":
      return [{ ...chosen(), ...stay, actions: ["stamp", "repeatMenu"] }];
    default:
      return assertNever(a);
  }
}
