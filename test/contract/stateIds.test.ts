import { describe, expect, test } from "vitest";
import {
  ENDED,
  findEnding,
  GOODBYE,
  INTERPRETER_CLOSED,
  isFinishedState,
  isGoodbye,
  isMenuState,
  isNonMenuState,
  isTransferred,
  isTransferring,
  NON_MENU_STATES,
  START,
  TRANSFER,
} from "../../src/service/contract/stateIds.js";
import { sharedCallFlow } from "../support/createTestApp.js";

describe("the states of a call and what they are", () => {
  test.each([
    // state, menu, transferring, transferred, goodbye, finished, ending
    ["main", true, false, false, false, false, undefined],
    [INTERPRETER_CLOSED, true, false, false, false, false, undefined],
    [START, false, false, false, false, false, undefined],
    [TRANSFER, false, true, false, false, false, undefined],
    [ENDED, false, false, true, false, true, "transferred"],
    [GOODBYE, false, false, false, true, true, "goodbye"],
    [null, false, false, false, false, false, undefined],
    [undefined, false, false, false, false, false, undefined],
    ["", false, false, false, false, false, undefined],
  ] as const)(
    "%s: menu %s, transferring %s, transferred %s, goodbye %s, finished %s, ending %s",
    (state, menu, transferring, transferred, goodbye, finished, ending) => {
      expect(isMenuState(state)).toBe(menu);
      expect(isTransferring(state)).toBe(transferring);
      expect(isTransferred(state)).toBe(transferred);
      expect(isGoodbye(state)).toBe(goodbye);
      expect(isFinishedState(state)).toBe(finished);
      expect(findEnding(state)).toBe(ending);
    },
  );

  test("the machine's states are the non-menu states and one state per compiled menu, nothing else", () => {
    const callFlow = sharedCallFlow();
    const states = Object.keys(callFlow.machine.root.states).sort();
    expect(states).toEqual([...NON_MENU_STATES, ...callFlow.menus.keys()].sort());
    for (const state of states) expect(isMenuState(state)).toBe(callFlow.menus.has(state));
  });

  test.each([...NON_MENU_STATES])("%s is a name no menu may take", (state) => {
    expect(isNonMenuState(state)).toBe(true);
  });

  test.each(["main", "region", INTERPRETER_CLOSED, "transfers"])("%s is free for a menu", (state) => {
    expect(isNonMenuState(state)).toBe(false);
  });
});
