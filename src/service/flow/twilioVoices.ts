import type VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";

type SayVoice = NonNullable<VoiceResponse.SayAttributes["voice"]>;
type SayLanguage = NonNullable<VoiceResponse.SayAttributes["language"]>;
type GatherLanguage = NonNullable<VoiceResponse.GatherAttributes["language"]>;

/**
 * The `<Say>` voices a flow may use, each with the `language` attribute Twilio pairs it with.
 *
 * Follows Twilio's "Text-to-Speech" page (https://www.twilio.com/docs/voice/twiml/say/text-speech: the
 * tables of Amazon Polly and Google voices and their language codes). Every name and code is also checked
 * at compile time against the lists the twilio package ships for TwiML (`SayVoice`, `SayLanguage`), so a
 * typo or a voice Twilio does not offer does not compile. Only voices whose pairing is certain are listed:
 * Polly's Cantonese voice (Hiujin) is left out because Polly names its language `yue-CN`, which is not one
 * of Twilio's `<Say>` languages; Cantonese is spoken with Google's `yue-HK` voices instead.
 * Add a voice here (with its language) before using it in a flow.
 */
export const TWILIO_SAY_VOICES = {
  // English (United States)
  "Polly.Joanna": "en-US",
  "Polly.Joanna-Neural": "en-US",
  "Polly.Matthew": "en-US",
  "Polly.Matthew-Neural": "en-US",
  "Polly.Salli": "en-US",
  "Polly.Salli-Neural": "en-US",
  "Google.en-US-Standard-C": "en-US",
  "Google.en-US-Standard-D": "en-US",
  // Spanish (United States, Mexico)
  "Polly.Lupe": "es-US",
  "Polly.Lupe-Neural": "es-US",
  "Polly.Penelope": "es-US",
  "Polly.Miguel": "es-US",
  "Polly.Pedro-Neural": "es-US",
  "Polly.Mia": "es-MX",
  "Polly.Mia-Neural": "es-MX",
  "Google.es-US-Standard-A": "es-US",
  "Google.es-US-Standard-B": "es-US",
  // Chinese, Mandarin (mainland China)
  "Polly.Zhiyu": "cmn-CN",
  "Polly.Zhiyu-Neural": "cmn-CN",
  "Google.cmn-CN-Standard-A": "cmn-CN",
  "Google.cmn-CN-Standard-B": "cmn-CN",
  "Google.cmn-CN-Wavenet-A": "cmn-CN",
  // Chinese, Cantonese (Hong Kong)
  "Google.yue-HK-Standard-A": "yue-HK",
  "Google.yue-HK-Standard-B": "yue-HK",
  "Google.yue-HK-Standard-C": "yue-HK",
  "Google.yue-HK-Standard-D": "yue-HK",
  // Vietnamese
  "Google.vi-VN-Standard-A": "vi-VN",
  "Google.vi-VN-Standard-B": "vi-VN",
  "Google.vi-VN-Wavenet-A": "vi-VN",
  // Filipino (Tagalog)
  "Google.fil-PH-Standard-A": "fil-PH",
  "Google.fil-PH-Standard-B": "fil-PH",
  "Google.fil-PH-Wavenet-A": "fil-PH",
  // French (France, Canada)
  "Polly.Lea": "fr-FR",
  "Polly.Lea-Neural": "fr-FR",
  "Polly.Celine": "fr-FR",
  "Polly.Mathieu": "fr-FR",
  "Polly.Remi-Neural": "fr-FR",
  "Google.fr-FR-Standard-A": "fr-FR",
  "Polly.Chantal": "fr-CA",
  "Polly.Gabrielle-Neural": "fr-CA",
} as const satisfies Readonly<Partial<Record<SayVoice, SayLanguage>>>;

/**
 * Languages Twilio's `<Gather>` recognises speech in, as its `language` attribute takes them: Twilio's
 * `<Gather>` page (https://www.twilio.com/docs/voice/twiml/gather#languagetags), checked at compile time
 * against the twilio package's `GatherLanguage`. Note the script subtags of Chinese (`cmn-Hans-CN`,
 * `yue-Hant-HK`), which differ from the `<Say>` codes. A language not listed keeps speech off (keys only).
 */
export const TWILIO_GATHER_LANGUAGES = [
  "en-US",
  "es-US",
  "es-MX",
  "cmn-Hans-CN",
  "yue-Hant-HK",
  "vi-VN",
  "fil-PH",
  "fr-FR",
  "fr-CA",
] as const satisfies readonly GatherLanguage[];

/** A `<Say>` voice of the list. */
export type TwilioSayVoice = keyof typeof TWILIO_SAY_VOICES;

/** The `<Say>` language Twilio pairs with a voice, or undefined when the voice is not in the list. */
export function findVoiceLanguage(voice: string): string | undefined {
  return Object.hasOwn(TWILIO_SAY_VOICES, voice) ? TWILIO_SAY_VOICES[voice as TwilioSayVoice] : undefined;
}

/** The voices of the list that speak a `<Say>` language. */
export function listVoicesFor(language: string): string[] {
  return Object.entries(TWILIO_SAY_VOICES)
    .filter(([, l]) => l === language)
    .map(([v]) => v);
}

/** Whether Twilio's `<Gather>` recognises speech in this language code. */
export function isGatherLanguage(language: string): boolean {
  return (TWILIO_GATHER_LANGUAGES as readonly string[]).includes(language);
}
