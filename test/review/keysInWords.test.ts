import { describe, expect, test } from "vitest";
import { checkLine } from "../../src/tools/review/checkLine.js";
import { findKeysInText } from "../../src/tools/review/findKeysInText.js";
import { defined, editText, FLOW_FILE, type FlowJson } from "../fixtures/flowFixtures.js";
import { type Edit, lineWith, menuOf, onlyRegion, optionOf } from "./lineFixtures.js";

/** Tuesday 24 November 2026, 12:00 in Los Angeles: the twelve months swept start here. */
const FROM = Date.UTC(2026, 10, 24, 20);

/** The line with the Northwest alone (fast to check), with an edit to its flow. */
const northwestWith = (flow: (json: FlowJson) => void) =>
  lineWith(onlyRegion("northwest", { flow } satisfies Edit), "northwest");

/** The realistic mistake: pharmacy (3) and behavioral health (4) swapped in the main menu's options. */
function swapPharmacyAndBehavioralHealth(json: FlowJson): void {
  optionOf(json, "main", 2).key = "4";
  optionOf(json, "main", 3).key = "3";
}

/** What `check` says about keys written in words: `where` and `message` of each finding of the rule. */
function keyFindings(flow: (json: FlowJson) => void) {
  const report = checkLine(northwestWith(flow), FROM);
  return [...report.errors, ...report.warnings]
    .filter((f) => f.rule === "keys-from-options")
    .map((f) => ({ severity: f.severity, where: f.where, message: f.message }));
}

describe("the bundled line with pharmacy (3) and behavioral health (4) swapped", () => {
  test("passes check: every word that names a key follows it", () => {
    expect(checkLine(northwestWith(swapPharmacyAndBehavioralHealth), FROM).errors).toEqual([]);
  }, 60_000);
});

