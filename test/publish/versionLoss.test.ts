import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { compileLine, readLineSource } from "../../src/service/line/lineSource.js";
import type { Publication } from "../../src/service/publish/publication.js";
import { DIRECTORY_FILE } from "../support/createTestApp.js";
import { HAS_REDIS_SERVER, NO_REDIS_SERVER, RedisProcess, waitUntil } from "../support/redisProcesses.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import { BEHAVIORAL, type Instance, lineFiles, NORTHWEST, PHARMACY, startInstance } from "./instances.js";

if (!HAS_REDIS_SERVER) console.warn(`test/publish/versionLoss.test.ts: ${NO_REDIS_SERVER}`);

/** Calls in parallel, each started on `first` and going on on `then`: what key 3 dialed, and how each turn went. */
async function callsAcross(first: Instance, then: Instance, count: number) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const call = new SimulatedCall({ target: first.t.app, to: NORTHWEST.inbound });
      await call.incoming();
      await call.press("3", { target: then.t.app });
      return { dialed: call.dialed(), turns: then.t.logs.turns(call.callSid) };
    }),
  );
}

/**
 * Redis loses its data (restarted without persistence: here FLUSHALL and every connection dropped, on a
 * redis-server of this test file) while two instances serve different versions. Every instance keeps the
 * versions its calls need again, so a call begun on one goes on on the other, never "version unavailable".
 */
describe.skipIf(!HAS_REDIS_SERVER)(
  HAS_REDIS_SERVER ? "versions survive Redis losing its data" : `versions survive [${NO_REDIS_SERVER}]`,
  () => {
    const files = lineFiles();
    const swapped = compileLine(readLineSource(files.swapped, DIRECTORY_FILE)).version;
    let redis: RedisProcess;
    const started: Instance[] = [];
    const lineKey = (version: string) => `ivr:line:${version}`;
    /** Redis lost everything, as a restart without persistence loses it. */
    const loseEverything = async (dropConnections: boolean) => {
      await redis.command("FLUSHALL");
      if (dropConnections) {
        await redis.command("CLIENT", "KILL", "TYPE", "normal");
        await redis.command("CLIENT", "KILL", "TYPE", "pubsub");
      }
    };

    beforeAll(async () => {
      redis = await RedisProcess.server();
    }, 30_000);
    afterEach(async () => {
      await Promise.all(started.splice(0).map((i) => i.close()));
      await redis.command("FLUSHALL");
    });
    afterAll(async () => {
      await redis?.stop();
      files.remove();
    });

    test("calls begun on the instance with the newer files go on on the other after Redis lost the versions", async () => {
      // A was reloaded with the swapped line (its own files), B still serves the bundled one.
      const a = await startInstance(redis.url, files.swapped);
      const b = await startInstance(redis.url, files.original);
      started.push(a, b);
      await loseEverything(false);
      expect(await redis.command("EXISTS", lineKey(swapped))).toBe(0);

      const calls = await callsAcross(a, b, 20);
      const lost = calls.flatMap((c) => c.turns).filter((t) => t.reason === "version unavailable");
      expect(lost).toEqual([]);
      expect(calls.map((c) => c.dialed)).toEqual(Array(20).fill(BEHAVIORAL));
      // A kept its version again when B asked for it.
      expect(await redis.command("EXISTS", lineKey(swapped))).toBe(1);
    }, 60_000);

    test("when Redis comes back empty, every instance keeps its versions again at once, unasked", async () => {
      const a = await startInstance(redis.url, files.swapped);
      const b = await startInstance(redis.url, files.original);
      started.push(a, b);
      const original = b.lines.current().version;
      await loseEverything(true);
      await waitUntil(
        "both versions are in Redis again",
        async () => (await redis.command("EXISTS", lineKey(swapped), lineKey(original))) === 2,
        3_000,
      );
      const calls = await callsAcross(b, a, 5);
      expect(calls.map((c) => c.dialed)).toEqual(Array(5).fill(PHARMACY));
    }, 60_000);

    test("a published line Redis lost is put back by the instances serving it, so a later instance serves it too", async () => {
      const a = await startInstance(redis.url, files.original, 500);
      const b = await startInstance(redis.url, files.original, 500);
      started.push(a, b);
      const entry: Publication = {
        version: swapped,
        kind: "publish",
        at: new Date().toISOString(),
        by: "dana",
        message: "",
        summary: "keys 3 and 4 swapped",
        replaced: null,
      };
      const source = readLineSource(files.swapped, DIRECTORY_FILE);
      expect(await a.published.publish(entry, source, null)).toEqual({ ok: true });
      await waitUntil(
        "both serve the publication",
        async () => [a, b].every((i) => i.lines.current().version === swapped),
        5_000,
      );

      await loseEverything(true);
      await waitUntil("the publication is back", async () => (await a.published.current()) !== undefined, 5_000);
      const history = await a.published.history();
      expect(history.map((p) => [p.kind, p.version, p.by])).toEqual([["restore", swapped, "dana"]]);

      const c = await startInstance(redis.url, files.original);
      started.push(c);
      expect(await c.health()).toMatchObject({ version: swapped, origin: { from: "published", kind: "restore" } });
      const calls = await callsAcross(c, a, 3);
      expect(calls.map((x) => x.dialed)).toEqual(Array(3).fill(BEHAVIORAL));
    }, 60_000);
  },
);
