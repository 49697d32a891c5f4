import { beforeAll, describe, expect, test } from "vitest";
import { toLocalTime } from "../../src/service/directory/hours.js";
import type { When } from "../../src/tools/review/describeWhen.js";
import { type DiffReport, diffLines, type JourneyChange } from "../../src/tools/review/diffLines.js";
import { enumerateJourneys, listPlaces } from "../../src/tools/review/enumerateJourneys.js";
import { formatDiffMarkdown } from "../../src/tools/review/formatDiff.js";
import type { Line } from "../../src/tools/review/loadLine.js";
import { createRunner, describeInput, type JourneyInput, runJourney } from "../../src/tools/review/runJourney.js";
import { type DirectoryJson, defined, editText, type FlowJson } from "../fixtures/flowFixtures.js";
import { lineWith, menuOf, onlyRegion, optionOf } from "./lineFixtures.js";

/** Tuesday 24 November 2026, 12:00 in Los Angeles: the diff covers the twelve months after it. */
const FROM = Date.UTC(2026, 10, 24, 20);
/** Menu answers per journey in these tests (the command's default is the flow's maxFailures, 3). */
const DEPTH = 2;
/** Northwest's member services line. */
const NORTHWEST_MEMBER_SERVICES = "+18008132000";

const base = lineWith({}, "base");

/** An instant written with its offset, e.g. `2026-11-30T07:30-08:00`. */
const at = (iso: string) => Date.parse(iso);

/** Whether a change's times include an instant: its local date and time of day, in the zone of `when`. */
function happensAt(when: When, instant: number): boolean {
  const local = toLocalTime(instant, when.zone);
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  const date = when.dates.find((d) => d.date === local.date);
  const times = date ? date.times : when.weekly.filter((w) => w.days.includes(local.weekday));
  return times.some((t) => local.minutes >= minutes(t.from) && local.minutes < minutes(t.to));
}

/** The ways one journey (region and inputs, e.g. `1`, `dial:completed`) changed, each with its times. */
function changesOf(report: DiffReport, region: string, inputs: readonly string[]): JourneyChange[] {
  return report.changed.filter((c) => c.region === region && c.inputs.join(",") === inputs.join(","));
}

/** How one journey changed at an instant, if it did. */
function changeAt(report: DiffReport, region: string, inputs: readonly string[], instant: number) {
  return changesOf(report, region, inputs).find((c) => happensAt(c.when, instant));
}

/** Whether a change ends the journey somewhere else (not only in other words). */
const moved = (c: JourneyChange) => JSON.stringify(c.before) !== JSON.stringify(c.after);

/** The change of a journey's end reported at an instant, if there is one. */
function moveAt(report: DiffReport, region: string, inputs: readonly string[], instant: number) {
  return changesOf(report, region, inputs).find((c) => moved(c) && happensAt(c.when, instant));
}

/** An input as reports write it, read back. */
function readInput(text: string): JourneyInput {
  if (text === "silence") return { kind: "silence" };
  if (text.startsWith("dial:")) return { kind: "dial", status: text.slice(5) as "completed" | "busy" };
  if (text.startsWith("say:")) return { kind: "say", phrase: text.slice(4) };
  return { kind: "key", key: text };
}

/** Whether a journey of a region's callers ends somewhere else at an instant: followed there on both lines. */
function movedAt(lines: readonly [Line, Line], region: string, inputs: readonly string[], instant: number) {
  const [before, after] = lines.map((line) =>
    runJourney(createRunner(line), { region, at: instant }, inputs.map(readInput)),
  );
  return JSON.stringify(before?.outcome) !== JSON.stringify(after?.outcome);
}

/** Member services open 07:00 to 19:00 instead of 08:00 to 17:00, on weekdays. */
const longerHours = (j: DirectoryJson) => {
  const window = defined(j.schedules.memberServicesHours?.weekly?.[0], "member services' weekly hours");
  window.open = "07:00";
  window.close = "19:00";
};

const CLOSURES_IN_SPAN = ["2026-11-26", "2026-12-25", "2027-01-01", "2027-05-31", "2027-07-05", "2027-09-06"];

