import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { validateRequest } from "twilio/lib/webhooks/webhooks.js";
import { afterEach, describe, expect, test } from "vitest";
import {
  type CallOptions,
  type CallOutcome,
  type Line,
  listenOnLoopback,
  openLine,
  simulateCall,
  type TranscriptEntry,
} from "../../src/tools/emulator/index.js";

/**
 * A scripted line: canned TwiML per path, every request's signature checked as the twilio package
 * checks it (against the public URL when there is one, else the Host the request came to). It records
 * what Twilio (the emulator) asked for, to check the emulator follows TwiML as Twilio does.
 */
const TOKEN = "abcdefabcdefabcdefabcdefabcdef12";
const PUBLIC = "https://line.example.test";
const TO = "+15035550100";

/** A canned answer: TwiML inside `<Response>`, or a whole HTTP answer. */
type Doc =
  | string
  | { readonly status?: number; readonly type?: string; readonly body?: string; readonly delayMs?: number };

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly params: Record<string, string>;
}

function scriptedLine(docs: Readonly<Record<string, Doc>>, publicBase: string | undefined) {
  const seen: Seen[] = [];
  const app: RequestListener = (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += String(c);
    });
    req.on("end", () => {
      const url = `${publicBase ?? `http://${req.headers.host}`}${req.url}`;
      const params = req.method === "POST" ? Object.fromEntries(new URLSearchParams(body)) : {};
      if (!validateRequest(TOKEN, String(req.headers["x-twilio-signature"] ?? ""), url, params)) {
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
      const doc = docs[pathname];
      if (doc === undefined) {
        res.writeHead(404).end("no such document");
        return;
      }
      const answer =
        typeof doc === "string" ? { body: `<?xml version="1.0" encoding="UTF-8"?><Response>${doc}</Response>` } : doc;
      const send = () =>
        res.writeHead(answer.status ?? 200, { "Content-Type": answer.type ?? "text/xml" }).end(answer.body ?? "");
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  };
  return { app, seen };
}

/** The four ways a line is reached: in process or a running server, signed for its own URL or a public one. */
const LINES = [
  { name: "an app in process, behind a public URL", inProcess: true, publicBase: PUBLIC },
  { name: "an app in process, at its loopback URL", inProcess: true, publicBase: undefined },
  { name: "a running server, at its own URL", inProcess: false, publicBase: undefined },
  { name: "a running server, behind a public URL", inProcess: false, publicBase: PUBLIC },
] as const;

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
});

async function open(kind: (typeof LINES)[number], docs: Readonly<Record<string, Doc>>, token = TOKEN) {
  const scripted = scriptedLine(docs, kind.publicBase);
  let line: Line;
  if (kind.inProcess) line = await openLine({ app: scripted.app, token, publicBaseUrl: kind.publicBase });
  else {
    const server = await listenOnLoopback(scripted.app);
    opened.push(server);
    line = await openLine({ url: server.url, token, publicBaseUrl: kind.publicBase });
  }
  opened.push(line);
  return { line, seen: scripted.seen };
}

const GOODBYE = "<Say>Goodbye.</Say><Hangup/>";
const MENU =
  '<Gather input="dtmf speech" numDigits="1" action="/heard"><Say>Press or say.</Say></Gather><Redirect>/silent</Redirect>';

interface Case {
  readonly name: string;
  readonly docs: Readonly<Record<string, Doc>>;
  readonly call?: Omit<CallOptions, "to">;
  /** The requests made, status callback included. */
  readonly requests: readonly string[];
  /** Parameters some requests carried (by index in `requests`). */
  readonly params?: Readonly<Record<number, Readonly<Record<string, string | undefined>>>>;
  readonly entries?: readonly TranscriptEntry["kind"][];
  readonly outcome: CallOutcome;
}

const press = (...keys: string[]) => keys.map((digits) => ({ kind: "press" as const, digits }));

