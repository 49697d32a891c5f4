import express from "express";
import request from "supertest";
import { validateRequest } from "twilio/lib/webhooks/webhooks.js";
import { beforeEach, describe, expect, test } from "vitest";
import { verifySignature } from "../../src/service/http/verifySignature.js";
import { createLogger } from "../../src/service/log/createLogger.js";
import { buildCallParams, createCallSid, signRequest } from "../../src/tools/emulator/index.js";
import { CapturedLogs, createTestApp, type TestApp } from "../support/createTestApp.js";
import { saysOf } from "../support/parseTwiml.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import {
  CALLER,
  OTHER_AUTH_TOKEN,
  type PostOptions,
  PUBLIC_BASE_URL,
  postTwilio,
  TEST_AUTH_TOKEN,
} from "../support/twilioRequest.js";

const NORTHWEST = "+15035550100";

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});

/** A call that has been answered with the menu (turn 1 saved). */
async function answeredCall(): Promise<SimulatedCall> {
  const call = new SimulatedCall({ target: t.app, to: NORTHWEST });
  await call.incoming();
  return call;
}

describe("forged webhooks are refused with 403", () => {
  const turnPath = "/voice/turn?t=1";
  const forgeries: Array<[string, (params: Record<string, string>) => PostOptions]> = [
    ["no X-Twilio-Signature", () => ({ token: null })],
    ["an empty signature", () => ({ signature: "" })],
    ["a made-up signature", () => ({ signature: "bm90IGEgcmVhbCBzaWduYXR1cmU=" })],
    ["a signature of another URL", () => ({ signUrl: `${PUBLIC_BASE_URL}/voice/turn?t=2` })],
    ["a signature of another host", () => ({ signUrl: `https://attacker.example${turnPath}` })],
    ["another account's signature", () => ({ token: OTHER_AUTH_TOKEN })],
    ["a tampered parameter", (p) => ({ signedParams: { ...p, Digits: "5" } })],
    [
      "an added parameter",
      (p) => ({ signedParams: Object.fromEntries(Object.entries(p).filter(([k]) => k !== "Digits")) }),
    ],
    ["a removed parameter", (p) => ({ signedParams: { ...p, SpeechResult: "" } })],
  ];

  test.each(forgeries)("%s", async (_name, forge) => {
    const call = await answeredCall();
    const before = await t.store.load(call.callSid);
    const params = buildCallParams(call, { Digits: "0" });
    const answer = await postTwilio(t.app, turnPath, params, forge(params));
    expect(answer.status).toBe(403);
    expect(answer.text).not.toMatch(/<Response/);
    // Nothing moved: the saved session is the one before the forgery.
    expect(await t.store.load(call.callSid)).toEqual(before);
    expect(t.logs.entries().some((e) => e.msg === "refused unsigned or forged webhook")).toBe(true);
  });

  test("a refused request changes nothing: the next genuine request behaves as if it never happened", async () => {
    // Control: a call that only ever gets genuine requests.
    const control = await answeredCall();
    await control.press("5");
    await control.press("5");

    const call = await answeredCall();
    const forged = buildCallParams(call, { Digits: "0" });
    expect((await postTwilio(t.app, "/voice/turn?t=1", forged, { token: OTHER_AUTH_TOKEN })).status).toBe(403);
    expect((await postTwilio(t.app, "/voice/turn?t=1", forged, { token: null })).status).toBe(403);
    const forgedEnd = buildCallParams(call, { CallStatus: "completed" });
    expect((await postTwilio(t.app, "/voice/status", forgedEnd, { token: OTHER_AUTH_TOKEN })).status).toBe(403);
    await call.press("5");
    expect(
      (await postTwilio(t.app, "/voice/turn?t=2", forged, { signedParams: { ...forged, Digits: "5" } })).status,
    ).toBe(403);
    await call.press("5");

    expect(call.history.map((a) => a.text)).toEqual(control.history.map((a) => a.text));
    expect(await t.store.load(call.callSid)).toEqual(await t.store.load(control.callSid));
    expect(await t.store.load(call.callSid)).toMatchObject({ turn: 3, call: { context: { failures: 2 } } });
  });

  test("an incoming call with a forged signature starts no session", async () => {
    const callSid = createCallSid();
    const params = buildCallParams({ callSid, to: NORTHWEST, from: CALLER });
    const answer = await postTwilio(t.app, "/voice", params, { token: OTHER_AUTH_TOKEN });
    expect(answer.status).toBe(403);
    expect(await t.store.load(callSid)).toBeUndefined();
  });

  test("a forged request with an unparseable forwarded host is still a 403, not an error", async () => {
    const proxied = createTestApp({ publicBaseUrl: null, trustProxy: true });
    const params = buildCallParams({ callSid: createCallSid(), to: NORTHWEST, from: CALLER });
    const answer = await postTwilio(proxied.app, "/voice", params, {
      signature: "bm90IGEgcmVhbCBzaWduYXR1cmU=",
      headers: { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "bad host" },
    });
    expect(answer.status).toBe(403);
    expect(proxied.logs.entries().some((e) => e.level === 50)).toBe(false);
  });
});

