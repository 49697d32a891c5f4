import request from "supertest";
import { describe, expect, test } from "vitest";
import { startCall } from "../../src/service/flow/callSteps.js";
import { SESSION_RECORD_VERSION } from "../../src/service/session/sessionRecord.js";
import { buildCallParams, createCallSid } from "../../src/tools/emulator/index.js";
import { createTestApp, sharedCallFlow, WEEKEND } from "../support/createTestApp.js";
import { CorruptStore, type Fault, type Faults, FaultyStore } from "../support/faultyStores.js";
import { gatherAttrsOf, saysOf } from "../support/parseTwiml.js";
import { REGIONS, region, UNKNOWN_TO } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import { CALLER, PUBLIC_BASE_URL, postTwilio } from "../support/twilioRequest.js";

const APOLOGY = "We are sorry, something went wrong on our end.";
/** Short store deadline for these tests; the default is checked on its own below. */
const STORE_TIMEOUT_MS = 50;

function faultyApp(faults: Faults) {
  const store = new FaultyStore(faults);
  return { ...createTestApp({ store, storeTimeoutMs: STORE_TIMEOUT_MS }), store };
}

const storeFaults: Array<[string, Faults]> = [
  ["load rejects", { load: "reject" }],
  ["load never answers", { load: "hang" }],
  ["save rejects", { save: "reject" }],
  ["save never answers", { save: "hang" }],
  ["everything rejects", { load: "reject", save: "reject", delete: "reject", ping: "reject" }],
];

describe("a failing session store: the caller hears an apology and reaches a person", () => {
  test.each(storeFaults)("%s: incoming call → 200, apology, Dial to member services", async (_name, faults) => {
    const t = faultyApp(faults);
    for (const r of REGIONS) {
      const call = new SimulatedCall({ target: t.app, to: r.inbound });
      const started = performance.now();
      const answer = await call.incoming();
      expect(performance.now() - started).toBeLessThan(STORE_TIMEOUT_MS * 2 + 1_000);
      expect(answer.status).toBe(200);
      expect(call.says()).toEqual([APOLOGY, "Connecting you to a representative. Please hold."]);
      expect(answer.next).toEqual({
        kind: "dial",
        action: `${PUBLIC_BASE_URL}/voice/recover`,
        number: r.memberServices[0],
      });
    }
  });

  test.each(storeFaults)("%s: unknown To → 200, the region menu after an apology", async (_name, faults) => {
    const t = faultyApp(faults);
    const call = new SimulatedCall({ target: t.app, to: UNKNOWN_TO });
    const answer = await call.incoming();
    expect(answer.status).toBe(200);
    expect(call.says()[0]).toBe(APOLOGY);
    expect(call.says()[1]).toMatch(/Please choose your region/);
    expect(gatherAttrsOf(answer.nodes)?.action).toBe(`${PUBLIC_BASE_URL}/voice/recover`);
  });

  test.each(["reject", "hang"] as Fault[])(
    "a store that starts to %s mid-call: the next turn gets the safe answer",
    async (fault) => {
      const t = faultyApp({});
      const call = new SimulatedCall({ target: t.app, to: region("georgia").inbound });
      await call.incoming();
      t.store.faults = { load: fault };
      const answer = await call.press("3");
      expect(answer.status).toBe(200);
      expect(call.says()[0]).toBe(APOLOGY);
      expect(call.dialed()).toBe(region("georgia").memberServices[0]);

      // Once the store is back, the fallback's Dial action starts the call over in its region.
      t.store.faults = {};
      const after = await call.dialResult("busy");
      expect(after.next?.kind).toBe("gather");
      expect(call.says()[0]).toBe("Sorry, we could not reach a representative.");
      await call.press("3");
      expect(call.dialed()).toBe(region("georgia").dials["3"]);
    },
  );

  test.each([
    [
      "choosing a region",
      "6",
      "Connecting you to a representative. Please hold.",
      region("northwest").memberServices[0],
    ],
    ["pressing 0", "0", "Connecting you to a representative. Please hold.", region("california").memberServices[0]],
  ])(
    "unknown To while nothing can be saved: %s from the fallback region menu still reaches a person",
    async (_name, key, say, number) => {
      const t = faultyApp({ load: "reject", save: "reject", delete: "reject" });
      const call = new SimulatedCall({ target: t.app, to: UNKNOWN_TO });
      await call.incoming();
      const answer = await call.press(key);
      expect(answer.status).toBe(200);
      expect(call.says()).toContain(say);
      // The recovered turn (1) rides on the recovery URL, so a stale recovery cannot rewind the call.
      expect(answer.next).toEqual({ kind: "dial", action: `${PUBLIC_BASE_URL}/voice/recover?t=1`, number });
    },
  );

  test("when the representative is closed, the fallback reaches the around-the-clock nurse line", async () => {
    const store = new FaultyStore({ load: "reject" });
    const t = createTestApp({ store, now: WEEKEND });
    const call = new SimulatedCall({ target: t.app, to: region("northwest").inbound });
    await call.incoming();
    expect(call.says()).toEqual([APOLOGY, "Connecting you to the nurse advice line. Please hold."]);
    expect(call.dialed()).toBe(region("northwest").dials["2"]);
  });

  test("a store that never answers is cut off by the default deadline, well within Twilio's 15 s", async () => {
    const store = new FaultyStore({ load: "hang" });
    const t = createTestApp({ store });
    const call = new SimulatedCall({ target: t.app, to: region("hawaii").inbound });
    const started = performance.now();
    await call.incoming();
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(5_000);
    expect(call.says()[0]).toBe(APOLOGY);
    expect(call.dialed()).toBe(region("hawaii").memberServices[0]);
    const error = t.logs.entries().find((e) => e.level === 50);
    expect(error?.msg).toMatch(/turn failed/);
  });

  test("a completed transfer still ends with Hangup when forgetting the call fails", async () => {
    const t = faultyApp({});
    const call = new SimulatedCall({ target: t.app, to: region("northwest").inbound });
    await call.incoming();
    await call.press("1");
    t.store.faults = { delete: "reject" };
    const answer = await call.dialResult("completed");
    expect(answer.nodes.map((n) => n.verb)).toEqual(["Hangup"]);
    t.store.faults = {};
    const again = new SimulatedCall({ target: t.app, to: region("northwest").inbound });
    await again.incoming();
    await again.press("1");
    t.store.faults = { delete: "hang" };
    expect((await again.dialResult("answered")).nodes.map((n) => n.verb)).toEqual(["Hangup"]);
  });

  test("a failing status callback store still answers 204", async () => {
    const t = faultyApp({ delete: "reject" });
    const status = await postTwilio(
      t.app,
      "/voice/status",
      buildCallParams(
        { callSid: createCallSid(), to: region("northwest").inbound, from: CALLER },
        { CallStatus: "completed" },
      ),
    );
    expect(status.status).toBe(204);
  });

  test("/healthz answers 503 (not ready) and reports the store unreachable; /healthz/live stays 200", async () => {
    const t = faultyApp({ ping: "reject" });
    const res = await request(t.app).get("/healthz");
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: "unavailable", store: "unreachable" });
    expect((await request(t.app).get("/healthz/live")).status).toBe(200);
  });
});

