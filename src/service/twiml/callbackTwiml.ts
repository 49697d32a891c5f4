import type VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";
import { CALLBACK_NUMBER } from "../contract/stateIds.js";
import type { CallFlow } from "../flow/compileFlow.js";
import type { SpeechBook } from "./composeSpeech.js";
import type { RenderInput } from "./renderInput.js";
import { sayAttributes } from "./sayAttributes.js";

/** Longest a caller takes to key in a number, seconds between keys. */
const NUMBER_TIMEOUT_SECONDS = 10;

/**
 * A call-back state's document: its notices and prompt in a `<Gather>` of keys, then a `<Redirect>` (silence
 * comes back to the line). A number is keyed in with up to 10 digits, `#` to finish; the others take one key.
 * Every word is in the caller's language and voice, interpreter languages included.
 */
export function renderCallbackState(
  callFlow: CallFlow,
  speech: SpeechBook,
  response: VoiceResponse,
  input: RenderInput,
  nextUrl: string,
  notices: readonly string[],
): void {
  const lang = input.language;
  const attributes = sayAttributes(callFlow, lang);
  const keyingNumber = input.state === CALLBACK_NUMBER;
  const gather = response.gather({
    input: ["dtmf"],
    ...(keyingNumber ? { finishOnKey: "#" } : { numDigits: 1 }),
    timeout: keyingNumber ? NUMBER_TIMEOUT_SECONDS : callFlow.flow.gather.timeoutSeconds,
    action: nextUrl,
    method: "POST",
    actionOnEmptyResult: false,
  });
  const prompt = speech.callbackPrompt(input.state, lang, input.callbackTeam ?? undefined, input.digits);
  for (const text of [...notices, prompt]) if (text.length > 0) gather.say(attributes, text);
  response.redirect({ method: "POST" }, nextUrl);
}
