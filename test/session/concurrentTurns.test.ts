import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import { createTestApp, freshCallFlow, OPEN_HOURS, type TestApp } from "../support/createTestApp.js";
import { GatedStore, LoadGate } from "../support/faultyStores.js";
import {
  connectedRedisStore,
  deletePrefix,
  REDIS_URL,
  redisSuite,
  uniquePrefix,
  warnIfRedisSkipped,
} from "../support/redis.js";
import { region } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";

warnIfRedisSkipped("test/session/concurrentTurns.test.ts");

/**
 * Twilio can retry a turn while the first attempt is still being answered, and the two attempts may
 * land on two instances at the same instant. Of two identical turns in flight, one advances the call and
 * the other gets the same answer: released together, many times.
 */
const ROUNDS = 40;

interface Pair {
  readonly name: string;
  readonly unavailable: string | undefined;
  /** Both instances' loads wait at one gate while `gates` are closed: the two requests are in flight together. */
  open(): Promise<{ a: TestApp; b: TestApp; gates: GatedStore[]; close(): Promise<void> }>;
}

const oneProcess: Pair = {
  name: "one instance, memory store",
  unavailable: undefined,
  async open() {
    const gate = new LoadGate(2);
    const store = new GatedStore(gate, new MemoryStore({ now: () => OPEN_HOURS, sweepIntervalMs: 0 }));
    const a = createTestApp({ store });
    return { a, b: a, gates: [store], close: () => store.close() };
  },
};
const prefix = uniquePrefix("concurrent");
const twoInstances: Pair = {
  name: "two instances, one Redis",
  unavailable: REDIS_URL ? undefined : "no Redis",
  async open() {
    const url = REDIS_URL as string;
    const gate = new LoadGate(2);
    const stores = [
      new GatedStore(gate, await connectedRedisStore(url, { keyPrefix: prefix })),
      new GatedStore(gate, await connectedRedisStore(url, { keyPrefix: prefix })),
    ];
    const [a, b] = stores.map((store) => createTestApp({ store, callFlow: freshCallFlow() })) as [TestApp, TestApp];
    return {
      a,
      b,
      gates: stores,
      async close() {
        await deletePrefix(url, prefix);
        await Promise.all(stores.map((s) => s.close()));
      },
    };
  },
};

describe.each([oneProcess, twoInstances])("$name", (pair) => {
  const maybe = pair.unavailable ? describe.skip : describe;
  maybe(pair === twoInstances ? redisSuite("identical turns in flight") : "identical turns in flight", () => {
    let a: TestApp;
    let b: TestApp;
    let gates: GatedStore[];
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ a, b, gates, close } = await pair.open());
    });
    const together = async <T>(work: () => Promise<T>): Promise<T> => {
      for (const g of gates) g.open = false;
      try {
        return await work();
      } finally {
        for (const g of gates) g.open = true;
      }
    };
    afterAll(() => close());

    test.each([
      ["a wrong key", { Digits: "7" }, "/voice/turn?t=1"],
      ["a choice", { Digits: "3" }, "/voice/turn?t=1"],
      ["silence", {}, "/voice/turn?t=1"],
    ])(`%s, sent twice at once, advances the call once (${ROUNDS} rounds)`, async (_name, extra, path) => {
      for (let round = 0; round < ROUNDS; round++) {
        const call = new SimulatedCall({ target: a.app, to: region("georgia").inbound });
        await call.incoming();
        const [first, second] = await together(() =>
          Promise.all([call.post(path, extra, { target: a.app }), call.post(path, extra, { target: b.app })]),
        );
        expect(second.text).toBe(first.text);
        const results = [...a.logs.turns(call.callSid), ...(b === a ? [] : b.logs.turns(call.callSid))]
          .filter((l) => l.turn === 2 || l.result === "replayed")
          .map((l) => l.result)
          .sort();
        expect(results).toEqual(["advanced", "replayed"]);
        expect(await a.store.load(call.callSid)).toMatchObject({ turn: 2 });
      }
    });

    test("two incoming webhooks for one new call at once: one starts it, the other replays", async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const call = new SimulatedCall({ target: a.app, to: region("hawaii").inbound });
        const [first, second] = await together(() =>
          Promise.all([call.incoming({ target: a.app }), call.incoming({ target: b.app })]),
        );
        expect(second.text).toBe(first.text);
        const results = [...a.logs.turns(call.callSid), ...(b === a ? [] : b.logs.turns(call.callSid))]
          .map((l) => l.result)
          .sort();
        expect(results).toEqual(["replayed", "started"]);
      }
    });
  });
});

describe("a recovery request cannot rewind a call", () => {
  test.each([
    ["a stale turn", "/voice/recover?t=1"],
    ["no turn", "/voice/recover"],
  ])("a replayed recovery with %s answers the call where it is", async (_name, path) => {
    const t = createTestApp();
    const call = new SimulatedCall({ target: t.app, to: region("georgia").inbound });
    await call.incoming();
    await call.press("9");
    await call.press("7");
    const before = await t.store.load(call.callSid);
    expect(before).toMatchObject({ turn: 3, call: { value: "main", context: { language: "es", failures: 1 } } });
    const current = await call.post("/voice/turn?t=2", { Digits: "7" });

    const replayed = await call.post(path, { Digits: "1" });
    expect(replayed.text).toBe(current.text);
    expect(await t.store.load(call.callSid)).toEqual(before);
    expect(t.logs.turns(call.callSid).at(-1)).toMatchObject({ result: "replayed" });
  });

  test("a recovery at the call's own turn starts over, as recovery should", async () => {
    const t = createTestApp();
    const call = new SimulatedCall({ target: t.app, to: region("georgia").inbound });
    await call.incoming();
    await call.press("7");
    await call.post("/voice/recover?t=2", { Digits: "3" });
    expect(t.logs.turns(call.callSid).at(-1)).toMatchObject({ result: "restarted", reason: "recovery" });
    expect(await t.store.load(call.callSid)).toMatchObject({ turn: 3, call: { value: "transfer" } });
  });
});
