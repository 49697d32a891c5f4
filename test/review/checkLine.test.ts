import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { INTERPRETER_CLOSED } from "../../src/service/contract/stateIds.js";
import { type CheckReport, checkLine } from "../../src/tools/review/checkLine.js";
import type { Line } from "../../src/tools/review/loadLine.js";
import { secondsToSay } from "../../src/tools/review/spokenText.js";
import { DIRECTORY_FILE, defined, editText, THREE_LANGUAGES_FLOW_FILE } from "../fixtures/flowFixtures.js";
import {
  type Edit,
  lineWith,
  lineWithCompiled,
  menuOf,
  onlyRegion,
  optionOf,
  teamsOf,
  withoutShortPrompts,
} from "./lineFixtures.js";

/** Tuesday 24 November 2026, 12:00 in Los Angeles: the twelve months swept start here. */
const FROM = Date.UTC(2026, 10, 24, 20);

/** The line with the Northwest alone (fast to check), with another edit. */
const northwestWith = (edit: Edit = {}, flowFile?: string) =>
  lineWith(onlyRegion("northwest", edit), "northwest", flowFile);

describe("the bundled line", () => {
  let report: CheckReport;
  beforeAll(() => {
    report = checkLine(lineWith({}, "bundled"), FROM);
  }, 60_000);

  test("passes: no error", () => {
    expect(report.errors).toEqual([]);
  });

  test("has exactly the warnings the README explains", () => {
    expect(report.warnings.map((w) => [w.rule, w.where])).toEqual([
      ["needs-verification", "northwest · nurseAdvice · +18004644000"],
      ["menu-length", "menu region · en"],
      ["menu-length", "menu region · es"],
      ["prompt-length", "menu region · en · prompt"],
      ["prompt-length", "menu region · es · prompt"],
      ["prompt-length", "menu main · en · prompt"],
      ["prompt-length", "menu main · es · prompt"],
      ["prompt-length", "menu language · en · prompt"],
      ["prompt-length", "menu language · en · short prompt"],
      ["prompt-length", "menu language · es · prompt"],
      ["prompt-length", "menu language · es · short prompt"],
      ["closed-no-alternative", "unknown number · menu region · key 0 · representative · en, es"],
    ]);
    const readme = readFileSync("README.md", "utf8");
    const section = readme.slice(readme.indexOf("## Changing the line safely"), readme.indexOf("## Configuration"));
    for (const w of report.warnings) expect(section, `${w.rule} at ${w.where}`).toContain(`${w.rule}\` · \`${w.where}`);
  });

  test("names region, time and hours in the sweep's findings", () => {
    const closed = report.warnings.find((w) => w.rule === "closed-no-alternative");
    expect(closed?.message).toBe(
      "representative is closed 6465 of the next 8760 hours with nothing open offered instead, first Tue 2026-11-24 17:00 PST to Wed 2026-11-25 08:00 PST: offer an option open then in menu region",
    );
  });

  test("sweeps every hour of the year: who answers each key, open and closed hours", () => {
    const row = (region: string, key: string, menu = "main") =>
      defined(report.whoAnswers.find((r) => r.region === region && r.key === key && r.menu === menu));
    // Member services (and the representative and pharmacy routed to it): Mon–Fri 08:00–17:00 local, closures off.
    expect(row("colorado", "1")).toMatchObject({
      team: "memberServices",
      numbers: ["+13033383800"],
      openHours: 2295,
      closedHours: 6465,
      aloneHours: 0,
      alternatives: ["2", "4"],
    });
    expect(row("northwest", "3")).toMatchObject({ team: "pharmacy", numbers: ["+18009720700"], openHours: 8760 });
    expect(row("northwest", "0")).toMatchObject({ team: "representative", alternatives: ["2", "3", "4"] });
    // 8, then 4: Vietnamese, put through to member services with an interpreter; closed, the nurse on 2.
    expect(row("northwest", "4", "language")).toMatchObject({
      team: "memberServices",
      numbers: ["+18008132000"],
      openHours: 2295,
      closedHours: 6465,
      aloneHours: 0,
      alternatives: ["2"],
    });
    expect(row("northwest", "2", INTERPRETER_CLOSED)).toMatchObject({ team: "nurseAdvice", openHours: 8760 });
    expect(report.explored.hours).toBe(8760);
  });
});

