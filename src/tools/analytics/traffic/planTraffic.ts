import type { CallFlow, CompiledOption, DialStatus, Lang, Region } from "../../../service/index.js";
import { findUtcOffset } from "../../../service/index.js";
import { createRandom, type Random } from "./createRandom.js";
import type { CallerPace, CallerStep, PlannedCall } from "./plannedCall.js";

/** How much traffic, over which days. */
export interface TrafficOptions {
  readonly calls: number;
  readonly days: number;
  readonly seed: number | string;
  /** First day, `YYYY-MM-DD` (local to each region); defaults to Monday 9 March 2026. */
  readonly start?: string;
}

/** The first day of traffic when none is given: a Monday, so a week shows every weekday and a weekend. */
export const DEFAULT_START = "2026-03-09";

/**
 * Relative share of calls per region: roughly each region's share of the plan's membership (California
 * far the largest), as a simulation parameter, not a published figure. A region the directory does not
 * have is ignored; `unknown` is a call to a number no region owns (it hears the region menu).
 */
const REGION_WEIGHTS: Readonly<Record<string, number>> = {
  california: 940,
  colorado: 48,
  georgia: 32,
  hawaii: 26,
  midAtlantic: 81,
  northwest: 64,
  washington: 72,
  unknown: 12,
};

/** Calls per local weekday, relative (Monday the busiest, weekends light). */
const DAY_WEIGHTS = [0.15, 1.25, 1.05, 1, 1, 0.95, 0.25] as const;

/** Calls per local hour of the day, relative: mornings and early afternoons, few at night. */
const HOUR_WEIGHTS = [
  0.25, 0.15, 0.1, 0.1, 0.15, 0.3, 0.8, 2.2, 5, 7, 7.5, 7, 6, 6.5, 6.5, 6, 4.5, 2.5, 1.6, 1.3, 1, 0.8, 0.5, 0.35,
] as const;

/** What callers want, by team, relative, in business hours (weekdays 08:00 to 17:00 local). */
const INTENT_WEIGHTS: Readonly<Record<string, number>> = {
  memberServices: 40,
  pharmacy: 20,
  nurseAdvice: 12,
  behavioralHealth: 6,
  representative: 14,
};

/** How wants change outside business hours: more nurse advice and behavioral health, less member services. */
const AFTER_HOURS_FACTOR: Readonly<Record<string, number>> = {
  memberServices: 0.6,
  nurseAdvice: 3,
  behavioralHealth: 1.5,
  representative: 0.7,
};

/** US area codes per region for the callers' fictional numbers (555-0100 to 555-0199 are reserved for fiction). */
const AREA_CODES: Readonly<Record<string, readonly string[]>> = {
  california: [
    "209",
    "213",
    "279",
    "310",
    "323",
    "341",
    "350",
    "408",
    "415",
    "424",
    "442",
    "510",
    "530",
    "559",
    "562",
    "619",
    "626",
    "628",
    "650",
    "657",
    "661",
    "669",
    "707",
    "714",
    "747",
    "760",
    "805",
    "818",
    "820",
    "831",
    "840",
    "858",
    "909",
    "916",
    "925",
    "949",
    "951",
  ],
  colorado: ["303", "719", "720", "970", "983"],
  georgia: ["229", "404", "470", "478", "678", "706", "762", "770", "912", "943"],
  hawaii: ["808"],
  midAtlantic: ["202", "227", "240", "301", "410", "443", "571", "667", "703", "757", "804"],
  northwest: ["360", "458", "503", "541", "564", "971"],
  washington: ["206", "253", "425", "509"],
  unknown: ["212", "305", "312", "602", "615", "617", "713"],
};

/**
 * A simulated outage: every transfer from the region fails in this window (local time; `day` counted from
 * the first day of traffic), so failed transfers, callers sent back to the menu and goodbyes show in the report.
 */
const OUTAGE = { region: "midAtlantic", day: 2, fromHour: 13, toHour: 15 } as const;

/** What Twilio sends for a caller who withholds their number (keypad spelling of ANONYMOUS). */
const WITHHELD_NUMBER = "+266696687";

