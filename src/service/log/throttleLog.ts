/** Whether a line may be written now, and how many lines of its kind were held back since the last one. */
export type ThrottleVerdict = { readonly log: true; readonly suppressed: number } | { readonly log: false };

/** Options of a log throttle. */
export interface LogThrottleOptions {
  /** At most one line of a kind per this many ms; defaults to 1 000. */
  readonly intervalMs?: number;
  /** Kinds remembered at once (the oldest is forgotten past this); defaults to 1 000. */
  readonly maxKinds?: number;
  /** Clock in epoch ms (tests pass their own). */
  readonly now?: () => number;
}

/**
 * Rate-limits repeated log lines: the first line of a kind (e.g. a message and an error code) is written,
 * then at most one per interval, carrying the count of those held back in between. A flood of identical
 * errors (forged requests, a store that is down) then costs one line a second instead of one per request.
 *
 * ```ts
 * const throttle = createLogThrottle();
 * const verdict = throttle(`store failed:${err.code}`);
 * if (verdict.log) logger.error({ err, suppressed: verdict.suppressed }, "store failed");
 * ```
 */
export function createLogThrottle(options: LogThrottleOptions = {}): (kind: string) => ThrottleVerdict {
  const intervalMs = options.intervalMs ?? 1_000;
  const maxKinds = options.maxKinds ?? 1_000;
  const now = options.now ?? Date.now;
  const kinds = new Map<string, { nextAt: number; suppressed: number }>();
  return (kind) => {
    const at = now();
    const state = kinds.get(kind);
    if (state && at < state.nextAt) {
      state.suppressed++;
      return { log: false };
    }
    const suppressed = state?.suppressed ?? 0;
    kinds.delete(kind);
    kinds.set(kind, { nextAt: at + intervalMs, suppressed: 0 });
    if (kinds.size > maxKinds) kinds.delete(kinds.keys().next().value as string);
    return { log: true, suppressed };
  };
}
