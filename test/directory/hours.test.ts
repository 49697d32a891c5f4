import { describe, expect, test } from "vitest";
import { describeHours, isOpenAt, toLocalTime } from "../../src/service/directory/hours.js";
import { loadDirectory } from "../../src/service/directory/loadDirectory.js";
import { collectHoursWords } from "../../src/service/flow/hoursWords.js";
import { loadFlow } from "../../src/service/flow/loadFlow.js";
import type { Schedule } from "../../src/service/types.js";
import { DIRECTORY_FILE, defined, EXPECTED_REGIONS, FLOW_FILE } from "../fixtures/flowFixtures.js";

const directory = loadDirectory(DIRECTORY_FILE);
const flow = loadFlow(FLOW_FILE, directory);
/** The words of hours in a language, as the bundled flow gives them. */
const hoursWords = (lang: string) => collectHoursWords(flow, lang);
const regionOf = (id: string) => defined(directory.regionById.get(id), `region ${id}`);
const hoursOf = (region: string, team: string) => defined(regionOf(region).teams.get(team), `${region} ${team}`).hours;
const zoneOf = (region: string) => regionOf(region).timeZone;
const openFor = (region: string, team: string, at: number) => isOpenAt(hoursOf(region, team), zoneOf(region), at);

/** Collapses ICU's narrow no-break spaces ("8 AM" with U+202F) so the words can be compared. */
const words = (text: string) => text.replace(/\s+/g, " ");

const utc = (iso: string) => Date.parse(iso);

describe("toLocalTime", () => {
  test.each([
    // Wednesday 10 June 2026 19:00 UTC, in summer time where it applies.
    ["2026-06-10T19:00:00Z", "America/Los_Angeles", "2026-06-10", "wed", "12:00"],
    ["2026-06-10T19:00:00Z", "America/Denver", "2026-06-10", "wed", "13:00"],
    ["2026-06-10T19:00:00Z", "America/New_York", "2026-06-10", "wed", "15:00"],
    ["2026-06-10T19:00:00Z", "Pacific/Honolulu", "2026-06-10", "wed", "09:00"],
    // 05:30 UTC on Thursday is still Wednesday evening on the West Coast and in Hawaii.
    ["2026-06-11T05:30:00Z", "America/Los_Angeles", "2026-06-10", "wed", "22:30"],
    ["2026-06-11T05:30:00Z", "Pacific/Honolulu", "2026-06-10", "wed", "19:30"],
    ["2026-06-11T05:30:00Z", "America/New_York", "2026-06-11", "thu", "01:30"],
    // Spring forward, Sunday 14 March 2027: 01:59 PST is followed by 03:00 PDT in Los Angeles.
    ["2027-03-14T09:59:00Z", "America/Los_Angeles", "2027-03-14", "sun", "01:59"],
    ["2027-03-14T10:00:00Z", "America/Los_Angeles", "2027-03-14", "sun", "03:00"],
    // Fall back, Sunday 1 November 2026: 01:30 happens twice in Los Angeles (PDT, then PST).
    ["2026-11-01T08:30:00Z", "America/Los_Angeles", "2026-11-01", "sun", "01:30"],
    ["2026-11-01T09:30:00Z", "America/Los_Angeles", "2026-11-01", "sun", "01:30"],
    // Hawaii keeps UTC-10 all year.
    ["2027-01-13T18:00:00Z", "Pacific/Honolulu", "2027-01-13", "wed", "08:00"],
    ["2027-07-14T18:00:00Z", "Pacific/Honolulu", "2027-07-14", "wed", "08:00"],
    // Midnight is minute 0, not 24:00.
    ["2026-06-11T07:00:00Z", "America/Los_Angeles", "2026-06-11", "thu", "00:00"],
  ])("%s in %s is %s (%s) %s", (iso, zone, date, weekday, hhmm) => {
    const [h, m] = hhmm.split(":").map(Number);
    expect(toLocalTime(utc(iso), zone)).toEqual({ date, weekday, minutes: (h ?? 0) * 60 + (m ?? 0) });
  });
});