/** The number callers dial that no region owns (fictional). */
const UNKNOWN_INBOUND = "+19995550100";

/** Share of callers (in a region that offers it) who want Spanish. */
const SPANISH = 0.1;
/** Share of the other callers who want an interpreter: the language menu, then their language. */
const INTERPRETER = 0.03;
/** Which interpreter, relative, by the language menu option's language (`other`: 0, any other language). */
const INTERPRETER_WEIGHTS: Readonly<Record<string, number>> = { cmn: 3, yue: 2, vi: 3, tl: 2, fr: 1, other: 2 };
/** Share of interpreter callers who take the nurse line when member services is closed or does not answer. */
const TAKES_NURSE_LINE = 0.65;
/** Share of calls from someone who called before. */
const CALLBACK = 0.09;
/** Share of callers who withhold their number. */
const WITHHELD = 0.005;

/** A caller as the traffic remembers them, to call again. */
interface Caller {
  readonly number: string;
  readonly region: string;
  readonly language: Lang;
  readonly intent: string;
  /** The interpreter the caller wants (a language, or `other`), if any. */
  readonly interpreter?: string;
}

/** When and where a call comes in, before its caller is decided. */
interface Slot {
  readonly at: number;
  readonly region: string;
}

/**
 * Plans simulated traffic, purely: `calls` calls over `days` days, with a realistic mix: regions weighted by
 * membership, busy weekday mornings and quiet nights and weekends, most callers choosing at once by key,
 * some by speech (a few heard faintly), some Spanish, a few asking for an interpreter in the language menu
 * (and the nurse line when member services is closed), some wrong keys and silences (a few until a person
 * takes the call), some hanging up in the menu, a few busy or unanswered transfers, some callers calling
 * back (some for another team), and callers who reach a closed team and then choose another option or hang
 * up. The same seed gives the same calls.
 */
export function planTraffic(callFlow: CallFlow, options: TrafficOptions): PlannedCall[] {
  const { directory } = callFlow;
  const random = createRandom(options.seed);
  const start = options.start ?? DEFAULT_START;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(`${start}T00:00:00Z`)))
    throw new Error(`traffic: --start "${start}" is not a date; use YYYY-MM-DD, e.g. ${DEFAULT_START}`);
  const regionWeights = Object.fromEntries(
    Object.entries(REGION_WEIGHTS).filter(([id]) => id === "unknown" || directory.regionById.has(id)),
  );
  const slotRandom = random.fork("slots");
  const slots: Slot[] = Array.from({ length: options.calls }, () => {
    const region = slotRandom.weighted(regionWeights);
    return { region, at: pickTime(slotRandom, start, options.days, zoneOf(callFlow, region)) };
  }).sort((a, b) => a.at - b.at);

  const numbers = createNumberPool(random.fork("numbers"));
  const callers: { at: number; caller: Caller }[] = [];
  const callerRandom = random.fork("callers");
  // Drawn apart from the callers' other traits, so adding interpreters left every other caller as they were.
  const interpreterRandom = random.fork("interpreters");
  return slots.map((slot, i) => {
    const call = random.fork(`call ${i}`);
    const afterHours = isAfterHours(slot.at, zoneOf(callFlow, slot.region));
    const earlier = callerRandom.chance(CALLBACK) ? findEarlierCaller(callerRandom, callers, slot.at) : undefined;
    const caller = earlier
      ? {
          ...earlier,
          intent: callerRandom.chance(0.6) ? earlier.intent : pickIntent(callerRandom, afterHours, earlier.intent),
        }
      : newCaller(callerRandom, callFlow, slot.region, numbers, afterHours, interpreterRandom);
    callers.push({ at: slot.at, caller });
    return planCall(callFlow, call, slot.at, caller, start);
  });
}

function zoneOf(callFlow: CallFlow, region: string): string {
  const { directory } = callFlow;
  return (
    directory.regionById.get(region)?.timeZone ??
    directory.regionById.get(directory.unknownRegionRepresentative)?.timeZone ??
    "UTC"
  );
}

