import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { validateRequest } from "twilio/lib/webhooks/webhooks.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseTwiml } from "../../src/cli/parseTwiml.js";
import { simulateCall } from "../../src/cli/simulateCall.js";

/**
 * A scripted line that answers canned TwiML per path and refuses any request whose signature is not
 * Twilio's, to check how the simulator follows TwiML: relative URLs, GET, empty results, a <Dial>
 * without an action, a document that runs out of verbs.
 */
const TOKEN = "abcdefabcdefabcdefabcdefabcdef12";
const DOCUMENTS: Record<string, string> = {
  "/voice":
    '<Response><Say language="fr-FR" voice="Polly.Lea">Bonjour</Say>' +
    '<Gather input="dtmf" numDigits="2" action="gathered"><Say>Two keys</Say></Gather>' +
    "<Redirect>/voice</Redirect></Response>",
  "/gathered": '<Response><Pause length="1"/><Redirect method="GET">/again?x=1&amp;y=2</Redirect></Response>',
  "/again": '<Response><Gather input="speech" actionOnEmptyResult="true" action="/empty"/></Response>',
  "/empty": "<Response><Dial><Number>+18005550100</Number></Dial><Say>after the dial</Say></Response>",
  "/silent-end": "<Response><Say>Nothing follows.</Say></Response>",
  "/goodbye": "<Response><Say>Goodbye.</Say><Hangup/></Response>",
};

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly params: Record<string, string>;
}

let server: Server;
let base: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += String(c);
    });
    req.on("end", () => {
      const url = `${base}${req.url}`;
      const params = req.method === "POST" ? Object.fromEntries(new URLSearchParams(body)) : {};
      const signature = String(req.headers["x-twilio-signature"] ?? "");
      if (!validateRequest(TOKEN, signature, url, params)) {
        res.writeHead(403).end("forged");
        return;
      }
      const { pathname, searchParams } = new URL(url);
      seen.push({
        method: req.method ?? "",
        path: pathname,
        params: { ...Object.fromEntries(searchParams), ...params },
      });
      if (pathname === "/voice/status") {
        res.writeHead(204).end();
        return;
      }
      const to = params.To ?? searchParams.get("To");
      const doc = DOCUMENTS[to === "+10000000002" ? "/silent-end" : to === "+10000000003" ? "/goodbye" : pathname];
      if (!doc) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "Content-Type": "text/xml" }).end(`<?xml version="1.0" encoding="UTF-8"?>${doc}`);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

describe("the simulator follows TwiML as Twilio does", () => {
  it("resolves relative URLs, fills numDigits, redirects by GET, posts empty results and dials without an action", async () => {
    const transcript = await simulateCall({
      server: { url: base, token: TOKEN },
      to: "+10000000001",
      inputs: [
        { kind: "press", digits: "1" },
        { kind: "press", digits: "2" },
      ],
    });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      "POST /voice",
      "POST /gathered",
      "GET /again",
      "POST /empty",
      "POST /voice/status",
    ]);
    expect(seen[0]?.params).toMatchObject({ CallStatus: "ringing", To: "+10000000001", Direction: "inbound" });
    expect(seen[1]?.params).toMatchObject({ Digits: "12", CallStatus: "in-progress" });
    expect(seen[2]?.params).toMatchObject({ x: "1", y: "2", CallSid: seen[0]?.params.CallSid });
    expect(seen[3]?.params.Digits).toBeUndefined();
    expect(seen[3]?.params.SpeechResult).toBeUndefined();
    expect(seen[4]?.params.CallStatus).toBe("completed");
    expect(transcript.entries).toEqual([
      { kind: "say", turn: 1, text: "Bonjour", language: "fr-FR", voice: "Polly.Lea" },
      { kind: "say", turn: 1, text: "Two keys", language: "en-US" },
      { kind: "press", turn: 1, digits: "12" },
      { kind: "silence", turn: 3 },
      { kind: "dial", turn: 4, number: "+18005550100" },
      { kind: "dial-result", turn: 4, number: "+18005550100", status: "completed" },
      { kind: "say", turn: 4, text: "after the dial", language: "en-US" },
      { kind: "hangup", turn: 4, by: "line" },
    ]);
    expect(transcript.outcome).toEqual({ kind: "transferred", number: "+18005550100" });
  });

  it("treats a press at a speech-only gather as silence", async () => {
    const transcript = await simulateCall({
      server: { url: base, token: TOKEN },
      to: "+10000000001",
      inputs: ["1", "2", "3"].map((digits) => ({ kind: "press", digits })),
    });
    expect(transcript.entries).toContainEqual({
      kind: "silence",
      turn: 3,
      reason: "the line was not listening for keys",
    });
  });

  it("tells a deliberate goodbye from a document that runs out of verbs", async () => {
    const ranOut = await simulateCall({ server: { url: base, token: TOKEN }, to: "+10000000002" });
    expect(ranOut.outcome).toEqual({ kind: "line-hung-up" });
    const goodbye = await simulateCall({ server: { url: base, token: TOKEN }, to: "+10000000003" });
    expect(goodbye.outcome).toEqual({ kind: "goodbye" });
  });

  it("is refused without the right token", async () => {
    const transcript = await simulateCall({ server: { url: base, token: "nope" }, to: "+10000000001" });
    expect(transcript.outcome).toMatchObject({ kind: "failed", reason: expect.stringContaining("(403)") });
  });
});

describe("parseTwiml", () => {
  it("keeps verbs in order with their attributes, text and children", () => {
    expect(
      parseTwiml(
        '<?xml version="1.0"?><Response><Gather action="/a" numDigits="1"><Say language="es-US">Hola &amp; adiós</Say></Gather><Redirect method="POST">/b</Redirect></Response>',
      ),
    ).toEqual([
      {
        verb: "Gather",
        attrs: { action: "/a", numDigits: "1" },
        text: "",
        children: [{ verb: "Say", attrs: { language: "es-US" }, text: "Hola & adiós", children: [] }],
      },
      { verb: "Redirect", attrs: { method: "POST" }, text: "/b", children: [] },
    ]);
  });

  it.each([
    ["<Response><Say>unclosed</Response>", "not well-formed"],
    ["<Other/>", "single <Response>"],
    ["", "not well-formed"],
  ])("refuses %j", (xml, message) => {
    expect(() => parseTwiml(xml)).toThrow(message);
  });
});
