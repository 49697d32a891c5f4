import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { DialStatus } from "../../service/index.js";
import { createCallSid, EMULATOR_ACCOUNT_SID, type Params } from "./callParams.js";
import type { Line } from "./line.js";
import { buildWebhookRequest } from "./signRequest.js";
import { type Caller, type CallerInput, type Dialer, simulateCall } from "./simulateCall.js";
import type { CallTranscript, TranscriptEntry } from "./transcript.js";

/** How an outbound call can end on the member's side: answered, or not (busy, no answer, failed). */
export const OUTBOUND_OUTCOMES = ["answered", "busy", "no-answer", "failed"] as const;

/** How an outbound call ends on the member's side. */
export type OutboundOutcome = (typeof OUTBOUND_OUTCOMES)[number];

/**
 * What the member does once they answer: keys at each `<Gather>` (then `caller`, a person at a page), and
 * how each transfer ends (then `dialer`). Without inputs or a caller, the member presses the connect key 1.
 */
export interface AnsweredScript {
  readonly inputs?: readonly CallerInput[];
  readonly caller?: Caller;
  readonly dial?: readonly DialStatus[];
  readonly dialer?: Dialer;
  /** Most webhook requests of the call (the emulator's default otherwise). */
  readonly maxTurns?: number;
  /** Told of each transcript entry as it happens (to show the call live). */
  readonly onEntry?: (entry: TranscriptEntry) => void;
}

/** A call the stand-in was asked to place, and how it went. */
export interface PlacedCall {
  readonly sid: string;
  readonly to: string;
  readonly from: string;
  readonly url: string;
  readonly statusCallback: string | undefined;
  readonly outcome: OutboundOutcome;
  /** The member's side of an answered call, once played. */
  transcript?: CallTranscript;
}

/** How the stand-in answers and plays calls. */
export interface RestStandInOptions {
  /** The line the outbound calls' webhooks go to (its transport and token sign and carry them). */
  readonly line: Line;
  /** The account and the REST credentials it accepts (401 otherwise). */
  readonly accountSid?: string;
  readonly authToken: string;
  /** How each placed call ends, in order; `answered` once they run out (or a function of the call). */
  readonly outcomes?: readonly OutboundOutcome[] | ((to: string) => OutboundOutcome);
  /** What the member does on an answered call; presses the connect key 1 by default. */
  readonly answered?: AnsweredScript;
  /** The SID of each call placed (a page that follows the call knows it before it starts); random by default. */
  readonly callSid?: () => string;
  /** Called with each call placed, once played. */
  readonly onPlayed?: (call: PlacedCall) => void;
}

/** A running stand-in of Twilio's REST API. */
export interface RestStandIn {
  /** Its base URL: what `TWILIO_API_BASE_URL` points at. */
  readonly url: string;
  readonly accountSid: string;
  /** Every call it was asked to place, in order. */
  readonly calls: PlacedCall[];
  /** Resolves once every call placed so far has been played to its end. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const CALLS_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Calls\.json$/;

/**
 * A local stand-in of Twilio's REST API for outbound calls: `POST /2010-04-01/Accounts/{AccountSid}/Calls.json`
 * with HTTP basic auth (the account SID and auth token; 401 with Twilio's error 20003 otherwise) answers 201
 * with the call's JSON (a `CA…` sid, `queued`), then plays Twilio's side of the call: answered, it requests
 * the call's `Url` and follows its TwiML as the emulator does (signed requests), then posts the status
 * callback (`completed`); busy, no answer or failed, it posts only the status callback with that status.
 */
export async function startRestStandIn(options: RestStandInOptions): Promise<RestStandIn> {
  const accountSid = options.accountSid ?? EMULATOR_ACCOUNT_SID;
  const calls: PlacedCall[] = [];
  const playing = new Set<Promise<void>>();
  const outcomeOf = (to: string, index: number): OutboundOutcome => {
    const o = options.outcomes;
    if (typeof o === "function") return o(to);
    return o?.[index] ?? "answered";
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const match = CALLS_PATH.exec(new URL(req.url ?? "/", "http://stand-in").pathname);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (!match || req.method !== "POST")
        return send(404, { code: 20404, message: "The requested resource was not found", status: 404 });
      if (match[1] !== accountSid || !authorized(req.headers.authorization, accountSid, options.authToken))
        return send(401, {
          code: 20003,
          message: "Authenticate",
          more_info: "https://www.twilio.com/docs/errors/20003",
          status: 401,
        });
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
      if (!form.To || !form.From || !form.Url)
        return send(400, { code: 21201, message: "To, From and Url are required", status: 400 });
      const call: PlacedCall = {
        sid: options.callSid?.() ?? createCallSid(),
        to: form.To,
        from: form.From,
        url: form.Url,
        statusCallback: form.StatusCallback,
        outcome: outcomeOf(form.To, calls.length),
      };
      calls.push(call);
      send(201, describeCall(call, accountSid));
      const play = playCall(options, call).finally(() => playing.delete(play));
      playing.add(play);
    });
  });
  server.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    calls,
    async idle() {
      while (playing.size > 0) await Promise.all([...playing]);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Whether the basic-auth header names the account and its token. */
function authorized(header: string | undefined, accountSid: string, token: string): boolean {
  const [scheme, encoded] = (header ?? "").split(" ");
  if (scheme !== "Basic" || !encoded) return false;
  const given = Buffer.from(Buffer.from(encoded, "base64").toString("utf8"));
  const wanted = Buffer.from(`${accountSid}:${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The call as Twilio's API describes it in the 201 answer. */
function describeCall(call: PlacedCall, accountSid: string): Record<string, unknown> {
  return {
    sid: call.sid,
    account_sid: accountSid,
    to: call.to,
    from: call.from,
    status: "queued",
    direction: "outbound-api",
    api_version: "2010-04-01",
    uri: `/2010-04-01/Accounts/${accountSid}/Calls/${call.sid}.json`,
  };
}

/** Plays Twilio's side of a placed call against the line's webhooks. */
async function playCall(options: RestStandInOptions, call: PlacedCall): Promise<void> {
  const { line } = options;
  if (call.outcome === "answered") {
    const script = options.answered ?? {};
    call.transcript = await simulateCall(
      { ...line, voiceUrl: call.url, statusUrl: call.statusCallback ?? line.statusUrl },
      {
        callSid: call.sid,
        to: call.to,
        from: call.from,
        direction: "outbound-api",
        inputs: script.inputs ?? (script.caller ? [] : [{ kind: "press", digits: "1" }]),
        caller: script.caller,
        dial: script.dial,
        dialer: script.dialer,
        maxTurns: script.maxTurns,
        onEntry: script.onEntry,
        statusCallback: call.statusCallback !== undefined,
      },
    );
  } else if (call.statusCallback) {
    const params: Params = {
      AccountSid: options.accountSid ?? EMULATOR_ACCOUNT_SID,
      CallSid: call.sid,
      CallStatus: call.outcome,
      CallDuration: "0",
      Direction: "outbound-api",
      From: call.from,
      To: call.to,
    };
    const request = buildWebhookRequest({ url: call.statusCallback, params, token: line.token });
    await line.transport.send(request, 15_000).catch(() => undefined);
  }
  options.onPlayed?.(call);
}
