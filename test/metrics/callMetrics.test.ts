import request from "supertest";
import { describe, expect, test } from "vitest";
import { startCall } from "../../src/service/flow/callSteps.js";
import { countCallEvent } from "../../src/service/metrics/countCallEvent.js";
import { SESSION_RECORD_VERSION } from "../../src/service/session/sessionRecord.js";
import { buildCallParams, createCallSid } from "../../src/tools/emulator/index.js";
import { OPEN_HOURS, sharedCallFlow, WEEKEND } from "../support/createTestApp.js";
import { CorruptStore, FaultyStore } from "../support/faultyStores.js";
import { REGIONS, region, regionKey, UNKNOWN_TO } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import { CALLER, postTwilio } from "../support/twilioRequest.js";
import { deltaOf, looksLikePhoneNumber } from "./exposition.js";
import { createMeasuredApp, type MeasuredAppOptions } from "./measuredApp.js";

/** The metrics of calls: what a known call must move, and nothing else. */
const CALL_METRICS = new Set([
  "ivr_calls_started_total",
  "ivr_calls_ended_total",
  "ivr_menu_inputs_total",
  "ivr_transfers_total",
  "ivr_safe_answers_total",
]);
const isCallMetric = (name: string) => CALL_METRICS.has(name);

type Target = ReturnType<typeof createMeasuredApp>["app"];
const callTo = (app: Target, to: string) => new SimulatedCall({ target: app, to });

interface Scenario {
  readonly name: string;
  readonly options?: () => MeasuredAppOptions;
  readonly play: (app: Target) => Promise<void>;
  /** Every call metric series that moves, and by how much. */
  readonly moves: Record<string, number>;
}

const NW = region("northwest").inbound;
const CO = region("colorado").inbound;

