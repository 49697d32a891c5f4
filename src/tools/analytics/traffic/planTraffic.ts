import type { CallFlow } from "../../../service/index.js";
import { findUtcOffset } from "../../../service/index.js";
import { createRandom, type Random } from "./createRandom.js";
import { type Caller, planCall } from "./planCall.js";
import type { PlannedCall } from "./plannedCall.js";
import {
  AFTER_HOURS_FACTOR,
  AREA_CODES,
  CALLBACK,
  DAY_WEIGHTS,
  HOUR_WEIGHTS,
  INTENT_WEIGHTS,
  INTERPRETER,
  INTERPRETER_WEIGHTS,
  REGION_WEIGHTS,
  SPANISH,
  WITHHELD,
  WITHHELD_NUMBER,
} from "./trafficWeights.js";

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
