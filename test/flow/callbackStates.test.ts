import { describe, expect, test } from "vitest";
import { applyEvent, startCall } from "../../src/service/flow/callSteps.js";
import { loadCallFlow } from "../../src/service/line/loadCallFlow.js";
import { listTurnEffects } from "../../src/service/turn/turnEffects.js";
import type { FlowEvent, PersistedCall } from "../../src/service/types.js";
import {
  advanceCall,
  DIRECTORY_FILE,
  defined,
  dialResult,
  FLOW_FILE,
  key,
  SATURDAY,
  silence,
  WEEKDAY_OPEN,
} from "../fixtures/flowFixtures.js";

const callFlow = loadCallFlow(FLOW_FILE, DIRECTORY_FILE);
const { maxFailures, maxMenuTurns } = callFlow.flow.limits;
/** Monday 15 June 2026, 08:00 PDT: member services' next opening after SATURDAY in the Northwest. */
const MONDAY_OPENING = Date.UTC(2026, 5, 15, 15, 0);

type Step = (at: number) => FlowEvent;
const press =
  (digits: string): Step =>
  (at) =>
    key(digits, at);
const quiet: Step = (at) => silence(at);
/** A number keyed in, as the edge hands it over: checked, and sealed when valid. */
const entered =
  (valid: boolean): Step =>
  (at) => ({ type: "NUMBER", valid, ...(valid ? { sealed: "v1.a.b.c" } : {}), now: at });
const dial =
  (status: "completed" | "busy"): Step =>
  (at) =>
    dialResult(status, at);

function play(start: PersistedCall, at: number, ...steps: Step[]): PersistedCall {
  return steps.reduce((call, step, i) => advanceCall(callFlow, call, step(at + (i + 1) * 1_000)), start);
}
const northwest = (callerKnown = true) => startCall(callFlow, { region: "northwest", now: SATURDAY, callerKnown });

describe("asking for a call-back after a closed team", () => {
  test.each([
    [
      "1 closed, 5, 1: queued with the caller's own number",
      [press("1"), press("5"), press("1")],
      "callbackDone",
      undefined,
    ],
    ["1 closed, 5: the caller's number to confirm", [press("1"), press("5")], "callbackConfirm", undefined],
    ["1 closed, 5, 2: another number to key in", [press("1"), press("5"), press("2")], "callbackNumber", undefined],
    [
      "… a valid number: read back",
      [press("1"), press("5"), press("2"), entered(true)],
      "callbackReadBack",
      "v1.a.b.c",
    ],
    [
      "… read back, 1: queued with it",
      [press("1"), press("5"), press("2"), entered(true), press("1")],
      "callbackDone",
      "v1.a.b.c",
    ],
    [
      "… read back, 2: keyed in again",
      [press("1"), press("5"), press("2"), entered(true), press("2")],
      "callbackNumber",
      undefined,
    ],
    [
      "… a number that cannot be called: asked again",
      [press("1"), press("5"), press("2"), entered(false)],
      "callbackNumber",
      undefined,
    ],
    ["5 with no offer is a wrong key", [press("5")], "main", undefined],
    ["2 (open) after the offer: the offer lapses, nurse advice", [press("1"), press("2")], "transfer", undefined],
  ] as const)("%s", (_name, steps, state, sealed) => {
    const call = play(northwest(), SATURDAY, ...steps);
    expect(call.value).toBe(state);
    expect(call.context.callback?.sealed).toBe(sealed);
    if (state === "callbackDone" || state === "callbackConfirm" || state === "callbackNumber")
      expect(call.context.callback).toMatchObject({ team: "memberServices", region: "northwest", at: MONDAY_OPENING });
  });

  test("the offer names the opening and how many local days away it is", () => {
    const call = play(northwest(), SATURDAY, press("1"));
    expect(call.context.notices).toContainEqual({
      kind: "callbackOffer",
      team: "memberServices",
      region: "northwest",
      at: MONDAY_OPENING,
      days: 2,
    });
    expect(call.context.offer).toEqual({ team: "memberServices", region: "northwest", at: MONDAY_OPENING });
  });

  test("a withheld caller ID goes straight to keying a number in", () => {
    expect(play(northwest(false), SATURDAY, press("1"), press("5")).value).toBe("callbackNumber");
  });

  test("an invalid number is said so, and counts as a failed answer", () => {
    const call = play(northwest(), SATURDAY, press("1"), press("5"), press("2"), entered(false));
    expect(call.context.notices).toEqual([{ kind: "callbackInvalidNumber" }]);
    expect(call.context.failures).toBe(1);
  });

  test(`${maxFailures} wrong keys or silences in a row end with the goodbye`, () => {
    const wrong = Array.from({ length: maxFailures }, (_, i) => (i % 2 === 0 ? press("9") : quiet));
    expect(play(northwest(), SATURDAY, press("1"), press("5"), ...wrong).value).toBe("goodbye");
    expect(play(northwest(), SATURDAY, press("1"), press("5"), ...wrong.slice(1)).value).toBe("callbackConfirm");
  });

  test(`changing the number over and over ends at ${maxMenuTurns} answers (no endless loop)`, () => {
    const loop = Array.from({ length: maxMenuTurns }, () => [entered(true), press("2")]).flat();
    const call = play(northwest(), SATURDAY, press("1"), press("5"), press("2"), ...loop);
    expect(call.value).toBe("goodbye");
  });

  test("the effect of the confirming turn: request the call-back, in the caller's language and interpreter", () => {
    const before = play(northwest(), SATURDAY, press("1"), press("5"));
    const after = advanceCall(callFlow, before, key("1", SATURDAY + 10_000));
    expect(listTurnEffects(callFlow, before, after, { type: "KEYED", digits: "1", now: SATURDAY + 10_000 })).toEqual([
      {
        kind: "requestCallback",
        team: "memberServices",
        region: "northwest",
        language: "en",
        interpreter: null,
        at: MONDAY_OPENING,
      },
    ]);
    expect(listTurnEffects(callFlow, after, after, null)).toEqual([]);
  });

  test("a member who reaches a call-back team cancels their call-back for it; another team does not", () => {
    const open = startCall(callFlow, { region: "northwest", now: WEEKDAY_OPEN });
    const dialing = advanceCall(callFlow, open, key("1", WEEKDAY_OPEN));
    const reached = advanceCall(callFlow, dialing, dialResult("completed", WEEKDAY_OPEN));
    const event = { type: "DIAL_RESULT", status: "completed", now: WEEKDAY_OPEN } as const;
    expect(listTurnEffects(callFlow, dialing, reached, event)).toEqual([
      { kind: "cancelCallback", team: "memberServices", region: "northwest" },
    ]);
    const nurse = advanceCall(callFlow, open, key("2", WEEKDAY_OPEN));
    expect(listTurnEffects(callFlow, nurse, applyEvent(callFlow, nurse, event), event)).toEqual([]);
  });
});

