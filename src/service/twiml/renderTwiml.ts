import VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";
import {
  CALLBACK_DONE,
  INTERPRETER_CLOSED,
  isCallbackState,
  isGoodbye,
  isTransferred,
  isTransferring,
} from "../contract/stateIds.js";
import { findLine, numberToDial } from "../directory/queryDirectory.js";
import type { CallFlow } from "../flow/compileFlow.js";
import { isFullLanguage } from "../flow/languages.js";
import type { Lang, TransferTarget } from "../types.js";
import { renderCallbackState } from "./callbackTwiml.js";
import type { SpeechBook } from "./composeSpeech.js";
import type { RenderInput } from "./renderInput.js";
import { sayAttributes } from "./sayAttributes.js";

/**
 * Renders the TwiML of a turn from its input (`RenderInput`: nothing else of the call is read).
 * Pure: the same input and URL give the same document.
 * Every document ends the call on purpose (`<Hangup>`) or leads to another webhook at `nextUrl`:
 * a `<Gather>` is always followed by a `<Redirect>`, and a `<Dial>` always has an `action`.
 * Every `<Say>` is in the caller's language and voice, but the offers of other languages, each in its own.
 * A text the flow has no words for in the caller's language (an interpreter language hears only its own
 * lines) is left out, never said in another language.
 * Throws when the state is none the flow can speak (a corrupt session), so the turn gets the safe answer.
 */
export function renderTwiml(callFlow: CallFlow, speech: SpeechBook, input: RenderInput, nextUrl: string): string {
  const { flow } = callFlow;
  const lang = input.language;
  if (!Object.hasOwn(flow.languages, lang)) throw new Error(`the call's language ${String(lang)} is not in the flow`);
  const attributes = sayAttributes(callFlow, lang);
  const response = new VoiceResponse();
  const say = (into: { say: VoiceResponse["say"] }, text: string, attrs = attributes) => {
    if (text.length > 0) into.say(attrs, text);
  };
  const notices = input.notices.map((n) => speech.notice(n, input.menu, lang));

  if (isTransferring(input.state) && input.transfer) {
    for (const text of [...notices, ...announceTransfer(speech, input.transfer, lang)]) say(response, text);
    addDial(callFlow, response, input.transfer, nextUrl);
    return response.toString();
  }

  if (isTransferred(input.state)) {
    response.hangup();
    return response.toString();
  }

  if (input.state === CALLBACK_DONE) {
    // The call-back is queued: when, in the caller's words, then the line hangs up on purpose.
    for (const text of notices) say(response, text);
    response.hangup();
    return response.toString();
  }

  if (isCallbackState(input.state)) {
    renderCallbackState(callFlow, speech, response, input, nextUrl, notices);
    return response.toString();
  }

  if (isGoodbye(input.state)) {
    for (const text of notices) say(response, text);
    say(response, speech.message("goodbye", lang));
    response.hangup();
    return response.toString();
  }

  const menu = callFlow.menus.get(input.state);
  if (!menu) throw new Error(`the call's state ${String(input.state)} is neither a menu nor a transfer it can make`);
  if (input.state !== INTERPRETER_CLOSED && !isFullLanguage(flow, lang))
    throw new Error(`the menu ${input.state} cannot be spoken in ${lang}, an interpreter language`);
  // Speech only where Twilio recognises the language and the menu has words to say.
  const recognise = flow.speech.enabled && menu.hints[lang] ? flow.languages[lang]?.speech : undefined;
  const gather = response.gather({
    input: recognise ? ["dtmf", "speech"] : ["dtmf"],
    numDigits: 1,
    timeout: flow.gather.timeoutSeconds,
    action: nextUrl,
    method: "POST",
    actionOnEmptyResult: false,
    ...(recognise
      ? {
          language: recognise as NonNullable<VoiceResponse.GatherAttributes["language"]>,
          hints: menu.hints[lang] ?? "",
          speechTimeout: String(flow.gather.speechTimeout),
          ...(flow.speech.model ? { speechModel: flow.speech.model } : {}),
        }
      : {}),
  });
  if (input.greet) say(gather, speech.greeting(lang));
  // The interpreters' closed notice is the prompt itself: a call-back offer follows it rather than leading.
  const offerLast = input.state === INTERPRETER_CLOSED;
  const isOffer = (i: number) => input.notices[i]?.kind === "callbackOffer";
  notices.forEach((text, i) => {
    if (!(offerLast && isOffer(i))) say(gather, text);
  });
  for (const piece of speech.menuPrompt(input.state, lang, input.prompt, input.region))
    say(gather, piece.text, piece.lang === lang ? attributes : sayAttributes(callFlow, piece.lang));
  notices.forEach((text, i) => {
    if (offerLast && isOffer(i)) say(gather, text);
  });
  // Silence: Twilio goes on to the next verb, so the call comes back to us instead of hanging up.
  response.redirect({ method: "POST" }, nextUrl);
  return response.toString();
}

/**
 * What the caller hears before a transfer: its announcement (e.g. the 988 crisis line) and the hold message,
 * once, before the first number. A later attempt (the line's next number, after a busy or unanswered one)
 * dials at once, with the caller still holding.
 */
function announceTransfer(speech: SpeechBook, transfer: TransferTarget, lang: Lang): string[] {
  if (transfer.attempt > 0) return [];
  const hold = transfer.interpreter
    ? speech.message("interpreterHold", lang)
    : speech.message("transferring", lang, transfer.team);
  return transfer.announce ? [speech.message(transfer.announce, lang), hold] : [hold];
}

/** The `<Dial>` of a transfer's number, whose outcome Twilio posts to `nextUrl`. */
function addDial(callFlow: CallFlow, response: VoiceResponse, transfer: TransferTarget, nextUrl: string): void {
  const line = findLine(callFlow.directory, transfer.region, transfer.team);
  const number = line && numberToDial(line, transfer.attempt);
  if (number) {
    const dial = response.dial({ action: nextUrl, method: "POST", timeout: callFlow.flow.dial.timeoutSeconds });
    dial.number(number.e164);
  } else {
    // The directory is validated at start, so this is unreachable; still never leave the caller in silence.
    response.redirect({ method: "POST" }, nextUrl);
  }
}
