import { pino } from "pino";
import { describe, expect, test } from "vitest";
import { startCall } from "../../src/service/flow/advanceCall.js";
import { createStore } from "../../src/service/session/createStore.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import type { SessionRecord } from "../../src/service/types.js";
import { CapturedLogs, OPEN_HOURS, sharedCallFlow } from "../support/createTestApp.js";

const flow = sharedCallFlow();
const firstTurn = startCall(flow, { region: "northwest", now: OPEN_HOURS });
/** A valid session record at `turn`. */
const record = (turn: number): SessionRecord => ({ turn, version: flow.version, call: firstTurn });
const TTL = 3_600;

/** A store capped at `maxCalls` that counts how often it reported being full. */
function capped(maxCalls: number) {
  const reports: number[] = [];
  const store = new MemoryStore({ sweepIntervalMs: 0, maxCalls, onFull: (n) => reports.push(n) });
  return { store, reports };
}

async function saveCalls(store: MemoryStore, ids: readonly string[]): Promise<void> {
  for (const id of ids) await store.save(id, record(1), TTL);
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
    await store.save("CA1", record(2), TTL);
    await store.save("CA4", record(1), TTL);
    expect(await store.load("CA2")).toBeUndefined();
    expect(await store.load("CA1")).toEqual(record(2));
    expect(store.size).toBe(3);
  });

  test("reports again only after falling below 90 % of the cap and filling up again", async () => {
    const { store, reports } = capped(10);
    await saveCalls(store, range(0, 15));
    expect(reports).toHaveLength(1);
    for (const id of range(5, 7)) await store.delete(id); // 8 held: 80 %
    await saveCalls(store, range(100, 102)); // back to 10, not past it
    expect(reports).toHaveLength(1);
    await saveCalls(store, range(200, 205)); // past it again
    expect(reports).toHaveLength(2);
    for (const id of range(200, 201)) await store.delete(id); // 9 held: 90 %, not below
    await saveCalls(store, range(300, 303));
    expect(reports).toHaveLength(2);
  });

  test("the store the configuration builds logs one warning naming MEMORY_STORE_MAX_CALLS", async () => {
    const logs = new CapturedLogs();
    const store = await createStore({ SESSION_STORE: "memory", MEMORY_STORE_MAX_CALLS: 50 }, pino(logs));
    for (const id of range(0, 500)) await store.save(id, record(1), TTL);
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
