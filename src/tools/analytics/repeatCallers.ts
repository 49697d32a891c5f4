/** The window in which a second call counts as a repeat. */
export const REPEAT_WINDOW_MS = 72 * 3_600_000;

/**
 * How late a call's figures may arrive after it started: a call lasts at most 4 hours (Twilio), and one
 * the log leaves open is closed 4 hours after its last line.
 */
export const SETTLE_MS = 9 * 3_600_000;

interface CallOfCaller {
  readonly start: number;
  /** The team the call reached, if it was put through. */
  readonly team: string | undefined;
  settled: boolean;
}

/** Figures about callers who call again. */
export interface RepeatFigures {
  readonly repeatCallers: number;
  readonly repeatCalls: number;
  readonly otherTeamCallers: number;
}

/**
 * Counts callers who call again within 72 hours, by caller key, in memory bounded by the calls of the
 * last 81 hours: a call is judged once every call that could precede it has been added (`SETTLE_MS`
 * after it started, by the latest time seen), and dropped once no later call can be within 72 hours of it.
 * Calls may be added out of order by up to `SETTLE_MS`.
 */
export class RepeatCallers {
  readonly #calls = new Map<string, CallOfCaller[]>();
  readonly #repeaters = new Set<string>();
  readonly #otherTeam = new Set<string>();
  #repeatCalls = 0;

  /** Calls remembered now (bounded by the calls of the last 81 hours once swept). */
  get held(): number {
    let n = 0;
    for (const list of this.#calls.values()) n += list.length;
    return n;
  }

  /** Adds a finished call of the caller `key`. */
  add(key: string, start: number, team: string | undefined): void {
    let list = this.#calls.get(key);
    if (!list) {
      list = [];
      this.#calls.set(key, list);
    }
    let i = list.length;
    while (i > 0 && (list[i - 1] as CallOfCaller).start > start) i--;
    list.splice(i, 0, { start, team, settled: false });
  }

  /** Judges the calls that can be judged at `watermark` (the latest time seen) and forgets the ones no longer needed. */
  sweep(watermark: number): void {
    for (const [key, list] of this.#calls) {
      this.#settle(key, list, watermark - SETTLE_MS);
      while (list.length > 0 && (list[0] as CallOfCaller).start < watermark - SETTLE_MS - REPEAT_WINDOW_MS)
        list.shift();
      if (list.length === 0) this.#calls.delete(key);
    }
  }

  /** Judges every call left and returns the figures. */
  finish(): RepeatFigures {
    for (const [key, list] of this.#calls) this.#settle(key, list, Number.POSITIVE_INFINITY);
    this.#calls.clear();
    return {
      repeatCallers: this.#repeaters.size,
      repeatCalls: this.#repeatCalls,
      otherTeamCallers: this.#otherTeam.size,
    };
  }

  #settle(key: string, list: CallOfCaller[], before: number): void {
    list.forEach((call, i) => {
      if (call.settled || call.start >= before) return;
      call.settled = true;
      const previous = list[i - 1];
      if (!previous || call.start - previous.start > REPEAT_WINDOW_MS) return;
      this.#repeatCalls++;
      this.#repeaters.add(key);
      if (previous.team !== undefined && call.team !== undefined && previous.team !== call.team)
        this.#otherTeam.add(key);
    });
  }
}
