import { beforeAll, describe, expect, test } from "vitest";
import { type DiffReport, diffLines, type JourneyChange } from "../../src/tools/review/diffLines.js";
import { enumerateJourneys, type Journey, listPlaces, startOn } from "../../src/tools/review/enumerateJourneys.js";
import type { Line } from "../../src/tools/review/loadLine.js";
import { createRunner, describeInput, runJourney, wordsOf } from "../../src/tools/review/runJourney.js";
import { type DirectoryJson, defined, editText, type FlowJson } from "../fixtures/flowFixtures.js";
import { lineWith, menuOf, optionOf } from "./lineFixtures.js";

/** Tuesday 24 November 2026, 12:00 in Los Angeles: moments are the next Wednesday, Saturday, closure and clock change. */
const FROM = Date.UTC(2026, 10, 24, 20);
/** Menu answers per journey in these tests (the command's default is the flow's maxFailures, 3). */
const DEPTH = 2;

const base = lineWith({}, "base");

/** A changed journey's identity: region, moment and inputs, e.g. `northwest|weekday|9,3`. */
const keyOfChange = (c: JourneyChange) => `${c.region}|${c.moment}|${c.inputs.join(",")}`;
const keyOfJourney = (j: Journey) => `${j.place.region}|${j.place.moment.id}|${j.inputs.map(describeInput).join(",")}`;

/** The change of one journey, found by region, moment and inputs. */
function changeOf(report: DiffReport, region: string, moment: string, inputs: readonly string[]) {
  return report.changed.find((c) => keyOfChange(c) === `${region}|${moment}|${inputs.join(",")}`);
}

/**
 * Every journey both lines lead to, followed at every place and moment one by one (the diff follows
 * moments with the same open teams once), with its run on the base line.
 */
function everyJourney(lines: readonly [Line, Line]) {
  const runners = lines.map(createRunner);
  const journeys = new Map<string, Journey>();
  for (const place of listPlaces(lines, FROM))
    for (const runner of runners)
      for (const journey of enumerateJourneys(runner, [place], DEPTH)) journeys.set(keyOfJourney(journey), journey);
  const baseRunner = defined(runners[0]);
  return [...journeys].map(([key, j]) => ({ key, run: runJourney(baseRunner, startOn(base, j.place), j.inputs) }));
}

const pharmacyLine = (j: DirectoryJson) => {
  const line = defined(j.regions.find((r) => r.id === "northwest")?.teams.pharmacy);
  if (!("numbers" in line)) throw new Error("fixture: the Northwest pharmacy has its own line");
  return defined(line.numbers[0]);
};

describe("an unchanged line", () => {
  test("no journey changes", () => {
    const report = diffLines(base, lineWith({}, "same"), FROM, DEPTH);
    expect(report.journeys).toBeGreaterThan(5_000);
    expect(report.changed).toEqual([]);
    expect(report.groups).toEqual([]);
  });
});