describe("refusals cannot inflate the logs", () => {
  const bigQuery = `/voice?${"q=1&".repeat(3_750)}`;
  const params = () => buildCallParams({ callSid: createCallSid(), to: NORTHWEST, from: CALLER });
  const refusals = () => t.logs.entries().filter((e) => e.msg === "refused unsigned or forged webhook");

  test.each([
    ["unsigned", { token: null }],
    ["forged", { token: OTHER_AUTH_TOKEN }],
  ] as const)("a flood of %s requests with a 15 KB query string logs one short line a second", async (_name, forge) => {
    const started = Date.now();
    for (let i = 0; i < 30; i++) expect((await postTwilio(t.app, bigQuery, params(), forge)).status).toBe(403);
    // One line a second: on a slow machine the flood may span more than one throttle window.
    const windows = 1 + Math.floor((Date.now() - started) / 1_000);
    const lines = refusals();
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(windows);
    for (const line of lines) {
      const url = String(line.url);
      expect(url.length).toBeLessThan(250);
      expect(url.startsWith(`${PUBLIC_BASE_URL}/voice?q=1&`)).toBe(true);
      expect(url).toMatch(/…\[\+\d+ chars\]$/);
    }
    expect(t.logs.text().length).toBeLessThan(1_000 * windows);

    await new Promise((r) => setTimeout(r, 1_050));
    expect((await postTwilio(t.app, bigQuery, params(), forge)).status).toBe(403);
    const after = refusals();
    expect(after).toHaveLength(lines.length + 1);
    // Every request of the flood is accounted for: logged, or counted in a later line's `suppressed`.
    const logged = after.length - 1 + after.reduce((n, e) => n + Number(e.suppressed ?? 0), 0);
    expect(logged).toBe(30);
  });

  test("different reasons are logged separately", async () => {
    await postTwilio(t.app, "/voice", params(), { token: null });
    await postTwilio(t.app, "/voice", params(), { token: OTHER_AUTH_TOKEN });
    await postTwilio(t.app, "/voice", params(), { token: OTHER_AUTH_TOKEN });
    expect(refusals().map((e) => e.reason)).toEqual(["no X-Twilio-Signature header", "signature does not match"]);
  });
});

