import { z } from "zod";

/** The state a call is in before its first menu: it picks the menu (the region's, or the region menu). */
export const START = "start";
/** Dialing a team. */
export const TRANSFER = "transfer";
/** Final: a transfer went through, the call is the team's. */
export const ENDED = "ended";
/** Final: the line said goodbye and hung up (no line could be reached). */
export const GOODBYE = "goodbye";

/** A call-back was asked for: the caller's number is read back by its last digits, to confirm or change. */
export const CALLBACK_CONFIRM = "callbackConfirm";
/** A call-back was asked for: the caller keys in the number to call back (10 digits, # to finish). */
export const CALLBACK_NUMBER = "callbackNumber";
/** The number keyed in is read back digit by digit, to confirm or change. */
export const CALLBACK_READ_BACK = "callbackReadBack";
/** Final: the call-back is queued (or was already); the line says when, and goodbye, and hangs up. */
export const CALLBACK_DONE = "callbackDone";
/** A call the line placed at the team's opening: the member is greeted and offered to be put through. */
export const CALLBACK_GREETING = "callbackGreeting";

/** The states of a call-back: asking for one, and the greeting of the call the line places. */
export const CALLBACK_STATES = [
  CALLBACK_CONFIRM,
  CALLBACK_NUMBER,
  CALLBACK_READ_BACK,
  CALLBACK_DONE,
  CALLBACK_GREETING,
] as const;

/** The machine's states that are not menus; every other state is a menu, named by its id. */
export const NON_MENU_STATES = [START, TRANSFER, ENDED, GOODBYE, ...CALLBACK_STATES] as const;

/** A state of the machine that is not a menu. */
export const nonMenuStateSchema = z.enum(NON_MENU_STATES);

/** A state of the machine that is not a menu. */
export type NonMenuState = z.infer<typeof nonMenuStateSchema>;

/**
 * The menu generated from the flow's `interpreters`: its hours and the team open around the clock, heard by a
 * caller who asked for an interpreter while the interpreters' team is closed or could not be reached.
 */
export const INTERPRETER_CLOSED = "interpreterClosed";

/** A state of the call-flow machine: a menu id (the flow's, or `interpreterClosed`), or one of `NON_MENU_STATES`. */
export const stateIdSchema = z
  .string()
  .min(1)
  .max(64)
  .describe("A state of the call: a menu id, transfer, ended (transferred) or goodbye.");

/** A state of the call-flow machine. */
export type StateId = z.infer<typeof stateIdSchema>;

const NON_MENU: ReadonlySet<string> = new Set(NON_MENU_STATES);

/** Whether `state` is a menu (a state that waits for the caller's answer): any state but the non-menu ones. */
export function isMenuState(state: string | null | undefined): state is string {
  return typeof state === "string" && state !== "" && !NON_MENU.has(state);
}

/** Whether `state` is the name of a non-menu state (a menu must not take it). */
export function isNonMenuState(state: string): state is NonMenuState {
  return NON_MENU.has(state);
}

/** Whether the call is being transferred (a `<Dial>` is under way). */
export function isTransferring(state: string | null | undefined): boolean {
  return state === TRANSFER;
}

/** Whether a transfer went through: the call is the team's. */
export function isTransferred(state: string | null | undefined): boolean {
  return state === ENDED;
}

/** Whether the line said goodbye and hung up (after a call-back was asked for, too). */
export function isGoodbye(state: string | null | undefined): boolean {
  return state === GOODBYE || state === CALLBACK_DONE;
}

/** Whether the call is in one of the call-back states. */
export function isCallbackState(state: string | null | undefined): boolean {
  return (CALLBACK_STATES as readonly string[]).includes(state ?? "");
}

/** Whether the line is done with the call: transferred, or goodbye. */
export function isFinishedState(state: string | null | undefined): boolean {
  return isTransferred(state) || isGoodbye(state);
}

/** How a call ended: transferred or goodbye (the line finished it), abandoned (the caller hung up first). */
export const endingSchema = z.enum(["transferred", "goodbye", "abandoned"]);

/** How a call ended. */
export type Ending = z.infer<typeof endingSchema>;

/** How the line finished a call in `state`: transferred, goodbye, or undefined while it is not finished. */
export function findEnding(state: string | null | undefined): Extract<Ending, "transferred" | "goodbye"> | undefined {
  if (isTransferred(state)) return "transferred";
  if (isGoodbye(state)) return "goodbye";
  return undefined;
}