describe("an hours change: member services from 08:00-17:00 to 07:00-19:00 on weekdays", () => {
  const head = lineWith({ directory: longerHours });
  let report: DiffReport;
  beforeAll(() => {
    report = diffLines(base, head, FROM, DEPTH);
  }, 120_000);

  test("1 now reaches member services from 07:00 to 08:00 and 17:00 to 19:00, Pacific, on weekdays but closures", () => {
    const [change, ...others] = changesOf(report, "northwest", ["1", "dial:completed"]).filter(moved);
    expect(others).toEqual([]);
    expect(change).toMatchObject({
      before: { end: "menu", menu: "main", team: null, number: null },
      after: { end: "transfer", team: "memberServices", number: NORTHWEST_MEMBER_SERVICES },
      at: "Tue 2026-11-24 17:00 PST",
    });
    const weekdays = ["mon", "tue", "wed", "thu", "fri"];
    expect(change?.when).toEqual({
      zone: "America/Los_Angeles",
      zoneName: "Pacific",
      weekly: [
        { days: weekdays, from: "07:00", to: "08:00" },
        { days: weekdays, from: "17:00", to: "19:00" },
      ],
      dates: CLOSURES_IN_SPAN.map((date) => ({
        date,
        weekday: weekdays[(new Date(date).getUTCDay() + 6) % 7],
        closure: true,
        times: [],
      })),
      text: "Mon–Fri 07:00–08:00 and 17:00–19:00 Pacific, not on closures Thu 2026-11-26, Fri 2026-12-25, Fri 2027-01-01, Mon 2027-05-31, Mon 2027-07-05, Mon 2027-09-06",
    });
  });

  test.each([
    ["Mon 07:30, an hour before the old opening", "2026-11-30T07:30-08:00", true],
    ["Mon 06:59, before the new opening", "2026-11-30T06:59-08:00", false],
    ["Mon 12:00, open on both", "2026-11-30T12:00-08:00", false],
    ["Mon 18:59, before the new closing", "2026-11-30T18:59-08:00", true],
    ["Mon 19:00, closed on both", "2026-11-30T19:00-08:00", false],
    ["Thanksgiving 07:30, a closure", "2026-11-26T07:30-08:00", false],
    ["Sat 07:30", "2026-11-28T07:30-08:00", false],
    ["Mon 07:30 after the clocks spring forward", "2027-03-15T07:30-07:00", true],
    ["Fri 17:00 before they do", "2027-03-12T17:00-08:00", true],
  ])("exact at %s (%s): followed there, 1 ends elsewhere: %s", (_name, iso, expected) => {
    const instant = at(iso);
    expect(movedAt([base, head], "northwest", ["1", "dial:completed"], instant)).toBe(expected);
    expect(moveAt(report, "northwest", ["1", "dial:completed"], instant) !== undefined).toBe(expected);
  });

  test("Hawaii's callers, in Hawaii's own time; callers of an unknown number pressing 0, in California's", () => {
    expect(
      changesOf(report, "hawaii", ["1", "dial:completed"])
        .filter(moved)
        .map((c) => c.when.text),
    ).toEqual([
      "Mon–Fri 07:00–08:00 and 17:00–19:00 Hawaii-Aleutian Standard, not on closures Thu 2026-11-26, Fri 2026-12-25, Fri 2027-01-01, Mon 2027-05-31, Mon 2027-07-05, Mon 2027-09-06",
    ]);
    expect(moveAt(report, "unknown number", ["0", "dial:completed"], at("2026-11-30T18:00-08:00"))).toMatchObject({
      before: { end: "menu", menu: "region" },
      after: { end: "transfer", team: "representative" },
      when: { zone: "America/Los_Angeles" },
    });
  });

  test("reads as one finding per edit: the key, the hours in local time, the teams", () => {
    const summaries = report.groups.map((g) => g.summary);
    expect(summaries).toContainEqual(
      expect.stringMatching(
        /^every region · 1, [^·]+ · Mon–Fri 07:00–08:00 and 17:00–19:00 local time, not on closures Thu 2026-11-26, .*: menu main \(memberServices closed\) → transfer memberServices, \d+ journeys$/,
      ),
    );
    // Callers told member services is closed (at night, or when an interpreter call finds it busy) hear the new hours.
    expect(summaries).toContainEqual(
      expect.stringMatching(
        /^every region · [^·]+ · Mon–Fri 00:00–07:00 and 08:00–17:00 and 19:00–24:00; Sat, Sun all day local time, and all day on closures .*: en hears ".*from 8 AM to 5 PM.*" → ".*from 7 AM to 7 PM.*", \d+ journeys$/,
      ),
    );
  });
});