describe("the signed URL", () => {
  test("behind a trusted proxy, the URL Twilio called is rebuilt from X-Forwarded-Proto and -Host", async () => {
    const proxied = createTestApp({ publicBaseUrl: null, trustProxy: true });
    const params = buildCallParams({ callSid: createCallSid(), to: NORTHWEST, from: CALLER });
    const headers = { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "public.example" };
    const signUrl = "https://public.example/voice";

    const answer = await postTwilio(proxied.app, "/voice", params, { signUrl, headers });
    expect(answer.status).toBe(200);
    expect(answer.next).toEqual({ kind: "gather", action: "/voice/turn?t=1", redirect: "/voice/turn?t=1" });

    // Without the headers the request URL is the local one, so the same signature does not match.
    const bare = await postTwilio(proxied.app, "/voice", params, { signUrl });
    expect(bare.status).toBe(403);
  });

  test("forwarded headers are ignored unless the proxy is trusted", async () => {
    const direct = createTestApp({ publicBaseUrl: null, trustProxy: false });
    const params = buildCallParams({ callSid: createCallSid(), to: NORTHWEST, from: CALLER });
    const headers = { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "public.example" };
    const answer = await postTwilio(direct.app, "/voice", params, { signUrl: "https://public.example/voice", headers });
    expect(answer.status).toBe(403);
  });

  test("a Voice URL with a query string is signed with it", async () => {
    const params = buildCallParams({ callSid: createCallSid(), to: NORTHWEST, from: CALLER });
    const ok = await postTwilio(t.app, "/voice?line=main", params);
    expect(ok.status).toBe(200);
    expect(ok.next?.kind).toBe("gather");

    const withoutQuery = await postTwilio(t.app, "/voice?line=main", params, { signUrl: `${PUBLIC_BASE_URL}/voice` });
    expect(withoutQuery.status).toBe(403);
  });

  test("a public base URL with a trailing slash still matches", async () => {
    const slashed = createTestApp({ publicBaseUrl: `${PUBLIC_BASE_URL}/` });
    const params = buildCallParams({ callSid: createCallSid(), to: NORTHWEST, from: CALLER });
    expect((await postTwilio(slashed.app, "/voice", params)).status).toBe(200);
  });
});

describe("Twilio's documented test vector (docs: Secure webhooks)", () => {
  const token = "12345";
  const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
  const params = {
    CallSid: "CA1234567890ABCDE",
    Caller: "+12349013030",
    Digits: "1234",
    From: "+12349013030",
    To: "+18005551212",
  };
  const expected = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

  test("the twilio package computes and accepts the documented signature", () => {
    expect(signRequest(token, url, params)).toBe(expected);
    expect(validateRequest(token, expected, url, params)).toBe(true);
    expect(validateRequest(token, expected, url, { ...params, Digits: "1235" })).toBe(false);
  });

  test("our verifySignature middleware accepts it, and refuses any change", async () => {
    const logs = new CapturedLogs();
    const app = express();
    app.post(
      "/myapp.php",
      express.urlencoded({ extended: false }),
      verifySignature({ authToken: token, publicBaseUrl: "https://mycompany.com" }, createLogger("info", logs)),
      (_req, res) => {
        res.status(200).type("text/plain").send("accepted");
      },
    );
    const post = (path: string, body: Record<string, string>, signature: string) =>
      request(app).post(path).type("form").set("X-Twilio-Signature", signature).send(body);

    const ok = await post("/myapp.php?foo=1&bar=2", params, expected);
    expect(ok.status).toBe(200);
    expect(ok.text).toBe("accepted");
    expect((await post("/myapp.php?foo=1&bar=3", params, expected)).status).toBe(403);
    expect((await post("/myapp.php?foo=1&bar=2", { ...params, Digits: "4321" }, expected)).status).toBe(403);
    expect((await post("/myapp.php?foo=1&bar=2", params, signRequest(TEST_AUTH_TOKEN, url, params))).status).toBe(403);
  });
});

describe("signatures off (local development)", () => {
  test("without an auth token, unsigned requests are served", async () => {
    const dev = createTestApp({ authToken: undefined });
    const call = new SimulatedCall({ target: dev.app, to: NORTHWEST, token: "irrelevant" });
    const answer = await postTwilio(dev.app, "/voice", buildCallParams(call), { token: null });
    expect(answer.status).toBe(200);
    expect(saysOf(answer.nodes)[0]).toMatch(/Thank you for calling/);
  });
});