/** UTC offset of each region in June 2026 (summer time) and in January 2027 (standard time), in hours. */
const OFFSETS: Readonly<Record<string, { summer: number; winter: number }>> = {
  "America/Los_Angeles": { summer: -7, winter: -8 },
  "America/Denver": { summer: -6, winter: -7 },
  "America/New_York": { summer: -4, winter: -5 },
  "Pacific/Honolulu": { summer: -10, winter: -10 },
};

/** The UTC instant of a local wall-clock time, given the zone's offset that day. */
const localInstant = (date: string, hhmm: string, offsetHours: number) =>
  Date.parse(`${date}T${hhmm}:00Z`) - offsetHours * 3_600_000;

describe("member services hours (Mon–Fri 08:00–17:00 local) in every region's time zone", () => {
  const cases = EXPECTED_REGIONS.flatMap((r) => {
    const offsets = defined(OFFSETS[r.timeZone], r.timeZone);
    return [
      // Wednesday 10 June 2026 (summer time) and Wednesday 13 January 2027 (standard time).
      ...(
        [
          ["2026-06-10", offsets.summer],
          ["2027-01-13", offsets.winter],
        ] as const
      ).flatMap(([date, offset]) =>
        (
          [
            ["07:59", false],
            ["08:00", true],
            ["12:00", true],
            ["16:59", true],
            ["17:00", false],
            ["23:00", false],
          ] as const
        ).map(([hhmm, open]) => ({ region: r.id, date, hhmm, offset, open })),
      ),
      // Saturday 13 and Sunday 14 June 2026 at noon.
      { region: r.id, date: "2026-06-13", hhmm: "12:00", offset: offsets.summer, open: false },
      { region: r.id, date: "2026-06-14", hhmm: "12:00", offset: offsets.summer, open: false },
    ];
  });

  test.each(cases)("$region $date $hhmm local (UTC$offset): open $open", ({ region, date, hhmm, offset, open }) => {
    const at = localInstant(date, hhmm, offset);
    expect(toLocalTime(at, zoneOf(region)).minutes).toBe(Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
    expect(openFor(region, "memberServices", at)).toBe(open);
  });
});

describe("closures", () => {
  test.each(
    EXPECTED_REGIONS.flatMap((r) => {
      const { winter } = defined(OFFSETS[r.timeZone]);
      return [
        // Wednesday before Thanksgiving: open. Thanksgiving Thursday: closed. The Friday after: open.
        { region: r.id, date: "2026-11-25", open: true },
        { region: r.id, date: "2026-11-26", open: false },
        { region: r.id, date: "2026-11-27", open: true },
        // Christmas Friday: closed; New Year's Day Friday: closed; Monday 4 January 2027: open.
        { region: r.id, date: "2026-12-25", open: false },
        { region: r.id, date: "2027-01-01", open: false },
        { region: r.id, date: "2027-01-04", open: true },
      ].map((c) => ({ ...c, at: localInstant(c.date, "12:00", winter) }));
    }),
  )("member services in $region at noon local on $date: open $open", ({ region, at, open }) => {
    expect(openFor(region, "memberServices", at)).toBe(open);
  });

  test.each(EXPECTED_REGIONS.map((r) => r.id))("around-the-clock lines stay open on closure days in %s", (region) => {
    const at = localInstant("2026-12-25", "12:00", defined(OFFSETS[zoneOf(region)]).winter);
    expect(openFor(region, "nurseAdvice", at)).toBe(true);
    expect(openFor(region, "behavioralHealth", at)).toBe(true);
  });

  // A 24/7 line closed on Christmas, in Hawaii (UTC-10): the closure follows the local date.
  const christmasOnly: Schedule = {
    id: "christmasOnly",
    always: true,
    weekly: [],
    closures: new Set(["2026-12-25"]),
  };
  test.each([
    ["2026-12-25T09:59:00Z", "Thursday 24 December, 23:59 HST", true],
    ["2026-12-25T10:00:00Z", "Friday 25 December, 00:00 HST", false],
    ["2026-12-25T22:00:00Z", "Friday 25 December, 12:00 HST", false],
    ["2026-12-26T09:59:00Z", "Friday 25 December, 23:59 HST", false],
    ["2026-12-26T10:00:00Z", "Saturday 26 December, 00:00 HST", true],
  ])("a 24/7 line with a Christmas closure at %s (%s): open %s", (iso, _local, open) => {
    expect(isOpenAt(christmasOnly, "Pacific/Honolulu", utc(iso))).toBe(open);
  });
});

describe("daylight saving time", () => {
  test.each([
    // Spring forward, Sunday 14 March 2027. Monday 15 March opens at 08:00 PDT = 15:00 UTC.
    ["california", "2027-03-15T14:59:00Z", "Mon 15 Mar 2027 07:59 PDT", false],
    ["california", "2027-03-15T15:00:00Z", "Mon 15 Mar 2027 08:00 PDT", true],
    ["california", "2027-03-16T00:00:00Z", "Mon 15 Mar 2027 17:00 PDT", false],
    // The Friday before, 08:00 PST = 16:00 UTC: 15:30 UTC is still 07:30.
    ["california", "2027-03-12T15:30:00Z", "Fri 12 Mar 2027 07:30 PST", false],
    ["california", "2027-03-12T16:00:00Z", "Fri 12 Mar 2027 08:00 PST", true],
    ["colorado", "2027-03-15T13:59:00Z", "Mon 15 Mar 2027 07:59 MDT", false],
    ["colorado", "2027-03-15T14:00:00Z", "Mon 15 Mar 2027 08:00 MDT", true],
    ["georgia", "2027-03-15T11:59:00Z", "Mon 15 Mar 2027 07:59 EDT", false],
    ["georgia", "2027-03-15T12:00:00Z", "Mon 15 Mar 2027 08:00 EDT", true],
    ["georgia", "2027-03-15T20:59:00Z", "Mon 15 Mar 2027 16:59 EDT", true],
    ["georgia", "2027-03-15T21:00:00Z", "Mon 15 Mar 2027 17:00 EDT", false],
    // Hawaii has no DST: 08:00 HST is 18:00 UTC on both sides of the change.
    ["hawaii", "2027-03-12T17:59:00Z", "Fri 12 Mar 2027 07:59 HST", false],
    ["hawaii", "2027-03-12T18:00:00Z", "Fri 12 Mar 2027 08:00 HST", true],
    ["hawaii", "2027-03-15T17:59:00Z", "Mon 15 Mar 2027 07:59 HST", false],
    ["hawaii", "2027-03-15T18:00:00Z", "Mon 15 Mar 2027 08:00 HST", true],
    // Fall back, Sunday 1 November 2026. Friday 30 October opens at 08:00 PDT = 15:00 UTC ...
    ["northwest", "2026-10-30T15:00:00Z", "Fri 30 Oct 2026 08:00 PDT", true],
    ["northwest", "2026-10-30T23:59:00Z", "Fri 30 Oct 2026 16:59 PDT", true],
    // ... and Monday 2 November at 08:00 PST = 16:00 UTC.
    ["northwest", "2026-11-02T15:00:00Z", "Mon 2 Nov 2026 07:00 PST", false],
    ["northwest", "2026-11-02T15:59:00Z", "Mon 2 Nov 2026 07:59 PST", false],
    ["northwest", "2026-11-02T16:00:00Z", "Mon 2 Nov 2026 08:00 PST", true],
    ["northwest", "2026-11-03T00:59:00Z", "Mon 2 Nov 2026 16:59 PST", true],
    ["northwest", "2026-11-03T01:00:00Z", "Mon 2 Nov 2026 17:00 PST", false],
    ["hawaii", "2026-11-02T17:59:00Z", "Mon 2 Nov 2026 07:59 HST", false],
    ["hawaii", "2026-11-02T18:00:00Z", "Mon 2 Nov 2026 08:00 HST", true],
  ])("member services in %s at %s (%s): open %s", (region, iso, _local, open) => {
    expect(openFor(region, "memberServices", utc(iso))).toBe(open);
  });
});

describe("around-the-clock lines", () => {
  const lines = EXPECTED_REGIONS.flatMap((r) => [
    { region: r.id, team: "nurseAdvice" },
    { region: r.id, team: "behavioralHealth" },
  ]).concat([{ region: "northwest", team: "pharmacy" }]);
  const instants = [
    ["2026-06-13T10:00:00Z", "Saturday night/early morning"],
    ["2026-06-14T19:00:00Z", "Sunday afternoon"],
    ["2026-11-26T20:00:00Z", "Thanksgiving"],
    ["2027-03-14T10:30:00Z", "spring-forward morning"],
    ["2026-11-01T09:30:00Z", "the repeated fall-back hour"],
    ["2027-01-01T08:00:00Z", "New Year's night"],
  ] as const;

  test.each(lines)("$team in $region is always open, every day", ({ region, team }) => {
    const hours = hoursOf(region, team);
    expect(hours.always).toBe(true);
    for (const [iso] of instants) expect(isOpenAt(hours, zoneOf(region), utc(iso))).toBe(true);
  });

  test.each(EXPECTED_REGIONS.filter((r) => r.id !== "northwest").map((r) => r.id))(
    "pharmacy in %s follows member services hours (routed there)",
    (region) => {
      expect(hoursOf(region, "pharmacy").id).toBe("memberServicesHours");
      expect(hoursOf(region, "representative").id).toBe("memberServicesHours");
    },
  );
});

describe("describeHours", () => {
  const ZONE_NAMES: Readonly<Record<string, { en: string; es: string }>> = {
    "America/Los_Angeles": { en: "Pacific Time", es: "hora del Pacífico" },
    "America/Denver": { en: "Mountain Time", es: "hora de las Montañas Rocosas" },
    "America/New_York": { en: "Eastern Time", es: "hora oriental" },
    "Pacific/Honolulu": { en: "Hawaii-Aleutian Standard Time", es: "hora estándar de Hawái-Aleutianas" },
  };

  test.each(EXPECTED_REGIONS)("member services hours in $id, in English and Spanish", ({ id, timeZone }) => {
    const zone = defined(ZONE_NAMES[timeZone]);
    const hours = hoursOf(id, "memberServices");
    expect(words(describeHours(hours, zoneOf(id), hoursWords("en")))).toBe(
      `Monday through Friday, from 8 AM to 5 PM, ${zone.en}`,
    );
    expect(words(describeHours(hours, zoneOf(id), hoursWords("es")))).toBe(
      `lunes a viernes, de 8 a.m. a 5 p.m., ${zone.es}`,
    );
  });

  test.each([
    ["en", "24 hours a day, 7 days a week"],
    ["es", "las 24 horas, los 7 días de la semana"],
  ])("around-the-clock lines in %s", (lang, text) => {
    for (const r of EXPECTED_REGIONS)
      expect(describeHours(hoursOf(r.id, "nurseAdvice"), r.timeZone, hoursWords(lang))).toBe(text);
  });

  const schedule = (weekly: Schedule["weekly"]): Schedule => ({
    id: "test",
    always: false,
    weekly,
    closures: new Set(),
  });
  test.each([
    [
      "two windows, minutes and non-contiguous days",
      schedule([
        { days: ["mon", "wed", "fri"], open: 8 * 60 + 30, close: 12 * 60 },
        { days: ["sat"], open: 9 * 60, close: 13 * 60 + 15 },
      ]),
      "Monday, Wednesday, and Friday, from 8:30 AM to 12 PM and Saturday, from 9 AM to 1:15 PM, Pacific Time",
      "lunes, miércoles y viernes, de 8:30 a.m. a 12 p.m. y sábado, de 9 a.m. a 1:15 p.m., hora del Pacífico",
    ],
    [
      "days listed out of order",
      schedule([{ days: ["fri", "mon", "thu", "wed", "tue"], open: 8 * 60, close: 17 * 60 }]),
      "Monday through Friday, from 8 AM to 5 PM, Pacific Time",
      "lunes a viernes, de 8 a.m. a 5 p.m., hora del Pacífico",
    ],
  ])("%s", (_, hours, en, es) => {
    expect(words(describeHours(hours, "America/Los_Angeles", hoursWords("en")))).toBe(en);
    expect(words(describeHours(hours, "America/Los_Angeles", hoursWords("es")))).toBe(es);
  });
});