describe("the call-back offered after a transfer failed on every number of the team", () => {
  const { retryMinutes } = defined(callFlow.flow.callbacks);
  /** Wednesday 10 June 2026, 16:50 PDT: member services closes at 17:00, before the retry spacing ends. */
  const BEFORE_CLOSING = Date.UTC(2026, 5, 10, 23, 50);
  /** Thursday 11 June 2026, 08:00 PDT: its next opening. */
  const THURSDAY_OPENING = Date.UTC(2026, 5, 11, 15, 0);
  const offerOf = (call: PersistedCall) => call.context.notices.find((n) => n.kind === "callbackOffer");

  test("a team open then: after the retry spacing, said as such (no opening)", () => {
    const start = startCall(callFlow, { region: "northwest", now: WEEKDAY_OPEN });
    const call = play(start, WEEKDAY_OPEN, press("3"), dial("busy"));
    const failedAt = WEEKDAY_OPEN + 2_000;
    expect(call.context.notices.map((n) => n.kind)).toEqual(["unreachable", "callbackOffer"]);
    expect(offerOf(call)).toEqual({
      kind: "callbackOffer",
      team: "pharmacy",
      region: "northwest",
      at: failedAt + retryMinutes * 60_000,
      days: 0,
      unreachable: true,
    });
  });

  test("a team closed when the spacing ends: at its next opening, as for a closed team", () => {
    const start = startCall(callFlow, { region: "northwest", now: BEFORE_CLOSING });
    const call = play(start, BEFORE_CLOSING, press("1"), dial("busy"));
    expect(offerOf(call)).toEqual({
      kind: "callbackOffer",
      team: "memberServices",
      region: "northwest",
      at: THURSDAY_OPENING,
      days: 1,
    });
  });

  test("a closed team's offer is never said as unreachable", () => {
    expect(offerOf(play(northwest(), SATURDAY, press("1")))).not.toHaveProperty("unreachable");
  });
});

describe("the call the line places at the opening", () => {
  const placed = (interpreter: string | null) =>
    startCall(callFlow, {
      region: "northwest",
      now: MONDAY_OPENING,
      language: interpreter ?? "en",
      interpreter,
      callback: { team: "memberServices", region: "northwest", at: MONDAY_OPENING, job: "f".repeat(32) },
      resumed: true,
    });

  test.each([
    ["1 puts the member through", [press("1")]],
    ["staying on the line puts them through", [quiet]],
    [`${maxFailures} wrong keys put them through`, Array.from({ length: maxFailures }, () => press("7"))],
  ] as const)("%s", (_name, steps) => {
    const greeting = placed(null);
    expect(greeting.value).toBe("callbackGreeting");
    const call = play(greeting, MONDAY_OPENING, ...steps);
    expect(call.value).toBe("transfer");
    expect(call.context.transfer).toEqual({ team: "memberServices", region: "northwest", attempt: 0 });
  });

  test("a Vietnamese member is put through with the interpreter hand-off", () => {
    const call = play(placed("vi"), MONDAY_OPENING, press("1"));
    expect(call.context.transfer).toEqual({
      team: "memberServices",
      region: "northwest",
      attempt: 0,
      interpreter: "vi",
    });
    expect(call.context.language).toBe("vi");
  });

  test("the team answering ends the call; no call-back is offered again on the call the line placed", () => {
    const through = play(placed(null), MONDAY_OPENING, press("1"), dial("completed"));
    expect(through.value).toBe("ended");
    const busy = play(placed(null), MONDAY_OPENING, press("1"), dial("busy"));
    expect(busy.context.notices.map((n) => n.kind)).toEqual(["unreachable"]);
  });

  test("a language chosen later on the call the line placed starts the menus over, not the greeting", () => {
    const back = play(placed(null), MONDAY_OPENING, press("1"), dial("busy"));
    expect(back.value).toBe("main");
    const spanish = play(back, MONDAY_OPENING, press("9"));
    expect(spanish.value).toBe("main");
    expect(spanish.context.language).toBe("es");
  });
});
