import { Registry } from "prom-client";
import request from "supertest";
import { describe, expect, test } from "vitest";
import { createMetrics } from "../../src/service/metrics/createMetrics.js";
import { isStoreFailure, measureStore } from "../../src/service/metrics/measureStore.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import { StoreTimeoutError } from "../../src/service/turn/withDeadline.js";
import { type Faults, FaultyStore } from "../support/faultyStores.js";
import { region } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import { deltaOf } from "./exposition.js";
import { createMeasuredApp } from "./measuredApp.js";

const NW = region("northwest").inbound;
const isStoreMetric = (name: string) =>
  name === "ivr_session_store_duration_seconds_count" || name === "ivr_session_store_errors_total";
const count = (operation: string) => `ivr_session_store_duration_seconds_count{operation="${operation}"}`;
const errors = (operation: string) => `ivr_session_store_errors_total{operation="${operation}"}`;

describe("the session store, measured: every operation timed, every failure counted", () => {
  test.each<[string, Faults, Record<string, number>]>([
    [
      "a store that works: a call of three turns loads and commits three times, the status callback loads and ends",
      {},
      { [count("load")]: 4, [count("commit")]: 3, [count("end")]: 1, [count("ping")]: 1 },
    ],
    [
      "a store that refuses every load",
      { load: "reject" },
      {
        [count("load")]: 4,
        [errors("load")]: 4,
        [count("ping")]: 1,
      },
    ],
    [
      "a store that refuses every save and ping",
      { save: "reject", ping: "reject" },
      {
        [count("load")]: 4,
        [count("commit")]: 3,
        [errors("commit")]: 3,
        [count("end")]: 1,
        [count("ping")]: 1,
        [errors("ping")]: 1,
      },
    ],
  ])("%s", async (_name, faults, moves) => {
    const m = createMeasuredApp({ store: new FaultyStore(faults) });
    // The line's version is kept in the store as the app is built: not part of the call.
    await new Promise((resolve) => setImmediate(resolve));
    const before = await m.scrape();
    const call = new SimulatedCall({ target: m.app, to: NW });
    await call.post("/voice", { CallStatus: "ringing" });
    await call.post("/voice/turn?t=1", { Digits: "5" });
    await call.post("/voice/turn?t=2", { Digits: "3" });
    await call.statusCallback("completed");
    await request(m.app).get("/healthz");
    expect(deltaOf(before, await m.scrape(), isStoreMetric)).toEqual(moves);
  });

  test("answers exactly as the store does, values and errors alike", async () => {
    const metrics = createMetrics({ registry: new Registry() });
    const inner = new MemoryStore({ sweepIntervalMs: 0 });
    const store = measureStore(inner, metrics);
    const record = { turn: 1, version: "v1", call: { value: "main", context: {} } } as never;
    expect(await store.commit("CA1", record, 60, null)).toBeUndefined();
    expect(await store.load("CA1")).toEqual(await inner.load("CA1"));
    expect(await store.commit("CA1", record, 60, null)).toEqual(await inner.load("CA1"));
    const failing = measureStore(new FaultyStore({ load: "reject" }), metrics);
    const error = await failing.load("CA2").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("session store load failed (test fault)");
    expect(isStoreFailure(error)).toBe(true);
    expect(isStoreFailure(new StoreTimeoutError("load", 2_000))).toBe(true);
    expect(isStoreFailure(new Error("session store load failed (test fault)"))).toBe(false);
    expect(isStoreFailure("a string")).toBe(false);
    await store.close();
  });
});