/** A moment in the period: a day by weekday weight, an hour by hour weight, local to the time zone. */
function pickTime(random: Random, start: string, days: number, timeZone: string): number {
  const day0 = Date.parse(`${start}T00:00:00Z`);
  const dayWeights = Object.fromEntries(
    Array.from({ length: days }, (_, d) => [String(d), DAY_WEIGHTS[new Date(day0 + d * 86_400_000).getUTCDay()] ?? 1]),
  );
  const day = Number(random.weighted(dayWeights));
  const hour = Number(random.weighted(Object.fromEntries(HOUR_WEIGHTS.map((w, h) => [String(h), w]))));
  const wall = day0 + day * 86_400_000 + hour * 3_600_000 + random.int(3_600_000);
  // The wall-clock time in the zone, as an instant (the offset looked up at the guess, then at the result).
  const guess = wall - findUtcOffset(wall, timeZone) * 60_000;
  return wall - findUtcOffset(guess, timeZone) * 60_000;
}

function pickIntent(random: Random, afterHours: boolean, not?: string): string {
  const weights = Object.fromEntries(
    Object.entries(INTENT_WEIGHTS)
      .filter(([team]) => team !== not)
      .map(([team, w]) => [team, afterHours ? w * (AFTER_HOURS_FACTOR[team] ?? 1) : w]),
  );
  return random.weighted(weights);
}

/** Whether a moment falls outside weekday business hours (08:00 to 17:00) in the time zone. */
function isAfterHours(at: number, timeZone: string): boolean {
  const local = new Date(at + findUtcOffset(at, timeZone) * 60_000);
  const day = local.getUTCDay();
  const hour = local.getUTCHours();
  return day === 0 || day === 6 || hour < 8 || hour >= 17;
}

function newCaller(
  random: Random,
  callFlow: CallFlow,
  region: string,
  numbers: NumberPool,
  afterHours: boolean,
  interpreterRandom: Random,
): Caller {
  const spanish = Object.hasOwn(callFlow.flow.languages, "es") && random.chance(SPANISH);
  const caller = {
    number: random.chance(WITHHELD) ? WITHHELD_NUMBER : numbers.take(region),
    region,
    language: spanish ? "es" : callFlow.flow.defaultLanguage,
    intent: pickIntent(random, afterHours),
  };
  const interpreter = interpreterRandom.chance(INTERPRETER)
    ? interpreterRandom.weighted(INTERPRETER_WEIGHTS)
    : undefined;
  return interpreter && !spanish ? { ...caller, interpreter } : caller;
}

/** Someone who called before: mostly within hours, some the next day or two, a few days later. */
function findEarlierCaller(
  random: Random,
  callers: readonly { at: number; caller: Caller }[],
  at: number,
): Caller | undefined {
  const hours = random.weighted({ soon: 6, days: 3, later: 1 });
  const delay =
    hours === "soon" ? random.between(0.1, 6) : hours === "days" ? random.between(6, 48) : random.between(80, 140);
  const target = at - delay * 3_600_000;
  let lo = 0;
  let hi = callers.length - 1;
  if (hi < 0 || (callers[0] as { at: number }).at > target) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((callers[mid] as { at: number }).at <= target) lo = mid;
    else hi = mid - 1;
  }
  const found = callers[lo]?.caller;
  return found && found.number !== WITHHELD_NUMBER ? found : undefined;
}

/** Fictional caller numbers (NXX-555-01XX), each given out once, by the caller's region. */
interface NumberPool {
  take(region: string): string;
}

function createNumberPool(random: Random): NumberPool {
  const free = new Map<string, string[]>();
  for (const [region, codes] of Object.entries(AREA_CODES)) {
    const all = codes.flatMap((code) =>
      Array.from({ length: 100 }, (_, n) => `+1${code}55501${String(n).padStart(2, "0")}`),
    );
    // Shuffled (Fisher-Yates), so numbers do not come out in order.
    for (let i = all.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [all[i], all[j]] = [all[j] as string, all[i] as string];
    }
    free.set(region, all);
  }
  return {
    take(region) {
      const own = free.get(region);
      if (own && own.length > 0) return own.pop() as string;
      // A region's numbers are used up: any region's will do.
      for (const list of free.values()) if (list.length > 0) return list.pop() as string;
      throw new Error("traffic: more callers than fictional numbers (8,100); plan fewer calls");
    },
  };
}