describe("a line with three full languages (English, Spanish, French) and Vietnamese through an interpreter", () => {
  test("is checked in its three full languages, and no menu of the flow is asked of Vietnamese", () => {
    const report = checkLine(northwestWith({}, THREE_LANGUAGES_FLOW_FILE), FROM);
    expect(report.errors).toEqual([]);
    const lengths = report.warnings.filter((w) => w.rule === "menu-length" || w.rule === "prompt-length");
    expect(lengths.map((w) => w.where)).toContain("menu main · fr · prompt");
    expect(lengths.map((w) => w.where).filter((w) => w.includes(" vi"))).toEqual([]);
  });
});

/** An error class, a line that has it, and the finding `check` must report. */
interface ErrorCase {
  readonly name: string;
  readonly line: () => Line;
  readonly rule: string;
  readonly where: string;
  readonly says: readonly string[];
}

const northwest = () => northwestWith();

const ERROR_CASES: readonly ErrorCase[] = [
  {
    name: "the line answering the Northwest's member services number, which its team still dials (callers loop back)",
    line: () =>
      northwestWith({
        directory: (j) => {
          defined(j.regions[0]).inbound = ["+18008132000"];
        },
      }),
    rule: "dials-inbound",
    where: "northwest · memberServices, representative · +18008132000",
    says: [
      "+18008132000 is an inbound number of this line (northwest's)",
      "callers put through to memberServices, representative in northwest would ring this line again",
    ],
  },
  {
    name: "a menu no option leads to",
    line: () =>
      northwestWith({
        flow: (j) => {
          j.menus.billing = {
            prompt: { en: "Billing.", es: "Facturación." },
            shortPrompt: { en: "Billing.", es: "Facturación." },
          };
        },
      }),
    rule: "unreachable-state",
    where: "menu billing",
    says: ["no call reaches menu billing, from any region at any hour"],
  },
  {
    name: "a transfer with nothing to dial (the call comes back to it forever)",
    line: () =>
      lineWithCompiled(northwest(), (d) => {
        defined(teamsOf(d, "northwest").get("pharmacy")).numbers = [];
      }),
    rule: "never-ends",
    where: "northwest · transfer",
    says: ["a call can go on forever", "at Tue 2026-11-24 12:00 PST: after 3, it comes back to transfer"],
  },
  {
    name: "no 0 in any menu",
    line: () =>
      northwestWith({
        flow: (j) => {
          j.anytime = [];
          withoutShortPrompts(j);
        },
      }),
    rule: "zero-to-person",
    where: "menu main · es · key 0",
    says: ["0 is not an option of menu main in es"],
  },
  {
    name: "0 for the pharmacy",
    line: () =>
      northwestWith({
        flow: (j) => {
          defined(j.anytime?.[0]).do = { kind: "transfer", team: "pharmacy" };
          withoutShortPrompts(j);
        },
      }),
    rule: "zero-to-person",
    where: "menu main · en · key 0",
    says: ['0 chooses "0 pharmacy"', "not a person"],
  },
  {
    name: "0 of the language menu putting callers through to the pharmacy with an interpreter",
    line: () =>
      northwestWith({
        flow: (j) => {
          j.interpreters.team = "pharmacy";
        },
      }),
    rule: "zero-to-person",
    where: "menu language · es · key 0",
    says: [
      '0 chooses "0 interpreter other"',
      "puts callers through to pharmacy, which is not the line of representative",
    ],
  },
  {
    name: "a Spanish greeting without 911",
    line: () =>
      northwestWith({
        flow: (j) => {
          const greeting = defined(j.messages.greeting);
          greeting.es = editText(greeting.es, (t) =>
            t.replace("Si tiene una emergencia médica, cuelgue y marque el 9 1 1. ", ""),
          );
        },
      }),
    rule: "greeting-notices",
    where: "greeting · es",
    says: ["the emergency notice (9 1 1)", "messages.greeting.es"],
  },
  {
    name: "an English greeting without the TTY relay",
    line: () =>
      northwestWith({
        flow: (j) => {
          const greeting = defined(j.messages.greeting);
          greeting.en = editText(greeting.en, (t) => t.replace(/If you are deaf[^.]*\. /, ""));
        },
      }),
    rule: "greeting-notices",
    where: "greeting · en",
    says: ["the TTY relay notice (7 1 1)"],
  },
  {
    name: "a third full language's greeting without 911",
    line: () =>
      northwestWith(
        {
          flow: (j) => {
            const greeting = defined(j.messages.greeting);
            greeting.fr = editText(greeting.fr, (t) => t.replace(/9 1 1/g, "le numéro d'urgence"));
          },
        },
        THREE_LANGUAGES_FLOW_FILE,
      ),
    rule: "greeting-notices",
    where: "greeting · fr",
    says: ["a call in fr starts without the emergency notice (9 1 1)"],
  },
  {
    name: "behavioral health without the 988 notice",
    line: () =>
      northwestWith({
        flow: (j) => {
          const bh = optionOf(j, "main", 3);
          bh.do = { kind: "transfer", team: "behavioralHealth" };
        },
      }),
    rule: "crisis-notice",
    where: "northwest · en · behavioralHealth",
    says: ["behavioralHealth is dialed after 4 and the caller never heard the 988 crisis line notice"],
  },
  {
    name: "behavioral health taking callers who keep failing, without the 988 notice",
    line: () =>
      northwestWith({
        flow: (j) => {
          j.representative.whenClosed = "behavioralHealth";
        },
      }),
    rule: "crisis-notice",
    where: "northwest · en · behavioralHealth",
    // Three wrong keys: the representative is closed at night, so the one who takes over is dialed.
    says: ["is dialed after 5, 5, 5 and the caller never heard the 988"],
  },
  {
    name: "pharmacy offered in English only",
    line: () =>
      northwestWith({
        flow: (j) => {
          optionOf(j, "main", 2).languages = ["en"];
          withoutShortPrompts(j);
        },
      }),
    rule: "language-parity",
    where: "menu main · key 3",
    says: ["key 3 (pharmacy) is offered in en but not in es: offer it in every full language"],
  },
  {
    name: "pharmacy offered in English and Spanish, not in French (a full language; Vietnamese is not asked)",
    line: () =>
      northwestWith(
        {
          flow: (j) => {
            optionOf(j, "main", 2).languages = ["en", "es"];
            withoutShortPrompts(j);
          },
        },
        THREE_LANGUAGES_FLOW_FILE,
      ),
    rule: "language-parity",
    where: "menu main · key 3",
    says: ["key 3 (pharmacy) is offered in en, es but not in fr:"],
  },
  {
    name: "Vietnamese announced where Tagalog is put through",
    line: () =>
      northwestWith({
        flow: (j) => {
          optionOf(j, "language", 4).do = { kind: "interpreter", language: "tl" };
        },
      }),
    rule: "interpreter-voice",
    where: "menu language · key 4",
    says: ['key 4 hands the caller to tl but is not announced in tl: give it "offer": ["tl"]'],
  },
  {
    name: "the interpreter menu said to Vietnamese callers in the English voice",
    line: () => {
      const line = northwest();
      return {
        ...line,
        speech: {
          ...line.speech,
          menuPrompt: (menu, language, style, region) =>
            menu === INTERPRETER_CLOSED && language === "vi"
              ? [{ lang: "en", text: "Member services is closed." }]
              : line.speech.menuPrompt(menu, language, style, region),
        },
      };
    },
    rule: "interpreter-voice",
    where: "northwest · vi · menu interpreterClosed",
    says: [
      'a caller who chose vi hears "Member services is closed." in Polly.Joanna-Neural (en-US), not in Google.vi-VN-Standard-A (vi-VN)',
    ],
  },
  {
    name: "a team a region can neither dial nor routeTo",
    line: () =>
      lineWithCompiled(northwest(), (d) => {
        teamsOf(d, "northwest").delete("pharmacy");
      }),
    rule: "team-unroutable",
    where: "northwest · pharmacy",
    says: ["northwest has no number for pharmacy and no routeTo"],
  },
  {
    name: "the interpreters' team a region can neither dial nor routeTo",
    line: () =>
      lineWithCompiled(
        northwestWith({
          flow: (j) => {
            j.interpreters.team = "pharmacy";
          },
        }),
        (d) => {
          teamsOf(d, "northwest").delete("pharmacy");
        },
      ),
    rule: "team-unroutable",
    where: "northwest · pharmacy",
    says: ["northwest has no number for pharmacy and no routeTo"],
  },
  {
    name: "a number without a source",
    line: () =>
      lineWithCompiled(northwest(), (d) => {
        const number = defined(teamsOf(d, "northwest").get("pharmacy")).numbers[0] as { source: string };
        number.source = "aBlogPost";
      }),
    rule: "number-source",
    where: "northwest · pharmacy · +18009720700",
    says: ['names source "aBlogPost", which is not one of sources'],
  },
];

