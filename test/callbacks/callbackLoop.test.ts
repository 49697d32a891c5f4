import { afterEach, describe, expect, test } from "vitest";
import { MemoryCallbackQueue } from "../../src/service/callbacks/memoryQueue.js";
import { simulateCall } from "../../src/tools/emulator/simulateCall.js";
import type { CallTranscript } from "../../src/tools/emulator/transcript.js";
import {
  type CallbackInstance,
  MEMBER,
  MONDAY_8AM,
  NORTHWEST,
  SATURDAY_10AM,
  startCallbackInstance,
  waitFor,
} from "../support/callbackLine.js";

/** What the caller heard, one line per `<Say>`. */
function heard(transcript: CallTranscript): string[] {
  return transcript.entries.flatMap((e) => (e.kind === "say" ? [e.text] : []));
}

const press = (digits: string) => ({ kind: "press" as const, digits });

let instance: CallbackInstance | undefined;
afterEach(async () => {
  await instance?.close();
  instance = undefined;
});

describe("a call-back at member services' next opening, in one process (memory queue)", () => {
  test("Saturday: 1, 5, 1 queues it; placed Monday at 8:00, not a minute before, and the member is put through", async () => {
    const clock = { now: SATURDAY_10AM };
    instance = await startCallbackInstance({ queue: new MemoryCallbackQueue(), clock });
    const call = await simulateCall(instance.line, {
      to: NORTHWEST,
      from: MEMBER,
      inputs: [press("1"), press("5"), press("1")],
    });
    const said = heard(call);
    expect(said.join("\n")).toContain("To get a call back when member services opens, Monday at 8 AM, press 5.");
    expect(said).toContain(
      "We will call you back at the number ending in 0 1 2 3. To confirm, press 1. To give another number, press 2.",
    );
    expect(said.at(-1)).toBe("Thank you. Member services will call you back Monday after 8 AM. Goodbye.");
    expect(call.outcome).toEqual({ kind: "goodbye" });

    clock.now = MONDAY_8AM - 60_000;
    await new Promise((r) => setTimeout(r, 200));
    expect(instance.standIn.calls).toHaveLength(0);

    clock.now = MONDAY_8AM;
    await waitFor("the call-back placed", () => instance?.standIn.calls.length === 1);
    await instance.standIn.idle();
    const [placed] = instance.standIn.calls;
    expect(placed).toMatchObject({ to: MEMBER, from: NORTHWEST, outcome: "answered" });
    const outbound = placed?.transcript;
    expect(outbound && heard(outbound)[0]).toBe(
      "Hello, this is your health plan returning your call to member services. To be connected now, press 1.",
    );
    expect(outbound?.outcome).toMatchObject({ kind: "transferred", number: "+18008132000" });
    expect(await instance.desk.queue.list()).toEqual([]);
  });
});