/** One caller's call: what they press or say at each prompt, how transfers go, and their pace. */
function planCall(callFlow: CallFlow, random: Random, at: number, caller: Caller, start: string): PlannedCall {
  const { flow, directory, menus } = callFlow;
  const region = directory.regionById.get(caller.region);
  const main = menus.get(flow.start);
  if (!main) throw new Error(`traffic: the flow has no start menu "${flow.start}"`);
  const steps: CallerStep[] = [];
  const lang = caller.language;
  const choose = (option: CompiledOption, speechShare: number) => {
    const words = option.speech[lang] ?? [];
    if (words.length === 0 || !random.chance(speechShare)) return steps.push({ kind: "press", digits: option.key });
    const band = random.weighted({ high: 70, medium: 22, low: 8 });
    const confidence =
      band === "high"
        ? random.between(0.8, 0.98)
        : band === "medium"
          ? random.between(0.45, 0.8)
          : random.between(0.1, 0.39);
    steps.push({ kind: "say", text: random.pick(words), confidence: round(confidence) });
    // Heard too faintly: the caller presses the key after the re-prompt.
    if (band === "low") steps.push({ kind: "press", digits: option.key });
  };

  if (!region) {
    const regionMenu = menus.get(flow.regionMenu);
    const picked = regionMenu?.options.filter((o) => o.action.kind === "region");
    if (picked && picked.length > 0) choose(random.pick(picked), 0.05);
  }
  if (lang !== flow.defaultLanguage) {
    const toLanguage = main.options.find(
      (o) => o.action.kind === "language" && o.action.language === lang && o.languages.includes(flow.defaultLanguage),
    );
    if (toLanguage) {
      steps.push(
        random.chance(0.75)
          ? { kind: "press", digits: toLanguage.key }
          : {
              kind: "say",
              text: random.pick(toLanguage.speech[flow.defaultLanguage] ?? [toLanguage.key]),
              confidence: 0.9,
            },
      );
    }
  }
  const interpreter = caller.interpreter === undefined ? [] : planInterpreter(callFlow, random, caller.interpreter);
  const hangsUpAtOnce = interpreter.length === 0 && random.chance(0.02);
  if (interpreter.length > 0) steps.push(...interpreter);
  else if (hangsUpAtOnce) steps.push({ kind: "hangup" });
  else {
    const wrongKeys = ["5", "6", "7", "8", "#"].filter((k) => !main.options.some((o) => o.key === k));
    const confusion = random.weighted({ none: 84, wrongKey: 6.5, silence: 5, lost: 1.5, repeat: 2, unmatched: 1 });
    if (confusion === "wrongKey") steps.push({ kind: "press", digits: random.pick(wrongKeys) });
    if (confusion === "silence") steps.push({ kind: "silence" });
    if (confusion === "repeat") steps.push({ kind: "press", digits: "*" });
    if (confusion === "unmatched") steps.push({ kind: "say", text: "um hello is anybody there", confidence: 0.85 });
    if (confusion === "lost")
      // Three failed answers in a row: a person takes the call.
      for (let n = 0; n < flow.limits.maxFailures; n++)
        steps.push(random.chance(0.5) ? { kind: "silence" } : { kind: "press", digits: random.pick(wrongKeys) });
    else if (confusion !== "none" && random.chance(0.08)) steps.push({ kind: "hangup" });
    else {
      const want = main.options.find(
        (o) => o.action.kind === "transfer" && o.action.team === caller.intent && o.languages.includes(lang),
      );
      if (want) choose(want, 0.18);
      // Used only when the team was closed or could not be reached: another option, or hanging up.
      const keyOf = (team: string) =>
        main.options.find((o) => o.action.kind === "transfer" && o.action.team === team && o.languages.includes(lang))
          ?.key;
      const nurse = keyOf("nurseAdvice");
      const person = keyOf("representative");
      const callbacks = flow.callbacks;
      const next = random.weighted({ hangUp: 25, nurse: 55, representative: 20, callback: callbacks ? 30 : 0 });
      if (next === "nurse" && nurse) steps.push({ kind: "press", digits: nurse });
      // The call-back offered: taken, and the caller's number confirmed (an unreachable team offers none
      // when it is the goodbye; then the keys fall on the goodbye and the call is over).
      if (next === "callback" && callbacks)
        steps.push({ kind: "press", digits: callbacks.key }, { kind: "press", digits: callbacks.confirmKey });
      if (next === "representative" && person) {
        steps.push({ kind: "press", digits: person });
        // A representative closed too: the nurse line, or hanging up.
        if (nurse && random.chance(0.6)) steps.push({ kind: "press", digits: nurse });
      }
    }
  }
  return {
    callSid: `CA${Array.from({ length: 32 }, () => random.int(16).toString(16)).join("")}`,
    to: region?.inbound[0] ?? UNKNOWN_INBOUND,
    from: caller.number,
    at,
    steps,
    dial: inOutage(at, region, start)
      ? ["failed", "failed", "failed", "failed"]
      : planDials(random, caller.intent, at, region),
    pace: planPace(random),
  };
}

