import type VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";
import type { CallFlow } from "../flow/compileFlow.js";
import type { Lang } from "../types.js";

/** The voice and language attributes of `<Say>` for a flow language. */
export function sayAttributes(callFlow: CallFlow, lang: Lang): VoiceResponse.SayAttributes {
  const voice = callFlow.flow.languages[lang] ?? callFlow.flow.languages[callFlow.flow.defaultLanguage];
  return {
    voice: voice?.voice as NonNullable<VoiceResponse.SayAttributes["voice"]>,
    language: voice?.language as NonNullable<VoiceResponse.SayAttributes["language"]>,
  };
}