describe("a stored session that is not what the app saved", () => {
  const good = startCall(sharedCallFlow(), { region: "northwest", now: Date.UTC(2026, 2, 11, 19) });
  const stored = { v: SESSION_RECORD_VERSION, turn: 1, version: sharedCallFlow().version };
  /** Not a session of this version's shape (corrupt, or written by something else): read as no session. */
  const foreign: Array<[string, unknown]> = [
    ["a string", "not a session"],
    ["a number", 42],
    ["an array", []],
    ["an empty object", {}],
    ["no version", { turn: 1, call: good }],
    ["another version", { ...stored, v: 99, call: good }],
    ["no call", stored],
    ["a null context", { ...stored, call: { value: "main", context: null } }],
    ["an empty context", { ...stored, call: { value: "main", context: {} } }],
  ];
  /** The right shape, but a state the flow cannot speak (a flow bug): the safe answer. */
  const meaningless: Array<[string, unknown]> = [
    ["an unknown state", { ...stored, call: { value: "nowhere", context: good.context } }],
    [
      "a transfer with no target",
      { ...stored, call: { value: "transfer", context: { ...good.context, transfer: null } } },
    ],
    ["an unknown language", { ...stored, call: { value: "main", context: { ...good.context, language: "xx" } } }],
  ];

  const play = async (record: unknown) => {
    const t = createTestApp({ store: new CorruptStore(record) });
    const call = new SimulatedCall({ target: t.app, to: region("northwest").inbound });
    const answers = [
      await call.post("/voice/turn?t=1", { Digits: "1" }),
      await call.post("/voice/turn?t=1", {}),
      await call.post("/voice/turn?t=1", { DialCallStatus: "busy" }),
      await call.incoming(),
    ];
    // Never a 5xx; the TwiML rules are checked by postTwilio.
    for (const answer of answers) expect(answer.status).toBe(200);
    return { t, answers };
  };

  test.each(foreign)(
    "%s is no session: the call starts over at its region's menu, no apology",
    async (_name, record) => {
      const { t, answers } = await play(record);
      for (const answer of answers) expect(saysOf(answer.nodes)).not.toContain(APOLOGY);
      expect(t.logs.entries().filter((e) => e.msg?.startsWith("turn failed"))).toEqual([]);
      const results = t.logs
        .entries()
        .filter((e) => e.msg === "turn")
        .map((e) => e.result);
      expect(results).toEqual(["restarted", "restarted", "restarted", "started"]);
    },
  );

  test.each(meaningless)("%s: 200 with the apology and a transfer to a person", async (_name, record) => {
    const { t, answers } = await play(record);
    let apologies = 0;
    for (const answer of answers) {
      const says = saysOf(answer.nodes);
      // Either the record still made sense for this turn, or the caller hears the apology and reaches a person.
      if (says[0] === APOLOGY) {
        apologies++;
        // The recovery URL carries the failed request's turn, when it had one.
        expect(answer.next).toMatchObject({ kind: "dial", number: region("northwest").memberServices[0] });
        expect([`${PUBLIC_BASE_URL}/voice/recover`, `${PUBLIC_BASE_URL}/voice/recover?t=1`]).toContain(
          answer.next?.kind === "dial" ? answer.next.action : "",
        );
      } else {
        expect(says.join(" ")).not.toContain(APOLOGY);
        expect(says.every((s) => s.trim().length > 0)).toBe(true);
      }
    }
    expect(apologies).toBeGreaterThan(0);
    // Logged, once a second at most for the same cause (the rest are counted on the next line).
    const failed = t.logs.entries().filter((e) => e.msg?.startsWith("turn failed")).length;
    expect(failed).toBeGreaterThanOrEqual(1);
    expect(failed).toBeLessThanOrEqual(apologies);
  });
});
