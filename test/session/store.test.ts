import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { startCall } from "../../src/service/flow/callSteps.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import type { RedisStore } from "../../src/service/session/redisStore.js";
import { mayOverwrite, parseSession, serializeSession } from "../../src/service/session/sessionRecord.js";
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
  setRaw,
  ttlOf,
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

/** Saves `record` as the call's next turn, whatever is stored (the way a turn that read it would). */
async function put(store: SessionStore, callSid: string, record: StoredSession, ttlSeconds: number): Promise<void> {
  const winner = await store.commit(callSid, record, ttlSeconds, turnOf(await store.load(callSid)) ?? null);
  expect(winner).toBeUndefined();
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
  unavailable: REDIS_URL ? undefined : "no Redis",
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

/** What is stored before a commit, made through the store's own methods. */
type Before = "nothing" | "the call at turn 2" | "the call ended";

async function arrange(store: SessionStore, callSid: string, before: Before): Promise<void> {
  if (before === "the call at turn 2") {
    await put(store, callSid, sampleRecord(1), 60);
    await put(store, callSid, sampleRecord(2), 60);
  } else if (before === "the call ended") await store.end(callSid, 60);
}

/** The compare-and-set, case by case: what a commit expecting `expected` does to what is stored. */
const COMPARE_AND_SET: ReadonlyArray<[Before, number | null, "saved" | "refused"]> = [
  ["nothing", null, "saved"],
  ["nothing", 2, "saved"],
  ["the call at turn 2", 2, "saved"],
  ["the call at turn 2", 1, "refused"],
  ["the call at turn 2", 3, "refused"],
  ["the call at turn 2", null, "refused"],
  ["the call ended", null, "refused"],
  ["the call ended", 2, "refused"],
];

describe.each([memoryBackend, redisBackend])("$name session store", (backend) => {
  describe.skipIf(backend.unavailable)(backend.unavailable ? redisSuite("contract") : "contract", () => {
    beforeAll(() => backend.setup());
    afterAll(() => backend.teardown());
    const store = () => backend.store();

    test("ping answers", async () => {
      await expect(store().ping()).resolves.toBeUndefined();
    });

    test("a commit then a load returns an equal record", async () => {
      const callSid = createCallSid();
      const record = sampleRecord(1);
      expect(await store().commit(callSid, record, 60, null)).toBeUndefined();
      expect(await store().load(callSid)).toEqual(record);
    });

    test("a loaded record is a copy: changing it does not change what is stored", async () => {
      const callSid = createCallSid();
      await put(store(), callSid, sampleRecord(), 60);
      const loaded = (await store().load(callSid)) as SessionRecord;
      loaded.call.context.failures = 99;
      loaded.call.context.notices.push({ kind: "invalid" });
      expect(await store().load(callSid)).toEqual(sampleRecord());
    });

    test("loading an unknown call → undefined", async () => {
      expect(await store().load(createCallSid())).toBeUndefined();
    });

    test("calls are kept apart", async () => {
      const [a, b] = [createCallSid(), createCallSid()];
      await put(store(), a, sampleRecord(1), 60);
      await put(store(), b, sampleRecord(1), 60);
      await put(store(), b, sampleRecord(2), 60);
      expect(turnOf(await store().load(a))).toBe(1);
      expect(turnOf(await store().load(b))).toBe(2);
    });

    test.each(COMPARE_AND_SET)("%s, a commit expecting turn %s is %s", async (before, expected, outcome) => {
      const callSid = createCallSid();
      await arrange(store(), callSid, before);
      const current = await store().load(callSid);
      // The rule both stores follow, and the memory store applies as it is.
      expect(mayOverwrite(current, expected)).toBe(outcome === "saved");
      const next = sampleRecord(7);
      const winner = await store().commit(callSid, next, 60, expected);
      expect(winner).toEqual(outcome === "saved" ? undefined : current);
      expect(await store().load(callSid)).toEqual(outcome === "saved" ? next : current);
    });

    test("ending a call marks it ended; a turn cannot revive it", async () => {
      const callSid = createCallSid();
      await put(store(), callSid, sampleRecord(1), 60);
      await store().end(callSid, 60);
      expect(await store().load(callSid)).toEqual({ ended: true });
      expect(await store().commit(callSid, sampleRecord(2), 60, 1)).toEqual({ ended: true });
    });

    test("a session expires after its TTL (1 s)", async () => {
      const callSid = createCallSid();
      await put(store(), callSid, sampleRecord(), 1);
      expect(await store().load(callSid)).toBeDefined();
      await backend.pass(1_100);
      expect(await store().load(callSid)).toBeUndefined();
      if (backend.name === "redis") expect(await ttlOf(REDIS_URL as string, prefix + callSid)).toBe(-2);
    });

    test("each commit restarts the TTL", async () => {
      const callSid = createCallSid();
      await put(store(), callSid, sampleRecord(1), 1);
      await backend.pass(600);
      await put(store(), callSid, sampleRecord(2), 1);
      await backend.pass(600);
      // 1.2 s after the first commit, past its TTL: alive thanks to the second.
      expect(turnOf(await store().load(callSid))).toBe(2);
    });

    test("a version of the line is kept and read back; an unknown one reads as none", async () => {
      const { source } = sharedCallFlow();
      if (!source) throw new Error("the shared line has no source");
      await store().saveLine("v-test", source, 60);
      expect(await store().loadLine("v-test")).toEqual(source);
      expect(await store().loadLine("v-unknown")).toBeUndefined();
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
    await put(store, callSid, sampleRecord(), 10);
    now += 9_999;
    expect(await store.load(callSid)).toBeDefined();
    now += 1;
    expect(await store.load(callSid)).toBeUndefined();
  });

  test("sweep frees expired sessions and keeps live ones", async () => {
    const expired = [createCallSid(), createCallSid(), createCallSid()];
    for (const callSid of expired) await put(store, callSid, sampleRecord(), 10);
    now += 5_000;
    const live = createCallSid();
    await put(store, live, sampleRecord(), 10);
    expect(store.size).toBe(4);
    now += 6_000;
    expect(store.sweep()).toBe(3);
    expect(store.size).toBe(1);
    expect(await store.load(live)).toBeDefined();
    expect(store.sweep()).toBe(0);
  });

  test("a session saved again moves behind the others, so the sweep does not stop early", async () => {
    const [a, b] = [createCallSid(), createCallSid()];
    await put(store, a, sampleRecord(1), 10);
    await put(store, b, sampleRecord(1), 10);
    now += 5_000;
    await put(store, a, sampleRecord(2), 10);
    now += 6_000;
    expect(store.sweep()).toBe(1);
    expect(await store.load(a)).toBeDefined();
    expect(await store.load(b)).toBeUndefined();
  });

  test("the sweep timer runs on its own and does not keep the process alive", async () => {
    const timed = new MemoryStore({ now: () => now, sweepIntervalMs: 20 });
    await put(timed, createCallSid(), sampleRecord(), 1);
    now += 2_000;
    await new Promise((r) => setTimeout(r, 80));
    expect(timed.size).toBe(0);
    await timed.close();
  });
});

/**
 * Records the store did not write (another program, an older release, a corrupt value), stored as they
 * are: the Redis script decides as `mayOverwrite` decides on what `parseSession` reads of them.
 */
const FOREIGN: ReadonlyArray<[string, () => string, number | null, "saved" | "refused"]> = [
  ["not JSON", () => "{oops", null, "saved"],
  ["empty", () => "", 2, "saved"],
  ["JSON that is not an object", () => "42", 2, "saved"],
  [
    "another shape version",
    () => JSON.stringify({ ...JSON.parse(serializeSession(sampleRecord(2))), v: 99 }),
    1,
    "saved",
  ],
  ["an ended call of another shape version", () => JSON.stringify({ v: 0, ended: true }), null, "saved"],
  [
    "this shape version, a turn and a call, but a context zod refuses",
    () => JSON.stringify({ v: 1, turn: 2, version: "0123456789abcdef", call: { value: "main", context: {} } }),
    1,
    "saved",
  ],
  ["a call this release wrote, at another turn", () => serializeSession(sampleRecord(2)), 1, "refused"],
  ["a call this release wrote, at the expected turn", () => serializeSession(sampleRecord(2)), 2, "saved"],
  ["an ended call this release wrote", () => serializeSession({ ended: true }), 2, "refused"],
];

describe.skipIf(!REDIS_URL)(redisSuite("redis store: keys, TTLs and records it did not write"), () => {
  const rawPrefix = uniquePrefix("raw");
  let store: RedisStore;
  beforeAll(async () => {
    store = await connectedRedisStore(REDIS_URL as string, { keyPrefix: rawPrefix });
  });
  afterAll(async () => {
    await deletePrefix(REDIS_URL as string, rawPrefix);
    await store?.close();
  });

  test("the key carries the TTL given to commit, and each commit restarts it", async () => {
    const callSid = createCallSid();
    await put(store, callSid, sampleRecord(1), 14_400);
    const ttl = await ttlOf(REDIS_URL as string, rawPrefix + callSid);
    expect(ttl).toBeGreaterThanOrEqual(14_398);
    expect(ttl).toBeLessThanOrEqual(14_400);
    await put(store, callSid, sampleRecord(2), 120);
    expect(await ttlOf(REDIS_URL as string, rawPrefix + callSid)).toBeGreaterThanOrEqual(118);
    expect(await ttlOf(REDIS_URL as string, rawPrefix + callSid)).toBeLessThanOrEqual(120);
  });

  test("keys live under the configured prefix", async () => {
    const callSid = createCallSid();
    await put(store, callSid, sampleRecord(), 60);
    expect(await keysUnder(REDIS_URL as string, rawPrefix)).toContain(`${rawPrefix}${callSid}`);
  });

  test.each(FOREIGN)("stored: %s; a commit expecting turn %s is %s", async (_name, raw, expected, outcome) => {
    const callSid = createCallSid();
    const value = raw();
    await setRaw(REDIS_URL as string, rawPrefix + callSid, value, 60);
    const read = parseSession(value);
    expect(await store.load(callSid)).toEqual(read);
    expect(mayOverwrite(read, expected)).toBe(outcome === "saved");
    const next = sampleRecord(5);
    expect(await store.commit(callSid, next, 60, expected)).toEqual(outcome === "saved" ? undefined : read);
    expect(await store.load(callSid)).toEqual(outcome === "saved" ? next : read);
  });
});
