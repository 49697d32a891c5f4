import { describe, expect, test } from "vitest";
import { parseTwiml } from "../../src/tools/emulator/index.js";

describe("parseTwiml", () => {
  test("keeps verbs in order with their attributes, text and children", () => {
    expect(
      parseTwiml(
        '<?xml version="1.0"?><Response><Gather action="/a" numDigits="1"><Say language="es-US">Hola &amp; adiós</Say></Gather><Redirect method="POST">/b</Redirect></Response>',
      ),
    ).toEqual([
      {
        verb: "Gather",
        attrs: { action: "/a", numDigits: "1" },
        text: "",
        children: [{ verb: "Say", attrs: { language: "es-US" }, text: "Hola & adiós", children: [] }],
      },
      { verb: "Redirect", attrs: { method: "POST" }, text: "/b", children: [] },
    ]);
  });

  test.each([
    ["<Response/>", []],
    ["<Response><Hangup/></Response>", ["Hangup"]],
    [
      '<Response><Pause length="2"/><Say>Hi</Say><Dial><Number>+18005550100</Number></Dial></Response>',
      ["Pause", "Say", "Dial"],
    ],
  ])("reads %j as %j", (xml, verbs) => {
    expect(parseTwiml(xml).map((v) => v.verb)).toEqual(verbs);
  });

  test.each([
    ["<Response><Say>unclosed</Response>", "not well-formed"],
    ["<Other/>", "single <Response>"],
    ["<Response/><Response/>", "single <Response>"],
    ["", "not well-formed"],
  ])("refuses %j", (xml, message) => {
    expect(() => parseTwiml(xml)).toThrow(message);
  });
});
