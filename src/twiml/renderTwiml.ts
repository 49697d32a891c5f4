import VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";
import { type CallFlow, ENDED, GOODBYE, TRANSFER } from "../flow/compileFlow.js";
import type { Lang, PersistedCall, TeamLine } from "../types.js";
import type { SpeechBook } from "./composeSpeech.js";

/** The voice and language attributes of `<Say>` for a flow language. */
export function sayAttributes(callFlow: CallFlow, lang: Lang): VoiceResponse.SayAttributes {
  const voice = callFlow.flow.languages[lang] ?? callFlow.flow.languages[callFlow.flow.defaultLanguage];
  return {
    voice: voice?.voice as NonNullable<VoiceResponse.SayAttributes["voice"]>,
    language: voice?.language as NonNullable<VoiceResponse.SayAttributes["language"]>,
  };
}

/** Looks up the line a transfer dials, or undefined when the directory has none. */
export function lineFor(callFlow: CallFlow, region: string, team: string): TeamLine | undefined {
  return callFlow.directory.regionById.get(region)?.teams.get(team);
}

/**
 * Renders the TwiML for a call's new state. Pure: the same state and URL give the same document.
 * Every document ends the call on purpose (`<Hangup>`) or leads to another webhook at `nextUrl`:
 * a `<Gather>` is always followed by a `<Redirect>`, and a `<Dial>` always has an `action`.
 * Throws when the state is none the flow can speak (a corrupt session), so the turn gets the safe answer.
 */
export function renderTwiml(callFlow: CallFlow, speech: SpeechBook, call: PersistedCall, nextUrl: string): string {
  const { flow } = callFlow;
  const ctx = call.context;
  const lang = ctx.language;
  if (!Object.hasOwn(flow.languages, lang)) throw new Error(`the call's language ${String(lang)} is not in the flow`);
  const say = sayAttributes(callFlow, lang);
  const response = new VoiceResponse();
  const notices = ctx.notices.map((n) => speech.notice(n, ctx.menu, lang));

  if (call.value === TRANSFER && ctx.transfer) {
    const t = ctx.transfer;
    const line = lineFor(callFlow, t.region, t.team);
    const number = line?.numbers[t.attempt] ?? line?.numbers[0];
    for (const text of notices) response.say(say, text);
    if (t.announce && t.attempt === 0) response.say(say, speech.message(t.announce, lang));
    response.say(say, speech.message("transferring", lang, t.team));
    if (number) {
      const dial = response.dial({ action: nextUrl, method: "POST", timeout: flow.dial.timeoutSeconds });
      dial.number(number.e164);
    } else {
      // The directory is validated at start, so this is unreachable; still never leave the caller in silence.
      response.redirect({ method: "POST" }, nextUrl);
    }
    return response.toString();
  }

  if (call.value === ENDED) {
    response.hangup();
    return response.toString();
  }

  if (call.value === GOODBYE) {
    for (const text of notices) response.say(say, text);
    response.say(say, speech.message("goodbye", lang));
    response.hangup();
    return response.toString();
  }

  const menu = callFlow.menus.get(call.value);
  if (!menu) throw new Error(`the call's state ${String(call.value)} is neither a menu nor a transfer it can make`);
  const voice = flow.languages[lang];
  const gather = response.gather({
    input: flow.speech.enabled ? ["dtmf", "speech"] : ["dtmf"],
    numDigits: 1,
    timeout: flow.gather.timeoutSeconds,
    action: nextUrl,
    method: "POST",
    actionOnEmptyResult: false,
    ...(flow.speech.enabled
      ? {
          language: voice?.language as NonNullable<VoiceResponse.GatherAttributes["language"]>,
          hints: menu.hints[lang] ?? "",
          speechTimeout: String(flow.gather.speechTimeout),
          ...(flow.speech.model ? { speechModel: flow.speech.model } : {}),
        }
      : {}),
  });
  if (ctx.greet) gather.say(say, speech.greeting(lang));
  for (const text of notices) gather.say(say, text);
  for (const piece of speech.menuPrompt(call.value, lang, ctx.prompt))
    gather.say(piece.lang === lang ? say : sayAttributes(callFlow, piece.lang), piece.text);
  // Silence: Twilio goes on to the next verb, so the call comes back to us instead of hanging up.
  response.redirect({ method: "POST" }, nextUrl);
  return response.toString();
}
