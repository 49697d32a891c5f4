import { describe, expect, test } from "vitest";
import { createLogThrottle, type ThrottleVerdict } from "../../src/service/log/throttleLog.js";

/** Feeds `kinds` to a throttle at the given times (ms) and returns what it answered. */
function run(steps: ReadonlyArray<readonly [number, string]>, maxKinds?: number): ThrottleVerdict[] {
  let clock = 0;
  const throttle = createLogThrottle({ now: () => clock, ...(maxKinds ? { maxKinds } : {}) });
  return steps.map(([at, kind]) => {
    clock = at;
    return throttle(kind);
  });
}

const LOG = (suppressed = 0): ThrottleVerdict => ({ log: true, suppressed });
const HOLD: ThrottleVerdict = { log: false };

describe("createLogThrottle", () => {
  test.each([
    ["the first line of a kind is written", [[0, "a"]], [LOG()]],
    [
      "repeats within a second are held back, the next line counts them",
      [
        [0, "a"],
        [10, "a"],
        [500, "a"],
        [999, "a"],
        [1_000, "a"],
      ],
      [LOG(), HOLD, HOLD, HOLD, LOG(3)],
    ],
    [
      "kinds are throttled separately",
      [
        [0, "a"],
        [1, "b"],
        [2, "a"],
        [3, "b"],
        [4, "c"],
      ],
      [LOG(), LOG(), HOLD, HOLD, LOG()],
    ],
    [
      "after a quiet spell the count starts again from zero",
      [
        [0, "a"],
        [5, "a"],
        [2_000, "a"],
        [5_000, "a"],
      ],
      [LOG(), HOLD, LOG(1), LOG()],
    ],
  ] as const)("%s", (_name, steps, expected) => {
    expect(run(steps)).toEqual(expected);
  });

  test("a flood of 10 000 identical errors in 10 seconds writes 10 lines that count all the others", () => {
    const steps = Array.from({ length: 10_000 }, (_, i) => [i, "store down:ECONNREFUSED"] as const);
    const verdicts = run(steps);
    const written = verdicts.filter((v): v is Extract<ThrottleVerdict, { log: true }> => v.log);
    expect(written).toHaveLength(10);
    expect(written.reduce((sum, v) => sum + v.suppressed, 0) + written.length).toBe(
      10_000 - (1_000 - 1), // the last second's held-back lines have not been counted by a later line yet
    );
  });

  test("remembers a bounded number of kinds: the oldest is forgotten", () => {
    const verdicts = run(
      [
        [0, "a"],
        [1, "b"],
        [2, "c"],
        [3, "a"],
      ],
      2,
    );
    expect(verdicts).toEqual([LOG(), LOG(), LOG(), LOG()]);
  });
});