describe("a closure added: member services closed on Thursday 24 December 2026", () => {
  const head = lineWith({
    directory: (j) => {
      defined(j.schedules.memberServicesHours?.closures).push({ date: "2026-12-24", name: "Christmas Eve" });
    },
  });
  let report: DiffReport;
  beforeAll(() => {
    report = diffLines(base, head, FROM, DEPTH);
  }, 120_000);

  test("1 no longer reaches member services that day, during its usual hours only", () => {
    const [change, ...others] = changesOf(report, "northwest", ["1", "dial:completed"]).filter(moved);
    expect(others).toEqual([]);
    expect(change).toMatchObject({
      before: { end: "transfer", team: "memberServices", number: NORTHWEST_MEMBER_SERVICES },
      after: { end: "menu", menu: "main" },
      at: "Thu 2026-12-24 08:00 PST",
    });
    expect(change?.when).toMatchObject({
      weekly: [],
      dates: [{ date: "2026-12-24", weekday: "thu", closure: true, times: [{ from: "08:00", to: "17:00" }] }],
      text: "on closure Thu 2026-12-24 08:00–17:00 Pacific",
    });
  });

  test("the Markdown names the closure's date, the keys pressed and the language", () => {
    const markdown = formatDiffMarkdown(report);
    expect(markdown).toContain("| Callers | Language | Keys | When | Change | Journeys |");
    expect(markdown).toMatch(
      /\n\| every region \| [^|]*en[^|]* \| `1`, [^|]+ \| on closure Thu 2026-12-24 08:00–17:00 local time \| transfer memberServices → menu main \(memberServices closed\) \| \d+ \|\n/,
    );
    // The interpreter menu: 8, then the language, each key shown.
    expect(markdown).toMatch(/\| vi \| `8 → 4[^`]*`/);
  });
});

describe("a window at the clock change: member services also open on Sundays 01:30-02:30 in the Northwest", () => {
  const lines = [
    lineWith(onlyRegion("northwest"), "base"),
    lineWith(
      onlyRegion("northwest", {
        directory: (j) => {
          defined(j.schedules.memberServicesHours?.weekly).push({ days: ["sun"], open: "01:30", close: "02:30" });
        },
      }),
    ),
  ] as const;
  let report: DiffReport;
  beforeAll(() => {
    report = diffLines(lines[0], lines[1], FROM, DEPTH);
  }, 120_000);

  test("every Sunday 01:30-02:30, but only 01:30-02:00 the day 02:00 is skipped", () => {
    const [change, ...others] = changesOf(report, "northwest", ["1", "dial:completed"]).filter(moved);
    expect(others).toEqual([]);
    expect(change?.when).toMatchObject({
      weekly: [{ days: ["sun"], from: "01:30", to: "02:30" }],
      dates: [{ date: "2027-03-14", weekday: "sun", closure: false, times: [{ from: "01:30", to: "02:00" }] }],
      text: "Sun 01:30–02:30 Pacific, but on Sun 2027-03-14 only 01:30–02:00",
    });
  });

  test.each([
    ["01:45 PST, before the clocks spring forward", true, Date.UTC(2027, 2, 14, 9, 45)],
    ["03:15 PDT, just after (02:15 never happens)", false, Date.UTC(2027, 2, 14, 10, 15)],
    ["01:45 PDT, the first time, the day they fall back", true, Date.UTC(2027, 10, 7, 8, 45)],
    ["01:45 PST, the second time", true, Date.UTC(2027, 10, 7, 9, 45)],
    ["02:15 PST", true, Date.UTC(2027, 10, 7, 10, 15)],
    ["02:30 PST", false, Date.UTC(2027, 10, 7, 10, 30)],
  ])("exact at %s (followed there, 1 ends elsewhere: %s)", (_name, expected, instant) => {
    expect(movedAt(lines, "northwest", ["1", "dial:completed"], instant)).toBe(expected);
    expect(moveAt(report, "northwest", ["1", "dial:completed"], instant) !== undefined).toBe(expected);
  });
});

const pharmacyLine = (j: DirectoryJson) => {
  const line = defined(j.regions.find((r) => r.id === "northwest")?.teams.pharmacy);
  if (!("numbers" in line)) throw new Error("fixture: the Northwest pharmacy has its own line");
  return defined(line.numbers[0]);
};

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
  }, 120_000);

  test("every journey that reached it goes from the old number to the new, hearing the same words", () => {
    expect(report.changed.length).toBeGreaterThan(20);
    for (const c of report.changed) {
      expect(c.before).toEqual({ end: "transfer", team: "pharmacy", number: "+18009720700" });
      expect(c.after).toEqual({ end: "transfer", team: "pharmacy", number: "+18009720701" });
      expect(c.words).toBe(false);
    }
    // The line is open around the clock: pressing 3 reaches it any time (after 0, the team that answers depends on the hour).
    expect(changesOf(report, "northwest", ["3", "dial:completed"]).map((c) => c.when.text)).toEqual(["any time"]);
    expect(changesOf(report, "northwest", ["9", "say:farmacia"])).toMatchObject([{ language: "es" }]);
    // A number no region owns: 6 chooses the Northwest in the region menu.
    expect(changesOf(report, "unknown number", ["6", "3", "dial:completed"])).toHaveLength(1);
    expect(changesOf(report, "northwest", ["2", "dial:completed"])).toEqual([]);
  });

  test("reads as one finding", () => {
    expect(report.groups.map((g) => g.summary)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^northwest, unknown number · 3, [^·]+ · any time: pharmacy \\+1 800 972 0700 → \\+1 800 972 0701, ${report.changed.length} journeys$`,
        ),
      ),
    ]);
  });
});

