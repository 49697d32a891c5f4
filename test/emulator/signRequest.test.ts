import { validateRequest } from "twilio/lib/webhooks/webhooks.js";
import { describe, expect, test } from "vitest";
import { buildWebhookRequest, signRequest } from "../../src/tools/emulator/index.js";

/** Twilio's documented example (docs: Secure webhooks). */
const DOCUMENTED = {
  token: "12345",
  url: "https://mycompany.com/myapp.php?foo=1&bar=2",
  params: {
    CallSid: "CA1234567890ABCDE",
    Caller: "+12349013030",
    Digits: "1234",
    From: "+12349013030",
    To: "+18005551212",
  },
  signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=",
};

describe("signRequest", () => {
  test("computes Twilio's documented signature", () => {
    expect(signRequest(DOCUMENTED.token, DOCUMENTED.url, DOCUMENTED.params)).toBe(DOCUMENTED.signature);
  });

  test.each([
    ["another token", { token: "54321" }],
    ["another URL", { url: "https://mycompany.com/myapp.php?foo=1&bar=3" }],
    ["another parameter value", { params: { ...DOCUMENTED.params, Digits: "1235" } }],
    ["a parameter less", { params: { ...DOCUMENTED.params, Digits: undefined } }],
  ])("gives another signature for %s", (_name, change) => {
    const { token, url, params } = { ...DOCUMENTED, ...change };
    const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
    expect(signRequest(token, url, defined)).not.toBe(DOCUMENTED.signature);
  });
});

describe("buildWebhookRequest", () => {
  const params = { CallSid: `CA${"1".repeat(32)}`, Digits: "3", SpeechResult: "a & b" };

  test("a POST carries a form body, signed for the URL with its parameters", () => {
    const request = buildWebhookRequest({ url: "https://line.test/voice/turn?t=1", params, token: "tok" });
    expect(request).toMatchObject({ url: "https://line.test/voice/turn?t=1", method: "POST" });
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual(params);
    expect(request.headers["Content-Type"]).toMatch(/^application\/x-www-form-urlencoded/);
    const signature = request.headers["X-Twilio-Signature"] ?? "";
    expect(validateRequest("tok", signature, request.url, params)).toBe(true);
  });

  test.each([
    ["without a query", "https://line.test/again", "https://line.test/again?"],
    ["with a query", "https://line.test/again?x=1", "https://line.test/again?x=1&"],
  ])("a GET %s appends the parameters to the URL and signs that URL alone", (_name, url, prefix) => {
    const request = buildWebhookRequest({ url, method: "GET", params, token: "tok" });
    expect(request.method).toBe("GET");
    expect(request.body).toBeUndefined();
    expect(request.url.startsWith(prefix)).toBe(true);
    expect(Object.fromEntries(new URL(request.url).searchParams)).toMatchObject(params);
    expect(request.headers["Content-Type"]).toBeUndefined();
    expect(validateRequest("tok", request.headers["X-Twilio-Signature"] ?? "", request.url, {})).toBe(true);
  });

  test("without a token the request is not signed", () => {
    const request = buildWebhookRequest({ url: "https://line.test/voice", params });
    expect(request.headers["X-Twilio-Signature"]).toBeUndefined();
    expect(request.headers["User-Agent"]).toMatch(/^TwilioProxy\/1\.1/);
  });
});
