import { describe, expect, test } from "vitest";
import { startCall } from "../../src/service/flow/callSteps.js";
import { loadCallFlow } from "../../src/service/line/loadCallFlow.js";
import { parseSession, serializeSession } from "../../src/service/session/sessionRecord.js";
import type { FlowEvent, PersistedCall } from "../../src/service/types.js";
import { advanceCall, DIRECTORY_FILE, FLOW_FILE, SATURDAY, WEEKDAY_OPEN } from "../fixtures/flowFixtures.js";

const callFlow = loadCallFlow(FLOW_FILE, DIRECTORY_FILE);
const press = (digits: string, at: number): FlowEvent => ({ type: "KEY", digits, now: at });
const play = (at: number, ...keys: string[]): PersistedCall =>
  keys.reduce(
    (call, k) => advanceCall(callFlow, call, press(k, at)),
    startCall(callFlow, { region: "hawaii", now: at }),
  );

describe("an interpreter call in the session store", () => {
  test.each([
    ["the hand-off to member services", play(WEEKDAY_OPEN, "8", "4"), "transfer"],
    ["the interpreter menu (member services closed)", play(SATURDAY, "8", "4"), "interpreterClosed"],
    ["the nurse advice line from it", play(SATURDAY, "8", "4", "2"), "transfer"],
  ])("%s survives a round trip, with the interpreter", (_, call, state) => {
    expect(call.value).toBe(state);
    expect(call.context.interpreter).toBe("vi");
    const record = { turn: 3, version: callFlow.version, call };
    expect(parseSession(serializeSession(record))).toEqual(record);
  });

  test("a session written before interpreters existed reads as a call without one", () => {
    const call = play(WEEKDAY_OPEN, "3");
    const { interpreter: _, ...older } = call.context;
    const json = JSON.stringify({ v: 1, turn: 2, version: callFlow.version, call: { ...call, context: older } });
    expect(parseSession(json)).toEqual({ turn: 2, version: callFlow.version, call });
  });

  test.each([
    ["a number", 4],
    ["an object", { language: "vi" }],
  ])("an interpreter that is %s makes the record unreadable (the call starts over)", (_, interpreter) => {
    const call = play(WEEKDAY_OPEN, "8", "4");
    const json = JSON.stringify({
      v: 1,
      turn: 2,
      version: callFlow.version,
      call: { ...call, context: { ...call.context, interpreter } },
    });
    expect(parseSession(json)).toBeUndefined();
  });
});
