import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { RedisCallbackQueue } from "../../src/service/callbacks/redisQueue.js";
import { createCallbackKey } from "../../src/service/callbacks/sealNumber.js";
import { eventSchema } from "../../src/service/contract/eventSchema.js";
import { simulateCall } from "../../src/tools/emulator/simulateCall.js";
import type { CallTranscript } from "../../src/tools/emulator/transcript.js";
import {
  type CallbackInstance,
  type CallbackInstanceOptions,
  MEMBER,
  MONDAY_8AM,
  NORTHWEST,
  SATURDAY_10AM,
  startCallbackInstance,
  waitFor,
} from "../support/callbackLine.js";
import { CapturedLogs } from "../support/createTestApp.js";
import { REDIS_URL, redisSuite, uniquePrefix, warnIfRedisSkipped } from "../support/redis.js";

warnIfRedisSkipped("test/callbacks/callbackOutcomes.test.ts");

const MINUTE = 60_000;
const press = (digits: string) => ({ kind: "press" as const, digits });
const heard = (t: CallTranscript | undefined) => (t?.entries ?? []).flatMap((e) => (e.kind === "say" ? [e.text] : []));

const redis = REDIS_URL ? new Redis(REDIS_URL) : undefined;
const prefixes: string[] = [];
const instances: CallbackInstance[] = [];
afterEach(async () => {
  for (const i of instances.splice(0)) await i.close();
});
afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis?.keys(`${prefix}:*`);
    if (keys && keys.length > 0) await redis?.del(...keys);
  }
  await redis?.quit();
});

/** A Redis queue of its own (a fresh prefix), on the shared test clock. */
function redisQueue(clock: { now: number }, prefix = uniquePrefix("cb").replace(/:$/, "")) {
  if (!prefixes.includes(prefix)) prefixes.push(prefix);
  return new RedisCallbackQueue({
    target: { kind: "url", url: REDIS_URL as string },
    redis: redis as Redis,
    prefix,
    keepSeconds: 3_600,
    lockMs: 1_000,
    now: () => clock.now,
  });
}

async function start(options: CallbackInstanceOptions): Promise<CallbackInstance> {
  const instance = await startCallbackInstance(options);
  instances.push(instance);
  return instance;
}

/** A Northwest member asks for member services on Saturday and takes the call-back with their own number. */
async function askForCallback(instance: CallbackInstance): Promise<CallTranscript> {
  return simulateCall(instance.line, { to: NORTHWEST, from: MEMBER, inputs: [press("1"), press("5"), press("1")] });
}

/** The callback records written, by step. */
function steps(logs: CapturedLogs): string[] {
  return logs.entries().flatMap((e) => (e.msg === "callback" ? [String(e.step)] : []));
}

