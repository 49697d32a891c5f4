import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RedisStore } from "../../src/service/session/redisStore.js";
import { createTestApp, freshCallFlow, type TestApp } from "../support/createTestApp.js";
import {
  connectedRedisStore,
  deletePrefix,
  REDIS_URL,
  redisSuite,
  uniquePrefix,
  warnIfRedisSkipped,
} from "../support/redis.js";
import { region, regionKey, UNKNOWN_TO } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";

warnIfRedisSkipped("test/session/twoInstances.test.ts");

/**
 * Two instances of the line behind a load balancer: separately compiled flows, separate Redis clients,
 * one key prefix. A call's turns alternate between them and must behave as on a single instance.
 */
describe.skipIf(!REDIS_URL)(redisSuite("two instances sharing Redis"), () => {
  const url = REDIS_URL as string;
  const prefix = uniquePrefix("two-instances");
  let storeA: RedisStore;
  let storeB: RedisStore;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    storeA = await connectedRedisStore(url, { keyPrefix: prefix });
    storeB = await connectedRedisStore(url, { keyPrefix: prefix });
    a = createTestApp({ store: storeA, callFlow: freshCallFlow() });
    b = createTestApp({ store: storeB, callFlow: freshCallFlow() });
  });

  afterAll(async () => {
    await deletePrefix(url, prefix);
    await Promise.all([storeA?.close(), storeB?.close()]);
  });

  test("the instances do not share a compiled flow or a client", () => {
    expect(a.callFlow).not.toBe(b.callFlow);
    expect(a.callFlow.machine).not.toBe(b.callFlow.machine);
    expect(storeA).not.toBe(storeB);
  });

  test("the region chosen on one instance is used by the other", async () => {
    const call = new SimulatedCall({ target: a.app, to: UNKNOWN_TO });
    await call.incoming();
    expect(call.says()[1]).toMatch(/Please choose your region/);
    await call.press(regionKey("northwest"), { target: b.app });
    expect(call.says().join(" ")).toMatch(/Please listen to the following options/);
    await call.press("3", { target: a.app });
    expect(call.dialed()).toBe(region("northwest").dials["3"]);
    expect(b.logs.turns(call.callSid).map((l) => l.region)).toEqual(["northwest"]);
    expect(a.logs.turns(call.callSid).map((l) => l.region)).toEqual([null, "northwest"]);
  });

  test("failures add up across instances: invalid (A), invalid (B), silence (A) → a representative", async () => {
    const call = new SimulatedCall({ target: a.app, to: region("georgia").inbound });
    await call.incoming({ target: a.app });
    await call.press("7", { target: a.app });
    expect(call.says()[0]).toBe("Sorry, that is not one of the choices.");
    await call.press("7", { target: b.app });
    expect(call.says()[0]).toBe("Sorry, that is not one of the choices.");
    expect(call.last.next?.kind).toBe("gather");
    await call.silence({ target: a.app });
    expect(call.says()).toContain("Let me connect you with someone who can help.");
    expect(call.says().at(-1)).toBe("Connecting you to a representative. Please hold.");
    expect(call.dialed()).toBe(region("georgia").memberServices[0]);
    expect(await storeB.load(call.callSid)).toMatchObject({
      turn: 4,
      call: { value: "transfer", context: { failures: 0, transfer: { team: "representative" } } },
    });
  });

  test("a transfer carries over: busy on B tries the next number, busy on A returns to the menu", async () => {
    const colorado = region("colorado");
    const call = new SimulatedCall({ target: b.app, to: colorado.inbound });
    await call.incoming();
    await call.press("1", { target: a.app });
    expect(call.dialed()).toBe(colorado.memberServices[0]);
    await call.dialResult("busy", { target: b.app });
    expect(call.dialed()).toBe(colorado.memberServices[1]);
    await call.dialResult("busy", { target: a.app });
    expect(call.last.next?.kind).toBe("gather");
    expect(call.says()[0]).toBe("Sorry, we could not reach member services.");
    await call.press("0", { target: b.app });
    await call.dialResult("completed", { target: a.app });
    expect(call.last.nodes.map((n) => n.verb)).toEqual(["Hangup"]);
    expect(await storeA.load(call.callSid)).toEqual({ ended: true });
  });

  test("a retry answered by the other instance is still a replay", async () => {
    const call = new SimulatedCall({ target: a.app, to: region("hawaii").inbound });
    await call.incoming();
    const first = await call.press("6", { target: a.app });
    const retried = await call.post("/voice/turn?t=1", { Digits: "6" }, { target: b.app });
    expect(retried.text).toBe(first.text);
    expect(await storeA.load(call.callSid)).toMatchObject({ turn: 2, call: { context: { failures: 1 } } });
  });

  test("the status callback on one instance marks the call ended for both", async () => {
    const call = new SimulatedCall({ target: a.app, to: region("washington").inbound });
    await call.incoming();
    await call.press("9");
    expect(call.says().join(" ")).toMatch(/Por favor/);
    expect(await call.statusCallback("completed", { target: b.app })).toBe(204);
    expect(await storeA.load(call.callSid)).toEqual({ ended: true });
  });
});