describe("an unchanged line", () => {
  test("no journey changes, in any stretch of the year", () => {
    const report = diffLines(base, lineWith({}, "same"), FROM, DEPTH);
    expect(report.journeys).toBeGreaterThan(5_000);
    expect(report.span).toEqual({ from: "2026-11-24T20:00:00.000Z", to: "2027-11-24T20:00:00.000Z" });
    expect(report.changed).toEqual([]);
    expect(report.groups).toEqual([]);
  }, 120_000);
});

/**
 * Swaps keys 1 and 2 of the main menu, as an editor would: the keys, and the order the options are said in. The
 * prompts name the keys by placeholder, so what callers hear follows.
 */
function swapMemberServicesAndNurse(j: FlowJson) {
  const main = menuOf(j, "main");
  const [memberServices, nurse, ...rest] = defined(main.options);
  if (!memberServices || !nurse) throw new Error("fixture: the main menu starts with 1 and 2");
  memberServices.key = "2";
  nurse.key = "1";
  main.options = [nurse, memberServices, ...rest];
}

describe("two swapped keys: 1 and 2 of the main menu", () => {
  const head = lineWith({ flow: swapMemberServicesAndNurse });
  let report: DiffReport;
  beforeAll(() => {
    report = diffLines(base, head, FROM, DEPTH);
  }, 120_000);
  const WEEKDAY = at("2026-11-25T10:00-08:00");
  const NIGHT = at("2026-11-25T22:00-07:00");

  test("a caller pressing 1 reaches the nurse instead of member services, and 2 the reverse", () => {
    expect(changeAt(report, "northwest", ["1", "dial:completed"], WEEKDAY)).toMatchObject({
      before: { end: "transfer", team: "memberServices", number: NORTHWEST_MEMBER_SERVICES },
      after: { end: "transfer", team: "nurseAdvice", number: "+18004644000" },
      words: true,
    });
    expect(changeAt(report, "northwest", ["2", "dial:completed"], WEEKDAY)).toMatchObject({
      before: { end: "transfer", team: "nurseAdvice", number: "+18004644000" },
      after: { end: "transfer", team: "memberServices", number: NORTHWEST_MEMBER_SERVICES },
    });
    // At night member services is closed: 1 used to leave the caller in the menu with its hours.
    expect(changeAt(report, "colorado", ["1", "silence"], NIGHT)).toMatchObject({
      before: { end: "menu", menu: "main" },
      after: { end: "transfer", team: "nurseAdvice", number: "+13033383800" },
    });
  });

  test("only journeys that pressed 1 or 2 end elsewhere; others hear the new prompt", () => {
    for (const inputs of [["say:member services"], ["3", "dial:completed"], ["0", "dial:completed"]])
      expect(changeAt(report, "northwest", inputs, WEEKDAY)).toMatchObject({ words: true });
    const moved = report.changed.filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
    expect(moved.length).toBeGreaterThan(100);
    for (const c of moved) expect(c.inputs.some((i) => i === "1" || i === "2")).toBe(true);
  });

  test("groups name the keys, the hours and the teams", () => {
    const summaries = report.groups.map((g) => g.summary);
    expect(summaries).toContainEqual(
      expect.stringMatching(
        /^northwest, unknown number · 1, [^·]+ · Mon–Fri 08:00–17:00 Pacific, not on closures [^:]+: transfer memberServices \+1 800 813 2000 → transfer nurseAdvice \+1 800 464 4000, \d+ journeys$/,
      ),
    );
    expect(summaries).toContainEqual(
      expect.stringMatching(
        /^every region · 2, [^·]+ · Mon–Fri 00:00–08:00 and 17:00–24:00; Sat, Sun all day local time, and all day on closures [^:]+: transfer nurseAdvice → menu main \(memberServices closed\), \d+ journeys$/,
      ),
    );
  });
});

