import { pino } from "pino";
import { describe, expect, test } from "vitest";
import { startCall } from "../../src/service/flow/callSteps.js";
import { createStore } from "../../src/service/session/createStore.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import type { SessionStore } from "../../src/service/session/sessionStore.js";
import type { SessionRecord } from "../../src/service/types.js";
import { CapturedLogs, OPEN_HOURS, sharedCallFlow } from "../support/createTestApp.js";

const flow = sharedCallFlow();
const firstTurn = startCall(flow, { region: "northwest", now: OPEN_HOURS });
/** A valid session record at `turn`. */
const record = (turn: number): SessionRecord => ({ turn, version: flow.version, call: firstTurn });
const TTL = 3_600;

/** A store capped at `maxCalls` that counts how often it reported being full; its clock is `clock.now`. */
function capped(maxCalls: number) {
  const reports: number[] = [];
  const clock = { now: OPEN_HOURS };
  const store = new MemoryStore({ now: () => clock.now, sweepIntervalMs: 0, maxCalls, onFull: (n) => reports.push(n) });
  return { store, reports, clock };
}

/** Starts each call (its first turn), kept for `ttlSeconds`. */
async function saveCalls(store: SessionStore, ids: readonly string[], ttlSeconds = TTL): Promise<void> {
  let refused = 0;
  for (const id of ids) if ((await store.commit(id, record(1), ttlSeconds, null)) !== undefined) refused++;
  expect(refused).toBe(0);
}

/** Lets the calls' sessions expire: reading an expired session frees it. */
async function expire(store: MemoryStore, clock: { now: number }, ids: readonly string[]): Promise<void> {
  clock.now += 1_001;
  for (const id of ids) expect(await store.load(id)).toBeUndefined();
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `CA${from + i}`);

describe("the memory store's cap", () => {
  test.each([
    ["under the cap nothing is dropped", 5, range(0, 5), range(0, 5), 0],
    ["past the cap the calls saved longest ago are dropped", 3, range(0, 5), range(2, 5), 1],
    ["a flood of 10 000 calls keeps the last 100 and reports once", 100, range(0, 10_000), range(9_900, 10_000), 1],
  ])("%s", async (_name, maxCalls, saved, kept, reports) => {
    const { store, reports: told } = capped(maxCalls);
    await saveCalls(store, saved);
    expect(store.size).toBe(kept.length);
    for (const id of kept) expect(await store.load(id)).toEqual(record(1));
    for (const id of saved.filter((s) => !kept.includes(s))) expect(await store.load(id)).toBeUndefined();
    expect(told).toEqual(Array(reports).fill(maxCalls));
  });

  test("a call saved again counts as recent: the one saved longest ago goes first", async () => {
    const { store } = capped(3);
    await saveCalls(store, ["CA1", "CA2", "CA3"]);
    expect(await store.commit("CA1", record(2), TTL, 1)).toBeUndefined();
    await saveCalls(store, ["CA4"]);
    expect(await store.load("CA2")).toBeUndefined();
    expect(await store.load("CA1")).toEqual(record(2));
    expect(store.size).toBe(3);
  });

  test("reports again only after falling below 90 % of the cap and filling up again", async () => {
    const { store, reports, clock } = capped(10);
    await saveCalls(store, range(0, 13));
    await saveCalls(store, range(13, 15), 1);
    expect(reports).toHaveLength(1);
    await expire(store, clock, range(13, 15)); // 8 held: 80 %
    await saveCalls(store, range(100, 102)); // back to 10, not past it
    expect(reports).toHaveLength(1);
    await saveCalls(store, range(200, 204));
    await saveCalls(store, range(204, 205), 1); // past it again
    expect(reports).toHaveLength(2);
    await expire(store, clock, range(204, 205)); // 9 held: 90 %, not below
    await saveCalls(store, range(300, 303));
    expect(reports).toHaveLength(2);
  });

  test("the store the configuration builds logs one warning naming MEMORY_STORE_MAX_CALLS", async () => {
    const logs = new CapturedLogs();
    const store = await createStore({ SESSION_STORE: "memory", MEMORY_STORE_MAX_CALLS: 50 }, pino(logs));
    await saveCalls(store, range(0, 500));
    const warnings = logs.entries().filter((e) => e.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ maxCalls: 50 });
    expect(warnings[0]?.msg).toContain("MEMORY_STORE_MAX_CALLS");
    expect((store as MemoryStore).size).toBe(50);
    await store.close();
  });

  test("is 100 000 calls by default", async () => {
    const store = new MemoryStore({ sweepIntervalMs: 0 });
    await saveCalls(store, range(0, 100_001));
    expect(store.size).toBe(100_000);
    expect(await store.load("CA0")).toBeUndefined();
    expect(await store.load("CA1")).toEqual(record(1));
  });
});