describe("check refuses a prompt that writes a key out", () => {
  test.each<[string, (json: FlowJson) => void, ReadonlyArray<readonly [string, string]>]>([
    [
      "3 and 4 swapped, the English short prompt written with digits as it once was",
      (j) => {
        swapPharmacyAndBehavioralHealth(j);
        defined(menuOf(j, "main").shortPrompt).en =
          "Press 1 for member services, 2 for nurse advice, 3 for pharmacy, 4 for behavioral health, or 0 for a representative. To hear all the options, press star.";
      },
      [
        ["1", "1 is the key of memberServices; write {key:memberServices}"],
        ["2", "2 is the key of nurseAdvice; write {key:nurseAdvice}"],
        ["3", "3 is the key of behavioralHealth; write {key:behavioralHealth}"],
        ["4", "4 is the key of pharmacy; write {key:pharmacy}"],
        ["0", "0 is the key of representative; write {key:representative}"],
        ["star", "* is the key of repeat; write {key:repeat}"],
      ].map(([written, fix]) => [
        "menu main · en · short prompt",
        `${FLOW_FILE}: menus.main.shortPrompt.en says "${written}" in words: ${fix}, so the words follow the option's "key"`,
      ]),
    ],
    [
      "3 and 4 swapped, the Spanish pharmacy option naming behavioral health by its old key (now its own)",
      (j) => {
        swapPharmacyAndBehavioralHealth(j);
        const say = defined(optionOf(j, "main", 2).say);
        say.es = editText(say.es, (t) => `${t} Para salud mental, oprima 4.`);
      },
      [
        [
          "menu main · es · key 4 say",
          `${FLOW_FILE}: menus.main.options[2] (key 4).say.es says "4" in words: 4 is this option's own key; write {key}, so the words follow its "key"`,
        ],
      ],
    ],
    [
      "an option's say writing another option's key",
      (j) => {
        defined(optionOf(j, "main", 1).say).en = "For advice from a nurse, press {key}. For pharmacy, press 3.";
      },
      [
        [
          "menu main · en · key 2 say",
          `${FLOW_FILE}: menus.main.options[1] (key 2).say.en says "3" in words: 3 is the key of pharmacy in menu main, not of this option (key 2): a caller who presses it reaches pharmacy; say {key} here, and the other key in its own option's say`,
        ],
      ],
    ],
    [
      "the region menu's Spanish short prompt writing the representative's 0",
      (j) => {
        defined(menuOf(j, "region").shortPrompt).es =
          "Por favor, oprima el número de su región, o 0 para un representante.";
      },
      [
        [
          "menu region · es · short prompt",
          `${FLOW_FILE}: menus.region.shortPrompt.es says "0" in words: 0 is the key of representative; write {key:representative}, so the words follow the option's "key"`,
        ],
      ],
    ],
    [
      "the language menu's 0 writing the key of French",
      (j) => {
        defined(optionOf(j, "language", 7).say).en =
          "For any other language, press {key}. Pour le français, appuyez sur 6.";
      },
      [
        [
          "menu language · en · key 0 say",
          `${FLOW_FILE}: menus.language.options[7] (key 0).say.en says "6" in words: 6 is the key of fr in menu language, not of this option (key 0): a caller who presses it reaches fr; say {key} here, and the other key in its own option's say`,
        ],
      ],
    ],
    [
      "the interpreter menu's Vietnamese line writing 0 out beside the key filled in",
      (j) => {
        const closed = defined(j.messages.interpreterClosed);
        closed.vi = editText(closed.vi, (t) => `${t} Để nói chuyện với nhân viên, xin bấm số 0.`);
      },
      [
        [
          "messages.interpreterClosed · vi",
          `${FLOW_FILE}: messages.interpreterClosed.vi says "0" in words, a key of the line: write {key}, which is filled with the key of the option it offers`,
        ],
      ],
    ],
  ])(
    "%s",
    (_name, edit, expected) => {
      expect(keyFindings(edit)).toEqual(expected.map(([where, message]) => ({ severity: "error", where, message })));
    },
    60_000,
  );

  test.each<[string, (json: FlowJson) => void]>([
    [
      "hours and days in an option (8 and 9 are keys of the menu: 8 AM and 9 PM are not)",
      (j) => {
        defined(optionOf(j, "main", 2).say).en = "For pharmacy, open 7 days a week from 8 AM to 9 PM, press {key}.";
      },
    ],
    [
      "an emergency number spelled out in a short prompt (9 is a key of the menu)",
      (j) => {
        const short = defined(menuOf(j, "main").shortPrompt);
        short.es = editText(short.es, (t) => `${t} En caso de emergencia, marque el 9 1 1.`);
      },
    ],
    [
      "the relay number and 24 hours in the language menu",
      (j) => {
        defined(optionOf(j, "language", 7).say).en =
          "For any other language, 24 hours a day, press {key}. For the relay service, dial 7 1 1.";
      },
    ],
    [
      "a time and a count in the region menu's prompt",
      (j) => {
        menuOf(j, "region").prompt.en = "Please choose your region. Calls are answered from 8:30, in about 5 minutes.";
      },
    ],
  ])(
    "passes numbers that name no key: %s",
    (_name, edit) => {
      expect(keyFindings(edit)).toEqual([]);
    },
    60_000,
  );
});

describe("the keys a text writes out", () => {
  test.each<[string, string, Record<string, string>, readonly string[]]>([
    ["a digit to press", "For pharmacy, press 3.", {}, ["3"]],
    ["digits listed", "Press 1 for member services, 2 for nurse advice, or 0.", {}, ["1", "2", "0"]],
    ["the word for * (any case)", "To hear the options, press Star.", { "*": "star" }, ["*"]],
    ["the word for * in French", "appuyez sur étoile.", { "*": "étoile" }, ["*"]],
    ["* and # as written", "press * or #", {}, ["*", "#"]],
    ["a digit against Chinese characters", "普通话请按2。", {}, ["2"]],
    ["a digit in Vietnamese", "Tiếng Việt, xin bấm số 4.", {}, ["4"]],
    ["placeholders", "press {key}, or {key:pharmacy}", {}, []],
    ["numbers spelled out", "dial 9 1 1, 7-1-1 or 9.8.8", {}, []],
    ["longer numbers", "24 hours a day, 365 days", {}, []],
    ["times", "from 8 AM to 5 p.m., or 8:30", {}, []],
    ["counts", "7 days a week, 3 times, 2 minutes, 5 horas, 6 jours", {}, []],
    ["counts in Chinese", "每周7天，每天24小时，3点", {}, []],
    ["amounts", "a $5 copay, 5% off", {}, []],
    ["ordinals", "the 1st and 2nd floor", {}, []],
    ["a word that only contains the word for *", "starting now", { "*": "star" }, []],
  ])("%s: %s", (_name, text, words, keys) => {
    expect(findKeysInText(text, words).map((k) => k.key)).toEqual(keys);
  });
});
