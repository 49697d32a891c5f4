import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { startCall } from "../../src/service/flow/advanceCall.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import type { RedisStore } from "../../src/service/session/redisStore.js";
import type { SessionStore } from "../../src/service/session/sessionStore.js";
import type { SessionRecord, StoredSession } from "../../src/service/types.js";
import { createCallSid } from "../../src/tools/emulator/index.js";
import { OPEN_HOURS, sharedCallFlow } from "../support/createTestApp.js";
import {
  connectedRedisStore,
  deletePrefix,
  keysUnder,
  REDIS_URL,
  redisSuite,
  uniquePrefix,
  warnIfRedisSkipped,
} from "../support/redis.js";

warnIfRedisSkipped("test/session/store.test.ts");

/** A realistic session: the first turn of a Northwest call, with a notice and a transfer in context. */
function sampleRecord(turn = 1): SessionRecord {
  const call = startCall(sharedCallFlow(), { region: "northwest", now: OPEN_HOURS });
  return {
    turn,
    version: sharedCallFlow().version,
    call: {
      ...call,
      context: {
        ...call.context,
        notices: [{ kind: "closed", team: "memberServices", region: "northwest", open: ["2", "3"] }],
        transfer: { team: "behavioralHealth", region: "northwest", attempt: 0, announce: "crisisLine" },
      },
    },
  };
}

/** The turn of a stored call in progress, or undefined. */
function turnOf(session: StoredSession | undefined): number | undefined {
  return session && "turn" in session ? session.turn : undefined;
}

/** One store implementation under the shared contract. */
interface Backend {
  readonly name: string;
  /** Why this backend cannot run here, if it cannot. */
  readonly unavailable: string | undefined;
  setup(): Promise<void>;
  store(): SessionStore;
  /** Lets `ms` pass for the store: the memory store's clock moves, Redis is waited for. */
  pass(ms: number): Promise<void>;
  teardown(): Promise<void>;
}

let clockNow = OPEN_HOURS;
let memory: MemoryStore;
const memoryBackend: Backend = {
  name: "memory",
  unavailable: undefined,
  async setup() {
    memory = new MemoryStore({ now: () => clockNow, sweepIntervalMs: 0 });
  },
  store: () => memory,
  async pass(ms) {
    clockNow += ms;
  },
  async teardown() {
    await memory.close();
  },
};

const prefix = uniquePrefix("store");
let redis: RedisStore;
const redisBackend: Backend = {
  name: "redis",
  unavailable: REDIS_URL ? undefined : "REDIS_URL is not set",
  async setup() {
    redis = await connectedRedisStore(REDIS_URL as string, { keyPrefix: prefix });
  },
  store: () => redis,
  pass: (ms) => new Promise((r) => setTimeout(r, ms)),
  async teardown() {
    await deletePrefix(REDIS_URL as string, prefix);
    expect(await keysUnder(REDIS_URL as string, prefix)).toEqual([]);
    await redis?.close();
  },
};

describe.each([memoryBackend, redisBackend])("$name session store", (backend) => {
  describe.skipIf(backend.unavailable)(backend.unavailable ? redisSuite("contract") : "contract", () => {
    beforeAll(() => backend.setup());
    afterAll(() => backend.teardown());
    const store = () => backend.store();

    test("ping answers", async () => {
      await expect(store().ping()).resolves.toBeUndefined();
    });

    test("save then load returns an equal record", async () => {
      const callSid = createCallSid();
      const record = sampleRecord(7);
      await store().save(callSid, record, 60);
      expect(await store().load(callSid)).toEqual(record);
    });

    test("a loaded record is a copy: changing it does not change what is stored", async () => {
      const callSid = createCallSid();
      await store().save(callSid, sampleRecord(), 60);
      const loaded = (await store().load(callSid)) as SessionRecord;
      loaded.call.context.failures = 99;
      loaded.call.context.notices.push({ kind: "invalid" });
      expect(await store().load(callSid)).toEqual(sampleRecord());
    });

    test("save overwrites the previous record", async () => {
      const callSid = createCallSid();
      await store().save(callSid, sampleRecord(1), 60);
      await store().save(callSid, sampleRecord(2), 60);
      expect(turnOf(await store().load(callSid))).toBe(2);
    });

    test("loading an unknown call → undefined", async () => {
      expect(await store().load(createCallSid())).toBeUndefined();
    });

    test("calls are kept apart", async () => {
      const [a, b] = [createCallSid(), createCallSid()];
      await store().save(a, sampleRecord(1), 60);
      await store().save(b, sampleRecord(2), 60);
      expect(turnOf(await store().load(a))).toBe(1);
      expect(turnOf(await store().load(b))).toBe(2);
    });

    test("a session expires after its TTL (1 s)", async () => {
      const callSid = createCallSid();
      await store().save(callSid, sampleRecord(), 1);
      expect(await store().load(callSid)).toBeDefined();
      await backend.pass(1_100);
      expect(await store().load(callSid)).toBeUndefined();
      if (backend.name === "redis") expect(await redis.ttlOf(callSid)).toBe(-2);
    });

    test("each save restarts the TTL", async () => {
      const callSid = createCallSid();
      await store().save(callSid, sampleRecord(1), 1);
      await backend.pass(600);
      await store().save(callSid, sampleRecord(2), 1);
      await backend.pass(600);
      // 1.2 s after the first save, past its TTL: alive thanks to the second.
      expect(turnOf(await store().load(callSid))).toBe(2);
    });

    test("delete forgets the call, and deleting an unknown call is fine", async () => {
      const callSid = createCallSid();
      await store().save(callSid, sampleRecord(), 60);
      await store().delete(callSid);
      expect(await store().load(callSid)).toBeUndefined();
      await expect(store().delete(createCallSid())).resolves.toBeUndefined();
    });
  });
});

