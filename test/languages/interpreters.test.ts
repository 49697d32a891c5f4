import { beforeEach, describe, expect, test } from "vitest";
import { createTestApp, OPEN_HOURS, type TestApp, WEEKEND } from "../support/createTestApp.js";
import { findVerbs, gatherAttrsOf, type TwimlNode } from "../support/parseTwiml.js";
import { type ExpectedRegion, REGIONS, UNKNOWN_TO } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import type { Answer } from "../support/twilioRequest.js";

/**
 * A member who speaks another language, on the wire: the bundled line's language menu (8), each language's
 * hand-off to an interpreter, and what they hear when member services is closed or does not answer. The
 * TwiML is parsed; the languages, voices and the way each language says the hours are written out by hand.
 */

interface InterpreterLanguage {
  readonly code: string;
  /** Key in the language menu. */
  readonly key: string;
  /** Twilio's `<Say>` language and voice. */
  readonly language: string;
  readonly voice: string;
  /** How Monday to Friday, 8 AM to 5 PM is said in it (spaces folded). */
  readonly days: string;
  readonly times: string;
  /** Goodbye, in its words. */
  readonly goodbye: RegExp;
}

const INTERPRETER_LANGUAGES: readonly InterpreterLanguage[] = [
  {
    code: "cmn",
    key: "2",
    language: "cmn-CN",
    voice: "Polly.Zhiyu-Neural",
    days: "星期一至星期五",
    times: "8时至17时",
    goodbye: /再见/,
  },
  {
    code: "yue",
    key: "3",
    language: "yue-HK",
    voice: "Google.yue-HK-Standard-A",
    days: "星期一至星期五",
    times: "上晝8時至下晝5時",
    goodbye: /再見/,
  },
  {
    code: "vi",
    key: "4",
    language: "vi-VN",
    voice: "Google.vi-VN-Standard-A",
    days: "thứ Hai đến thứ Sáu",
    times: "từ 08 giờ đến 17 giờ",
    goodbye: /Tạm biệt/,
  },
  {
    code: "tl",
    key: "5",
    language: "fil-PH",
    voice: "Google.fil-PH-Standard-A",
    days: "Lunes hanggang Biyernes",
    times: "mula 8 AM hanggang 5 PM",
    goodbye: /Paalam/,
  },
  {
    code: "fr",
    key: "6",
    language: "fr-FR",
    voice: "Polly.Lea-Neural",
    days: "du lundi au vendredi",
    times: "de 08 h à 17 h",
    goodbye: /Au revoir/,
  },
];
const ENGLISH = { language: "en-US", voice: "Polly.Joanna-Neural" };
const SPANISH = { language: "es-US", voice: "Polly.Lupe-Neural" };

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});

/** What the caller hears, in order: each `<Say>`'s text (spaces folded) with its language and voice. */
const says = (nodes: readonly TwimlNode[]) =>
  findVerbs(nodes, "Say").map((s) => ({
    text: s.text.replace(/\s+/g, " "),
    language: s.attrs.language,
    voice: s.attrs.voice,
  }));
const holdLine = (code: string) => t.callFlow.flow.messages.interpreterHold?.[code];
/** The nurse advice line a region's caller is put through to (its own line, or member services). */
const nurseLine = (r: ExpectedRegion) => (r.id === "northwest" ? "+18004644000" : r.memberServices[0]);

/** A call to a region that presses 8 (the language menu), at the given time. */
async function languageMenu(to: string, now: number): Promise<SimulatedCall> {
  t.clock.now = now;
  const call = new SimulatedCall({ target: t.app, to });
  await call.incoming();
  await call.press("8");
  return call;
}

const cases = REGIONS.flatMap((r) => INTERPRETER_LANGUAGES.map((l) => ({ ...l, region: r.id, r })));

