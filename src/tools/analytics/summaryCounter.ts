import { Histogram } from "./histogram.js";
import type { Outcome, OutcomeSummary } from "./reportTypes.js";

/** Counts how calls ended, for all calls or one region, language or day. */
export class SummaryCounter {
  calls = 0;
  readonly #ended: Record<Exclude<Outcome, "transferred">, number> = { abandoned: 0, goodbye: 0, disconnected: 0 };
  readonly #transferred = new Map<string, number>();
  readonly #toTransfer = new Histogram();

  /** Adds one finished call: how it ended, the team it was put through to and how long that took. */
  add(outcome: Outcome, team: string | undefined, seconds: number | undefined): void {
    this.calls++;
    if (outcome !== "transferred") this.#ended[outcome]++;
    else {
      increment(this.#transferred, team ?? "unknown");
      if (seconds !== undefined) this.#toTransfer.add(seconds);
    }
  }

  summary(): OutcomeSummary {
    const { abandoned, goodbye, disconnected } = this.#ended;
    return {
      calls: this.calls,
      abandoned,
      transferred: sortedRecord(this.#transferred),
      goodbye,
      disconnected,
      abandonRate: share(abandoned, this.calls),
      disconnectRate: share(disconnected, this.calls),
      secondsToTransfer: { p50: this.#toTransfer.percentile(0.5), p95: this.#toTransfer.percentile(0.95) },
    };
  }
}

/** The counter of `key`, made on first use. */
export function counterOf(map: Map<string, SummaryCounter>, key: string): SummaryCounter {
  let counter = map.get(key);
  if (!counter) {
    counter = new SummaryCounter();
    map.set(key, counter);
  }
  return counter;
}

/** Each counter's summary, by key in order. */
export function summarize(map: Map<string, SummaryCounter>): Record<string, OutcomeSummary> {
  return Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => [k, c.summary()]));
}

/** Adds one to `key`. */
export function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The map as a record, by key in order. */
export function sortedRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
}

/** `part / whole` to four places (a share the page shows to 0.1%), 0 when there is no whole. */
export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}
