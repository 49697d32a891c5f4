/** Counts of durations in steps of 0.1 s: exact percentiles at that resolution, in memory bounded by the range. */
export class Histogram {
  readonly #counts = new Map<number, number>();
  #total = 0;

  /** Adds one duration, in seconds (rounded to 0.1 s). */
  add(seconds: number): void {
    const tenths = Math.max(0, Math.round(seconds * 10));
    this.#counts.set(tenths, (this.#counts.get(tenths) ?? 0) + 1);
    this.#total++;
  }

  get total(): number {
    return this.#total;
  }

  /** The nearest-rank percentile `p` (0 to 1), in seconds; null when empty. */
  percentile(p: number): number | null {
    if (this.#total === 0) return null;
    const rank = Math.max(1, Math.ceil(p * this.#total));
    let seen = 0;
    for (const tenths of [...this.#counts.keys()].sort((a, b) => a - b)) {
      seen += this.#counts.get(tenths) ?? 0;
      if (seen >= rank) return tenths / 10;
    }
    return null;
  }
}