const CASES: readonly Case[] = [
  {
    name: "a <Say> then <Hangup> is a goodbye",
    docs: { "/voice": GOODBYE },
    requests: ["POST /voice", "POST /voice/status"],
    params: { 0: { CallStatus: "ringing", To: TO, Direction: "inbound" }, 1: { CallStatus: "completed" } },
    entries: ["say", "hangup"],
    outcome: { kind: "goodbye" },
  },
  {
    name: "a <Hangup> without a word is the line hanging up",
    docs: { "/voice": "<Hangup/>" },
    requests: ["POST /voice", "POST /voice/status"],
    entries: ["hangup"],
    outcome: { kind: "line-hung-up" },
  },
  {
    name: "a document that runs out of verbs ends the call",
    docs: { "/voice": "<Say>Nothing follows.</Say>" },
    requests: ["POST /voice", "POST /voice/status"],
    entries: ["say", "hangup"],
    outcome: { kind: "line-hung-up" },
  },
  {
    name: "an empty <Response> ends the call",
    docs: { "/voice": "" },
    requests: ["POST /voice", "POST /voice/status"],
    entries: ["hangup"],
    outcome: { kind: "line-hung-up" },
  },
  {
    name: "<Pause> takes no time and <Play> is not shown",
    docs: { "/voice": `<Pause length="60"/><Play>https://line.example.test/a.mp3</Play>${GOODBYE}` },
    requests: ["POST /voice", "POST /voice/status"],
    entries: ["say", "hangup"],
    outcome: { kind: "goodbye" },
  },
  {
    name: "a silent caller: the <Gather> times out and Twilio follows the <Redirect> after it",
    docs: { "/voice": MENU, "/silent": GOODBYE },
    requests: ["POST /voice", "POST /silent", "POST /voice/status"],
    params: { 1: { Digits: undefined, SpeechResult: undefined, CallStatus: "in-progress" } },
    entries: ["say", "silence", "say", "hangup"],
    outcome: { kind: "goodbye" },
  },
  {
    name: "keys go to the <Gather> action",
    docs: { "/voice": MENU, "/heard": GOODBYE },
    call: { inputs: press("3") },
    requests: ["POST /voice", "POST /heard", "POST /voice/status"],
    params: { 1: { Digits: "3", FinishedOnKey: "", msg: "Gather End" } },
    entries: ["say", "press", "say", "hangup"],
    outcome: { kind: "goodbye" },
  },
  {
    name: "keys pressed one after another fill a numDigits gather",
    docs: { "/voice": '<Gather numDigits="2" action="/heard"/><Redirect>/voice</Redirect>', "/heard": GOODBYE },
    call: { inputs: press("1", "2", "3") },
    requests: ["POST /voice", "POST /heard", "POST /voice/status"],
    params: { 1: { Digits: "12" } },
    outcome: { kind: "goodbye" },
  },
  {
    name: "the finish key ends an entry and is not part of the digits",
    docs: { "/voice": '<Gather action="/heard"/><Redirect>/voice</Redirect>', "/heard": GOODBYE },
    call: { inputs: press("4417#") },
    requests: ["POST /voice", "POST /heard", "POST /voice/status"],
    params: { 1: { Digits: "4417", FinishedOnKey: "#" } },
    outcome: { kind: "goodbye" },
  },
  {
    name: "the finish key alone is nothing entered: the gather falls through",
    docs: { "/voice": '<Gather action="/heard"/><Redirect>/silent</Redirect>', "/silent": GOODBYE },
    call: { inputs: press("#") },
    requests: ["POST /voice", "POST /silent", "POST /voice/status"],
    entries: ["press", "silence", "say", "hangup"],
    outcome: { kind: "goodbye" },
  },
  {
    name: "keys at a speech-only gather are not heard",
    docs: { "/voice": '<Gather input="speech" action="/heard"/><Redirect>/silent</Redirect>', "/silent": GOODBYE },
    call: { inputs: press("1") },
    requests: ["POST /voice", "POST /silent", "POST /voice/status"],
    entries: ["press", "silence", "say", "hangup"],
    outcome: { kind: "goodbye" },
  },
  {
    name: "speech at a keys-only gather is not heard",
    docs: { "/voice": '<Gather action="/heard"/><Redirect>/silent</Redirect>', "/silent": GOODBYE },
    call: { inputs: [{ kind: "say", text: "pharmacy" }] },
    requests: ["POST /voice", "POST /silent", "POST /voice/status"],
    entries: ["say-speech", "silence", "say", "hangup"],
    outcome: { kind: "goodbye" },
  },
  {
    name: "speech goes to the action with its confidence",
    docs: { "/voice": MENU, "/heard": GOODBYE },
    call: {
      inputs: [
        { kind: "say", text: "pharmacy", confidence: 0.42 },
        { kind: "say", text: "unused" },
      ],
    },
    requests: ["POST /voice", "POST /heard", "POST /voice/status"],
    params: { 1: { SpeechResult: "pharmacy", Confidence: "0.42", Digits: undefined } },
    outcome: { kind: "goodbye" },
  },
  {
    name: "actionOnEmptyResult posts an empty result to the action",
    docs: { "/voice": '<Gather input="speech" actionOnEmptyResult="true" action="/heard"/>', "/heard": GOODBYE },
    requests: ["POST /voice", "POST /heard", "POST /voice/status"],
    params: { 1: { SpeechResult: undefined, Digits: undefined } },
    outcome: { kind: "goodbye" },
  },
  {
    name: "relative URLs resolve against the document's URL, and a gather without action posts to its document",
    docs: {
      "/voice": "<Redirect>menu/start</Redirect>",
      "/menu/start": '<Gather numDigits="1"/><Redirect>next</Redirect>',
      "/menu/next": GOODBYE,
    },
    call: { inputs: press("5") },
    requests: ["POST /voice", "POST /menu/start", "POST /menu/start", "POST /menu/next", "POST /voice/status"],
    params: { 2: { Digits: "5" }, 3: { Digits: undefined } },
    outcome: { kind: "goodbye" },
  },
  {
    name: "a <Redirect> by GET carries the call's parameters in the query",
    docs: { "/voice": '<Redirect method="GET">/again?x=1&amp;y=2</Redirect>', "/again": GOODBYE },
    requests: ["POST /voice", "GET /again", "POST /voice/status"],
    params: { 1: { x: "1", y: "2", CallStatus: "in-progress", To: TO } },
    outcome: { kind: "goodbye" },
  },
  {
    name: "a connected <Dial> posts its outcome to the action: the call is the team's",
    docs: {
      "/voice": '<Say>Connecting.</Say><Dial action="/dialed"><Number>+18005550100</Number></Dial>',
      "/dialed": "<Hangup/>",
    },
    requests: ["POST /voice", "POST /dialed", "POST /voice/status"],
    params: { 1: { DialCallStatus: "completed", DialBridged: "true", DialCallDuration: "60" } },
    entries: ["say", "dial", "dial-result", "hangup"],
    outcome: { kind: "transferred", number: "+18005550100" },
  },
  {
    name: "a busy <Dial> posts busy, and the line goes on",
    docs: {
      "/voice": '<Dial action="/dialed">+18005550100</Dial>',
      "/dialed": '<Say>Sorry.</Say><Dial action="/again">+18005550101</Dial>',
      "/again": "<Hangup/>",
    },
    call: { dial: ["busy"] },
    requests: ["POST /voice", "POST /dialed", "POST /again", "POST /voice/status"],
    params: {
      1: { DialCallStatus: "busy", DialBridged: "false", DialCallDuration: "0" },
      2: { DialCallStatus: "completed" },
    },
    outcome: { kind: "transferred", number: "+18005550101" },
  },
  {
    name: "no transfer gets through: a goodbye",
    docs: { "/voice": '<Dial action="/dialed">+18005550100</Dial>', "/dialed": GOODBYE },
    call: { dial: ["no-answer"] },
    requests: ["POST /voice", "POST /dialed", "POST /voice/status"],
    outcome: { kind: "goodbye" },
  },
  {
    name: "a <Dial> without an action goes on with the verbs after it",
    docs: { "/voice": "<Dial><Number>+18005550100</Number></Dial><Say>after the dial</Say>" },
    requests: ["POST /voice", "POST /voice/status"],
    entries: ["dial", "dial-result", "say", "hangup"],
    outcome: { kind: "transferred", number: "+18005550100" },
  },
  {
    name: "a caller who hangs up at a gather ends the call",
    docs: { "/voice": MENU },
    call: { caller: async () => ({ kind: "hangup" }) },
    requests: ["POST /voice", "POST /voice/status"],
    entries: ["say", "hangup"],
    outcome: { kind: "caller-hung-up" },
  },
  {
    name: "a line that redirects forever stops at the turn limit",
    docs: { "/voice": "<Redirect>/voice</Redirect>" },
    call: { maxTurns: 3 },
    requests: ["POST /voice", "POST /voice", "POST /voice", "POST /voice/status"],
    outcome: { kind: "turn-limit", turns: 3 },
  },
  {
    name: "no status callback when asked not to",
    docs: { "/voice": GOODBYE },
    call: { statusCallback: false },
    requests: ["POST /voice"],
    outcome: { kind: "goodbye" },
  },
];