describe("a changed number: the Northwest pharmacy line", () => {
  const head = lineWith({
    directory: (j) => {
      const number = pharmacyLine(j);
      number.number = "+18009720701";
      number.quote = "Pharmacy Support and Prescription Refills 1-800-972-0701";
    },
  });
  let report: DiffReport;
  beforeAll(() => {
    report = diffLines(base, head, FROM, DEPTH);
  }, 60_000);

  test("changes exactly the journeys that reached it, at every moment", () => {
    const expected = everyJourney([base, head])
      .filter(({ run }) => run.outcome.team === "pharmacy" && run.outcome.number === "+18009720700")
      .map(({ key }) => key);
    expect(expected.length).toBeGreaterThan(100);
    expect(new Set(report.changed.map(keyOfChange))).toEqual(new Set(expected));
    expect(report.changed).toHaveLength(expected.length);
  });

  test("each from the old number to the new, hearing the same words", () => {
    for (const c of report.changed) {
      expect(c.before).toEqual({ end: "transfer", team: "pharmacy", number: "+18009720700" });
      expect(c.after).toEqual({ end: "transfer", team: "pharmacy", number: "+18009720701" });
      expect(c.words).toBe(false);
    }
    expect(changeOf(report, "northwest", "weekday", ["3", "dial:completed"])).toMatchObject({ language: "en" });
    expect(changeOf(report, "northwest", "night", ["9", "say:farmacia"])).toMatchObject({ language: "es" });
    // A number no region owns: 6 chooses the Northwest in the region menu.
    expect(changeOf(report, "unknown number", "saturday", ["6", "3", "dial:completed"])).toBeDefined();
    expect(changeOf(report, "northwest", "weekday", ["2", "dial:completed"])).toBeUndefined();
  });

  test("reads as one finding", () => {
    expect(report.groups.map((g) => g.summary)).toEqual([
      `northwest, unknown number · key 3 · any time: pharmacy +1 800 972 0700 → +1 800 972 0701, ${report.changed.length} journeys`,
    ]);
  });
});

/** Swaps keys 1 and 2 of the main menu, prompts included, as an editor would. */
function swapMemberServicesAndNurse(j: FlowJson) {
  const main = menuOf(j, "main");
  const [memberServices, nurse, ...rest] = defined(main.options);
  if (!memberServices || !nurse) throw new Error("fixture: the main menu starts with 1 and 2");
  memberServices.key = "2";
  nurse.key = "1";
  const swap = (text: string, a: string, b: string) => text.replace(a, "\u0000").replace(b, a).replace("\u0000", b);
  for (const o of [memberServices, nurse])
    o.say = {
      en: editText(o.say?.en, (t) => swap(t, "press 1", "press 2")),
      es: editText(o.say?.es, (t) => swap(t, "oprima 1", "oprima 2")),
    };
  main.options = [nurse, memberServices, ...rest];
  const short = defined(main.shortPrompt);
  main.shortPrompt = {
    en: editText(short.en, (t) =>
      swap(t, "1 for member services", "2 for nurse advice").replace(
        "Press 2 for nurse advice",
        "Press 1 for nurse advice",
      ),
    ),
    es: defined(short.es),
  };
}

describe("two swapped keys: 1 and 2 of the main menu", () => {
  const head = lineWith({ flow: swapMemberServicesAndNurse });
  let report: DiffReport;
  beforeAll(() => {
    report = diffLines(base, head, FROM, DEPTH);
  }, 60_000);

  test("a caller pressing 1 reaches the nurse instead of member services, and 2 the reverse", () => {
    expect(changeOf(report, "northwest", "weekday", ["1", "dial:completed"])).toMatchObject({
      before: { end: "transfer", team: "memberServices", number: "+18008132000" },
      after: { end: "transfer", team: "nurseAdvice", number: "+18004644000" },
      words: true,
    });
    expect(changeOf(report, "northwest", "weekday", ["2", "dial:completed"])).toMatchObject({
      before: { end: "transfer", team: "nurseAdvice", number: "+18004644000" },
      after: { end: "transfer", team: "memberServices", number: "+18008132000" },
    });
    // At night member services is closed: 1 used to leave the caller in the menu with its hours.
    expect(changeOf(report, "colorado", "night", ["1", "silence"])).toMatchObject({
      before: { end: "menu", menu: "main" },
      after: { end: "transfer", team: "nurseAdvice", number: "+13033383800" },
    });
  });

  test("callers who say what they want, or press another key, end where they did, hearing the new prompt", () => {
    for (const inputs of [["say:member services"], ["3", "dial:completed"], ["0", "dial:completed"]])
      expect(changeOf(report, "northwest", "weekday", inputs)).toMatchObject({ words: true });
    for (const c of report.changed.filter((c) => c.inputs.includes("say:member services")))
      if (!c.inputs.some((i) => i === "1" || i === "2")) expect(c.after).toEqual(c.before);
  });

  test("only journeys that pressed 1 or 2 end elsewhere", () => {
    const moved = report.changed.filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
    expect(moved.length).toBeGreaterThan(100);
    for (const c of moved)
      expect(
        c.inputs.some((i) => i === "1" || i === "2"),
        c.inputs.join(","),
      ).toBe(true);
  });

  test("groups name the keys and the teams", () => {
    const summaries = report.groups.map((g) => g.summary);
    expect(summaries).toContainEqual(
      expect.stringMatching(
        /^northwest, unknown number · key 1 · weekday: transfer memberServices \+1 800 813 2000 → transfer nurseAdvice \+1 800 464 4000, \d+ journeys$/,
      ),
    );
    expect(summaries).toContainEqual(
      expect.stringMatching(
        /^every region · key 2 · night, saturday, closure, after-dst: transfer nurseAdvice → menu main \(memberServices closed\), \d+ journeys$/,
      ),
    );
  });
});

