import type { DialStatus } from "../../src/service/types.js";
import type { CallerStep, PlannedCall } from "../../src/tools/analytics/traffic/plannedCall.js";
import { OPEN_HOURS, WEEKEND } from "../support/createTestApp.js";
import { region, UNKNOWN_TO } from "../support/regions.js";

const NORTHWEST = region("northwest").inbound;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Callers' numbers (fictional: 555-0100 to 555-0199). */
export const CALLERS = {
  one: "+15035550101",
  two: "+15035550102",
  three: "+15035550103",
  four: "+15035550104",
  five: "+15035550105",
  six: "+13035550106",
  seven: "+15035550107",
  eight: "+15035550108",
  nine: "+15035550109",
} as const;

/** What Twilio sends for a withheld number. */
export const WITHHELD = "+266696687";

/** Words a caller says that must never reach a log or a report (they still choose pharmacy). */
export const SECRET_SPEECH = "zebra 4417 my refill pharmacy";

/**
 * A fixed pace: prompts take no time, every answer 10 s, a transfer rings 5 s and lasts a minute, so the
 * time from answer to transfer is 10 s per answer, 5 s per silence and 4 s per busy dial.
 */
const PACE = { listen: 0, react: 10, ring: 5, talk: 60 } as const;

const press = (digits: string): CallerStep => ({ kind: "press", digits });
const say = (text: string, confidence = 0.9): CallerStep => ({ kind: "say", text, confidence });
const silence: CallerStep = { kind: "silence" };

let sequence = 0;
function call(name: string, at: number, from: string, steps: CallerStep[], dial: DialStatus[] = [], to = NORTHWEST) {
  sequence++;
  const callSid = `CA${sequence.toString(16).padStart(32, "0")}`;
  return { name, call: { callSid, to, from, at, steps, dial, pace: PACE } satisfies PlannedCall };
}

/**
 * Thirteen calls whose every figure is known, on Wednesday 11 March 2026 around noon in the Northwest
 * (every team open), Saturday 14 March (member services closed) and the next Tuesday evening.
 */
export const FIXTURE = [
  call("A: presses 3, put through to pharmacy", OPEN_HOURS, CALLERS.one, [press("3")]),
  call("B: Saturday, member services is closed, hangs up", WEEKEND, CALLERS.two, [press("1")]),
  call("C: hangs up during the greeting", OPEN_HOURS + 10 * MINUTE, CALLERS.three, []),
  call("D: silent three times, a representative takes the call", OPEN_HOURS + 20 * MINUTE, CALLERS.four, [
    silence,
    silence,
    silence,
  ]),
  call(
    "E: wrong key, nurse advice busy (its only number), then 0 for a representative",
    OPEN_HOURS + 30 * MINUTE,
    CALLERS.five,
    [press("7"), press("2"), press("0")],
    ["busy", "completed"],
  ),
  call("J: caller C again 30 minutes later, behavioral health", OPEN_HOURS + 40 * MINUTE, CALLERS.three, [press("4")]),
  call("F: Spanish, then says the secret words (pharmacy)", OPEN_HOURS + 50 * MINUTE, CALLERS.seven, [
    press("9"),
    say(SECRET_SPEECH),
  ]),
  call(
    "G: a number no region owns; chooses Colorado, member services' first number busy, the second answers",
    OPEN_HOURS + 60 * MINUTE,
    CALLERS.six,
    [press("2"), press("1")],
    ["busy", "completed"],
    UNKNOWN_TO,
  ),
  call("H: caller A again 2 hours later, member services this time", OPEN_HOURS + 2 * HOUR, CALLERS.one, [press("1")]),
  call(
    "K: pharmacy fails three times: goodbye",
    OPEN_HOURS + 3 * HOUR,
    CALLERS.eight,
    [press("3"), press("3"), press("3")],
    ["failed", "failed", "failed"],
  ),
  call("L: says pharmacy too faintly, then hangs up", OPEN_HOURS + 4 * HOUR, CALLERS.nine, [say("pharmacy", 0.2)]),
  call("M: a withheld number, nurse advice", OPEN_HOURS + 5 * HOUR, WITHHELD, [press("2")]),
  call("I: caller B again 80 hours later (not within 72), nurse advice", WEEKEND + 80 * HOUR, CALLERS.two, [
    press("2"),
  ]),
];

/**
 * Five callers of the language menu (8) on the same Wednesday and Saturday: interpreters put through,
 * closed, not answering, and a caller who switches to Spanish there.
 */
export const LANGUAGE_FIXTURE = [
  call("N: 8, then 2: Mandarin, an interpreter joins at member services", OPEN_HOURS, CALLERS.one, [
    press("8"),
    press("2"),
  ]),
  call("O: Saturday, 8, then 4: Vietnamese; member services closed, 2 for the nurse line", WEEKEND, CALLERS.two, [
    press("8"),
    press("4"),
    press("2"),
  ]),
  call("P: 8, then silence: any other language", OPEN_HOURS + 10 * MINUTE, CALLERS.three, [press("8"), silence]),
  call("Q: 8, then 1: español, then 3 pharmacy", OPEN_HOURS + 20 * MINUTE, CALLERS.four, [
    press("8"),
    press("1"),
    press("3"),
  ]),
  call(
    "R: 8, then 5: Tagalog; member services does not answer, hangs up in the interpreter menu",
    OPEN_HOURS + 30 * MINUTE,
    CALLERS.five,
    [press("8"), press("5")],
    ["no-answer"],
  ),
];