describe.each(LINES)("the emulator follows TwiML as Twilio does: $name", (kind) => {
  test.each(CASES)("$name", async (c) => {
    const { line, seen } = await open(kind, c.docs);
    const transcript = await simulateCall(line, { to: TO, ...c.call });
    expect(transcript.outcome).toEqual(c.outcome);
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(c.requests);
    for (const [i, expected] of Object.entries(c.params ?? {})) {
      const params = seen[Number(i)]?.params ?? {};
      for (const [name, value] of Object.entries(expected)) expect({ [name]: params[name] }).toEqual({ [name]: value });
    }
    if (c.entries) expect(transcript.entries.map((e) => e.kind)).toEqual(c.entries);
    // Every request of the call is the same call.
    expect(new Set(seen.map((s) => s.params.CallSid))).toEqual(new Set([transcript.callSid]));
    expect(transcript.requests).toBe(c.requests.filter((r) => r !== "POST /voice/status").length);
  });
});

describe("the transcript of a call", () => {
  test("numbers entries by request and keeps each <Say>'s language and voice", async () => {
    const { line } = await open(LINES[0], {
      "/voice": `<Say language="fr-FR" voice="Polly.Lea">Bonjour</Say><Gather numDigits="1" action="/heard"><Say>One key</Say></Gather><Redirect>/voice</Redirect>`,
      "/heard": '<Dial action="/dialed"><Number>+18005550100</Number></Dial>',
      "/dialed": "<Hangup/>",
    });
    const streamed: TranscriptEntry[] = [];
    const transcript = await simulateCall(line, { to: TO, inputs: press("1"), onEntry: (e) => streamed.push(e) });
    expect(transcript.entries).toEqual([
      { kind: "say", turn: 1, text: "Bonjour", language: "fr-FR", voice: "Polly.Lea" },
      { kind: "say", turn: 1, text: "One key", language: "en-US" },
      { kind: "press", turn: 1, digits: "1" },
      { kind: "dial", turn: 2, number: "+18005550100" },
      { kind: "dial-result", turn: 2, number: "+18005550100", status: "completed" },
      { kind: "hangup", turn: 3, by: "line" },
    ]);
    expect(streamed).toEqual(transcript.entries);
  });

  test("an interactive caller and dialer are asked once the scripted inputs and outcomes run out", async () => {
    const { line } = await open(LINES[0], {
      "/voice":
        '<Gather input="dtmf speech" numDigits="1" timeout="7" language="es-US" action="/heard"/><Redirect>/voice</Redirect>',
      "/heard": '<Dial action="/dialed" timeout="20">+18005550100</Dial>',
      "/dialed": '<Dial action="/last">+18005550101</Dial>',
      "/last": "<Hangup/>",
    });
    const gathers: unknown[] = [];
    const dials: unknown[] = [];
    const transcript = await simulateCall(line, {
      to: TO,
      dial: ["busy"],
      caller: async (gather) => {
        gathers.push(gather);
        return gathers.length === 1 ? { kind: "silence" } : { kind: "press", digits: "2" };
      },
      dialer: async (dial) => {
        dials.push(dial);
        return "failed";
      },
    });
    expect(gathers).toEqual([
      expect.objectContaining({ dtmf: true, speech: true, numDigits: 1, timeoutSeconds: 7, language: "es-US" }),
      expect.objectContaining({ numDigits: 1 }),
    ]);
    expect(dials).toEqual([{ number: "+18005550101", timeoutSeconds: 30, callerId: undefined }]);
    expect(transcript.entries.filter((e) => e.kind === "dial-result").map((e) => e.status)).toEqual(["busy", "failed"]);
    expect(transcript.outcome).toEqual({ kind: "line-hung-up" });
  });

  test("onStart tells who calls which line, and when by the line's clock", async () => {
    const at = Date.UTC(2026, 2, 11, 19, 0);
    const scripted = scriptedLine({ "/voice": GOODBYE }, PUBLIC);
    const line = await openLine({ app: scripted.app, token: TOKEN, publicBaseUrl: PUBLIC, clock: () => at });
    opened.push(line);
    const starts: unknown[] = [];
    const transcript = await simulateCall(line, {
      to: TO,
      from: "+15555550199",
      callSid: `CA${"ab".repeat(16)}`,
      onStart: (s) => starts.push(s),
    });
    const start = { callSid: `CA${"ab".repeat(16)}`, to: TO, from: "+15555550199", region: undefined, startedAt: at };
    expect(starts).toEqual([start]);
    expect(transcript).toMatchObject(start);
  });
});

