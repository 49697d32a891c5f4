import { describe, expect, test } from "vitest";
import {
  dialNumberOf,
  expectValidTwiml,
  gatherAttrsOf,
  nextStepOf,
  parseTwiml,
  saysOf,
  twimlProblems,
} from "../support/parseTwiml.js";

/** The checker every HTTP test relies on must itself catch the documents the line must never send. */
const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
const say = (text: string) => `<Say>${text}</Say>`;

describe("the TwiML rules checker", () => {
  test("parses verbs in order with attributes, text and children", () => {
    const nodes = parseTwiml(
      doc(
        `<Gather input="dtmf speech" numDigits="1" action="/voice/turn?t=1">${say("Hi &amp; welcome")}${say("Press 1")}</Gather><Redirect method="POST">/voice/turn?t=1</Redirect>`,
      ),
    );
    expect(nodes.map((n) => n.verb)).toEqual(["Gather", "Redirect"]);
    expect(gatherAttrsOf(nodes)).toEqual({ input: "dtmf speech", numDigits: "1", action: "/voice/turn?t=1" });
    expect(saysOf(nodes)).toEqual(["Hi & welcome", "Press 1"]);
    expect(nextStepOf(nodes)).toEqual({ kind: "gather", action: "/voice/turn?t=1", redirect: "/voice/turn?t=1" });
  });

  test("reads the dialed number, which must stay a string", () => {
    const nodes = parseTwiml(doc(`${say("Hold")}<Dial action="/a"><Number>+18004644000</Number></Dial>`));
    expect(dialNumberOf(nodes)).toBe("+18004644000");
    expect(nextStepOf(nodes)).toEqual({ kind: "dial", action: "/a", number: "+18004644000" });
  });

  test.each([
    ["a Gather with nothing after it", `<Gather action="/a">${say("x")}</Gather>`, /followed by nothing/],
    ["a Gather followed by a Say", `<Gather action="/a">${say("x")}</Gather>${say("bye")}`, /followed by <Say>/],
    ["a Gather followed by an empty Redirect", `<Gather action="/a">${say("x")}</Gather><Redirect/>`, /no URL/],
    ["a Dial without an action", `<Dial><Number>+18004644000</Number></Dial>`, /<Dial> has no action/],
    ["a document that just talks", say("hello"), /ends with <Say>/],
    ["an empty document", "", /empty/],
    ["verbs after a Hangup", `<Hangup/>${say("never heard")}`, /never reached/],
    ["verbs after a Dial", `<Dial action="/a"><Number>+1</Number></Dial><Hangup/>`, /never reached/],
    ["an empty Say", `${say("")}<Hangup/>`, /empty <Say>/],
    ["an unknown verb", "<Record/><Hangup/>", /unexpected verb <Record>/],
    ["a Gather inside a Dial", `<Dial action="/a"><Gather action="/b"/></Dial>`, /not allowed in <Dial>/],
  ])("flags %s", (_name, body, problem) => {
    const nodes = parseTwiml(doc(body));
    expect(twimlProblems(nodes).join("\n")).toMatch(problem);
    expect(() => expectValidTwiml(doc(body))).toThrow(/breaks the line's rules/);
  });

  test.each([
    ["not XML", "this is not xml"],
    ["unclosed tags", "<Response><Say>hi</Response>"],
    ["another root", "<Other><Hangup/></Other>"],
  ])("refuses %s", (_name, xml) => {
    expect(() => parseTwiml(xml)).toThrow();
  });

  test.each([
    ["a hangup", "<Hangup/>"],
    ["a redirect", "<Redirect>/voice/recover</Redirect>"],
    ["words then a dial with an action", `${say("Connecting")}<Dial action="/a"><Number>+1</Number></Dial>`],
  ])("accepts %s", (_name, body) => {
    expect(twimlProblems(parseTwiml(doc(body)))).toEqual([]);
  });
});
