import { beforeEach, describe, expect, test } from "vitest";
import type { StoredSession } from "../../src/service/types.js";
import { createTestApp, type TestApp } from "../support/createTestApp.js";
import { region } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";

/**
 * Twilio retries a webhook when the answer is slow or lost. The same request (same call, same `t`)
 * must get the same TwiML, byte for byte, and must not move the call a second time.
 */
let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});

const COLORADO = region("colorado");

async function record(callSid: string): Promise<StoredSession | undefined> {
  return t.store.load(callSid);
}

/** Twilio sending a request of the call again: the same path (same `t`) and the same parameters. */
function retry(call: SimulatedCall, path: string, extra: Record<string, string>) {
  return call.post(path, extra);
}

describe("retried webhooks", () => {
  test("a retried incoming webhook gets the same answer and starts nothing new", async () => {
    const call = new SimulatedCall({ target: t.app, to: COLORADO.inbound });
    const first = await call.incoming();
    const saved = await record(call.callSid);
    const second = await call.incoming();
    expect(second.text).toBe(first.text);
    expect(await record(call.callSid)).toEqual(saved);
    expect(t.logs.turns(call.callSid).map((l) => l.result)).toEqual(["started", "replayed"]);
  });

  test("an invalid key retried with the same t counts once: failures is 1, not 2", async () => {
    const call = new SimulatedCall({ target: t.app, to: COLORADO.inbound });
    await call.incoming();
    const first = await call.press("5");
    expect(await record(call.callSid)).toMatchObject({ turn: 2, call: { context: { failures: 1 } } });
    const retried = await retry(call, "/voice/turn?t=1", { Digits: "5" });
    expect(retried.text).toBe(first.text);
    expect(await record(call.callSid)).toMatchObject({ turn: 2, call: { context: { failures: 1 } } });

    // The count shows in what follows: two more misses are needed before the escalation, not one.
    const secondMiss = await call.press("5");
    expect(secondMiss.next?.kind).toBe("gather");
    expect(call.says()[0]).toBe("Sorry, that is not one of the choices.");
    await call.press("5");
    expect(call.says()).toContain("Let me connect you with someone who can help.");
    expect(call.dialed()).toBe(COLORADO.memberServices[0]);
  });

  test("a retried silence counts once", async () => {
    const call = new SimulatedCall({ target: t.app, to: COLORADO.inbound });
    await call.incoming();
    const first = await call.silence();
    const retried = await retry(call, "/voice/turn?t=1", {});
    expect(retried.text).toBe(first.text);
    expect(await record(call.callSid)).toMatchObject({ turn: 2, call: { context: { failures: 1 } } });
  });

  test("a retried dial outcome tries the next number once, not twice", async () => {
    const call = new SimulatedCall({ target: t.app, to: COLORADO.inbound });
    await call.incoming();
    await call.press("1");
    expect(call.dialed()).toBe(COLORADO.memberServices[0]);
    const busy = await call.dialResult("busy");
    expect(call.dialed()).toBe(COLORADO.memberServices[1]);
    const retried = await retry(call, "/voice/turn?t=2", { DialCallStatus: "busy" });
    expect(retried.text).toBe(busy.text);
    expect(await record(call.callSid)).toMatchObject({
      turn: 3,
      call: { value: "transfer", context: { failedTransfers: 1, transfer: { attempt: 1 } } },
    });
  });

  test("a retried key that chose a transfer dials the same number again (Twilio asks once more)", async () => {
    const call = new SimulatedCall({ target: t.app, to: COLORADO.inbound });
    await call.incoming();
    const first = await call.press("2");
    const retried = await retry(call, "/voice/turn?t=1", { Digits: "2" });
    expect(retried.text).toBe(first.text);
    expect(t.logs.turns(call.callSid).map((l) => l.result)).toEqual(["started", "advanced", "replayed"]);
  });

  test("an older turn retried late replays the current answer instead of rewinding the call", async () => {
    const call = new SimulatedCall({ target: t.app, to: COLORADO.inbound });
    await call.incoming();
    await call.press("5");
    const current = await call.press("5");
    const late = await retry(call, "/voice/turn?t=1", { Digits: "1" });
    expect(late.text).toBe(current.text);
    expect(await record(call.callSid)).toMatchObject({ turn: 3, call: { value: "main", context: { failures: 2 } } });
  });
});
