import request from "supertest";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildCallParams, createCallSid, signRequest } from "../../src/tools/emulator/index.js";
import { createTestApp, type TestApp } from "../support/createTestApp.js";
import { gatherAttrsOf, saysOf } from "../support/parseTwiml.js";
import { region, UNKNOWN_TO } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import { CALLER, PUBLIC_BASE_URL, postTwilio, TEST_AUTH_TOKEN } from "../support/twilioRequest.js";

const NORTHWEST = region("northwest");
const APOLOGY = "We are sorry, something went wrong on our end.";

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});

afterEach(async () => {
  // Whatever a test sent, the server stays up and healthy.
  const health = await request(t.app).get("/healthz");
  expect(health.status).toBe(200);
  expect(health.body).toMatchObject({ status: "ok", store: "ok" });
});

describe("malformed webhook parameters get the safe answer, never an error", () => {
  test.each([
    ["a missing CallSid", { CallSid: undefined }],
    ["a malformed CallSid", { CallSid: "CA123" }],
    ["a CallSid of another resource", { CallSid: `SM${"0".repeat(32)}` }],
    ["a CallSid with 33 hex digits", { CallSid: `CA${"a".repeat(33)}` }],
    ["a confidence that is not a number", { SpeechResult: "pharmacy", Confidence: "very" }],
    ["an unknown dial status", { DialCallStatus: "exploded" }],
  ])("%s → apology and a transfer to the region's representative", async (_name, overrides) => {
    const params = Object.fromEntries(
      Object.entries(
        buildCallParams(
          { callSid: createCallSid(), to: NORTHWEST.inbound, from: CALLER },
          overrides as Record<string, string>,
        ),
      ).filter(([, v]) => v !== undefined),
    );
    const answer = await postTwilio(t.app, "/voice", params);
    expect(answer.status).toBe(200);
    expect(saysOf(answer.nodes)[0]).toBe(APOLOGY);
    expect(answer.next).toEqual({
      kind: "dial",
      action: `${PUBLIC_BASE_URL}/voice/recover`,
      number: NORTHWEST.memberServices[0],
    });
  });

  test('keys that are not keypad keys ("abc") → the safe answer, and the session is untouched', async () => {
    const call = new SimulatedCall({ target: t.app, to: NORTHWEST.inbound });
    await call.incoming();
    const before = await t.store.load(call.callSid);
    const answer = await call.press("abc");
    expect(answer.status).toBe(200);
    expect(call.says()[0]).toBe(APOLOGY);
    expect(call.dialed()).toBe(NORTHWEST.memberServices[0]);
    expect(await t.store.load(call.callSid)).toEqual(before);
  });

  test("an unknown To gets the region menu (with the greeting) instead of guessing a region", async () => {
    const call = new SimulatedCall({ target: t.app, to: UNKNOWN_TO });
    await call.incoming();
    expect(call.last.next?.kind).toBe("gather");
    const says = call.says();
    expect(says[0]).toMatch(/Thank you for calling/);
    expect(says[1]).toMatch(/^We could not tell which region you are calling about/);
    expect(says[1]).toMatch(/For the Northwest: Oregon and Southwest Washington, press 6\./);
    // Choosing a region leads to that region's menu and numbers.
    await call.press("6");
    await call.press("3");
    expect(call.dialed()).toBe("+18009720700");
  });

  test("an unknown To with malformed parameters gets the region menu with an apology", async () => {
    const answer = await postTwilio(
      t.app,
      "/voice",
      buildCallParams({ callSid: "CA-nope", to: UNKNOWN_TO, from: CALLER }),
    );
    expect(answer.status).toBe(200);
    expect(saysOf(answer.nodes)[0]).toBe(APOLOGY);
    expect(gatherAttrsOf(answer.nodes)?.action).toBe(`${PUBLIC_BASE_URL}/voice/recover`);
  });
});

describe("requests that are not webhooks", () => {
  test("a body over 32 kB → 413", async () => {
    const params = buildCallParams(
      { callSid: createCallSid(), to: NORTHWEST.inbound, from: CALLER },
      { Padding: "x".repeat(33 * 1024) },
    );
    const answer = await postTwilio(t.app, "/voice", params);
    expect(answer.status).toBe(413);
  });

  test.each([
    [200, 200],
    [201, 413],
  ])("a form of %i parameters (the call's among them) → %i", async (count, status) => {
    const call = buildCallParams({ callSid: createCallSid(), to: NORTHWEST.inbound, from: CALLER });
    const extra = Object.fromEntries(
      Array.from({ length: count - Object.keys(call).length }, (_, i) => [`Extra${i}`, "x"]),
    );
    const params = { ...call, ...extra };
    expect(Object.keys(params)).toHaveLength(count);
    expect((await postTwilio(t.app, "/voice", params)).status).toBe(status);
  });

  test("a body just under the limit is served", async () => {
    const params = buildCallParams(
      { callSid: createCallSid(), to: NORTHWEST.inbound, from: CALLER },
      { Padding: "x".repeat(30 * 1024) },
    );
    expect((await postTwilio(t.app, "/voice", params)).status).toBe(200);
  });

  test.each(["/voice", "/voice/turn", "/voice/recover", "/voice/status"])(
    "GET %s → 405 with Allow: POST",
    async (path) => {
      const res = await request(t.app).get(path);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe("POST");
    },
  );

  test("PUT /voice → 405 too", async () => {
    const res = await request(t.app).put("/voice").type("form").send("CallSid=x");
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe("POST");
  });

  test("a JSON body, even signed over its fields, is refused (403): its parameters cannot be checked", async () => {
    const params = buildCallParams({ callSid: createCallSid(), to: NORTHWEST.inbound, from: CALLER });
    const res = await request(t.app)
      .post("/voice")
      .type("json")
      .set("X-Twilio-Signature", signRequest(TEST_AUTH_TOKEN, `${PUBLIC_BASE_URL}/voice`, params))
      .send(params);
    expect(res.status).toBe(403);
  });

  test("a JSON body with signatures off → 200 with safe TwiML", async () => {
    const dev = createTestApp({ authToken: undefined });
    const params = buildCallParams({ callSid: createCallSid(), to: NORTHWEST.inbound, from: CALLER });
    const answer = await postTwilio(dev.app, "/voice", params, {
      token: null,
      headers: { "Content-Type": "application/json" },
    });
    expect(answer.status).toBe(200);
    // The body is not read, so the region is unknown: the region menu, after an apology.
    expect(saysOf(answer.nodes)[0]).toBe(APOLOGY);
    expect(answer.next?.kind).toBe("gather");
  });

  test.each([
    ["POST", "/"],
    ["POST", "/voice/unknown"],
    ["GET", "/admin"],
    ["POST", "/healthz/x"],
  ] as const)("%s %s → 404", async (method, path) => {
    const res = method === "GET" ? await request(t.app).get(path) : await request(t.app).post(path);
    expect(res.status).toBe(404);
  });
});