describe.each(ERROR_CASES)("an error: $name", ({ line, rule, where, says }) => {
  test(`check reports ${rule} at ${where}`, () => {
    const report = checkLine(line(), FROM);
    const found = report.errors.find((f) => f.rule === rule && f.where === where);
    expect(found, JSON.stringify(report.errors, null, 2)).toBeDefined();
    expect(found?.severity).toBe("error");
    for (const words of says) expect(found?.message).toContain(words);
  });
});

test("the one-region line the error cases start from has no error", () => {
  expect(checkLine(northwest(), FROM).errors).toEqual([]);
});

/** A warning class, a line that has it, and the finding. */
const WARNING_CASES: readonly ErrorCase[] = [
  {
    name: "member services closing in the hour the clocks repeat",
    line: () =>
      northwestWith({
        directory: (j) => {
          defined(j.schedules.memberServicesHours?.weekly).push({ days: ["sun"], open: "00:00", close: "01:30" });
        },
      }),
    rule: "dst-gap",
    where: "northwest · memberServices · 2027-11-07",
    says: ["the clocks fall back", "open 00:00–01:30 and 01:00–01:30 instead of 00:00–01:30"],
  },
  {
    name: "member services opening in the hour the clocks skip",
    line: () =>
      northwestWith({
        directory: (j) => {
          defined(j.schedules.memberServicesHours?.weekly).push({ days: ["sun"], open: "02:30", close: "04:00" });
        },
      }),
    rule: "dst-gap",
    where: "northwest · representative · 2027-03-14",
    says: ["the clocks spring forward", "open 03:00–04:00 instead of 02:30–04:00"],
  },
  {
    name: "a main menu of seven places",
    line: () =>
      northwestWith({
        flow: (j) => {
          const options = defined(menuOf(j, "main").options);
          for (const key of ["5", "6"])
            options.push({
              key,
              name: `claims${key}`,
              say: { en: "For claims, press {key}.", es: "Para reclamos, oprima {key}." },
              do: { kind: "transfer", team: "memberServices" },
            });
        },
      }),
    rule: "menu-length",
    where: "menu main · es",
    says: ["7 choices (1, 2, 3, 4, 5, 6, 0)"],
  },
  {
    name: "a long notice for Vietnamese callers when member services is closed",
    line: () =>
      northwestWith({
        flow: (j) => {
          const closed = defined(j.messages.interpreterClosed);
          closed.vi = editText(closed.vi, (t) => `${t} ${t}`);
        },
      }),
    rule: "prompt-length",
    where: "menu interpreterClosed · vi · prompt",
    says: ["s to say (at 150 words a minute; aim for 20 s)"],
  },
];

