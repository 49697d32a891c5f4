import { describe, expect, test } from "vitest";
import { GOODBYE, INTERPRETER_CLOSED, TRANSFER } from "../../src/service/contract/stateIds.js";
import { loadCallFlow } from "../../src/service/line/loadCallFlow.js";
import { planSafeAnswer } from "../../src/service/turn/safeAnswer.js";
import { composeSpeech } from "../../src/service/twiml/composeSpeech.js";
import type { RenderInput } from "../../src/service/twiml/renderInput.js";
import { renderTwiml } from "../../src/service/twiml/renderTwiml.js";
import { DIRECTORY_FILE, FLOW_FILE, WEEKDAY_OPEN } from "../fixtures/flowFixtures.js";
import { expectValidTwiml, findVerbs, gatherAttrsOf } from "../support/parseTwiml.js";

const callFlow = loadCallFlow(FLOW_FILE, DIRECTORY_FILE);
const speech = composeSpeech(callFlow);
const URL = "https://ivr.example.test/voice/turn?t=2";
const INTERPRETER_LANGUAGES = ["cmn", "yue", "vi", "tl", "fr"];

const input = (over: Partial<RenderInput>): RenderInput => ({
  state: "main",
  language: "en",
  region: "georgia",
  menu: "main",
  greet: false,
  prompt: "full",
  notices: [],
  transfer: null,
  ...over,
});
const render = (over: Partial<RenderInput>) => expectValidTwiml(renderTwiml(callFlow, speech, input(over), URL));
const voiceOf = (lang: string) => {
  const l = callFlow.flow.languages[lang];
  return { language: l?.language, voice: l?.voice };
};

describe("an interpreter language is spoken only in its own lines", () => {
  const transfer = { team: "memberServices", region: "georgia", attempt: 0 };
  const states: ReadonlyArray<readonly [string, (lang: string) => Partial<RenderInput>]> = [
    ["the hand-off", (lang) => ({ state: TRANSFER, language: lang, transfer: { ...transfer, interpreter: lang } })],
    [
      "an escalated hand-off (its notice has no words in the language: left out)",
      (lang) => ({
        state: TRANSFER,
        language: lang,
        notices: [{ kind: "escalate", team: "nurseAdvice" }],
        transfer: { ...transfer, team: "nurseAdvice", interpreter: lang },
      }),
    ],
    [
      "the interpreter menu after a wrong key",
      (lang) => ({
        state: INTERPRETER_CLOSED,
        menu: INTERPRETER_CLOSED,
        language: lang,
        notices: [{ kind: "invalid" }],
      }),
    ],
    [
      "the interpreter menu of a caller whose region is unknown (California's hours)",
      (lang) => ({ state: INTERPRETER_CLOSED, menu: INTERPRETER_CLOSED, language: lang, region: null }),
    ],
    [
      "the goodbye",
      (lang) => ({ state: GOODBYE, language: lang, notices: [{ kind: "unreachable", team: "nurseAdvice" }] }),
    ],
  ];
  test.each(INTERPRETER_LANGUAGES.flatMap((lang) => states.map(([name, of]) => ({ lang, name, over: of(lang) }))))(
    "$lang: $name",
    ({ lang, over }) => {
      const says = findVerbs(render(over), "Say");
      expect(says).toHaveLength(1);
      expect(says[0]?.attrs).toEqual(voiceOf(lang));
    },
  );

  test.each(INTERPRETER_LANGUAGES)(
    "%s: the flow's menus cannot be rendered in it (the turn gets the safe answer)",
    (lang) => {
      expect(() => renderTwiml(callFlow, speech, input({ language: lang }), URL)).toThrow(
        `the menu main cannot be spoken in ${lang}, an interpreter language`,
      );
    },
  );

  test.each(INTERPRETER_LANGUAGES)("%s: the interpreter menu takes keys only", (lang) => {
    const gather = gatherAttrsOf(render({ state: INTERPRETER_CLOSED, menu: INTERPRETER_CLOSED, language: lang }));
    expect(gather).toMatchObject({ input: "dtmf" });
    expect(gather && "language" in gather).toBe(false);
  });
});

describe("the safe answer of a caller in an interpreter language", () => {
  test.each([
    ["georgia", "georgia", "+18888655813"],
    [null, "california", "+18004644000"],
  ])("region %s: a transfer with the hand-off in the language, never a menu", (known, served, number) => {
    const plan = planSafeAnswer(callFlow, { region: known, language: "vi", now: WEEKDAY_OPEN });
    expect(plan).toMatchObject({
      state: TRANSFER,
      language: "vi",
      transfer: { team: "representative", region: served, attempt: 0, interpreter: "vi" },
    });
    const nodes = render(plan);
    expect(findVerbs(nodes, "Say").map((s) => s.attrs)).toEqual([voiceOf("vi")]);
    expect(findVerbs(nodes, "Number")[0]?.text).toBe(number);
  });

  test("a caller in English whose region is unknown still gets the region menu", () => {
    expect(planSafeAnswer(callFlow, { region: null, language: "en", now: WEEKDAY_OPEN })).toMatchObject({
      state: "region",
      transfer: null,
    });
  });
});
