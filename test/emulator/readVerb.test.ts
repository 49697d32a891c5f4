import { describe, expect, test } from "vitest";
import {
  parseTwiml,
  readDial,
  readGather,
  readMethod,
  resolveUrl,
  type TwimlVerb,
} from "../../src/tools/emulator/index.js";

const verbOf = (xml: string): TwimlVerb => {
  const [verb] = parseTwiml(`<Response>${xml}</Response>`);
  if (!verb) throw new Error(`no verb in ${xml}`);
  return verb;
};

describe("readGather: a <Gather> with Twilio's defaults", () => {
  test.each([
    [
      "<Gather/>",
      {
        dtmf: true,
        speech: false,
        numDigits: undefined,
        finishOnKey: "#",
        timeoutSeconds: 5,
        language: undefined,
        actionOnEmptyResult: false,
      },
    ],
    [
      '<Gather input="dtmf speech" numDigits="1" timeout="3" language="es-US" finishOnKey="" actionOnEmptyResult="true"/>',
      {
        dtmf: true,
        speech: true,
        numDigits: 1,
        finishOnKey: "",
        timeoutSeconds: 3,
        language: "es-US",
        actionOnEmptyResult: true,
      },
    ],
    [
      '<Gather input="speech" numDigits="0" timeout="soon"/>',
      { dtmf: false, speech: true, numDigits: undefined, timeoutSeconds: 5 },
    ],
  ])("%s", (xml, expected) => {
    expect(readGather(verbOf(xml))).toMatchObject(expected);
  });
});

describe("readDial", () => {
  test.each([
    ["<Dial>+18005550100</Dial>", { number: "+18005550100", timeoutSeconds: 30, callerId: undefined }],
    [
      '<Dial timeout="20" callerId="+15035550100"><Number> +18005550101 </Number></Dial>',
      { number: "+18005550101", timeoutSeconds: 20, callerId: "+15035550100" },
    ],
  ])("%s", (xml, expected) => {
    expect(readDial(verbOf(xml))).toEqual(expected);
  });
});

test.each([
  ["<Redirect>/x</Redirect>", "POST"],
  ['<Redirect method="get">/x</Redirect>', "GET"],
  ['<Redirect method="PUT">/x</Redirect>', "POST"],
])("readMethod(%s) is %s", (xml, method) => {
  expect(readMethod(verbOf(xml))).toBe(method);
});

describe("resolveUrl: as Twilio resolves TwiML URLs against the document's", () => {
  const doc = "https://line.test/voice/turn?t=1";
  test.each([
    [undefined, doc],
    ["  ", doc],
    ["/voice/recover", "https://line.test/voice/recover"],
    ["next?t=2", "https://line.test/voice/next?t=2"],
    ["https://other.test/x", "https://other.test/x"],
  ])("%j → %s", (url, resolved) => {
    expect(resolveUrl(url, doc)).toBe(resolved);
  });
});