describe.each(WARNING_CASES)("a warning: $name", ({ line, rule, where, says }) => {
  test(`check reports ${rule} at ${where}`, () => {
    const report = checkLine(line(), FROM);
    const found = report.warnings.find((f) => f.rule === rule && f.where === where);
    expect(found, JSON.stringify(report.warnings, null, 2)).toBeDefined();
    for (const words of says) expect(found?.message).toContain(words);
    expect(report.errors).toEqual([]);
  });
});

describe("closure dates running out", () => {
  const closuresOf = (from: number) =>
    checkLine(northwest(), from).warnings.filter((w) => w.rule === "closures-run-out");

  test.each([
    ["95 days before the last closure known: nothing to add yet", Date.UTC(2027, 8, 20, 19), []],
    [
      "89 days before it: the year's closures are due",
      Date.UTC(2027, 8, 26, 19),
      [
        {
          rule: "closures-run-out",
          severity: "warning",
          where: "memberServicesHours",
          message: `closures known until 2027-12-24, used by memberServices, representative: add the next closure dates to schedules.memberServicesHours.closures in ${DIRECTORY_FILE}`,
        },
      ],
    ],
  ])("%s", (_name, from, expected) => {
    expect(closuresOf(from)).toEqual(expected);
  });

  test("a schedule whose last closure is past: still a warning, naming the date", () => {
    const [warning] = closuresOf(Date.UTC(2028, 0, 10, 19));
    expect(warning?.message).toContain("closures known until 2027-12-24");
  });
});

describe("how long a text takes to say", () => {
  test.each([
    ["English words at 150 a minute", "For pharmacy, press 3.", 1.6],
    ["Chinese characters at 240 a minute", "普通话请按8。", 1.65],
    ["both", "如需24小时护士咨询热线，请按2", 3.8],
  ])("%s", (_name, text, seconds) => {
    expect(secondsToSay(text)).toBeCloseTo(seconds, 2);
  });
});
