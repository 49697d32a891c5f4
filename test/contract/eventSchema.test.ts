import { beforeAll, describe, expect, test } from "vitest";
import {
  callEndedEventSchema,
  callEndedRecordSchema,
  EVENT_VERSION,
  eventSchema,
  looseEventSchema,
  turnEventSchema,
  turnRecordSchema,
} from "../../src/service/contract/eventSchema.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import { createTestApp, OPEN_HOURS, type TestApp, WEEKEND } from "../support/createTestApp.js";
import { region, UNKNOWN_TO } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";

type Line = Record<string, unknown>;

/**
 * Whole calls through the service (signed webhooks, its own log), between them every kind of turn it records:
 * keys, speech, silence, a closed team, transfers (retried, failed, with an interpreter), a goodbye, a retried
 * request, a call started over, a transfer completed for a call the line no longer knew, hang-ups.
 */
async function placeCalls(t: TestApp, expireSessions: () => void): Promise<void> {
  const call = (to: string) => new SimulatedCall({ target: t.app, to });
  const northwest = region("northwest").inbound;

  const pharmacy = call(northwest);
  await pharmacy.incoming();
  await pharmacy.incoming(); // Twilio retried the incoming call: replayed.
  await pharmacy.speak("pharmacy please", 0.9);
  await pharmacy.dialResult("completed");
  await pharmacy.statusCallback("completed");

  const colorado = call(region("colorado").inbound);
  await colorado.incoming();
  await colorado.press("1");
  await colorado.dialResult("busy");
  await colorado.dialResult("completed");

  const unknown = call(UNKNOWN_TO);
  await unknown.incoming();
  await unknown.press("6");
  await unknown.silence();
  await unknown.press("8");
  await unknown.press("4");
  await unknown.dialResult("no-answer");

  const failing = call(northwest);
  await failing.incoming();
  for (let i = 0; i < 3; i++) {
    await failing.press("3");
    await failing.dialResult("failed");
  }

  const lost = call(northwest);
  await lost.incoming();
  expireSessions();
  await lost.press("2"); // The line no longer knows the call: restarted.
  await lost.press("4");
  expireSessions();
  await lost.dialResult("completed"); // A completed transfer of a call it no longer knows: ended.

  t.clock.now = WEEKEND;
  const saturday = call(northwest);
  await saturday.incoming();
  await saturday.press("1");
  await saturday.press("7");
  await saturday.statusCallback("completed"); // Hung up in the menu: abandoned.
}

describe("the event record the service writes", () => {
  let lines: Line[];
  beforeAll(async () => {
    // The store keeps its own clock: moving it past a session's TTL makes the line forget a call in progress.
    const storeClock = { now: OPEN_HOURS };
    const t = createTestApp({
      now: OPEN_HOURS,
      analyticsSalt: "event-schema-salt-0123456789",
      store: new MemoryStore({ now: () => storeClock.now, sweepIntervalMs: 0 }),
    });
    await placeCalls(t, () => {
      storeClock.now += 2 * 86_400_000; // past any session TTL
    });
    lines = t.logs.entries().filter((l) => l.msg === "turn" || l.msg === "call ended");
  });

  test("every line of whole calls is read by the strict schema: no field it does not document", () => {
    expect(lines.length).toBeGreaterThan(25);
    for (const line of lines) {
      const parsed = eventSchema.safeParse(line);
      expect(parsed.success, `${JSON.stringify(line)}\n${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(line.v).toBe(EVENT_VERSION);
    }
  });

  test("every field the schema documents is written by one of those calls: none is there for nothing", () => {
    const written = (msg: string) => new Set(lines.filter((l) => l.msg === msg).flatMap((l) => Object.keys(l)));
    expect([...written("turn")].sort()).toEqual(Object.keys(turnEventSchema.shape).sort());
    expect([...written("call ended")].sort()).toEqual(Object.keys(callEndedEventSchema.shape).sort());
  });

  test("a restarted call says why, a turn that chose says which option, as data", () => {
    expect(lines.find((l) => l.result === "restarted")).toMatchObject({ reason: "no session" });
    expect(lines.find((l) => l.event === "SPEECH")).toMatchObject({
      option: { menu: "main", key: "3", action: { kind: "transfer", team: "pharmacy" } },
      via: "speech",
    });
    expect(lines.find((l) => l.interpreter !== undefined)).toMatchObject({ interpreter: "vi", state: "transfer" });
  });
});

describe("what the strict schema refuses, and the readers take", () => {
  const turn = {
    msg: "turn",
    v: EVENT_VERSION,
    time: OPEN_HOURS,
    version: "0123456789ab",
    callSid: `CA${"ab".repeat(16)}`,
    turn: 2,
    result: "advanced",
    event: "KEY",
    inbound: "northwest",
    region: "northwest",
    from: "main",
    state: "transfer",
    ms: 1.5,
  };

  test("a minimal turn is an event, for the writer and the readers", () => {
    expect(eventSchema.safeParse(turn).success).toBe(true);
    expect(looseEventSchema.safeParse(turn).success).toBe(true);
  });

  test.each([
    ["a field no one documented", { ...turn, extra: 1 }, true],
    ["the option as a label", { ...turn, option: "3 pharmacy" }, false],
    ["the previous version", { ...turn, v: 1 }, false],
    ["no line version", { ...turn, version: undefined }, false],
    ["no time taken", { ...turn, ms: undefined }, false],
    ["a state with no name", { ...turn, state: "" }, false],
    ["a dial status Twilio does not send", { ...turn, dialStatus: "connected" }, false],
    ["an ending a turn does not have", { ...turn, ending: "abandoned" }, false],
    ["STATUS as a turn", { ...turn, event: "STATUS" }, false],
  ])("%s: refused by the strict schema; readers take it: %s", (_what, line, readers) => {
    expect(eventSchema.safeParse(line).success).toBe(false);
    expect(looseEventSchema.safeParse(line).success).toBe(readers);
  });

  test.each([
    ["the end of a call", { callStatus: "completed" }, true],
    ["an abandoned call", { callStatus: "completed", ending: "abandoned", lastState: "main" }, true],
    ["no call status", {}, false],
    ["a transferred ending", { callStatus: "completed", ending: "transferred" }, false],
  ])("%s: %s", (_what, fields, valid) => {
    const line = { msg: "call ended", v: EVENT_VERSION, time: 1, callSid: turn.callSid, event: "STATUS", ...fields };
    expect(eventSchema.safeParse(line).success).toBe(valid);
    const { msg: _msg, ...record } = line;
    expect(callEndedRecordSchema.safeParse(record).success).toBe(valid);
  });

  test("the record the writer returns is the line without its message and the logger's fields", () => {
    const { msg: _msg, ...record } = turn;
    expect(turnRecordSchema.safeParse(record).success).toBe(true);
    expect(turnRecordSchema.safeParse({ ...record, msg: "turn" }).success).toBe(false);
  });
});