describe("a reworded prompt: option 3 in English", () => {
  const OLD = "For pharmacy and prescription refills, press 3.";
  const NEW = "For pharmacy, prescription refills and medication questions, press 3.";
  const head = lineWith({
    flow: (j) => {
      defined(optionOf(j, "main", 2).say).en = NEW;
    },
  });
  let report: DiffReport;
  beforeAll(() => {
    report = diffLines(base, head, FROM, DEPTH);
  }, 60_000);

  test("changes exactly the journeys that heard the old words, and nowhere they end", () => {
    const expected = everyJourney([base, head])
      .filter(({ run }) => wordsOf(run).some((w) => w.includes(OLD)))
      .map(({ key }) => key);
    expect(new Set(report.changed.map(keyOfChange))).toEqual(new Set(expected));
    for (const c of report.changed) {
      expect(c.words).toBe(true);
      expect(c.after).toEqual(c.before);
    }
  });

  test("reads as one finding, with the words", () => {
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]?.heard).toEqual({
      before: "…day, press 2. For pharmacy and prescription refills, press 3. For behavioral…",
      after: "…day, press 2. For pharmacy, prescription refills and medication questions, press 3. For behavioral…",
    });
    // Only English callers hear it: those who chose Spanish or an interpreter did so after, or before, in their own words.
    expect(report.groups[0]?.summary).toMatch(/^every region · first prompt, .* · any time: en hears /);
  });
});

describe("an hours change: member services opens on Saturday mornings", () => {
  const head = lineWith({
    directory: (j) => {
      defined(j.schedules.memberServicesHours?.weekly).push({ days: ["sat"], open: "09:00", close: "13:00" });
    },
  });
  let report: DiffReport;
  beforeAll(() => {
    report = diffLines(base, head, FROM, DEPTH);
  }, 60_000);

  test("on Saturday at 11:00, 1 (and 0, and what routes to member services) now transfers", () => {
    expect(changeOf(report, "northwest", "saturday", ["1", "silence"])).toMatchObject({
      before: { end: "menu", menu: "main" },
      after: { end: "transfer", team: "memberServices", number: "+18008132000" },
    });
    expect(changeOf(report, "hawaii", "saturday", ["0", "silence"])).toMatchObject({
      before: { end: "menu", menu: "main" },
      after: { end: "transfer", team: "representative", number: "+18084325955" },
    });
    expect(changeOf(report, "northwest", "saturday", ["3", "dial:completed"])).toBeUndefined();
  });

  test("at other closed moments only the hours callers hear change; on a weekday only for interpreter calls not answered", () => {
    const weekday = report.changed.filter((c) => c.moment === "weekday");
    expect(weekday.length).toBeGreaterThan(0);
    // On a weekday member services is open: only callers of the language menu (8) whose transfer is busy hear its hours.
    for (const c of weekday) {
      expect(c.inputs).toContain("8");
      expect(c.inputs).toContain("dial:busy");
      expect(c.after).toEqual(c.before);
    }
    expect(changeOf(report, "northwest", "weekday", ["8", "4", "dial:busy"])).toMatchObject({
      language: "vi",
      words: true,
      before: { end: "menu", menu: "interpreterClosed" },
    });
    const moved = report.changed.filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
    expect(moved.length).toBeGreaterThan(0);
    for (const c of moved) expect(c.moment).toBe("saturday");
    expect(changeOf(report, "northwest", "night", ["1", "silence"])).toMatchObject({
      words: true,
      before: { end: "menu" },
      after: { end: "menu" },
    });
    expect(report.groups.find((g) => g.heard?.after.includes("and Saturday, from 9 AM to 1 PM"))).toBeDefined();
    // In Vietnamese, in the notice of the interpreter menu: one group for every region.
    expect(report.groups.map((g) => g.summary)).toContainEqual(
      expect.stringMatching(
        /^every region · dial busy, key 4 · weekday, night, closure, after-dst: vi hears ".*" → ".*và Thứ Bảy, từ 09 giờ đến 13 giờ.*", \d+ journeys$/,
      ),
    );
  });
});