describe("the language menu (8)", () => {
  test.each(REGIONS)("$id: every choice is said in its own language and voice", async (r) => {
    const call = await languageMenu(r.inbound, OPEN_HOURS);
    expect(call.last.next?.kind).toBe("gather");
    expect(says(call.last.nodes).map(({ language, voice }) => ({ language, voice }))).toEqual([
      ENGLISH,
      SPANISH,
      ...INTERPRETER_LANGUAGES.map(({ language, voice }) => ({ language, voice })),
      ENGLISH,
    ]);
    const heard = says(call.last.nodes).map((s) => s.text);
    expect(heard[1]).toBe("Para español, oprima 1.");
    INTERPRETER_LANGUAGES.forEach((l, i) => {
      expect(heard[2 + i]).toContain(l.key);
    });
    expect(heard.at(-1)).toMatch(/any other language.*press 0/);
  });

  test.each(REGIONS)("$id: 1 is the whole line in Spanish, as 9 in the main menu", async (r) => {
    const call = await languageMenu(r.inbound, OPEN_HOURS);
    const answer = await call.press("1");
    expect(gatherAttrsOf(answer.nodes)).toMatchObject({ language: "es-US", input: "dtmf speech" });
    const heard = says(answer.nodes);
    expect(heard[0]).toMatchObject(SPANISH);
    expect(heard[0]?.text).toMatch(/^Por favor, escuche las siguientes opciones\./);
    // Every <Say> in Spanish but the offers of English (9) and of the language menu (8).
    expect(heard.filter((s) => s.language !== "es-US").map((s) => s.language)).toEqual([
      "en-US",
      ...INTERPRETER_LANGUAGES.map((l) => l.language),
    ]);
    await call.press("3");
    expect(call.dialed()).toBe(r.dials["3"]);
    expect(says(call.last.nodes).at(-1)).toMatchObject({
      text: "Le estamos comunicando con farmacia. Por favor, espere.",
    });
  });

  test.each(cases)(
    "$region: $key ($code) puts the caller through to member services with an interpreter",
    async (l) => {
      const call = await languageMenu(l.r.inbound, OPEN_HOURS);
      const answer = await call.press(l.key);
      expect(answer.next?.kind).toBe("dial");
      expect(call.dialed()).toBe(l.r.memberServices[0]);
      expect(says(answer.nodes)).toEqual([{ text: holdLine(l.code), language: l.language, voice: l.voice }]);
      expect(t.logs.turns(call.callSid).at(-1)).toMatchObject({
        region: l.region,
        language: l.code,
        state: "transfer",
        team: "memberServices",
        interpreter: l.code,
      });
    },
  );

  test.each(
    REGIONS.flatMap((r) => [
      { r, how: "0", act: (c: SimulatedCall) => c.press("0") },
      { r, how: "silence", act: (c: SimulatedCall) => c.silence() },
    ]),
  )("$r.id: $how is any other language or a person: member services, in English", async ({ r, act }) => {
    const call = await languageMenu(r.inbound, OPEN_HOURS);
    const answer = await act(call);
    expect(call.dialed()).toBe(r.memberServices[0]);
    expect(says(answer.nodes)).toEqual([{ text: holdLine("en"), ...ENGLISH }]);
    expect(t.logs.turns(call.callSid).at(-1)).toMatchObject({ language: "en", interpreter: "other" });
  });

  test("a caller whose number names no region reaches California member services with an interpreter", async () => {
    const call = await languageMenu(UNKNOWN_TO, OPEN_HOURS);
    expect(says(call.last.nodes)[1]).toMatchObject({ text: "Para español, oprima 1.", ...SPANISH });
    const answer = await call.press("4");
    expect(call.dialed()).toBe("+18004644000");
    expect(says(answer.nodes)).toEqual([{ text: holdLine("vi"), language: "vi-VN", voice: "Google.vi-VN-Standard-A" }]);
    expect(t.logs.turns(call.callSid).at(-1)).toMatchObject({ region: null, interpreter: "vi" });
  });
});

describe("member services closed (a Saturday): the hours and the nurse advice line, in the caller's language", () => {
  test.each(cases)("$region in $code: the hours in its words, then 2 or silence → nurse advice", async (l) => {
    const call = await languageMenu(l.r.inbound, WEEKEND);
    const closed = await call.press(l.key);
    expect(closed.next?.kind).toBe("gather");
    // Keys only: speech is not recognised in the interpreter languages.
    expect(gatherAttrsOf(closed.nodes)).toMatchObject({ input: "dtmf" });
    expect(gatherAttrsOf(closed.nodes)?.language).toBeUndefined();
    const [notice, ...more] = says(closed.nodes);
    // After the notice, the call-back offer at member services' opening, in the same language and voice.
    expect(more).toEqual([{ language: l.language, voice: l.voice, text: expect.stringMatching(/5/) }]);
    expect(notice).toMatchObject({ language: l.language, voice: l.voice });
    expect(notice?.text).toContain(l.days);
    expect(notice?.text).toContain(l.times);
    expect(notice?.text).toContain("2");
    expect(notice?.text).not.toMatch(/Monday|Friday|AM to|Pacific|Mountain|Eastern|Hawaii-Aleutian Standard/);

    const byKey = await languageMenu(l.r.inbound, WEEKEND);
    await byKey.press(l.key);
    for (const [caller, act] of [
      [call, () => call.silence()],
      [byKey, () => byKey.press("2")],
    ] as const) {
      const answer: Answer = await act();
      expect(answer.next?.kind).toBe("dial");
      expect(caller.dialed()).toBe(nurseLine(l.r));
      expect(says(answer.nodes)).toEqual([{ text: holdLine(l.code), language: l.language, voice: l.voice }]);
      expect(t.logs.turns(caller.callSid).at(-1)).toMatchObject({ team: "nurseAdvice", interpreter: l.code });
    }
  });

  test.each(REGIONS)("$id: 0 (any other language) hears the same, in English", async (r) => {
    const call = await languageMenu(r.inbound, WEEKEND);
    const closed = await call.press("0");
    const [notice] = says(closed.nodes);
    expect(notice).toMatchObject({ ...ENGLISH });
    expect(notice?.text).toMatch(/^Member services is not available right now\. Its hours are Monday through Friday/);
    expect(notice?.text).toMatch(/press 2, or stay on the line\.$/);
    await call.silence();
    expect(call.dialed()).toBe(nurseLine(r));
  });
});

describe("after choosing a language, nothing is said in another", () => {
  // Every number busy, wrong keys and silence: the caller goes through the interpreter menu and the
  // failed transfers to the goodbye, hearing only their language.
  test.each(cases)("$region in $code: failed transfers, a wrong key, silence, goodbye", async (l) => {
    const call = await languageMenu(l.r.inbound, OPEN_HOURS);
    const heard: Array<ReturnType<typeof says>[number]> = [];
    const listen = (answer: Answer) => heard.push(...says(answer.nodes));
    listen(await call.press(l.key));
    for (let turn = 0; call.last.next?.kind !== "hangup"; turn++) {
      expect(turn).toBeLessThan(20);
      const next = call.last.next;
      if (next?.kind === "dial") listen(await call.dialResult("busy"));
      else if (turn % 2 === 0) listen(await call.press("7"));
      else listen(await call.silence());
    }
    expect(heard.length).toBeGreaterThan(3);
    for (const s of heard)
      expect({ language: s.language, voice: s.voice }).toEqual({ language: l.language, voice: l.voice });
    expect(heard.at(-1)?.text).toMatch(l.goodbye);
    expect(heard.at(-1)?.text).toContain("9 1 1");
  });
});
