import { randomBytes } from "node:crypto";
import type { CallFlow } from "../flow/compileFlow.js";
import type { PersistedCall } from "../types.js";
import type { SpeechBook } from "./composeSpeech.js";
import { renderTwiml } from "./renderTwiml.js";

/** Most documents kept per app; past it the cache starts over (a flow has a few dozen in common use). */
const MAX_DOCUMENTS = 1_000;
/** Stands for the turn number while a document is rendered: letters and digits, which XML never escapes. */
const TURN_MARK = `TURN${randomBytes(8).toString("hex")}`;

/** Rendered documents, split where the turn number goes. */
type Documents = Map<string, readonly string[]>;
const cachesByFlow = new WeakMap<CallFlow, WeakMap<SpeechBook, Map<string, Documents>>>();

/**
 * The TwiML of a turn whose next request is `actionBase/voice/turn?t=<turn>`: exactly what
 * `renderTwiml(callFlow, speech, call, url)` returns, without building it again for every request.
 *
 * A document depends only on the state and the parts of the context `renderTwiml` reads (see `keyOf`)
 * and, through the action URLs, on the turn. So each distinct document is built once, with the
 * twilio builder as always, with a mark in place of the turn number, and kept split at the mark; a
 * request joins the parts around its turn number. Digits need no XML escaping, so the result is the
 * same string the builder gives for that URL. Calls whose state cannot be rendered still throw.
 */
export function renderTurnTwiml(
  callFlow: CallFlow,
  speech: SpeechBook,
  call: PersistedCall,
  actionBase: string,
  turn: number,
): string {
  // Only a whole number is spliced in unescaped; anything else (a corrupt session) is rendered in full.
  if (!Number.isSafeInteger(turn)) return renderTwiml(callFlow, speech, call, `${actionBase}/voice/turn?t=${turn}`);
  const documents = documentsFor(callFlow, speech, actionBase);
  const key = keyOf(call);
  let parts = documents.get(key);
  if (parts === undefined) {
    parts = renderTwiml(callFlow, speech, call, `${actionBase}/voice/turn?t=${TURN_MARK}`).split(TURN_MARK);
    if (documents.size >= MAX_DOCUMENTS) documents.clear();
    documents.set(key, parts);
  }
  return parts.length === 1 ? (parts[0] as string) : parts.join(String(turn));
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

function documentsFor(callFlow: CallFlow, speech: SpeechBook, actionBase: string): Documents {
  let bySpeech = cachesByFlow.get(callFlow);
  if (!bySpeech) {
    bySpeech = new WeakMap();
    cachesByFlow.set(callFlow, bySpeech);
  }
  let byBase = bySpeech.get(speech);
  if (!byBase) {
    byBase = new Map();
    bySpeech.set(speech, byBase);
  }
  let documents = byBase.get(actionBase);
  if (!documents) {
    documents = new Map();
    byBase.set(actionBase, documents);
  }
  return documents;
}
