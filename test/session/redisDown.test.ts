import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RedisStore } from "../../src/service/session/redisStore.js";
import { createTestApp, type TestApp } from "../support/createTestApp.js";
import { gatherAttrsOf } from "../support/parseTwiml.js";
import {
  connectedRedisStore,
  deletePrefix,
  REDIS_URL,
  redisStoreAt,
  redisSuite,
  ttlOf,
  uniquePrefix,
  waitForRedis,
  warnIfRedisSkipped,
} from "../support/redis.js";
import { REGIONS, region, UNKNOWN_TO } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import { closedPort, TcpProxy } from "../support/tcpProxy.js";
import { PUBLIC_BASE_URL } from "../support/twilioRequest.js";

warnIfRedisSkipped("test/session/redisDown.test.ts");

const APOLOGY = "We are sorry, something went wrong on our end.";
/** Twilio gives up on a webhook after 15 s; the safe answer must come long before. */
const WELL_UNDER_TWILIO_TIMEOUT_MS = 2_000;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe.skipIf(!REDIS_URL)(redisSuite("Redis down"), () => {
  const url = REDIS_URL as string;
  const prefix = uniquePrefix("redis-down");

  afterAll(() => deletePrefix(url, prefix));

  describe("a store pointed at a closed port", () => {
    let store: RedisStore;
    let t: TestApp;
    beforeAll(async () => {
      // Like redis://127.0.0.1:6390, but a port checked to be closed on this machine.
      store = redisStoreAt(`redis://127.0.0.1:${await closedPort()}`, { keyPrefix: prefix });
      t = createTestApp({ store });
    });
    afterAll(() => store.close());

    test.each(REGIONS)("$id: the incoming call gets 200, an apology and member services, fast", async (r) => {
      const call = new SimulatedCall({ target: t.app, to: r.inbound });
      const { value: answer, ms } = await timed(() => call.incoming());
      expect(ms).toBeLessThan(WELL_UNDER_TWILIO_TIMEOUT_MS);
      expect(answer.status).toBe(200);
      expect(call.says()[0]).toBe(APOLOGY);
      expect(answer.next).toEqual({
        kind: "dial",
        action: `${PUBLIC_BASE_URL}/voice/recover`,
        number: r.memberServices[0],
      });
    });

    test("every later webhook of the call is answered the same way", async () => {
      const call = new SimulatedCall({ target: t.app, to: region("colorado").inbound });
      await call.incoming();
      for (const step of [() => call.dialResult("busy"), () => call.dialResult("no-answer")]) {
        const { value: answer, ms } = await timed(step);
        expect(ms).toBeLessThan(WELL_UNDER_TWILIO_TIMEOUT_MS);
        expect(answer.status).toBe(200);
        expect(call.says()[0]).toBe(APOLOGY);
        expect(call.dialed()).toBe(region("colorado").memberServices[0]);
      }
    });

    test("an unknown To gets the region menu after an apology", async () => {
      const call = new SimulatedCall({ target: t.app, to: UNKNOWN_TO });
      await call.incoming();
      expect(call.says()[0]).toBe(APOLOGY);
      expect(gatherAttrsOf(call.last.nodes)?.action).toBe(`${PUBLIC_BASE_URL}/voice/recover`);
    });

    test("/healthz answers 503 and says the store is unreachable; /healthz/live stays 200", async () => {
      const res = await request(t.app).get("/healthz");
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: "unavailable", store: "unreachable" });
      expect((await request(t.app).get("/healthz/live")).status).toBe(200);
    });
  });

  describe("Redis goes away and comes back", () => {
    let proxy: TcpProxy;
    let store: RedisStore;
    let t: TestApp;

    beforeAll(async () => {
      const target = new URL(url);
      proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
      await proxy.start();
      store = await connectedRedisStore(`redis://127.0.0.1:${proxy.port}`, { keyPrefix: prefix });
      t = createTestApp({ store });
    });
    afterAll(async () => {
      await store?.close();
      await proxy?.stop();
    });

    test("calls fail over to the safe answer during the outage and work again once the client reconnects", async () => {
      const northwest = region("northwest");
      // Before: a call starts normally and its session is in Redis.
      const before = new SimulatedCall({ target: t.app, to: northwest.inbound });
      await before.incoming();
      expect(before.last.next?.kind).toBe("gather");
      expect(await ttlOf(url, prefix + before.callSid)).toBeGreaterThan(0);

      // During: Redis is gone. Every webhook still answers at once with the safe TwiML.
      await proxy.stop();
      const during = new SimulatedCall({ target: t.app, to: northwest.inbound });
      const { ms } = await timed(() => during.incoming());
      expect(ms).toBeLessThan(WELL_UNDER_TWILIO_TIMEOUT_MS);
      expect(during.says()[0]).toBe(APOLOGY);
      expect(during.dialed()).toBe(northwest.memberServices[0]);
      expect((await request(t.app).get("/healthz")).body.store).toBe("unreachable");

      // After: Redis is back; the same client reconnects on its own.
      await proxy.start();
      await waitForRedis(store, `redis://127.0.0.1:${proxy.port}`, 8_000);
      expect((await request(t.app).get("/healthz")).body).toMatchObject({ status: "ok", store: "ok" });

      // The call from before the outage goes on where it was.
      await before.press("2");
      expect(before.dialed()).toBe(northwest.dials["2"]);
      // The caller who got the fallback, if the representative is busy, is back in the menu.
      await during.dialResult("busy");
      expect(during.last.next?.kind).toBe("gather");
      expect(during.says()[0]).toBe("Sorry, we could not reach a representative.");
      await during.press("4");
      expect(during.dialed()).toBe(northwest.dials["4"]);
      // And a new call works end to end.
      const after = new SimulatedCall({ target: t.app, to: region("california").inbound });
      await after.incoming();
      await after.press("5");
      expect(await store.load(after.callSid)).toMatchObject({ turn: 2, call: { context: { failures: 1 } } });
    });

    test("a store created after the outage works against the same Redis and sees the same sessions", async () => {
      const fresh = await connectedRedisStore(`redis://127.0.0.1:${proxy.port}`, { keyPrefix: prefix });
      try {
        const other = createTestApp({ store: fresh });
        const call = new SimulatedCall({ target: t.app, to: region("hawaii").inbound });
        await call.incoming();
        await call.press("1", { target: other.app });
        expect(call.dialed()).toBe(region("hawaii").memberServices[0]);
      } finally {
        await fresh.close();
      }
    });
  });
});
