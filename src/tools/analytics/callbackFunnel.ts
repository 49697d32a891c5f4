import { type CallbackFacts, isConnected } from "../../service/index.js";
import type { CallbackFunnelStats, CallbackReport } from "./reportTypes.js";

type FunnelCounter = { -readonly [K in keyof CallbackFunnelStats]: number };

/** Steps after which a call-back is over: a later `requested` of the same id is a new call-back. */
const FINAL_MARKS: ReadonlySet<string> = new Set(["answered", "givenUp", "cancelled"]);

const noSteps = (): FunnelCounter => ({
  offered: 0,
  requested: 0,
  pending: 0,
  placed: 0,
  answered: 0,
  connected: 0,
  retried: 0,
  givenUp: 0,
  cancelled: 0,
});

/**
 * Counts the call-back funnel, all and by team and region, each step once: offered once per call and team,
 * asked again (`pending`) once per call and call-back; every other step once per call-back (its id), however
 * many lines tell it (a member's answer is in the greeting's turn and in the queue's line; a member's
 * cancellation in the turn and in the queue's line), `retried` once per try. A call-back asked for again after
 * it was answered, given up or cancelled (the same id: the same number and team) is counted anew.
 */
export class CallbackFunnel {
  readonly #all = noSteps();
  readonly #byTeam = new Map<string, FunnelCounter>();
  readonly #byRegion = new Map<string, FunnelCounter>();
  /** Marks of each call-back's current round: the steps counted, `retried` by try. */
  readonly #seen = new Map<string, Set<string>>();

  /**
   * Adds one step. `inCall` is the set of marks of the caller's call the step is a turn of (offers and
   * repeated asks are counted once per call); none for the queue's own lines.
   */
  add(facts: CallbackFacts, inCall: Set<string> | undefined): void {
    const field = this.#fieldOf(facts, inCall);
    if (field === undefined) return;
    this.#all[field]++;
    counterOf(this.#byTeam, facts.team)[field]++;
    counterOf(this.#byRegion, facts.region)[field]++;
  }

  /** The funnel as the report gives it. */
  summary(): CallbackReport {
    return { all: { ...this.#all }, byTeam: sortedCounters(this.#byTeam), byRegion: sortedCounters(this.#byRegion) };
  }

  /** The field the step counts in, or undefined when it was counted already (or is no step of the funnel). */
  #fieldOf(facts: CallbackFacts, inCall: Set<string> | undefined): keyof FunnelCounter | undefined {
    const { step } = facts;
    if (step === "offered" || step === "pending") {
      const mark = `${step} ${facts.team} ${facts.region} ${facts.id ?? ""}`;
      if (inCall?.has(mark)) return undefined;
      inCall?.add(mark);
      return step;
    }
    if (facts.id === undefined) return undefined;
    if (step === "connected" && (facts.dialStatus === undefined || !isConnected(facts.dialStatus))) return undefined;
    const field = step === "given up" ? "givenUp" : step;
    const marks = this.#roundOf(facts.id, field);
    const mark = field === "retried" ? `retried ${facts.attempt ?? 0}` : field;
    if (marks.has(mark)) return undefined;
    marks.add(mark);
    return field;
  }

  /** The marks of call-back `id`'s current round; a new round when it is requested again after it was over. */
  #roundOf(id: string, field: keyof FunnelCounter): Set<string> {
    let marks = this.#seen.get(id);
    const over = marks !== undefined && [...marks].some((m) => FINAL_MARKS.has(m));
    if (!marks || (field === "requested" && over)) {
      marks = new Set();
      this.#seen.set(id, marks);
    }
    return marks;
  }
}

function counterOf(map: Map<string, FunnelCounter>, key: string): FunnelCounter {
  let counter = map.get(key);
  if (!counter) {
    counter = noSteps();
    map.set(key, counter);
  }
  return counter;
}

function sortedCounters(map: Map<string, FunnelCounter>): Record<string, CallbackFunnelStats> {
  return Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => [k, { ...c }]));
}
