import { describe, expect, test } from "vitest";
import {
  findVoiceLanguage,
  isGatherLanguage,
  listVoicesFor,
  TWILIO_SAY_VOICES,
} from "../../src/service/flow/twilioVoices.js";

describe("Twilio's <Say> voices", () => {
  test.each([
    ["Polly.Joanna-Neural", "en-US"],
    ["Polly.Lupe-Neural", "es-US"],
    ["Polly.Zhiyu-Neural", "cmn-CN"],
    ["Google.cmn-CN-Standard-A", "cmn-CN"],
    ["Google.yue-HK-Standard-A", "yue-HK"],
    ["Google.vi-VN-Standard-A", "vi-VN"],
    ["Google.fil-PH-Standard-A", "fil-PH"],
    ["Polly.Lea-Neural", "fr-FR"],
    ["Polly.Celine", "fr-FR"],
  ])("%s speaks %s", (voice, language) => {
    expect(findVoiceLanguage(voice)).toBe(language);
    expect(listVoicesFor(language)).toContain(voice);
  });

  test.each(["Polly.Hiujin-Neural", "Polly.Linh", "alice", "toString", ""])("%j is not in the list", (voice) => {
    expect(findVoiceLanguage(voice)).toBeUndefined();
  });

  test("every Google voice speaks the language its name carries", () => {
    for (const [voice, language] of Object.entries(TWILIO_SAY_VOICES))
      if (voice.startsWith("Google.")) expect(voice.startsWith(`Google.${language}-`)).toBe(true);
  });
});

describe("Twilio's <Gather> speech languages", () => {
  test.each(["en-US", "es-US", "cmn-Hans-CN", "yue-Hant-HK", "vi-VN", "fil-PH", "fr-FR"])(
    "%s is recognised",
    (code) => {
      expect(isGatherLanguage(code)).toBe(true);
    },
  );

  // The <Say> codes of Chinese are not <Gather> codes; a code not in the list keeps speech off.
  test.each(["cmn-CN", "yue-HK", "zh", "en", "tl-PH", "xx-YY"])("%s is not", (code) => {
    expect(isGatherLanguage(code)).toBe(false);
  });
});