describe("memory store: TTL and sweep", () => {
  let now = OPEN_HOURS;
  let store: MemoryStore;
  beforeAll(() => {
    store = new MemoryStore({ now: () => now, sweepIntervalMs: 0 });
  });
  afterEach(() => {
    now += 86_400_000;
    store.sweep();
  });
  afterAll(() => store.close());

  test("a session is readable until its TTL and gone from then on", async () => {
    const callSid = createCallSid();
    await store.save(callSid, sampleRecord(), 10);
    now += 9_999;
    expect(await store.load(callSid)).toBeDefined();
    now += 1;
    expect(await store.load(callSid)).toBeUndefined();
  });

  test("sweep frees expired sessions and keeps live ones", async () => {
    const expired = [createCallSid(), createCallSid(), createCallSid()];
    for (const callSid of expired) await store.save(callSid, sampleRecord(), 10);
    now += 5_000;
    const live = createCallSid();
    await store.save(live, sampleRecord(), 10);
    expect(store.size).toBe(4);
    now += 6_000;
    expect(store.sweep()).toBe(3);
    expect(store.size).toBe(1);
    expect(await store.load(live)).toBeDefined();
    expect(store.sweep()).toBe(0);
  });

  test("a session saved again moves behind the others, so the sweep does not stop early", async () => {
    const [a, b] = [createCallSid(), createCallSid()];
    await store.save(a, sampleRecord(), 10);
    await store.save(b, sampleRecord(), 10);
    now += 5_000;
    await store.save(a, sampleRecord(2), 10);
    now += 6_000;
    expect(store.sweep()).toBe(1);
    expect(await store.load(a)).toBeDefined();
    expect(await store.load(b)).toBeUndefined();
  });

  test("the sweep timer runs on its own and does not keep the process alive", async () => {
    const timed = new MemoryStore({ now: () => now, sweepIntervalMs: 20 });
    await timed.save(createCallSid(), sampleRecord(), 1);
    now += 2_000;
    await new Promise((r) => setTimeout(r, 80));
    expect(timed.size).toBe(0);
    await timed.close();
  });
});

describe.skipIf(!REDIS_URL)(redisSuite("redis store: TTL"), () => {
  const ttlPrefix = uniquePrefix("ttl");
  let store: RedisStore;
  beforeAll(async () => {
    store = await connectedRedisStore(REDIS_URL as string, { keyPrefix: ttlPrefix });
  });
  afterAll(async () => {
    await deletePrefix(REDIS_URL as string, ttlPrefix);
    await store?.close();
  });

  test("the key carries the TTL given to save, and each save restarts it", async () => {
    const callSid = createCallSid();
    await store.save(callSid, sampleRecord(), 14_400);
    const ttl = await store.ttlOf(callSid);
    expect(ttl).toBeGreaterThanOrEqual(14_398);
    expect(ttl).toBeLessThanOrEqual(14_400);
    await store.save(callSid, sampleRecord(), 120);
    expect(await store.ttlOf(callSid)).toBeGreaterThanOrEqual(118);
    expect(await store.ttlOf(callSid)).toBeLessThanOrEqual(120);
    expect(await store.ttlOf(createCallSid())).toBe(-2);
  });

  test("keys live under the configured prefix", async () => {
    const callSid = createCallSid();
    await store.save(callSid, sampleRecord(), 60);
    expect(await keysUnder(REDIS_URL as string, ttlPrefix)).toContain(`${ttlPrefix}${callSid}`);
  });
});