/**
 * An interpreter caller's answers: the main menu's option to the language menu, their language there (or
 * silence, for any other language, now and then), and, should member services be closed or not answer,
 * the nurse line or hanging up. None when the flow has no such menu or language.
 */
function planInterpreter(callFlow: CallFlow, random: Random, wanted: string): CallerStep[] {
  const { flow, menus } = callFlow;
  const hasInterpreters = (id: string) => menus.get(id)?.options.some((o) => o.action.kind === "interpreter");
  const toMenu = menus
    .get(flow.start)
    ?.options.find(
      (o) => o.action.kind === "menu" && hasInterpreters(o.action.menu) && o.languages.includes(flow.defaultLanguage),
    );
  const menu = toMenu?.action.kind === "menu" ? menus.get(toMenu.action.menu) : undefined;
  const option = menu?.options.find(
    (o) => o.action.kind === "interpreter" && (o.action.language ?? "other") === wanted,
  );
  if (!toMenu || !menu || !option) return [];
  const silenceChooses = menu.silence !== undefined && menu.options[menu.silence] === option;
  const steps: CallerStep[] = [
    { kind: "press", digits: toMenu.key },
    silenceChooses && random.chance(0.4) ? { kind: "silence" } : { kind: "press", digits: option.key },
  ];
  if (random.chance(TAKES_NURSE_LINE)) steps.push({ kind: "press", digits: flow.interpreters.whenClosedKey });
  return steps;
}

function inOutage(at: number, region: Region | undefined, start: string): boolean {
  if (region?.id !== OUTAGE.region) return false;
  const local = at + findUtcOffset(at, region.timeZone) * 60_000;
  const day = Math.floor((local - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
  const hour = new Date(local).getUTCHours();
  return day === OUTAGE.day && hour >= OUTAGE.fromHour && hour < OUTAGE.toHour;
}

/** Outcomes of up to four transfer attempts: mostly answered; busier lines for member services at peak hours. */
function planDials(random: Random, intent: string, at: number, region: Region | undefined): DialStatus[] {
  const hour = region ? new Date(at + findUtcOffset(at, region.timeZone) * 60_000).getUTCHours() : 12;
  const peak = intent === "memberServices" && hour >= 10 && hour < 14;
  return Array.from({ length: 4 }, () =>
    random.weighted<Extract<DialStatus, "completed" | "busy" | "no-answer" | "failed">>({
      completed: peak ? 93.7 : 97.2,
      busy: peak ? 5 : 1.5,
      "no-answer": 1,
      failed: 0.3,
    }),
  );
}

function planPace(random: Random): CallerPace {
  const experienced = random.chance(0.35);
  return {
    listen: round(experienced ? random.between(0.25, 0.7) : random.between(0.85, 1)),
    react: round(random.between(0.8, 3.5)),
    ring: round(random.between(5, 25)),
    talk: round(random.between(60, 900)),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
