import { randomBytes } from "node:crypto";
import type { CallFlow } from "../flow/compileFlow.js";
import type { SpeechBook } from "./composeSpeech.js";
import { keyOfRenderInput, type RenderInput } from "./renderInput.js";
import { renderTwiml } from "./renderTwiml.js";

/** Renders the TwiML of a turn whose next request is `…/voice/turn?t=<turn>`. */
export type TurnRenderer = (input: RenderInput, turn: number) => string;

/** Most documents kept; past it the cache starts over (a flow has a few dozen in common use). */
const MAX_DOCUMENTS = 1_000;
/** Stands for the turn number while a document is rendered: letters and digits, which XML never escapes. */
const TURN_MARK = `TURN${randomBytes(8).toString("hex")}`;

/**
 * Builds the renderer of turns for one app: exactly what `renderTwiml(callFlow, speech, input, url)`
 * returns for `url = actionBase/voice/turn?t=<turn>`, without building the same document again for
 * every request.
 *
 * A document is a function of its `RenderInput` and, through the action URLs, of the turn. Each
 * distinct input is rendered once, with the twilio builder as always, with a mark in place of the turn
 * number, and kept split at the mark under the key of the whole input (`keyOfRenderInput`); a request
 * joins the parts around its turn number. Digits need no XML escaping, so the result is the same string
 * the builder gives for that URL.
 */
export function createTurnRenderer(callFlow: CallFlow, speech: SpeechBook, turnUrl: string): TurnRenderer {
  const documents = new Map<string, readonly string[]>();
  return (input, turn) => {
    // Only a whole number is spliced in unescaped; anything else is rendered in full.
    // Digits read back are never kept: such a document is rendered for its answer alone.
    if (!Number.isSafeInteger(turn) || input.digits !== undefined)
      return renderTwiml(callFlow, speech, input, `${turnUrl}?t=${turn}`);
    const key = keyOfRenderInput(input);
    let parts = documents.get(key);
    if (parts === undefined) {
      parts = renderTwiml(callFlow, speech, input, `${turnUrl}?t=${TURN_MARK}`).split(TURN_MARK);
      if (documents.size >= MAX_DOCUMENTS) documents.clear();
      documents.set(key, parts);
    }
    return parts.length === 1 ? (parts[0] as string) : parts.join(String(turn));
  };
}