const SCENARIOS: Scenario[] = [
  {
    name: "Northwest, 3 for pharmacy, put through, hangs up after the conversation",
    play: async (app) => {
      const call = callTo(app, NW);
      await call.incoming();
      await call.press("3");
      await call.dialResult("completed");
      await call.statusCallback("completed");
    },
    moves: {
      'ivr_calls_started_total{language="en",region="northwest"}': 1,
      'ivr_menu_inputs_total{input="chose",menu="main"}': 1,
      'ivr_transfers_total{region="northwest",status="completed",team="pharmacy"}': 1,
      'ivr_calls_ended_total{ending="transferred",region="northwest"}': 1,
    },
  },
  {
    name: "a number no region owns: a wrong key, silence, then hangs up in the region menu",
    play: async (app) => {
      const call = callTo(app, UNKNOWN_TO);
      await call.incoming();
      await call.press("*");
      await call.silence();
      await call.statusCallback("completed");
    },
    moves: {
      'ivr_calls_started_total{language="en",region="unknown"}': 1,
      'ivr_menu_inputs_total{input="invalid",menu="region"}': 1,
      'ivr_menu_inputs_total{input="silent",menu="region"}': 1,
      'ivr_calls_ended_total{ending="abandoned",region="unknown"}': 1,
    },
  },
  {
    name: "a number no region owns: chooses Colorado, member services' first number busy, the second answers",
    play: async (app) => {
      const call = callTo(app, UNKNOWN_TO);
      await call.incoming();
      await call.press(regionKey("colorado"));
      await call.press("1");
      await call.dialResult("busy");
      await call.dialResult("completed");
      await call.statusCallback("completed");
    },
    moves: {
      'ivr_calls_started_total{language="en",region="unknown"}': 1,
      'ivr_menu_inputs_total{input="chose",menu="region"}': 1,
      'ivr_menu_inputs_total{input="chose",menu="main"}': 1,
      'ivr_transfers_total{region="colorado",status="busy",team="memberServices"}': 1,
      'ivr_transfers_total{region="colorado",status="completed",team="memberServices"}': 1,
      'ivr_calls_ended_total{ending="transferred",region="colorado"}': 1,
    },
  },
  {
    name: "Northwest, pharmacy fails three times: goodbye",
    play: async (app) => {
      const call = callTo(app, NW);
      await call.incoming();
      for (let i = 0; i < 3; i++) {
        await call.press("3");
        await call.dialResult("failed");
      }
      await call.statusCallback("completed");
    },
    moves: {
      'ivr_calls_started_total{language="en",region="northwest"}': 1,
      'ivr_menu_inputs_total{input="chose",menu="main"}': 3,
      'ivr_transfers_total{region="northwest",status="failed",team="pharmacy"}': 3,
      'ivr_calls_ended_total{ending="goodbye",region="northwest"}': 1,
    },
  },
  {
    name: "Colorado on Saturday: member services closed, hangs up after hearing its hours",
    options: () => ({ now: WEEKEND }),
    play: async (app) => {
      const call = callTo(app, CO);
      await call.incoming();
      await call.press("1");
      await call.statusCallback("completed");
    },
    moves: {
      'ivr_calls_started_total{language="en",region="colorado"}': 1,
      'ivr_menu_inputs_total{input="chose",menu="main"}': 1,
      'ivr_calls_ended_total{ending="abandoned",region="colorado"}': 1,
    },
  },
  {
    name: "Twilio retries every request once: each step counted once",
    play: async (app) => {
      const call = callTo(app, NW);
      await call.incoming();
      await call.incoming();
      await call.press("3");
      await call.post("/voice/turn?t=1", { Digits: "3" });
      await call.dialResult("completed");
      await call.post("/voice/turn?t=2", { DialCallStatus: "completed", DialCallDuration: "60" });
      await call.statusCallback("completed");
      await call.statusCallback("completed");
    },
    moves: {
      'ivr_calls_started_total{language="en",region="northwest"}': 1,
      'ivr_menu_inputs_total{input="chose",menu="main"}': 1,
      'ivr_transfers_total{region="northwest",status="completed",team="pharmacy"}': 1,
      'ivr_calls_ended_total{ending="transferred",region="northwest"}': 1,
    },
  },
  {
    name: "malformed webhook parameters: the safe answer, cause params, no call",
    play: async (app) => {
      const params = buildCallParams({ callSid: createCallSid(), to: NW, from: CALLER }, {});
      await postTwilio(app, "/voice", { ...params, CallSid: "bogus" });
    },
    moves: { 'ivr_safe_answers_total{cause="params"}': 1 },
  },
  {
    name: "the store refuses to load: the safe answer, cause store",
    options: () => ({ store: new FaultyStore({ load: "reject" }) }),
    play: async (app) => {
      await callTo(app, NW).incoming();
    },
    moves: { 'ivr_safe_answers_total{cause="store"}': 1 },
  },
  {
    name: "the store never answers: the safe answer after the deadline, cause store",
    options: () => ({ store: new FaultyStore({ load: "hang" }), storeTimeoutMs: 30 }),
    play: async (app) => {
      await callTo(app, NW).incoming();
    },
    moves: { 'ivr_safe_answers_total{cause="store"}': 1 },
  },
  {
    name: "the store loses a save mid-call: the safe answer, cause store",
    options: () => ({ store: new FaultyStore({ save: "reject" }) }),
    play: async (app) => {
      await callTo(app, NW).incoming();
    },
    moves: { 'ivr_safe_answers_total{cause="store"}': 1 },
  },
  {
    name: "a stored call in a state the flow cannot speak (a bug): the safe answer, cause error",
    options: () => ({ store: corruptStore() }),
    play: async (app) => {
      await callTo(app, NW).post("/voice/turn?t=1", { Digits: "1" });
    },
    moves: { 'ivr_safe_answers_total{cause="error"}': 1 },
  },
];

/** A store whose every call is in a state the flow does not have (the shape is right: a bug, not a foreign record). */
function corruptStore(): CorruptStore {
  const { context } = startCall(sharedCallFlow(), { region: "northwest", now: OPEN_HOURS });
  const call = { value: "nowhere", context };
  return new CorruptStore({ v: SESSION_RECORD_VERSION, turn: 1, version: sharedCallFlow().version, call });
}

