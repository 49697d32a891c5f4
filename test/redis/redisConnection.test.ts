import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { startCall } from "../../src/service/flow/callSteps.js";
import { RedisConnection, type RedisConnectionOptions } from "../../src/service/redis/redisConnection.js";
import { RedisStore } from "../../src/service/session/redisStore.js";
import { OPEN_HOURS, sharedCallFlow } from "../support/createTestApp.js";
import { HAS_REDIS_SERVER, NO_REDIS_SERVER, RedisProcess, waitUntil } from "../support/redisProcesses.js";
import { closedPort, TcpProxy } from "../support/tcpProxy.js";

if (!HAS_REDIS_SERVER) console.warn(`test/redis/redisConnection.test.ts: ${NO_REDIS_SERVER}`);
const suite = (title: string) => (HAS_REDIS_SERVER ? title : `${title} [${NO_REDIS_SERVER}]`);

/** How long `work` took, in ms, and what it settled with. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = performance.now();
  try {
    const value = await work();
    return { ms: performance.now() - started, value };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

const opened: RedisConnection[] = [];
/** A connection to `url` that has connected. */
async function connectTo(url: string, options: RedisConnectionOptions = {}): Promise<RedisConnection> {
  const connection = new RedisConnection({ kind: "url", url }, options);
  opened.push(connection);
  await waitUntil(`a connection to ${url}`, () => connection.ping().then(() => true), 5_000);
  return connection;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

/**
 * The connection every part of the service on Redis uses, against redis-server processes of its own (the
 * tests pause and kill them).
 */
describe.skipIf(!HAS_REDIS_SERVER)(suite("a Redis connection"), () => {
  let primary: RedisProcess;
  let proxy: TcpProxy;
  beforeAll(async () => {
    primary = await RedisProcess.server(["--repl-diskless-sync-delay", "0"]);
    proxy = new TcpProxy("127.0.0.1", primary.port);
    await proxy.start();
  });
  afterAll(async () => {
    await proxy?.stop();
    await primary?.stop();
  });

  describe("tries a failed command again, within bounds", () => {
    test("an outage shorter than the bound: the read waits for Redis and succeeds", async () => {
      const connection = await connectTo(`redis://127.0.0.1:${proxy.port}`);
      await connection.write((redis) => redis.set("t:short", "kept"));
      await proxy.stop();
      setTimeout(() => void proxy.start(), 400);
      const { ms, value, error } = await timed(() => connection.read((redis) => redis.get("t:short")));
      expect(error).toBeUndefined();
      expect(value).toBe("kept");
      expect(ms).toBeGreaterThanOrEqual(350);
      expect(ms).toBeLessThan(1_600);
    });

    test("an outage longer than the bound: the command fails after it, not before", async () => {
      const connection = await connectTo(`redis://127.0.0.1:${proxy.port}`, { retryWithinMs: 600 });
      await proxy.stop();
      try {
        const { ms, error } = await timed(() => connection.read((redis) => redis.get("t:long")));
        expect(error).toBeInstanceOf(Error);
        expect(ms).toBeGreaterThanOrEqual(500);
        expect(ms).toBeLessThan(900);
      } finally {
        await proxy.start();
      }
    });

    test("past the failover window, an outage is an outage: commands fail at once", async () => {
      const connection = await connectTo(`redis://127.0.0.1:${proxy.port}`, { failoverWindowMs: 300 });
      await proxy.stop();
      try {
        await new Promise((r) => setTimeout(r, 400));
        const { ms, error } = await timed(() => connection.read((redis) => redis.get("t:gone")));
        expect(error).toBeInstanceOf(Error);
        expect(ms).toBeLessThan(150);
      } finally {
        await proxy.start();
      }
    });

    test("a Redis never reached: commands fail at once, and ping says why", async () => {
      const port = await closedPort();
      const connection = new RedisConnection({ kind: "url", url: `redis://127.0.0.1:${port}` });
      opened.push(connection);
      await new Promise((r) => setTimeout(r, 100));
      const { ms, error } = await timed(() => connection.read((redis) => redis.get("t:never")));
      expect(error).toBeInstanceOf(Error);
      expect(ms).toBeLessThan(150);
      await expect(connection.ping()).rejects.toThrow(`ECONNREFUSED 127.0.0.1:${port}`);
    });

    test("a final reply is not tried again", async () => {
      const connection = await connectTo(primary.url);
      await connection.write((redis) => redis.set("t:string", "a string"));
      let tries = 0;
      const { error } = await timed(() =>
        connection.read((redis) => {
          tries++;
          return redis.hget("t:string", "field");
        }),
      );
      expect(String(error)).toMatch(/^ReplyError: WRONGTYPE/);
      expect(tries).toBe(1);
    });

    test("a compare-and-set whose answer was lost finds its own record stored: saved, not refused", async () => {
      const store = new RedisStore(await connectTo(primary.url), { keyPrefix: "t:cas:" });
      const call = startCall(sharedCallFlow(), { region: "northwest", now: OPEN_HOURS });
      const record = { turn: 1, version: sharedCallFlow().version, call };
      // Redis holds every command for 700 ms: the first try times out at 500 ms, runs at 700 ms, and the
      // second try then finds the record the first one stored.
      await primary.command("CLIENT", "PAUSE", 700, "ALL");
      const { ms, value, error } = await timed(() => store.commit("CA-lost-answer", record, 60, null));
      expect(error).toBeUndefined();
      expect(value).toBeUndefined();
      expect(ms).toBeGreaterThanOrEqual(600);
      expect(await store.load("CA-lost-answer")).toEqual(record);
      // Another turn's record is still refused.
      expect(await store.commit("CA-lost-answer", { ...record, turn: 2 }, 60, 5)).toEqual(record);
    });
  });

  describe("has a replica acknowledge each write (WAIT), when asked to", () => {
    // A primary of its own, never paused.
    let ackPrimary: RedisProcess;
    let replica: RedisProcess;
    beforeAll(async () => {
      ackPrimary = await RedisProcess.server(["--repl-diskless-sync-delay", "0"]);
      replica = await RedisProcess.server(["--replicaof", "127.0.0.1", String(ackPrimary.port)]);
      await waitUntil("the replica acknowledges writes", () => ackPrimary.acknowledgedByReplica(), 10_000);
    });
    afterAll(async () => {
      await replica?.stop();
      await ackPrimary?.stop();
    });

    test("an acknowledged write is on the replica when the write returns", async () => {
      const unacknowledged: number[] = [];
      const connection = await connectTo(ackPrimary.url, {
        replicaWaitMs: 200,
        onUnacknowledged: (ms) => unacknowledged.push(ms),
      });
      for (let i = 0; i < 20; i++) {
        await connection.write((redis) => redis.set(`t:ack:${i}`, `value ${i}`));
        expect(await replica.command("GET", `t:ack:${i}`)).toBe(`value ${i}`);
      }
      expect(unacknowledged).toEqual([]);
    });

    test("no replica: the write is answered after the wait and said, then not waited for during a second", async () => {
      const unacknowledged: number[] = [];
      const clock = { now: Date.now() };
      const connection = await connectTo(ackPrimary.url, {
        replicaWaitMs: 200,
        onUnacknowledged: (ms) => unacknowledged.push(ms),
        now: () => clock.now,
      });
      await replica.stop();
      const write = (key: string) => timed(() => connection.write((redis) => redis.set(key, "v")));
      const first = await write("t:alone:1");
      expect(first.error).toBeUndefined();
      expect(first.ms).toBeGreaterThanOrEqual(190);
      expect(unacknowledged).toEqual([200]);
      clock.now += 900;
      expect((await write("t:alone:2")).ms).toBeLessThan(100);
      expect(unacknowledged).toEqual([200]);
      clock.now += 200;
      expect((await write("t:alone:3")).ms).toBeGreaterThanOrEqual(190);
      expect(unacknowledged).toEqual([200, 200]);
    });

    test("0 does not wait at all", async () => {
      const connection = await connectTo(ackPrimary.url, { replicaWaitMs: 0 });
      const { ms } = await timed(() => connection.write((redis) => redis.set("t:nowait", "v")));
      expect(ms).toBeLessThan(100);
    });
  });
});