describe("a line Twilio could not follow: the call fails, saying why", () => {
  const FAILURES: ReadonlyArray<{ name: string; doc: Doc; requestTimeoutMs?: number; reason: RegExp }> = [
    { name: "a 404", doc: { status: 404, body: "nope" }, reason: /\/voice answered 404: nope/ },
    { name: "a 500", doc: { status: 500, body: "boom" }, reason: /answered 500: boom/ },
    {
      name: "a 200 that is not XML",
      doc: { type: "text/plain", body: "hello" },
      reason: /answered text\/plain, not TwiML/,
    },
    {
      name: "XML that is not well-formed",
      doc: { body: "<Response><Say>open" },
      reason: /cannot follow: the TwiML is not well-formed/,
    },
    { name: "XML whose root is not <Response>", doc: { body: "<Hello/>" }, reason: /must be a single <Response>/ },
    {
      name: "no answer in time",
      doc: { body: "<Response/>", delayMs: 500 },
      requestTimeoutMs: 50,
      reason: /no answer within 50 ms/,
    },
  ];

  test.each(FAILURES)("$name", async ({ doc, requestTimeoutMs, reason }) => {
    const { line } = await open(LINES[0], { "/voice": doc });
    const transcript = await simulateCall(line, { to: TO, ...(requestTimeoutMs ? { requestTimeoutMs } : {}) });
    expect(transcript.outcome).toEqual({ kind: "failed", reason: expect.stringMatching(reason) });
    expect(transcript.requests).toBe(1);
  });

  test.each(LINES)("another token's signature: 403, on $name", async (kind) => {
    const { line, seen } = await open(kind, { "/voice": GOODBYE }, "f".repeat(32));
    const transcript = await simulateCall(line, { to: TO });
    expect(transcript.outcome).toEqual({
      kind: "failed",
      reason: expect.stringContaining("refused the request's signature (403)"),
    });
    expect(seen).toEqual([]);
  });

  test("a server that is not there", async () => {
    const server = await listenOnLoopback(() => {});
    await server.close();
    const line = await openLine({ url: server.url, token: TOKEN });
    opened.push(line);
    const transcript = await simulateCall(line, { to: TO });
    expect(transcript.outcome).toEqual({
      kind: "failed",
      reason: expect.stringMatching(new RegExp(`^could not reach ${server.url}/voice: .*ECONNREFUSED`)),
    });
  });
});