describe("a reworded prompt: option 3 in English", () => {
  const OLD = "For pharmacy and prescription refills, press 3.";
  const NEW = "For pharmacy, prescription refills and medication questions, press {key}.";
  const head = lineWith({
    flow: (j) => {
      defined(optionOf(j, "main", 2).say).en = NEW;
    },
  });
  let report: DiffReport;
  beforeAll(() => {
    report = diffLines(base, head, FROM, DEPTH);
  }, 120_000);

  test("changes only the words heard, any time", () => {
    expect(report.changed.length).toBeGreaterThan(100);
    for (const c of report.changed) {
      expect(c.words).toBe(true);
      expect(c.after).toEqual(c.before);
    }
    expect(changesOf(report, "northwest", ["3", "dial:completed"]).map((c) => c.when.text)).toEqual(["any time"]);
  });

  test("reads as one finding, with the words", () => {
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]?.heard).toEqual({
      before: "…day, press 2. For pharmacy and prescription refills, press 3. For behavioral…",
      after: "…day, press 2. For pharmacy, prescription refills and medication questions, press 3. For behavioral…",
    });
    // Only English callers hear it: those who chose Spanish or an interpreter did so after, or before, in their own words.
    expect(report.groups[0]?.summary).toMatch(/^every region · first prompt, .* · any time: en hears /);
    expect(report.groups[0]?.summary).toContain(OLD.slice(0, 20));
  });
});

describe("the language menu and interpreter hand-offs are followed", () => {
  test("journeys choose each language of the language menu first, whatever their depth", () => {
    const runner = createRunner(base);
    const place = defined(listPlaces([base], FROM).find((p) => p.region === "northwest"));
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
    expect(report.groups[0]?.summary).toMatch(/^every region · 8 → 4, [^·]+ · any time: vi hears /);
    expect(report.groups[0]?.heard).toEqual({
      before: "…dịch viên miễn phí. Xin vui lòng giữ máy.",
      after: "…dịch viên miễn phí. Xin quý vị vui lòng giữ máy.",
    });
  }, 120_000);

  test("another voice: every caller hears the offer of Vietnamese in it, first thing", () => {
    const report = diffLines(base, revoiced, FROM, 1);
    expect(report.groups.map((g) => g.summary)).toEqual([
      `every region · first prompt · any time: en hears "Tiếng Việt, xin bấm số 8. (Google.vi-VN-Standard-A (vi-VN))" → "Tiếng Việt, xin bấm số 8. (Google.vi-VN-Wavenet-A (vi-VN))", ${report.changed.length} journeys`,
    ]);
    for (const c of report.changed) expect(c.after).toEqual(c.before);
  }, 120_000);
});