describe("the language menu and interpreter hand-offs are followed", () => {
  test("journeys choose each language of the language menu first, whatever their depth", () => {
    const runner = createRunner(base);
    const place = defined(listPlaces([base], FROM).find((p) => p.region === "northwest" && p.moment.id === "weekday"));
    const journeys = enumerateJourneys(runner, [place], 1).map((j) => j.inputs.map(describeInput).join(","));
    // 9 switches to Spanish at once; 8 then 1 is Spanish too, so it is not followed twice.
    for (const inputs of [
      "9,3,dial:completed",
      "8,2,dial:completed",
      "8,6,dial:busy,2,dial:completed",
      "8,0,dial:busy,0",
    ])
      expect(journeys).toContain(inputs);
    expect(journeys.some((j) => j.startsWith("8,1,"))).toBe(false);
  });

  const VI_HOLD = "Xin vui lòng giữ máy.";
  const reworded = lineWith({
    flow: (j) => {
      const hold = defined(j.messages.interpreterHold);
      hold.vi = editText(hold.vi, (t) => t.replace(VI_HOLD, "Xin quý vị vui lòng giữ máy."));
    },
  });
  const revoiced = lineWith({
    flow: (j) => {
      defined(j.languages.vi).voice = "Google.vi-VN-Wavenet-A";
    },
  });

  test("a reworded hand-off: only Vietnamese callers hear it, in every region, at any time", () => {
    const report = diffLines(base, reworded, FROM, DEPTH);
    expect(report.changed.length).toBeGreaterThan(0);
    for (const c of report.changed) {
      // 8, then 4 (or "Vietnamese" said in English): the hand-off, and again when the nurse line is put through.
      expect(c.inputs).toContain("8");
      expect(c.language).toBe("vi");
      expect(c.after).toEqual(c.before);
    }
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]?.summary).toMatch(/^every region · key 4, key 2, [^·]+ · any time: vi hears /);
    expect(report.groups[0]?.heard).toEqual({
      before: "…dịch viên miễn phí. Xin vui lòng giữ máy.",
      after: "…dịch viên miễn phí. Xin quý vị vui lòng giữ máy.",
    });
  });

  test("another voice: every caller hears the offer of Vietnamese in it, first thing", () => {
    const report = diffLines(base, revoiced, FROM, 1);
    expect(report.groups.map((g) => g.summary)).toEqual([
      `every region · first prompt · any time: en hears "Tiếng Việt, xin bấm số 8. (Google.vi-VN-Standard-A (vi-VN))" → "Tiếng Việt, xin bấm số 8. (Google.vi-VN-Wavenet-A (vi-VN))", ${report.changed.length} journeys`,
    ]);
    for (const c of report.changed) expect(c.after).toEqual(c.before);
  });
});