describe.skipIf(!REDIS_URL)(redisSuite("call-backs on Redis, through the REST stand-in"), () => {
  test("answered: a Vietnamese caller is offered, confirms and is called back in Vietnamese, with the interpreter", async () => {
    const clock = { now: SATURDAY_10AM };
    const instance = await start({ queue: redisQueue(clock), clock });
    // 8 → the language menu, 4 → Vietnamese with an interpreter: member services is closed on Saturday.
    const asked = await simulateCall(instance.line, {
      to: NORTHWEST,
      from: MEMBER,
      inputs: [press("8"), press("4"), press("5"), press("1")],
    });
    const said = heard(asked);
    expect(said.join("\n")).toContain(
      "Để được gọi lại khi Ban Dịch vụ Hội viên mở cửa, thứ Hai lúc 08 giờ, xin bấm số 5.",
    );
    expect(said.join("\n")).toContain("các số cuối là 0 1 2 3");
    expect(said.at(-1)).toBe("Cảm ơn quý vị. Ban Dịch vụ Hội viên sẽ gọi lại cho quý vị thứ Hai sau 08 giờ. Tạm biệt.");
    clock.now = MONDAY_8AM;
    await waitFor("the call-back placed", () => instance.standIn.calls.length === 1);
    await instance.standIn.idle();
    const outbound = instance.standIn.calls[0]?.transcript;
    expect(heard(outbound)[0]).toMatch(/^Xin chào, đây là chương trình bảo hiểm sức khỏe/);
    expect(heard(outbound)).toContain(
      "Chúng tôi sẽ kết nối quý vị với thông dịch viên miễn phí. Xin vui lòng giữ máy.",
    );
    expect(outbound?.outcome).toMatchObject({ kind: "transferred", number: "+18008132000" });
    expect(steps(instance.logs)).toEqual(["placed", "answered"]);
  });

  test("no answer, then answered 20 minutes later", async () => {
    const clock = { now: SATURDAY_10AM };
    const instance = await start({ queue: redisQueue(clock), clock, standIn: { outcomes: ["no-answer", "answered"] } });
    await askForCallback(instance);
    clock.now = MONDAY_8AM;
    await waitFor("the first try", () => instance.standIn.calls.length === 1);
    await instance.standIn.idle();
    await waitFor("the retry queued", () => steps(instance.logs).includes("retried"));
    clock.now = MONDAY_8AM + 19 * MINUTE;
    await new Promise((r) => setTimeout(r, 200));
    expect(instance.standIn.calls).toHaveLength(1);
    clock.now = MONDAY_8AM + 20 * MINUTE;
    await waitFor("the second try", () => instance.standIn.calls.length === 2);
    await instance.standIn.idle();
    expect(instance.standIn.calls.map((c) => c.outcome)).toEqual(["no-answer", "answered"]);
    expect(instance.standIn.calls[1]?.transcript?.outcome).toMatchObject({ kind: "transferred" });
    expect(steps(instance.logs)).toEqual(["placed", "retried", "placed", "answered"]);
    expect(await instance.desk.queue.list()).toEqual([]);
  });

  test("given up after the first try and 3 more, 20 minutes apart, and its number deleted", async () => {
    const clock = { now: SATURDAY_10AM };
    const instance = await start({ queue: redisQueue(clock), clock, standIn: { outcomes: () => "busy" } });
    await askForCallback(instance);
    for (let i = 0; i < 4; i++) {
      clock.now = MONDAY_8AM + i * 20 * MINUTE;
      await waitFor(`try ${i + 1}`, () => instance.standIn.calls.length === i + 1);
      await instance.standIn.idle();
      await waitFor(`the outcome of try ${i + 1}`, () => steps(instance.logs).length === 2 * (i + 1));
    }
    expect(steps(instance.logs)).toEqual([
      "placed",
      "retried",
      "placed",
      "retried",
      "placed",
      "retried",
      "placed",
      "given up",
    ]);
    expect(await instance.desk.queue.list()).toEqual([]);
    clock.now = MONDAY_8AM + 120 * MINUTE;
    await new Promise((r) => setTimeout(r, 300));
    expect(instance.standIn.calls).toHaveLength(4);
  });

  test("cancelled by calling in: the member reaches member services first, and no call-back is placed", async () => {
    const clock = { now: SATURDAY_10AM };
    const instance = await start({ queue: redisQueue(clock), clock, worker: false });
    await askForCallback(instance);
    expect(await instance.desk.queue.list()).toHaveLength(1);
    clock.now = MONDAY_8AM - MINUTE;
    // At 07:59 member services is still closed: asking again tells the pending one and changes nothing.
    const again = await askForCallback(instance);
    expect(heard(again).at(-1)).toBe(
      "A call back from member services is already planned today after 8 AM. Nothing has changed. Goodbye.",
    );
    clock.now = MONDAY_8AM + MINUTE;
    const reached = await simulateCall(instance.line, { to: NORTHWEST, from: MEMBER, inputs: [press("1")] });
    expect(reached.outcome).toMatchObject({ kind: "transferred" });
    expect(await instance.desk.queue.list()).toEqual([]);
    instance.startWorker();
    await new Promise((r) => setTimeout(r, 300));
    expect(instance.standIn.calls).toEqual([]);
    expect(steps(instance.logs)).toEqual(["cancelled"]);
  });

  test("the server restarted between the request and the opening: the call-back still happens, once", async () => {
    const clock = { now: SATURDAY_10AM };
    const prefix = uniquePrefix("cb").replace(/:$/, "");
    const key = createCallbackKey();
    const first = await start({ queue: redisQueue(clock, prefix), clock, key });
    await askForCallback(first);
    await first.close();
    instances.splice(instances.indexOf(first), 1);
    const second = await start({ queue: redisQueue(clock, prefix), clock, key });
    clock.now = MONDAY_8AM;
    await waitFor("the call-back placed by the new instance", () => second.standIn.calls.length === 1);
    await second.standIn.idle();
    expect(second.standIn.calls[0]?.transcript?.outcome).toMatchObject({ kind: "transferred" });
    await new Promise((r) => setTimeout(r, 300));
    expect(first.standIn.calls).toEqual([]);
    expect(second.standIn.calls).toHaveLength(1);
  });

  test("no number in clear: not in Redis (every key and value of the queue), not in any log line", async () => {
    const clock = { now: SATURDAY_10AM };
    const prefix = uniquePrefix("cb").replace(/:$/, "");
    const logs = new CapturedLogs();
    const instance = await start({ queue: redisQueue(clock, prefix), clock, logs, worker: false });
    // One call-back with the caller's own number, one with a number keyed in and read back.
    await askForCallback(instance);
    const keyed = await simulateCall(instance.line, {
      to: NORTHWEST,
      from: MEMBER,
      inputs: [press("1"), press("5"), press("2"), press("5035550142#"), press("1")],
    });
    expect(heard(keyed)).toContain(
      "You entered 5 0 3 5 5 5 0 1 4 2. To confirm, press 1. To enter another number, press 2.",
    );
    const dumps = await dumpKeys(prefix);
    expect(dumps.length).toBeGreaterThan(2);
    for (const digits of ["5035550123", "5035550142"]) {
      expect(dumps.filter((d) => d.includes(digits))).toEqual([]);
      expect(logs.text()).not.toContain(digits);
    }
    clock.now = MONDAY_8AM;
    instance.startWorker();
    await waitFor("both placed", () => instance.standIn.calls.length === 2);
    await instance.standIn.idle();
    expect(instance.standIn.calls.map((c) => c.to).sort()).toEqual(["+15035550123", "+15035550142"]);
    for (const digits of ["5035550123", "5035550142"]) {
      expect((await dumpKeys(prefix)).filter((d) => d.includes(digits))).toEqual([]);
      expect(logs.text()).not.toContain(digits);
    }
    expect(await redis?.keys(`${prefix}:*:cb:record:*`)).toEqual([]);
    // Every event line, the call-back steps included, is exactly as its schema documents it.
    const events = logs.entries().filter((e) => e.msg === "turn" || e.msg === "callback" || e.msg === "call ended");
    expect(events.map((e) => e.msg)).toContain("callback");
    for (const e of events) expect(eventSchema.safeParse(e).error?.issues ?? []).toEqual([]);
    const steps = events.flatMap((e) => (e.callback ? [(e.callback as { step: string }).step] : []));
    expect(steps).toEqual(expect.arrayContaining(["offered", "requested", "answered", "connected"]));
  });
});

/** Every key under `prefix` with its value, whatever its type, as text. */
async function dumpKeys(prefix: string): Promise<string[]> {
  const r = redis as Redis;
  const out: string[] = [];
  for (const key of await r.keys(`${prefix}:*`)) {
    const type = await r.type(key);
    const value =
      type === "string"
        ? await r.get(key)
        : type === "hash"
          ? JSON.stringify(await r.hgetall(key))
          : type === "zset"
            ? JSON.stringify(await r.zrange(key, 0, -1, "WITHSCORES"))
            : type === "list"
              ? JSON.stringify(await r.lrange(key, 0, -1))
              : type === "set"
                ? JSON.stringify(await r.smembers(key))
                : type === "stream"
                  ? JSON.stringify(await r.xrange(key, "-", "+"))
                  : "";
    out.push(`${key} ${value}`);
  }
  return out;
}