describe("/metrics moves by exactly what known calls did", () => {
  test.each(SCENARIOS)("$name", async ({ options, play, moves }) => {
    const m = createMeasuredApp(options?.() ?? {});
    const before = await m.scrape();
    await play(m.app);
    const after = await m.scrape();
    expect(deltaOf(before, after, isCallMetric)).toEqual(moves);
  });

  test("every region's calls count under the region's own id", async () => {
    const m = createMeasuredApp();
    const before = await m.scrape();
    for (const r of REGIONS) {
      const call = callTo(m.app, r.inbound);
      await call.incoming();
      await call.press("0");
      await call.dialResult("completed");
    }
    const moved = deltaOf(before, await m.scrape(), (n) => n === "ivr_calls_started_total");
    expect(moved).toEqual(
      Object.fromEntries(REGIONS.map((r) => [`ivr_calls_started_total{language="en",region="${r.id}"}`, 1])),
    );
  });
});

describe("the series an alert reads exist before their first event", () => {
  test("a fresh app shows every region's endings and every team's dial results at 0", async () => {
    const m = createMeasuredApp();
    const samples = await m.scrape();
    const value = (name: string, labels: Record<string, string>) =>
      samples.find((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels))?.value;
    for (const region of [...REGIONS.map((r) => r.id), "unknown"]) {
      expect(value("ivr_calls_ended_total", { region, ending: "abandoned" })).toBe(0);
      expect(value("ivr_transfers_total", { team: "memberServices", region, status: "failed" })).toBe(0);
    }
    expect(value("ivr_menu_inputs_total", { menu: "main", input: "silent" })).toBe(0);
    expect(value("ivr_safe_answers_total", { cause: "store" })).toBe(0);
  });
});

describe("labels carry the line's ids, never a number", () => {
  test("after calls from and to many numbers, no label value looks like a phone number", async () => {
    const m = createMeasuredApp();
    for (const to of [...REGIONS.map((r) => r.inbound), UNKNOWN_TO]) {
      const call = new SimulatedCall({ target: m.app, to, from: CALLER });
      await call.incoming();
      await call.press("3");
      if (call.last.next?.kind === "dial") await call.dialResult("no-answer");
      await call.statusCallback("completed");
    }
    await postTwilio(m.app, `/voice/${encodeURIComponent(CALLER)}`, {});
    const samples = await m.scrape();
    const values = samples.flatMap((s) => Object.values(s.labels));
    expect(values.length).toBeGreaterThan(50);
    expect(values.filter(looksLikePhoneNumber)).toEqual([]);
    const numbers = [CALLER, UNKNOWN_TO, ...REGIONS.map((r) => r.inbound)].map((n) => n.slice(2));
    for (const value of values) for (const n of numbers) expect(value).not.toContain(n);
  });

  test.each([CALLER, CALLER.slice(1), "(503) 555-0123", "Northwest ", "", null, 42])(
    "a record whose region is %j is counted under unknown",
    async (given) => {
      const m = createMeasuredApp();
      const before = await m.scrape();
      countCallEvent(m.metrics, { msg: "turn", result: "started", region: given, language: "en" });
      expect(deltaOf(before, await m.scrape(), isCallMetric)).toEqual({
        'ivr_calls_started_total{language="en",region="unknown"}': 1,
      });
    },
  );
});

describe("HTTP requests: route pattern, never the path asked for", () => {
  test("each request is timed once under its route, method and status", async () => {
    const m = createMeasuredApp();
    const before = await m.scrape();
    const call = callTo(m.app, NW);
    await call.incoming();
    await call.press("3");
    await postTwilio(m.app, "/voice/turn?t=1", {}, { token: null });
    await request(m.app).get("/voice");
    await request(m.app).get("/healthz");
    await request(m.app).get("/healthz/live");
    await request(m.app).get(`/nowhere/${encodeURIComponent(CALLER)}?from=${encodeURIComponent(CALLER)}`);
    const moved = deltaOf(before, await m.scrape(), (n) => n === "http_server_request_duration_seconds_count");
    const key = (method: string, route: string, status: number) =>
      `http_server_request_duration_seconds_count{http_request_method="${method}",http_response_status_code="${status}",http_route="${route}"}`;
    expect(moved).toEqual({
      [key("POST", "/voice", 200)]: 1,
      [key("POST", "/voice/turn", 200)]: 1,
      [key("POST", "/voice/turn", 403)]: 1,
      [key("GET", "/voice", 405)]: 1,
      [key("GET", "/healthz", 200)]: 1,
      [key("GET", "/healthz/live", 200)]: 1,
      [key("GET", "", 404)]: 1,
    });
  });
});
