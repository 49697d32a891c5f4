import { describe, expect, test } from "vitest";
import { pickSlot } from "../../src/service/callbacks/pickSlot.js";
import { isOpenAt } from "../../src/service/directory/hours.js";
import { countLocalDays, findNextOpening } from "../../src/service/directory/nextOpening.js";
import { describeMoment } from "../../src/service/twiml/describeMoment.js";
import type { Schedule } from "../../src/service/types.js";

const ZONE = "America/Los_Angeles";
/** Member services' hours in data/directory.json: Monday to Friday 08:00–17:00, closed on Thanksgiving 2026. */
const HOURS: Schedule = {
  id: "memberServicesHours",
  always: false,
  weekly: [{ days: ["mon", "tue", "wed", "thu", "fri"], open: 8 * 60, close: 17 * 60 }],
  closures: new Set(["2026-11-26"]),
};
const pst = (local: string) => Date.parse(`${local}-08:00`);

describe("the next opening (the line's hours, closures and the region's time)", () => {
  test.each([
    ["open now: now", "2026-11-24T10:00", "2026-11-24T10:00"],
    ["before opening: today at 8", "2026-11-24T06:30", "2026-11-24T08:00"],
    ["after closing: tomorrow at 8", "2026-11-24T17:00", "2026-11-25T08:00"],
    ["Saturday: Monday at 8", "2026-11-28T10:00", "2026-11-30T08:00"],
    ["Wednesday evening before Thanksgiving: Friday at 8", "2026-11-25T18:00", "2026-11-27T08:00"],
  ])("%s", (_what, from, opening) => {
    expect(findNextOpening(HOURS, ZONE, pst(from))).toBe(pst(opening));
  });

  test("across the spring clock change, 8 AM local is PDT", () => {
    expect(findNextOpening(HOURS, ZONE, Date.parse("2027-03-13T10:00:00-08:00"))).toBe(
      Date.parse("2027-03-15T08:00:00-07:00"),
    );
  });

  test("a line that never opens has no next opening", () => {
    expect(findNextOpening({ ...HOURS, weekly: [] }, ZONE, pst("2026-11-24T10:00"))).toBeUndefined();
  });

  test("local days between two instants", () => {
    expect(countLocalDays(pst("2026-11-28T10:00"), pst("2026-11-30T08:00"), ZONE)).toBe(2);
    expect(countLocalDays(pst("2026-11-24T23:30"), pst("2026-11-25T08:00"), ZONE)).toBe(1);
  });
});

describe("the moment said to the caller", () => {
  const words = {
    en: {
      locale: "en-US",
      at: "{day} at {time}",
      after: "{day} after {time}",
      between: "{day} between {from} and {to}",
    },
    es: {
      locale: "es-US",
      at: "{day} a las {time}",
      after: "{day} después de las {time}",
      between: "{day} entre las {from} y las {to}",
    },
  };
  const monday8 = pst("2026-11-30T08:00");
  test.each([
    ["en", { kind: "at", from: pst("2026-11-24T08:00"), days: 0 }, "today at 8 AM"],
    ["en", { kind: "at", from: pst("2026-11-25T08:00"), days: 1 }, "tomorrow at 8 AM"],
    ["en", { kind: "at", from: monday8, days: 2 }, "Monday at 8 AM"],
    ["en", { kind: "after", from: monday8, days: 2 }, "Monday after 8 AM"],
    ["en", { kind: "between", from: monday8, to: monday8 + 3_600_000, days: 2 }, "Monday between 8 AM and 9 AM"],
    ["en", { kind: "at", from: pst("2027-01-04T08:30"), days: 9 }, "Monday, January 4 at 8:30 AM"],
    ["es", { kind: "after", from: pst("2026-11-25T08:00"), days: 1 }, "mañana después de las 8 a.m."],
  ] as const)("%s %j: %s", (lang, moment, said) => {
    expect(describeMoment({ ...moment, timeZone: ZONE }, words[lang])).toBe(said);
  });
});

describe("the pace: the Monday queue spread over the windows from the opening", () => {
  test("4 per 15 minutes: the fifth call-back is due at 8:15 and promised between 8 and 9", async () => {
    const taken = new Map<number, number>();
    const reserve = async (_team: string, _region: string, start: number, perWindow: number) => {
      const n = taken.get(start) ?? 0;
      if (n >= perWindow) return false;
      taken.set(start, n + 1);
      return true;
    };
    const monday8 = pst("2026-11-30T08:00");
    const pick = () =>
      pickSlot({
        team: "memberServices",
        region: "northwest",
        timeZone: ZONE,
        opening: monday8,
        perWindow: 4,
        windowMinutes: 15,
        isOpen: (at) => isOpenAt(HOURS, ZONE, at),
        nextOpening: (from) => findNextOpening(HOURS, ZONE, from),
      })(reserve);
    const slots = [];
    for (let i = 0; i < 5; i++) slots.push(await pick());
    expect(slots.slice(0, 4)).toEqual(Array.from({ length: 4 }, () => ({ due: monday8 })));
    expect(slots[4]).toEqual({ due: monday8 + 15 * 60_000, dueBy: monday8 + 3_600_000 });
  });

  test("a window at closing time is skipped to the next opening", async () => {
    const friday445 = pst("2026-11-27T16:45");
    const full = new Set([friday445]);
    const slot = await pickSlot({
      team: "memberServices",
      region: "northwest",
      timeZone: ZONE,
      opening: friday445,
      perWindow: 1,
      windowMinutes: 15,
      isOpen: (at) => isOpenAt(HOURS, ZONE, at),
      nextOpening: (from) => findNextOpening(HOURS, ZONE, from),
    })(async (_t, _r, start) => !full.has(start));
    expect(slot.due).toBe(pst("2026-11-30T08:00"));
  });
});
