import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import type {
  CallbackQueue,
  CallbackTask,
  NewCallback,
  SlotPicker,
} from "../../src/service/callbacks/callbackQueue.js";
import { MemoryCallbackQueue } from "../../src/service/callbacks/memoryQueue.js";
import { RedisCallbackQueue } from "../../src/service/callbacks/redisQueue.js";
import { waitFor } from "../support/callbackLine.js";
import { REDIS_URL, redisSuite, uniquePrefix, warnIfRedisSkipped } from "../support/redis.js";

warnIfRedisSkipped("test/callbacks/queueContract.test.ts");

const T0 = Date.parse("2026-11-30T16:00:00Z");
const clock = { now: T0 };

/** A call-back as the desk would queue it (the number already sealed: the queue never sees it in clear). */
function newCallback(id: string, team = "memberServices"): NewCallback {
  return {
    id,
    team,
    region: "northwest",
    language: "en",
    interpreter: null,
    sealed: "v1.sealed",
    lastDigits: "0123",
    requestedAt: clock.now,
    due: T0,
  };
}

/** A slot picker that asks for `windows` windows of 15 minutes from T0, 2 a window. */
const twoPerWindow: SlotPicker = async (reserve) => {
  for (let start = T0; ; start += 15 * 60_000)
    if (await reserve("memberServices", "northwest", start, 2))
      return start === T0 ? { due: start } : { due: start, dueBy: start + 3_600_000 };
};

const redis = REDIS_URL ? new Redis(REDIS_URL) : undefined;
const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis?.keys(`${prefix}:*`);
    if (keys && keys.length > 0) await redis?.del(...keys);
  }
  await redis?.quit();
});

/** A key prefix of this file's own, removed after its tests. */
function ownPrefix(): string {
  const prefix = uniquePrefix("callbacks").replace(/:$/, "");
  prefixes.push(prefix);
  return prefix;
}

type Backend = { name: string; create: () => CallbackQueue };
const backends: Backend[] = [
  { name: "memory", create: () => new MemoryCallbackQueue() },
  ...(REDIS_URL && redis
    ? [
        {
          name: redisSuite("redis (BullMQ)"),
          create: () =>
            new RedisCallbackQueue({
              target: { kind: "url", url: REDIS_URL as string },
              redis,
              prefix: ownPrefix(),
              keepSeconds: 3_600,
              lockMs: 1_000,
              now: () => clock.now,
            }),
        },
      ]
    : []),
];

describe.each(backends)("the call-back queue contract: $name", ({ create }) => {
  let queue: CallbackQueue | undefined;
  afterEach(async () => {
    await queue?.close();
    queue = undefined;
    clock.now = T0;
  });

  test("one call-back per id: asking again finds the pending one and changes nothing", async () => {
    queue = create();
    const first = await queue.request(newCallback("a".repeat(32)), twoPerWindow);
    const again = await queue.request({ ...newCallback("a".repeat(32)), language: "es" }, twoPerWindow);
    expect(first.kind).toBe("requested");
    expect(again).toEqual({ kind: "pending", callback: first.callback });
    expect(await queue.list()).toHaveLength(1);
  });

  test("the pace: two per window, the third goes to the next window with the hour promised", async () => {
    queue = create();
    const dues = [];
    for (const id of ["1", "2", "3"])
      dues.push((await queue.request(newCallback(id.repeat(32)), twoPerWindow)).callback);
    expect(dues.map((d) => d.due)).toEqual([T0, T0, T0 + 15 * 60_000]);
    expect(dues[2]?.dueBy).toBe(T0 + 15 * 60_000 + 3_600_000);
    expect((await queue.list()).map((c) => c.id)).toEqual(["1".repeat(32), "2".repeat(32), "3".repeat(32)]);
  });

  test("a task runs when the line's clock says it is due, not before, once", async () => {
    queue = create();
    clock.now = T0 - 3_600_000;
    await queue.request({ ...newCallback("b".repeat(32)), requestedAt: clock.now }, twoPerWindow);
    const ran: CallbackTask[] = [];
    queue.startWorker(
      () => clock.now,
      async (task) => void ran.push(task),
      { pollMs: 20, checkAfterMs: 60_000 },
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(ran).toEqual([]);
    clock.now = T0;
    await waitFor("the due task", () => ran.length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(ran).toEqual([{ kind: "place", id: "b".repeat(32), attempt: 1, at: T0 }]);
    clock.now = T0 + 60_000;
    await waitFor("the try's check", () => ran.length === 2);
    expect(ran[1]).toMatchObject({ kind: "check", attempt: 1 });
  });

  test("placed, rescheduled, removed: the record follows, and nothing is left after removal", async () => {
    queue = create();
    const id = "c".repeat(32);
    await queue.request(newCallback(id), twoPerWindow);
    expect(await queue.markPlaced(id, `CA${"0".repeat(32)}`, 1, T0 + 600_000)).toBe(true);
    expect(await queue.find(id)).toMatchObject({ attempts: 1, placed: { until: T0 + 600_000 } });
    expect(await queue.reschedule(id, T0 + 1_200_000)).toBe(true);
    const moved = await queue.find(id);
    expect(moved).toMatchObject({ attempts: 1, due: T0 + 1_200_000 });
    expect(moved?.placed).toBeUndefined();
    expect(await queue.remove(id)).toBe(true);
    expect(await queue.find(id)).toBeUndefined();
    expect(await queue.list()).toEqual([]);
    expect(await queue.remove(id)).toBe(false);
    expect(await queue.markPlaced(id, `CA${"0".repeat(32)}`, 2, T0)).toBe(false);
    expect(await queue.reschedule(id, T0)).toBe(false);
  });
});
