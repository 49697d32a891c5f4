import { createServer, type Server } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DialStatus } from "../../src/service/types.js";
import { createTestApp, type TestApp } from "../support/createTestApp.js";
import { dialNumberOf, gatherAttrsOf, saysOf } from "../support/parseTwiml.js";
import { REGIONS, UNKNOWN_TO } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import type { Answer } from "../support/twilioRequest.js";

/**
 * Random calls through the HTTP layer, followed like Twilio follows TwiML: every answer is 200 and
 * meets the TwiML rules (checked in postTwilio), and every call reaches a transfer or a hang-up within
 * a number of turns set by the flow's limits.
 */

const APOLOGY = "We are sorry, something went wrong on our end.";
const KEYPAD = /^[0-9*#]*$/;

type Input =
  | { readonly kind: "key"; readonly digits: string }
  | { readonly kind: "digits"; readonly digits: string }
  | { readonly kind: "silence" }
  | { readonly kind: "speech"; readonly text: string; readonly confidence: number | string };

/** One thing the caller (or the far end of a transfer) does: the input if a menu is playing, the outcome if a Dial is. */
interface Step {
  readonly input: Input;
  readonly dial: DialStatus;
}

const SAID = [
  "pharmacy",
  "I need a refill",
  "nurse",
  "representative please",
  "mental health",
  "billing",
  "spanish",
  "español",
  "inglés",
  "repeat",
  "oregon",
  "california",
  "mid atlantic",
  "hawaii",
  "washington state",
  "uh",
  "",
  "   ",
];

const inputArb: fc.Arbitrary<Input> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(..."0123456789*#").map((digits) => ({ kind: "key" as const, digits })) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.stringMatching(/^[0-9*#]{2,6}$/),
        fc.string({ maxLength: 12 }),
        fc.constantFrom("abc", "1 2", "9".repeat(40)),
      )
      .map((digits) => ({ kind: "digits" as const, digits })),
  },
  { weight: 2, arbitrary: fc.constant({ kind: "silence" as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("speech" as const),
      text: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...SAID) },
        { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
      ),
      confidence: fc.oneof(
        { weight: 8, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
        { weight: 1, arbitrary: fc.constantFrom("NaN", "-0.5", "1.5", "loud") },
      ),
    }),
  },
);

const stepArb: fc.Arbitrary<Step> = fc.record({
  input: inputArb,
  dial: fc.constantFrom<DialStatus>("completed", "answered", "busy", "no-answer", "failed", "canceled"),
});

/** Whether the line could not read this input at all (Twilio never sends it): only then may the caller hear the apology. */
function malformed(input: Input): boolean {
  if (input.kind === "digits") return !KEYPAD.test(input.digits) || input.digits.length > 32;
  if (input.kind === "speech") {
    const c = Number(input.confidence);
    return typeof input.confidence === "string" && (Number.isNaN(c) || c < 0 || c > 1);
  }
  return false;
}

/** 2026-01-01 … 2027-12-31: weekdays, nights, weekends and the listed holidays. */
const instantArb = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31, 23, 59) });

let t: TestApp;
let server: Server;
const dialable = new Set(REGIONS.flatMap((r) => [...Object.values(r.dials), ...r.memberServices]));

beforeAll(async () => {
  t = createTestApp();
  server = createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Does what the last answer asks of Twilio, with this step. */
function act(call: SimulatedCall, step: Step): Promise<Answer> {
  const next = call.last.next;
  if (next?.kind === "dial") return call.dialResult(step.dial);
  if (next?.kind === "redirect") return call.silence();
  switch (step.input.kind) {
    case "key":
    case "digits":
      return call.press(step.input.digits);
    case "silence":
      return call.silence();
    case "speech":
      return call.speak(step.input.text, step.input.confidence);
  }
}

describe("random calls through the webhooks", () => {
  const { maxMenuTurns, maxFailedTransfers } = (() => createTestApp().callFlow.flow.limits)();
  /** Menus in a row before the flow must transfer: each input counts a menu turn, and the limit escalates. */
  const menuRunBound = maxMenuTurns;
  /** Turns to finish a call by silence and failed transfers: each failed transfer returns to at most one run of menus. */
  const finishBound = (maxFailedTransfers + 1) * (menuRunBound + 2);

  test.each([...REGIONS.map((r) => [r.id, r.inbound]), ["unknown number", UNKNOWN_TO]])(
    "%s (%s): every answer is valid TwiML and every call ends in a transfer or a hang-up",
    async (_name, to) => {
      await fc.assert(
        fc.asyncProperty(fc.array(stepArb, { maxLength: 40 }), instantArb, async (steps, at) => {
          t.clock.now = at;
          const call = new SimulatedCall({ target: server, to });
          let menuRun = 0;
          const check = (answer: Answer, cause: Input | undefined) => {
            expect(answer.status).toBe(200);
            const next = answer.next;
            if (saysOf(answer.nodes)[0] === APOLOGY) {
              // The safe answer only ever follows input the line could not read; it starts the flow over.
              expect(cause !== undefined && malformed(cause)).toBe(true);
              menuRun = 0;
              return;
            }
            if (next?.kind === "gather") {
              // Speech is listened for in the languages Twilio recognises (keys only in the interpreter ones).
              const gather = gatherAttrsOf(answer.nodes);
              // A call-back's number is keyed in whole, # to finish; every other gather takes one key.
              if (gather?.finishOnKey === "#") expect(gather).toMatchObject({ input: "dtmf" });
              else expect(gather).toMatchObject({ numDigits: "1", input: gather?.language ? "dtmf speech" : "dtmf" });
              menuRun++;
              expect(menuRun).toBeLessThanOrEqual(menuRunBound);
            } else {
              if (next?.kind === "dial") expect(dialable).toContain(dialNumberOf(answer.nodes));
              menuRun = 0;
            }
          };

          check(await call.incoming(), undefined);
          for (const step of steps) {
            if (call.last.next?.kind === "hangup") return;
            const cause = call.last.next?.kind === "gather" ? step.input : undefined;
            check(await act(call, step), cause);
          }
          // The caller goes quiet and every transfer fails: the call must still end, within the bound.
          for (let turn = 0; call.last.next?.kind !== "hangup"; turn++) {
            expect(turn).toBeLessThan(finishBound);
            check(await act(call, { input: { kind: "silence" }, dial: "busy" }), undefined);
          }
          expect(call.says().join(" ")).toMatch(/Goodbye|Adiós|再见|再見|Tạm biệt|Paalam|Au revoir|^$/);
        }),
        { numRuns: 25 },
      );
    },
  );
});
