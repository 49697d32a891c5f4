import type { LoggedTurn } from "../../service/index.js";

/**
 * What the caller was told just before the line's goodbye that makes the goodbye a failure of the line, not
 * an ending on purpose: `unreachable` ("we could not reach…": every number of the team failed, or too many
 * transfers did) and `apology` (a turn that failed and the line apologised).
 */
export const DISCONNECT_NOTICES: readonly string[] = ["unreachable", "apology"];

/** How the line itself ended a call, when a turn record says it did. */
export type LineEnding = "goodbye" | "disconnected";

/**
 * How the line ended the call in this turn, read from the turn record's ending kinds (`ending`, from the
 * contract's `endingSchema`): undefined unless the turn is the line's goodbye (`ending: goodbye`). A goodbye
 * after a notice of `DISCONNECT_NOTICES` is the line's own disconnect (the call ended without a transfer or an
 * on-purpose goodbye: what CMS's 5% disconnect rate measures); any other goodbye is on purpose. A call the
 * line transferred says so by its dial result; a call the caller hung up is `abandoned` on `call ended`,
 * and is the caller's doing, not the line's.
 */
export function readLineEnding(turn: Pick<LoggedTurn, "ending" | "notices">): LineEnding | undefined {
  if (turn.ending !== "goodbye") return undefined;
  const notices = turn.notices ?? [];
  return notices.some((n) => DISCONNECT_NOTICES.includes(n)) ? "disconnected" : "goodbye";
}
