import { describe, expect, test } from "vitest";
import { findLine } from "../../src/service/directory/queryDirectory.js";
import { startCall } from "../../src/service/flow/callSteps.js";
import { loadCallFlow } from "../../src/service/line/loadCallFlow.js";
import type { DialStatus, FlowEvent, Notice, PersistedCall } from "../../src/service/types.js";
import {
  advanceCall,
  DIRECTORY_FILE,
  dialResult,
  EXPECTED_REGIONS,
  type ExpectedRegion,
  expectedNumbers,
  FLOW_FILES,
  key,
  SATURDAY,
  silence,
  speech,
  TEAM_KEYS,
  type TeamKey,
  WEEKDAY_OPEN,
} from "../fixtures/flowFixtures.js";

describe.each(FLOW_FILES)("%s", (flowFile) => {
  const callFlow = loadCallFlow(flowFile, DIRECTORY_FILE);
  const { maxFailures, maxMenuTurns, maxFailedTransfers } = callFlow.flow.limits;
  const { minConfidence } = callFlow.flow.speech;

  /** An event at a given clock: the tests build each step's event fresh, like the webhooks do. */
  type Step = (at: number) => FlowEvent;
  const press =
    (digits: string): Step =>
    (at) =>
      key(digits, at);
  const say =
    (text: string, confidence = 0.9): Step =>
    (at) =>
      speech(text, confidence, at);
  const quiet: Step = (at) => silence(at);
  const dial =
    (status: DialStatus): Step =>
    (at) =>
      dialResult(status, at);

  /** Starts a call and plays the steps, one minute apart from `at`; returns the call after the last one. */
  function play(region: string | null, at: number, ...steps: Step[]): PersistedCall {
    return steps.reduce(
      (call, step, i) => advanceCall(callFlow, call, step(at + (i + 1) * 60_000)),
      startCall(callFlow, { region, now: at }),
    );
  }

  /** The call-back offered after `team` is found closed or unreachable, when the flow offers them for it. */
  const offer = (team: string, region: string) =>
    callFlow.flow.callbacks?.teams.includes(team)
      ? [expect.objectContaining({ kind: "callbackOffer", team, region })]
      : [];

  /** The number the call's transfer dials, as the TwiML renderer looks it up. */
  function dialed(call: PersistedCall): string | undefined {
    const t = call.context.transfer;
    return t ? findLine(callFlow.directory, t.region, t.team)?.numbers[t.attempt]?.e164 : undefined;
  }

  const region = (id: string): ExpectedRegion => {
    const found = EXPECTED_REGIONS.find((r) => r.id === id);
    if (!found) throw new Error(`no region ${id}`);
    return found;
  };
  const TWO_NUMBERS = EXPECTED_REGIONS.filter((r) => r.memberServices.length === 2);
  const ONE_NUMBER = EXPECTED_REGIONS.filter((r) => r.memberServices.length === 1);
  const FAILED: readonly DialStatus[] = ["busy", "no-answer", "failed", "canceled"];
  const CONNECTED: readonly DialStatus[] = ["completed", "answered"];
  const INVALID_KEYS = ["5", "6", "7", "#"];

  describe("starting a call", () => {
    test.each(EXPECTED_REGIONS)("a call to $id starts in the main menu with the greeting", ({ id }) => {
      const call = startCall(callFlow, { region: id, now: WEEKDAY_OPEN });
      expect(call.value).toBe("main");
      expect(call.context).toEqual({
        region: id,
        language: "en",
        failures: 0,
        menuTurns: 0,
        failedTransfers: 0,
        menu: "main",
        prompt: "full",
        greet: true,
        notices: [],
        transfer: null,
        interpreter: null,
        now: WEEKDAY_OPEN,
      });
    });

    test("a call whose region is unknown starts in the region menu", () => {
      const call = startCall(callFlow, { region: null, now: WEEKDAY_OPEN });
      expect(call.value).toBe("region");
      expect(call.context.menu).toBe("region");
      expect(call.context.region).toBeNull();
    });

    test("a resumed call skips the greeting and keeps the notices it is given", () => {
      const notices: Notice[] = [{ kind: "apology" }];
      const call = startCall(callFlow, {
        region: "georgia",
        now: WEEKDAY_OPEN,
        resumed: true,
        notices,
        language: "es",
      });
      expect(call.context).toMatchObject({ greet: false, notices, language: "es" });
    });
  });

  describe("every region and every team key at an open weekday time", () => {
    const cases = EXPECTED_REGIONS.flatMap((r) =>
      (Object.keys(TEAM_KEYS) as TeamKey[]).map((k) => ({
        region: r.id,
        key: k,
        team: TEAM_KEYS[k],
        number: expectedNumbers(r, TEAM_KEYS[k])[0],
      })),
    );

    test.each(cases)("$region: $key transfers to $team on $number", ({ region: id, key: k, team, number }) => {
      const call = play(id, WEEKDAY_OPEN, press(k));
      expect(call.value).toBe("transfer");
      expect(call.context.transfer).toEqual({
        team,
        region: id,
        attempt: 0,
        ...(k === "4" ? { announce: "crisisLine" } : {}),
      });
      expect(dialed(call)).toBe(number);
      expect(call.context.notices).toEqual([]);
      expect(call.context.failures).toBe(0);
      expect(call.context.now).toBe(WEEKDAY_OPEN + 60_000);
    });
  });

  describe("failed answers", () => {
    test.each(INVALID_KEYS)("key %s is not a choice: main again, short prompt, one failure", (digits) => {
      const call = play("california", WEEKDAY_OPEN, press(digits));
      expect(call.value).toBe("main");
      expect(call.context).toMatchObject({
        notices: [{ kind: "invalid" }],
        prompt: "short",
        failures: 1,
        menuTurns: 1,
        transfer: null,
        greet: false,
      });
    });

    test.each(INVALID_KEYS)("key %s twice counts two failures", (digits) => {
      const call = play("washington", WEEKDAY_OPEN, press(digits), press(digits));
      expect(call.value).toBe("main");
      expect(call.context).toMatchObject({ notices: [{ kind: "invalid" }], prompt: "short", failures: 2 });
    });

    test("silence is a failure with a noInput notice", () => {
      const once = play("georgia", WEEKDAY_OPEN, quiet);
      expect(once.value).toBe("main");
      expect(once.context).toMatchObject({ notices: [{ kind: "noInput" }], prompt: "short", failures: 1 });
      const twice = play("georgia", WEEKDAY_OPEN, quiet, quiet);
      expect(twice.value).toBe("main");
      expect(twice.context).toMatchObject({ notices: [{ kind: "noInput" }], prompt: "short", failures: 2 });
    });

    const sequences: ReadonlyArray<readonly [string, readonly Step[]]> = [
      ["three invalid keys", [press("5"), press("5"), press("5")]],
      ["three silences", [quiet, quiet, quiet]],
      ["key, silence, unknown words", [press("#"), quiet, say("weather")]],
      ["mumbled speech, silence, key", [say("pharmacy", 0.1), quiet, press("7")]],
      ["silence, key, silence", [quiet, press("7"), quiet]],
    ];

    test("the flow escalates on the third failure", () => {
      expect(maxFailures).toBe(3);
    });

    describe.each(EXPECTED_REGIONS)("$id", (r) => {
      test.each(sequences)("%s: a representative takes the call", (_, steps) => {
        const before = play(r.id, WEEKDAY_OPEN, ...steps.slice(0, -1));
        expect(before.value).toBe("main");
        expect(before.context.failures).toBe(maxFailures - 1);
        const call = play(r.id, WEEKDAY_OPEN, ...steps);
        expect(call.value).toBe("transfer");
        expect(call.context.transfer).toEqual({ team: "representative", region: r.id, attempt: 0 });
        expect(call.context.notices).toContainEqual({ kind: "escalate", team: "representative" });
        expect(call.context.failures).toBe(0);
        expect(dialed(call)).toBe(r.memberServices[0]);
      });
    });

    test.each([
      ["* (repeat)", press("*")],
      ["9 (language)", press("9")],
      ["spoken 'repeat'", say("repeat")],
    ])("a good answer (%s) resets the failures", (_, good) => {
      const call = play("hawaii", WEEKDAY_OPEN, press("5"), quiet, good, press("5"), quiet);
      expect(call.value).toBe("main");
      expect(call.context.failures).toBe(2);
      expect(play("hawaii", WEEKDAY_OPEN, press("5"), quiet, good, press("5"), quiet, quiet).value).toBe("transfer");
    });

    test("a closed team's key resets the failures too", () => {
      // 6 is no option (5 asks for the call-back a closed team offers).
      const call = play("colorado", SATURDAY, press("6"), press("6"), press("1"), press("6"), press("6"));
      expect(call.value).toBe("main");
      expect(call.context.failures).toBe(2);
    });
  });

  describe("repeating and the menu-turn limit", () => {
    test("* repeats the full menu, with no notice", () => {
      const call = play("midAtlantic", WEEKDAY_OPEN, press("5"), press("*"));
      expect(call.value).toBe("main");
      expect(call.context).toMatchObject({ prompt: "full", notices: [], failures: 0, menuTurns: 2, greet: false });
    });

    test(`${maxMenuTurns} menu answers in a call escalate to a representative`, () => {
      const stars = Array.from({ length: maxMenuTurns }, () => press("*"));
      const before = play("northwest", WEEKDAY_OPEN, ...stars.slice(1));
      expect(before.value).toBe("main");
      expect(before.context.menuTurns).toBe(maxMenuTurns - 1);
      const call = play("northwest", WEEKDAY_OPEN, ...stars);
      expect(call.value).toBe("transfer");
      expect(call.context.transfer).toEqual({ team: "representative", region: "northwest", attempt: 0 });
      expect(call.context.notices).toContainEqual({ kind: "escalate", team: "representative" });
      expect(call.context.menuTurns).toBe(0);
      expect(dialed(call)).toBe("+18008132000");
    });

    test("language switches and failures count as menu turns too", () => {
      const steps = Array.from({ length: maxMenuTurns }, (_, i) => (i % 3 === 2 ? press("5") : press("9")));
      const call = play("california", WEEKDAY_OPEN, ...steps);
      expect(call.value).toBe("transfer");
      expect(call.context.notices).toContainEqual({ kind: "escalate", team: "representative" });
    });

    test(`on a Saturday the menu-turn limit escalates to ${callFlow.flow.representative.whenClosed}`, () => {
      const call = play("georgia", SATURDAY, ...Array.from({ length: maxMenuTurns }, () => press("*")));
      expect(call.value).toBe("transfer");
      expect(call.context.transfer).toEqual({ team: "nurseAdvice", region: "georgia", attempt: 0 });
      expect(call.context.notices).toContainEqual({ kind: "escalate", team: "nurseAdvice" });
    });
  });

  describe("callers whose region is unknown", () => {
    test.each(EXPECTED_REGIONS.map((r, i) => ({ ...r, key: String(i + 1) })))(
      "key $key picks $id, then the main menu dials its numbers",
      ({ id, key: k }) => {
        const chosen = play(null, WEEKDAY_OPEN, press(k));
        expect(chosen.value).toBe("main");
        expect(chosen.context).toMatchObject({ region: id, menu: "main", prompt: "full", failures: 0, notices: [] });
        const call = play(null, WEEKDAY_OPEN, press(k), press("1"));
        expect(call.value).toBe("transfer");
        expect(call.context.transfer).toEqual({ team: "memberServices", region: id, attempt: 0 });
        expect(dialed(call)).toBe(region(id).memberServices[0]);
      },
    );

    test.each([
      ["portland", "northwest"],
      ["Denver, Colorado", "colorado"],
      ["I live in Maryland", "midAtlantic"],
      ["washington state", "washington"],
      // The longest phrase wins: "southwest washington" is the Northwest, not Washington State.
      ["southwest washington", "northwest"],
      ["Hawaii", "hawaii"],
    ])("saying %j picks %s", (text, id) => {
      const call = play(null, WEEKDAY_OPEN, say(text));
      expect(call.value).toBe("main");
      expect(call.context.region).toBe(id);
    });

    test.each([
      ["key 9", press("9")],
      ["saying 'español'", say("español")],
      ["saying 'spanish'", say("spanish")],
    ])("%s in the region menu switches to Spanish, still in the region menu", (_, spanish) => {
      const call = play(null, WEEKDAY_OPEN, spanish);
      expect(call.value).toBe("region");
      expect(call.context).toMatchObject({ language: "es", region: null, failures: 0, notices: [], prompt: "full" });
      const chosen = play(null, WEEKDAY_OPEN, spanish, press("6"));
      expect(chosen.value).toBe("main");
      expect(chosen.context).toMatchObject({ language: "es", region: "northwest" });
      expect(play(null, WEEKDAY_OPEN, spanish, press("9")).context).toMatchObject({ language: "en", region: null });
    });

    test("key 8 in the region menu opens the language menu; its 1 then switches to Spanish in the region menu", () => {
      const menu = play(null, WEEKDAY_OPEN, press("8"));
      expect(menu.value).toBe("language");
      expect(menu.context).toMatchObject({ region: null, language: "en", failures: 0 });
      const spanish = play(null, WEEKDAY_OPEN, press("8"), press("1"));
      expect(spanish.value).toBe("region");
      expect(spanish.context).toMatchObject({ region: null, language: "es" });
    });

    test.each(["*", "#"])("key %s is not a region", (digits) => {
      const call = play(null, WEEKDAY_OPEN, press(digits));
      expect(call.value).toBe("region");
      expect(call.context).toMatchObject({
        region: null,
        notices: [{ kind: "invalid" }],
        prompt: "short",
        failures: 1,
      });
    });

    test("0 in the region menu goes to California's representative", () => {
      const call = play(null, WEEKDAY_OPEN, press("0"));
      expect(call.value).toBe("transfer");
      expect(call.context.transfer).toEqual({ team: "representative", region: "california", attempt: 0 });
      expect(call.context.region).toBeNull();
      expect(dialed(call)).toBe("+18004644000");
    });

    test("three failures in the region menu escalate to California's representative", () => {
      const call = play(null, WEEKDAY_OPEN, press("*"), quiet, press("#"));
      expect(call.value).toBe("transfer");
      expect(call.context.transfer).toEqual({ team: "representative", region: "california", attempt: 0 });
      expect(call.context.notices).toContainEqual({ kind: "escalate", team: "representative" });
    });

    test("a failed transfer from the region menu returns to the region menu", () => {
      const call = play(null, WEEKDAY_OPEN, press("0"), dial("busy"));
      expect(call.value).toBe("region");
      expect(call.context).toMatchObject({
        notices: [{ kind: "unreachable", team: "representative" }],
        transfer: null,
        failedTransfers: 1,
        prompt: "full",
      });
    });
  });

  describe("0 works in every menu", () => {
    test.each([
      ["main", "georgia" as string | null, "georgia", "+18888655813"],
      ["region", null, "california", "+18004644000"],
    ])("in the %s menu", (menu, start, to, number) => {
      const first = startCall(callFlow, { region: start, now: WEEKDAY_OPEN });
      expect(first.value).toBe(menu);
      const call = advanceCall(callFlow, first, key("0", WEEKDAY_OPEN + 1));
      expect(call.value).toBe("transfer");
      expect(call.context.transfer).toEqual({ team: "representative", region: to, attempt: 0 });
      expect(dialed(call)).toBe(number);
    });

    test("in Spanish", () => {
      const call = play("hawaii", WEEKDAY_OPEN, press("9"), press("0"));
      expect(call.value).toBe("transfer");
      expect(call.context.transfer?.team).toBe("representative");
      expect(call.context.language).toBe("es");
    });
  });

  describe("dial outcomes", () => {
    describe.each(EXPECTED_REGIONS)("$id", (r) => {
      test.each(CONNECTED)("%s ends the call", (status) => {
        const call = play(r.id, WEEKDAY_OPEN, press("1"), dial(status));
        expect(call.value).toBe("ended");
      });

      test.each(FAILED)("%s on the last number: back to the main menu, unreachable", (status) => {
        const attempts = r.memberServices.map(() => dial(status));
        const call = play(r.id, WEEKDAY_OPEN, press("1"), ...attempts);
        expect(call.value).toBe("main");
        expect(call.context).toMatchObject({
          notices: [{ kind: "unreachable", team: "memberServices" }, ...offer("memberServices", r.id)],
          transfer: null,
          failedTransfers: attempts.length,
          failures: 0,
          prompt: "full",
        });
      });
    });

    describe.each(TWO_NUMBERS)("$id has two member services numbers", (r) => {
      test.each(FAILED)("%s on the first number dials the second", (status) => {
        const call = play(r.id, WEEKDAY_OPEN, press("1"), dial(status));
        expect(call.value).toBe("transfer");
        expect(call.context.transfer).toEqual({ team: "memberServices", region: r.id, attempt: 1 });
        expect(call.context.failedTransfers).toBe(1);
        expect(dialed(call)).toBe(r.memberServices[1]);
      });

      test("the second number answering ends the call", () => {
        expect(play(r.id, WEEKDAY_OPEN, press("1"), dial("no-answer"), dial("answered")).value).toBe("ended");
      });

      test("routed teams (behavioral health) retry too, without repeating the crisis announcement", () => {
        const first = play(r.id, WEEKDAY_OPEN, press("4"));
        expect(first.context.transfer?.announce).toBe("crisisLine");
        const call = play(r.id, WEEKDAY_OPEN, press("4"), dial("busy"));
        expect(call.context.transfer).toMatchObject({ team: "behavioralHealth", attempt: 1 });
        expect(call.context.transfer?.announce).toBeUndefined();
        expect(dialed(call)).toBe(r.memberServices[1]);
      });

      test(`after ${maxFailedTransfers} failed dials the caller hears goodbye`, () => {
        const call = play(r.id, WEEKDAY_OPEN, press("1"), dial("busy"), dial("busy"), press("1"), dial("busy"));
        expect(call.value).toBe("goodbye");
        expect(call.context.failedTransfers).toBe(maxFailedTransfers);
      });

      test("the second number is not tried when it would exceed the failed-transfer limit", () => {
        const call = play(r.id, WEEKDAY_OPEN, press("2"), dial("busy"), dial("busy"), press("1"));
        expect(call.context.failedTransfers).toBe(maxFailedTransfers - 1);
        expect(advanceCall(callFlow, call, dialResult("failed", WEEKDAY_OPEN + 3_600_000)).value).toBe("goodbye");
      });
    });

    describe.each(ONE_NUMBER)("$id has one member services number", (r) => {
      test(`after ${maxFailedTransfers} failed transfers the caller hears goodbye`, () => {
        const steps = Array.from({ length: maxFailedTransfers }, () => [press("1"), dial("no-answer")]).flat();
        const before = play(r.id, WEEKDAY_OPEN, ...steps.slice(0, -2));
        expect(before.value).toBe("main");
        expect(before.context.failedTransfers).toBe(maxFailedTransfers - 1);
        const call = play(r.id, WEEKDAY_OPEN, ...steps);
        expect(call.value).toBe("goodbye");
        expect(call.context.failedTransfers).toBe(maxFailedTransfers);
        expect(call.context.notices).toEqual([{ kind: "unreachable", team: "memberServices" }]);
      });
    });

    test.each(["nurseAdvice", "pharmacy", "behavioralHealth"] as const)(
      "the Northwest's own %s line failing returns to the menu",
      (team) => {
        const k = (Object.keys(TEAM_KEYS) as TeamKey[]).find((x) => TEAM_KEYS[x] === team) ?? "1";
        const call = play("northwest", WEEKDAY_OPEN, press(k), dial("failed"));
        expect(call.value).toBe("main");
        expect(call.context.notices).toEqual([{ kind: "unreachable", team }, ...offer(team, "northwest")]);
      },
    );

    test("an escalated transfer that fails returns to the menu, where the caller can try again", () => {
      const call = play("california", WEEKDAY_OPEN, quiet, quiet, quiet, dial("busy"), press("3"));
      expect(call.value).toBe("transfer");
      expect(call.context.transfer).toEqual({ team: "pharmacy", region: "california", attempt: 0 });
      expect(call.context.failedTransfers).toBe(1);
    });

    test("the caller's language survives a failed transfer", () => {
      const call = play("georgia", WEEKDAY_OPEN, press("9"), press("3"), dial("busy"));
      expect(call.value).toBe("main");
      expect(call.context.language).toBe("es");
    });
  });

  describe("events a state does not take leave the call as it is", () => {
    test.each([
      ["a dial result in a menu", () => play("georgia", WEEKDAY_OPEN), dial("completed")],
      ["a key during a transfer", () => play("georgia", WEEKDAY_OPEN, press("1")), press("2")],
      ["speech during a transfer", () => play("georgia", WEEKDAY_OPEN, press("1")), say("pharmacy")],
      ["silence during a transfer", () => play("georgia", WEEKDAY_OPEN, press("1")), quiet],
      ["a key after the call ended", () => play("georgia", WEEKDAY_OPEN, press("1"), dial("completed")), press("1")],
      [
        "a dial result after goodbye",
        () =>
          play("georgia", WEEKDAY_OPEN, press("1"), dial("busy"), press("1"), dial("busy"), press("1"), dial("busy")),
        dial("answered"),
      ],
    ] as const)("%s", (_, before, step) => {
      const call = before();
      expect(advanceCall(callFlow, call, step(WEEKDAY_OPEN + 3_600_000))).toEqual(call);
    });
  });

  describe("opening hours", () => {
    describe.each(EXPECTED_REGIONS)("$id on a Saturday", (r) => {
      const open = r.id === "northwest" ? ["2", "3", "4"] : ["2", "4"];

      test(`1 (member services) is closed; open now: ${open.join(", ")}`, () => {
        const call = play(r.id, SATURDAY, press("1"));
        expect(call.value).toBe("main");
        expect(call.context).toMatchObject({
          notices: [{ kind: "closed", team: "memberServices", region: r.id, open }, ...offer("memberServices", r.id)],
          prompt: "short",
          failures: 0,
          transfer: null,
        });
      });

      test("2 afterwards transfers to the nurse advice line", () => {
        const call = play(r.id, SATURDAY, press("1"), press("2"));
        expect(call.value).toBe("transfer");
        expect(call.context.transfer).toEqual({ team: "nurseAdvice", region: r.id, attempt: 0 });
        expect(dialed(call)).toBe(expectedNumbers(r, "nurseAdvice")[0]);
      });

      test("0 (representative) is closed too", () => {
        const call = play(r.id, SATURDAY, press("0"));
        expect(call.value).toBe("main");
        expect(call.context.notices).toEqual([{ kind: "closed", team: "representative", region: r.id, open }]);
      });

      test("4 (behavioral health) is open, with the crisis line announcement", () => {
        const call = play(r.id, SATURDAY, press("4"));
        expect(call.value).toBe("transfer");
        expect(call.context.transfer).toEqual({
          team: "behavioralHealth",
          region: r.id,
          attempt: 0,
          announce: "crisisLine",
        });
      });

      test("3 failures go to the nurse advice line (the representative is closed)", () => {
        const call = play(r.id, SATURDAY, press("5"), quiet, press("#"));
        expect(call.value).toBe("transfer");
        expect(call.context.transfer).toEqual({ team: "nurseAdvice", region: r.id, attempt: 0 });
        expect(call.context.notices).toContainEqual({ kind: "escalate", team: "nurseAdvice" });
        expect(dialed(call)).toBe(expectedNumbers(r, "nurseAdvice")[0]);
      });
    });

    test("the Northwest pharmacy line is open on Saturday", () => {
      const call = play("northwest", SATURDAY, press("3"));
      expect(call.value).toBe("transfer");
      expect(dialed(call)).toBe("+18009720700");
    });

    test.each(EXPECTED_REGIONS.filter((r) => r.id !== "northwest").map((r) => r.id))(
      "pharmacy in %s is closed on Saturday (it goes through member services)",
      (id) => {
        const call = play(id, SATURDAY, press("3"));
        expect(call.value).toBe("main");
        expect(call.context.notices).toEqual([
          { kind: "closed", team: "pharmacy", region: id, open: ["2", "4"] },
          ...offer("pharmacy", id),
        ]);
      },
    );

    test("unknown region on a Saturday: 0 is closed at California, nothing else is a team", () => {
      const call = play(null, SATURDAY, press("0"));
      expect(call.value).toBe("region");
      expect(call.context.notices).toEqual([
        { kind: "closed", team: "representative", region: "california", open: [] },
      ]);
    });

    test("unknown region on a Saturday: 3 failures go to California's nurse advice", () => {
      const call = play(null, SATURDAY, quiet, quiet, quiet);
      expect(call.value).toBe("transfer");
      expect(call.context.transfer).toEqual({ team: "nurseAdvice", region: "california", attempt: 0 });
    });

    test.each([
      // Thanksgiving, Thursday 26 November 2026, 20:00 UTC = 12:00 PST.
      ["Thanksgiving at noon", Date.UTC(2026, 10, 26, 20, 0), "main"],
      // Wednesday 25 November 2026, 20:00 UTC = 12:00 PST.
      ["the day before at noon", Date.UTC(2026, 10, 25, 20, 0), "transfer"],
      // Wednesday 10 June 2026, 15:00 UTC = 08:00 PDT: opening time.
      ["08:00 on a weekday", Date.UTC(2026, 5, 10, 15, 0), "transfer"],
      // Wednesday 10 June 2026, 14:59 UTC = 07:59 PDT.
      ["07:59 on a weekday", Date.UTC(2026, 5, 10, 14, 59), "main"],
    ])("member services in California: %s", (_, at, state) => {
      const call = advanceCall(callFlow, startCall(callFlow, { region: "california", now: at }), key("1", at));
      expect(call.value).toBe(state);
    });

    test("the clock of the answer decides, not the clock of the call's start", () => {
      // The call starts Friday 12 June 2026 at 16:59 PDT (23:59 UTC); 1 is pressed at 17:00 PDT.
      const start = Date.UTC(2026, 5, 12, 23, 59);
      const call = advanceCall(
        callFlow,
        startCall(callFlow, { region: "washington", now: start }),
        key("1", start + 60_000),
      );
      expect(call.value).toBe("main");
      expect(call.context.notices[0]).toMatchObject({ kind: "closed", team: "memberServices" });
    });
  });

  describe("Spanish", () => {
    test("9 switches to Spanish and says the full menu again; 9 in Spanish switches back", () => {
      const es = play("california", WEEKDAY_OPEN, press("5"), press("9"));
      expect(es.value).toBe("main");
      expect(es.context).toMatchObject({ language: "es", prompt: "full", notices: [], failures: 0 });
      const en = play("california", WEEKDAY_OPEN, press("5"), press("9"), press("9"));
      expect(en.value).toBe("main");
      expect(en.context).toMatchObject({ language: "en", prompt: "full", notices: [] });
    });

    test.each(["spanish", "Español", "espanol"])("saying %j in English switches to Spanish", (text) => {
      const call = play("georgia", WEEKDAY_OPEN, say(text));
      expect(call.value).toBe("main");
      expect(call.context.language).toBe("es");
    });

    test.each(["inglés", "english"])("saying %j in Spanish switches back to English", (text) => {
      expect(play("georgia", WEEKDAY_OPEN, press("9"), say(text)).context.language).toBe("en");
    });

    test("end to end at the Northwest: 9, then 'farmacia' → the pharmacy line, in Spanish", () => {
      const call = play("northwest", WEEKDAY_OPEN, press("9"), say("farmacia", 0.9));
      expect(call.value).toBe("transfer");
      expect(call.context.language).toBe("es");
      expect(call.context.transfer).toEqual({ team: "pharmacy", region: "northwest", attempt: 0 });
      expect(dialed(call)).toBe("+18009720700");
    });

    test("a language passed at start is used from the first prompt", () => {
      const call = startCall(callFlow, { region: "colorado", now: WEEKDAY_OPEN, language: "es" });
      expect(call.context.language).toBe("es");
      expect(advanceCall(callFlow, call, key("9", WEEKDAY_OPEN)).context.language).toBe("en");
    });
  });

  describe("speech", () => {
    const PHRASES: ReadonlyArray<readonly [string, "en" | "es", string]> = [
      ["billing", "en", "memberServices"],
      ["ID card", "en", "memberServices"],
      ["nurse", "en", "nurseAdvice"],
      ["medical advice", "en", "nurseAdvice"],
      ["pharmacy", "en", "pharmacy"],
      ["prescription", "en", "pharmacy"],
      ["refill", "en", "pharmacy"],
      ["behavioral health", "en", "behavioralHealth"],
      ["mental health", "en", "behavioralHealth"],
      ["representative", "en", "representative"],
      ["agent", "en", "representative"],
      ["operator", "en", "representative"],
      ["facturación", "es", "memberServices"],
      ["enfermera", "es", "nurseAdvice"],
      ["farmacia", "es", "pharmacy"],
      ["receta", "es", "pharmacy"],
      ["salud mental", "es", "behavioralHealth"],
      ["representante", "es", "representative"],
      // Said in a sentence, with capitals, accents left out and punctuation.
      ["I have a question about my Bill.", "en", "memberServices"],
      ["I need a refill of my prescription, please", "en", "pharmacy"],
      ["¡Necesito hablar con un representante!", "es", "representative"],
      ["facturacion", "es", "memberServices"],
      ["Salud Mental, por favor", "es", "behavioralHealth"],
      ["I lost my I.D. card", "en", "memberServices"],
    ];

    test.each([
      ["DC", "midAtlantic"],
      ["D.C.", "midAtlantic"],
      ["Washington DC", "midAtlantic"],
      ["Washington", "washington"],
      ["Portland, Oregon", "northwest"],
    ])("the region menu understands %j → %s", (text, regionId) => {
      const call = advanceCall(
        callFlow,
        startCall(callFlow, { region: null, now: WEEKDAY_OPEN }),
        say(text)(WEEKDAY_OPEN),
      );
      expect(call.value).toBe("main");
      expect(call.context.region).toBe(regionId);
    });

    test.each(PHRASES)("%j (%s) → %s at the Northwest", (text, lang, team) => {
      const steps = lang === "es" ? [press("9"), say(text)] : [say(text)];
      const call = play("northwest", WEEKDAY_OPEN, ...steps);
      expect(call.value).toBe("transfer");
      expect(call.context.language).toBe(lang);
      expect(call.context.transfer?.team).toBe(team);
      expect(dialed(call)).toBe(expectedNumbers(region("northwest"), team)[0]);
    });

    test.each([
      ["weather", 0.95],
      ["", 0.95],
      ["health", 0.95],
    ])("%j names no option: invalid", (text, confidence) => {
      const call = play("california", WEEKDAY_OPEN, say(text, confidence));
      expect(call.value).toBe("main");
      expect(call.context).toMatchObject({ notices: [{ kind: "invalid" }], prompt: "short", failures: 1 });
    });

    test.each([
      ["pharmacy", minConfidence - 0.01],
      ["representative", 0.1],
      ["nurse", 0],
    ])("%j heard with confidence %d (below the flow's minimum) is invalid", (text, confidence) => {
      const call = play("california", WEEKDAY_OPEN, say(text, confidence));
      expect(call.value).toBe("main");
      expect(call.context).toMatchObject({ notices: [{ kind: "invalid" }], failures: 1 });
    });

    test("speech at exactly the minimum confidence counts", () => {
      const call = play("california", WEEKDAY_OPEN, say("pharmacy", minConfidence));
      expect(call.value).toBe("transfer");
      expect(call.context.transfer?.team).toBe("pharmacy");
    });

    test("'repeat' repeats the menu", () => {
      const call = play("california", WEEKDAY_OPEN, quiet, say("say that again"));
      expect(call.value).toBe("main");
      expect(call.context).toMatchObject({ prompt: "full", failures: 0, notices: [] });
    });
  });

  describe("the machine is a function of the call and the event", () => {
    test("the same event object gives the same answer in every state it is sent to", () => {
      // The region menu's 5 is the Mid-Atlantic; the main menu has no 5.
      const five = key("5", WEEKDAY_OPEN);
      expect(advanceCall(callFlow, startCall(callFlow, { region: null, now: WEEKDAY_OPEN }), five).context.region).toBe(
        "midAtlantic",
      );
      const main = advanceCall(callFlow, startCall(callFlow, { region: "georgia", now: WEEKDAY_OPEN }), five);
      expect(main.value).toBe("main");
      expect(main.context).toMatchObject({ language: "en", notices: [{ kind: "invalid" }] });
    });

    test("the same 9 switches to Spanish, then back to English", () => {
      const nine = key("9", WEEKDAY_OPEN);
      const es = advanceCall(callFlow, startCall(callFlow, { region: "georgia", now: WEEKDAY_OPEN }), nine);
      expect(es.context.language).toBe("es");
      expect(advanceCall(callFlow, es, nine).context.language).toBe("en");
    });

    test("a call survives a JSON round trip between turns", () => {
      const steps = [press("9"), press("5"), press("3"), dial("busy"), press("2")];
      let call = startCall(callFlow, { region: "georgia", now: WEEKDAY_OPEN });
      for (const [i, step] of steps.entries())
        call = advanceCall(callFlow, JSON.parse(JSON.stringify(call)) as PersistedCall, step(WEEKDAY_OPEN + i));
      expect(call).toEqual(
        steps.reduce(
          (c, step, i) => advanceCall(callFlow, c, step(WEEKDAY_OPEN + i)),
          startCall(callFlow, { region: "georgia", now: WEEKDAY_OPEN }),
        ),
      );
      expect(call.value).toBe("transfer");
      expect(call.context).toMatchObject({ language: "es", failedTransfers: 1 });
      expect(call.context.transfer).toEqual({ team: "nurseAdvice", region: "georgia", attempt: 0 });
    });
  });
});
