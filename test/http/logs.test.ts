import request from "supertest";
import { describe, expect, test } from "vitest";
import { buildCallParams, createCallSid } from "../../src/tools/emulator/index.js";
import { createTestApp } from "../support/createTestApp.js";
import { FaultyStore } from "../support/faultyStores.js";
import { region, UNKNOWN_TO } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import { CALLER, CALLER_MASKED, OTHER_AUTH_TOKEN, postTwilio } from "../support/twilioRequest.js";

const NORTHWEST = region("northwest");
/** Words a caller might say that must never reach the logs. */
const SECRET_SPEECH = "my member id is zebra 4417 and I need pharmacy";

/** The caller's number in every form it could leak: E.164, without +, national. */
const FULL_NUMBER_FORMS = [CALLER, CALLER.slice(1), CALLER.slice(2)];

describe("turn logs", () => {
  test("one JSON line per turn with callSid, region, state, event, result and ms", async () => {
    const t = createTestApp();
    const call = new SimulatedCall({ target: t.app, to: NORTHWEST.inbound });
    await call.incoming();
    await call.press("5");
    await call.silence();
    await call.speak("pharmacy", 0.9);
    await call.dialResult("completed");

    const turns = t.logs.turns(call.callSid);
    expect(turns).toHaveLength(5);
    for (const line of turns) {
      expect(line).toMatchObject({ callSid: call.callSid, region: "northwest", service: "member-line", level: 30 });
      expect(typeof line.ms).toBe("number");
      expect(line.ms as number).toBeGreaterThanOrEqual(0);
    }
    expect(turns.map((l) => [l.event, l.state, l.result])).toEqual([
      ["INCOMING", "main", "started"],
      ["KEY", "main", "advanced"],
      ["SILENCE", "main", "advanced"],
      ["SPEECH", "transfer", "advanced"],
      ["DIAL_RESULT", "ended", "advanced"],
    ]);
    expect(turns[1]).toMatchObject({ key: "5", failures: 1 });
    expect(turns[3]).toMatchObject({ confidence: 0.9, team: "pharmacy", attempt: 0 });
    expect(turns[4]).toMatchObject({ dialStatus: "completed" });
    // Every line is one JSON object on its own line.
    for (const raw of t.logs.lines) expect(() => JSON.parse(raw)).not.toThrow();
  });

  test("the turn record carries no number of the caller, not even masked", async () => {
    const t = createTestApp();
    const call = new SimulatedCall({ target: t.app, to: NORTHWEST.inbound });
    await call.incoming();
    await call.press("1");
    const turns = t.logs.turns(call.callSid);
    expect(turns.map((l) => l.caller)).toEqual([undefined, undefined]);
    expect(t.logs.text()).not.toContain(CALLER_MASKED);
    for (const form of FULL_NUMBER_FORMS) expect(t.logs.text()).not.toContain(form);
  });

  test("what the caller says never appears in the logs, on any path", async () => {
    const store = new FaultyStore({});
    const t = createTestApp({ store, storeTimeoutMs: 100 });
    const call = new SimulatedCall({ target: t.app, to: NORTHWEST.inbound });
    await call.incoming();
    // Matched, unmatched and low-confidence speech.
    await call.speak(SECRET_SPEECH, 0.95);
    const other = new SimulatedCall({ target: t.app, to: UNKNOWN_TO });
    await other.incoming();
    await other.speak(SECRET_SPEECH, 0.1);
    await other.speak("zebra 4417", 0.99);
    // A turn that fails in the store.
    store.faults = { load: "reject" };
    await other.speak(SECRET_SPEECH, 0.9);
    store.faults = { load: "hang" };
    await other.speak(SECRET_SPEECH, 0.9);
    store.faults = {};
    // Malformed and forged requests carrying speech.
    const params = buildCallParams(
      { callSid: createCallSid(), to: NORTHWEST.inbound, from: CALLER },
      { SpeechResult: SECRET_SPEECH },
    );
    await postTwilio(t.app, "/voice/turn?t=1", { ...params, Confidence: "loud" });
    await postTwilio(t.app, "/voice/turn?t=1", { ...params, SpeechResult: `${SECRET_SPEECH} ${"x".repeat(2_100)}` });
    await postTwilio(t.app, "/voice/turn?t=1", params, { token: OTHER_AUTH_TOKEN });
    await postTwilio(t.app, "/voice/turn?t=1", { ...params, CallSid: "bogus" });

    const text = t.logs.text();
    expect(t.logs.lines.length).toBeGreaterThan(8);
    expect(text).not.toContain("zebra");
    expect(text).not.toContain("4417");
    for (const form of FULL_NUMBER_FORMS) expect(text).not.toContain(form);
    // The speech turns are still logged, with their confidence only.
    const speechTurns = t.logs.turns().filter((l) => l.event === "SPEECH");
    expect(speechTurns.length).toBeGreaterThanOrEqual(4);
    for (const line of speechTurns) expect(Object.keys(line)).not.toContain("text");
  });
});

describe("numbers in the requests' paths and URLs", () => {
  test.each([
    ["an unknown route", `/voice/${CALLER}`, "POST", true],
    ["an unknown route, the number encoded", `/calls/${encodeURIComponent(CALLER)}/status`, "GET", true],
    ["an unsigned webhook, the number in its URL", `/voice?From=${encodeURIComponent(CALLER)}`, "POST", true],
    ["a webhook route with the wrong method (only the path is logged)", `/voice/turn?From=${CALLER}`, "GET", false],
  ])("%s: %s is logged with the number masked", async (_what, path, method, logged) => {
    const t = createTestApp();
    await (method === "GET" ? request(t.app).get(path) : request(t.app).post(path).type("form").send({}));
    const text = t.logs.text();
    expect(text).not.toBe("");
    expect(text.includes(CALLER_MASKED)).toBe(logged);
    for (const form of FULL_NUMBER_FORMS) expect(text).not.toContain(form);
  });
});

describe("a store that is down does not flood the log", () => {
  test.each([
    ["load refused", { load: "reject" as const }],
    ["save refused", { save: "reject" as const }],
  ])(
    "%s on 60 turns in a row: every caller gets TwiML, the error is logged once with the count",
    async (_n, faults) => {
      const t = createTestApp({ store: new FaultyStore(faults) });
      for (let i = 0; i < 60; i++) {
        const call = new SimulatedCall({ target: t.app, to: region("northwest").inbound });
        expect((await call.incoming()).status).toBe(200);
      }
      const errors = t.logs.entries().filter((e) => (e.level ?? 0) >= 50);
      expect(errors.length).toBeGreaterThanOrEqual(1);
      expect(errors.length).toBeLessThanOrEqual(3);
      const held = errors.reduce((n, e) => n + Number(e.suppressed ?? 0), 0);
      expect(errors.length + held).toBeLessThanOrEqual(60);
    },
  );
});
