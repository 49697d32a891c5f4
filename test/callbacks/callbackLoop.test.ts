import { afterEach, describe, expect, test } from "vitest";
import { MemoryCallbackQueue } from "../../src/service/callbacks/memoryQueue.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import type { SessionStore } from "../../src/service/session/sessionStore.js";
import type { LineSource, StoredSession } from "../../src/service/types.js";
import { type CallerAction, simulateCall } from "../../src/tools/emulator/simulateCall.js";
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

/** A memory store that can lose every session at once (a Redis flushed or replaced mid-call). */
class LosingStore implements SessionStore {
  #inner = new MemoryStore({ sweepIntervalMs: 0 });
  lose(): void {
    this.#inner = new MemoryStore({ sweepIntervalMs: 0 });
  }
  load(callSid: string): Promise<StoredSession | undefined> {
    return this.#inner.load(callSid);
  }
  commit(callSid: string, record: StoredSession, ttl: number, expected: number | null) {
    return this.#inner.commit(callSid, record, ttl, expected);
  }
  end(callSid: string, ttl: number): Promise<void> {
    return this.#inner.end(callSid, ttl);
  }
  saveLine(version: string, source: LineSource, ttl: number): Promise<void> {
    return this.#inner.saveLine(version, source, ttl);
  }
  loadLine(version: string): Promise<LineSource | undefined> {
    return this.#inner.loadLine(version);
  }
  ping(): Promise<void> {
    return this.#inner.ping();
  }
  close(): Promise<void> {
    return this.#inner.close();
  }
}

describe("a withheld caller ID, on a call that started over", () => {
  test("the line lost the call's session: started over, 1 then 5 still asks for a number to key in", async () => {
    const clock = { now: SATURDAY_10AM };
    const store = new LosingStore();
    instance = await startCallbackInstance({ queue: new MemoryCallbackQueue(), clock, store });
    const script: CallerAction[] = [press("1"), press("1"), press("1"), press("5")];
    let asked = 0;
    const caller = async (): Promise<CallerAction> => {
      // Before the second answer the session is gone: that answer starts the call over at the menu.
      if (++asked === 2) store.lose();
      return script.shift() ?? { kind: "hangup" };
    };
    const call = await simulateCall(instance.line, { to: NORTHWEST, from: "anonymous", caller });
    const turns = instance.logs.turns(call.callSid);
    expect(turns.map((t) => t.result)).toContain("restarted");
    expect(turns.at(-1)?.state).toBe("callbackNumber");
  });
});
