import { randomBytes } from "node:crypto";
import type { CallFlow } from "../flow/compileFlow.js";
import type { PersistedCall } from "../types.js";
import type { SpeechBook } from "./composeSpeech.js";
import { renderTwiml } from "./renderTwiml.js";

/** Renders the TwiML of a call's state whose next request is `…/voice/turn?t=<turn>`. */
export type TurnRenderer = (call: PersistedCall, turn: number) => string;

/** Most documents kept; past it the cache starts over (a flow has a few dozen in common use). */
const MAX_DOCUMENTS = 1_000;
/** Stands for the turn number while a document is rendered: letters and digits, which XML never escapes. */
const TURN_MARK = `TURN${randomBytes(8).toString("hex")}`;

/**
 * Builds the renderer of turns for one app: exactly what `renderTwiml(callFlow, speech, call, url)`
 * returns for `url = actionBase/voice/turn?t=<turn>`, without building it again for every request.
 *
 * A document depends only on the state and the parts of the context `renderTwiml` reads (see `keyOf`)
 * and, through the action URLs, on the turn. So each distinct document is built once, with the
 * twilio builder as always, with a mark in place of the turn number, and kept split at the mark; a
 * request joins the parts around its turn number. Digits need no XML escaping, so the result is the
 * same string the builder gives for that URL. Calls whose state cannot be rendered still throw.
 */
export function createTurnRenderer(callFlow: CallFlow, speech: SpeechBook, actionBase: string): TurnRenderer {
  const documents = new Map<string, readonly string[]>();
  return (call, turn) => {
    // Only a whole number is spliced in unescaped; anything else (a corrupt session) is rendered in full.
    if (!Number.isSafeInteger(turn)) return renderTwiml(callFlow, speech, call, `${actionBase}/voice/turn?t=${turn}`);
    const key = keyOf(call);
    let parts = documents.get(key);
    if (parts === undefined) {
      parts = renderTwiml(callFlow, speech, call, `${actionBase}/voice/turn?t=${TURN_MARK}`).split(TURN_MARK);
      if (documents.size >= MAX_DOCUMENTS) documents.clear();
      documents.set(key, parts);
    }
    return parts.length === 1 ? (parts[0] as string) : parts.join(String(turn));
  };
}

/**
 * Everything of a call `renderTwiml` reads: the state, and the context's language, menu (for notices),
 * greeting and prompt style, notices and transfer. Not the clock (`now`) nor the counters, which change
 * every turn. Keep this in step with `renderTwiml`.
 */
function keyOf(call: PersistedCall): string {
  const c = call.context;
  return JSON.stringify([call.value, c.language, c.menu, c.greet, c.prompt, c.notices, c.transfer]);
}
