import { randomBytes } from "node:crypto";
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";
import { createApp } from "../app.js";
import type { CallFlow } from "../flow/compileFlow.js";
import { loadCallFlow } from "../flow/loadCallFlow.js";
import { createLogger } from "../log/createLogger.js";
import { MemoryStore } from "../session/memoryStore.js";
import type { DialStatus } from "../types.js";
import { parseTwiml, type TwimlVerb } from "./parseTwiml.js";

/** What the caller does at a `<Gather>`: press keys, or say something. */
export type CallerInput =
  | { readonly kind: "press"; readonly digits: string }
  | { readonly kind: "say"; readonly text: string; readonly confidence?: number };

/** What the caller does at a `<Gather>`, including staying silent or hanging up. */
export type CallerAction = CallerInput | { readonly kind: "silence" } | { readonly kind: "hangup" };

/** What a `<Gather>` listens for, as passed to an interactive caller. */
export interface GatherRequest {
  readonly dtmf: boolean;
  readonly speech: boolean;
  /** Keys the gather ends after; undefined when it waits for the finish key or the timeout. */
  readonly numDigits: number | undefined;
  /** Seconds of silence before the gather gives up. */
  readonly timeoutSeconds: number;
  /** Speech recognition language, e.g. `es-US`. */
  readonly language: string | undefined;
}

/** A region or team as the transcript names it. */
export interface Named {
  readonly id: string;
  readonly name: string;
}

/** One thing that happened on the call, in order. */
export type TranscriptEntry =
  /** The line speaks (`<Say>`): the text and its language (e.g. `es-US`). */
  | {
      readonly kind: "say";
      readonly turn: number;
      readonly text: string;
      readonly language: string;
      readonly voice?: string;
    }
  /** The caller presses keys. */
  | { readonly kind: "press"; readonly turn: number; readonly digits: string }
  /** The caller speaks; `confidence` is what the simulated recogniser reports. */
  | { readonly kind: "say-speech"; readonly turn: number; readonly text: string; readonly confidence: number }
  /** The caller stays silent (or the gather could not take the input, see `reason`). */
  | { readonly kind: "silence"; readonly turn: number; readonly reason?: string }
  /** The line transfers the call (`<Dial>`); region and team when they can be told. */
  | {
      readonly kind: "dial";
      readonly turn: number;
      readonly number: string;
      readonly region?: Named;
      readonly team?: Named;
      /** The team whose line actually answers, when the region has no line of its own for `team`. */
      readonly via?: Named;
    }
  /** How the transfer ended (the `DialCallStatus` posted back). */
  | { readonly kind: "dial-result"; readonly turn: number; readonly number: string; readonly status: DialStatus }
  /** The call ends: the line hangs up, or the caller does. */
  | { readonly kind: "hangup"; readonly turn: number; readonly by: "line" | "caller" };

/** How the call ended. */
export type CallOutcome =
  /** A transfer connected; the call is the team's now. */
  | {
      readonly kind: "transferred";
      readonly number: string;
      readonly region?: Named;
      readonly team?: Named;
      readonly via?: Named;
    }
  /** The line said goodbye and hung up (e.g. no team could be reached). */
  | { readonly kind: "goodbye" }
  /** The line hung up without a goodbye, or its document ran out of verbs: never meant to happen. */
  | { readonly kind: "line-hung-up" }
  /** The caller hung up. */
  | { readonly kind: "caller-hung-up" }
  /** The safety bound on requests was reached: the flow may be looping. */
  | { readonly kind: "turn-limit"; readonly turns: number }
  /** The line answered something Twilio could not follow (an HTTP error, a timeout, TwiML that is not XML…). */
  | { readonly kind: "failed"; readonly reason: string };

/** The whole call: who called whom, when, what happened and how it ended. */
export interface CallTranscript {
  readonly callSid: string;
  readonly to: string;
  readonly from: string;
  /** Region of the dialed number, when the directory knows it. */
  readonly region: (Named & { readonly timeZone: string }) | undefined;
  /** The line's clock when the call came in, epoch ms. */
  readonly startedAt: number;
  readonly entries: readonly TranscriptEntry[];
  readonly outcome: CallOutcome;
  /** Webhook requests made (the status callback not counted). */
  readonly requests: number;
}

/** Who calls which line and when: known before the first request. */
export type CallStart = Pick<CallTranscript, "callSid" | "to" | "from" | "region" | "startedAt">;

/** How to simulate a call. */
export interface SimulateCallOptions {
  /** The number dialed; defaults to the Northwest line, +15035550100. */
  readonly to?: string;
  /** The caller's number; defaults to a fictional +15555550123. */
  readonly from?: string;
  /** What the caller does at each `<Gather>`, in order (one key per press). Silence once they run out. */
  readonly inputs?: readonly CallerInput[];
  /** Asked at each `<Gather>` once `inputs` run out (interactive use); without it the caller stays silent. */
  readonly caller?: (gather: GatherRequest) => Promise<CallerAction>;
  /** Speech confidence reported for `say` inputs that give none; defaults to 0.9. */
  readonly confidence?: number;
  /** Outcome of each successive `<Dial>`; `completed` once they run out. */
  readonly dial?: readonly DialStatus[];
  /** The line's clock at the start of the call, for the in-process line (hours depend on it). */
  readonly at?: number | Date;
  /** Drive a server that is already running instead of starting the app in-process. */
  readonly server?: { readonly url: string; readonly token?: string | undefined };
  /** Most webhook requests before the simulation gives up; defaults to 50. */
  readonly maxTurns?: number;
  /** The compiled flow for the in-process line (and to name regions and teams); loaded from the files otherwise. */
  readonly callFlow?: CallFlow;
  /** Logger of the in-process line; defaults to warnings and errors on stderr. */
  readonly logger?: Logger;
  /** Called once as the call comes in, before the first request (to print a header). */
  readonly onStart?: (call: CallStart) => void;
  /** Called with each entry as it happens (to print the call live). */
  readonly onEntry?: (entry: TranscriptEntry) => void;
  /** The call's SID; random by default. */
  readonly callSid?: string;
  /** Send Twilio's status callback (`completed`) when the call ends; defaults to true. */
  readonly statusCallback?: boolean;
  /** Longest wait for one webhook answer, like Twilio's; defaults to 15 s. */
  readonly requestTimeoutMs?: number;
}

/** The Northwest line's inbound number. */
export const DEFAULT_TO = "+15035550100";
/** A fictional caller (555-01xx numbers are reserved for fiction). */
export const DEFAULT_FROM = "+15555550123";
export const DEFAULT_CONFIDENCE = 0.9;
export const DEFAULT_MAX_TURNS = 50;
const ACCOUNT_SID = `AC${"c0ffee00".repeat(4)}`;

/** The flow and directory files: `FLOW_FILE` and `DIRECTORY_FILE` as for the server, else the repository's own. */
export function flowFiles(env: NodeJS.ProcessEnv = process.env): { flowFile: string; directoryFile: string } {
  const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
  return {
    flowFile: env.FLOW_FILE ?? root("flows/member-line.json"),
    directoryFile: env.DIRECTORY_FILE ?? root("data/directory.json"),
  };
}

/** A Twilio Call SID: "CA" and 32 hex digits. */
export function newCallSid(): string {
  return `CA${randomBytes(16).toString("hex")}`;
}

/** The short name of a region for people, e.g. "Northwest" for "the Northwest: Oregon and Southwest Washington". */
export function shortRegionName(name: string): string {
  const short =
    name
      .replace(/^the\s+/i, "")
      .split(":")[0]
      ?.trim() ?? name;
  return short.charAt(0).toUpperCase() + short.slice(1);
}

/** Whether the call ended the way a call should: put through to a team, or a deliberate goodbye. */
export function endedWell(outcome: CallOutcome): boolean {
  return outcome.kind === "transferred" || outcome.kind === "goodbye";
}

/**
 * Plays a caller against the line's real webhooks, exactly as Twilio would: signed, form-encoded,
 * Twilio-shaped requests; each answer's TwiML followed verb by verb (`<Say>` is heard, `<Gather>` takes
 * the next input or, on silence, falls through to the `<Redirect>` after it, `<Dial>` transfers and posts
 * its outcome to its action, `<Hangup>` ends the call). Starts the app in-process on an ephemeral port
 * with a fresh random auth token (so signatures are checked), unless `server` names one already running.
 *
 * Region and team of a transfer are read from the in-process line's session (what the flow meant to
 * dial); against a remote server they are looked up in the directory from the number dialed.
 */
export async function simulateCall(options: SimulateCallOptions = {}): Promise<CallTranscript> {
  const line = options.server ? remoteLine(options) : await startLine(options);
  try {
    return await new CallRun(line, options).run();
  } finally {
    await line.close();
  }
}

/** The line under simulation: where to post, how to sign, and what can be known about it. */
interface Line {
  /** The URL of the incoming-call webhook. */
  readonly voiceUrl: string;
  /** The URL of the status callback. */
  readonly statusUrl: string;
  readonly token: string | undefined;
  readonly callFlow: CallFlow | undefined;
  readonly clock: () => number;
  /** The transfer the line's session says the call is making, if it can be read. */
  transferOf(callSid: string): Promise<{ region: string; team: string } | undefined>;
  close(): Promise<void>;
}

async function startLine(options: SimulateCallOptions): Promise<Line> {
  const callFlow = options.callFlow ?? loadFlowFiles();
  const startAt = options.at === undefined ? undefined : Number(options.at);
  if (startAt !== undefined && !Number.isFinite(startAt)) throw new Error("`at` is not a valid time");
  const started = Date.now();
  const clock = startAt === undefined ? Date.now : () => startAt + (Date.now() - started);
  const store = new MemoryStore({ now: clock, sweepIntervalMs: 0 });
  const token = randomBytes(16).toString("hex");
  const app = createApp({
    callFlow,
    store,
    logger: options.logger ?? createLogger("warn", process.stderr),
    authToken: token,
    clock,
  });
  const server: Server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    voiceUrl: `${base}/voice`,
    statusUrl: `${base}/voice/status`,
    token,
    callFlow,
    clock,
    async transferOf(callSid) {
      const stored = await store.load(callSid);
      const transfer = stored && "call" in stored ? stored.call.context.transfer : null;
      return transfer ? { region: transfer.region, team: transfer.team } : undefined;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await store.close();
    },
  };
}

function remoteLine(options: SimulateCallOptions): Line {
  const server = options.server as NonNullable<SimulateCallOptions["server"]>;
  const base = server.url.replace(/\/+$/, "");
  let callFlow = options.callFlow;
  if (!callFlow)
    try {
      callFlow = loadFlowFiles();
    } catch {
      // Only used to name regions and teams: the call goes on without.
    }
  return {
    voiceUrl: `${base}/voice`,
    statusUrl: `${base}/voice/status`,
    token: server.token,
    callFlow,
    clock: Date.now,
    transferOf: async () => undefined,
    close: async () => {},
  };
}

function loadFlowFiles(): CallFlow {
  const { flowFile, directoryFile } = flowFiles();
  return loadCallFlow(flowFile, directoryFile);
}

/** The request Twilio makes next. */
interface NextRequest {
  readonly url: string;
  readonly method: "GET" | "POST";
  readonly params: Record<string, string>;
}

/** How a document ended the call; `goodbye` when the line spoke and then hung up on purpose (`<Hangup>`). */
type Ending = { readonly ended: true; readonly by: "line" | "caller"; readonly goodbye: boolean };

class LineError extends Error {}

class CallRun {
  readonly #line: Line;
  readonly #options: SimulateCallOptions;
  readonly #callSid: string;
  readonly #to: string;
  readonly #from: string;
  readonly #entries: TranscriptEntry[] = [];
  readonly #inputs: CallerInput[];
  readonly #dials: DialStatus[];
  #turn = 0;
  /** The last transfer that connected, until the caller is back in a menu. */
  #connected: Extract<TranscriptEntry, { kind: "dial" }> | undefined;

  constructor(line: Line, options: SimulateCallOptions) {
    this.#line = line;
    this.#options = options;
    this.#callSid = options.callSid ?? newCallSid();
    this.#to = options.to ?? DEFAULT_TO;
    this.#from = options.from ?? DEFAULT_FROM;
    this.#inputs = [...(options.inputs ?? [])];
    this.#dials = [...(options.dial ?? [])];
  }

  async run(): Promise<CallTranscript> {
    const known = this.#line.callFlow?.directory.regionByInbound.get(this.#to);
    const start: CallStart = {
      callSid: this.#callSid,
      to: this.#to,
      from: this.#from,
      region: known && { id: known.id, name: shortRegionName(known.name.en ?? known.id), timeZone: known.timeZone },
      startedAt: this.#line.clock(),
    };
    this.#options.onStart?.(start);
    const maxTurns = this.#options.maxTurns ?? DEFAULT_MAX_TURNS;
    let next: NextRequest | Ending = {
      url: this.#line.voiceUrl,
      method: "POST",
      params: this.#params({ CallStatus: "ringing" }),
    };
    let outcome: CallOutcome | undefined;
    try {
      while (!("ended" in next)) {
        if (this.#turn >= maxTurns) {
          outcome = { kind: "turn-limit", turns: this.#turn };
          break;
        }
        this.#turn++;
        const verbs = await this.#request(next);
        next = await this.#follow(verbs, next.url);
      }
      if ("ended" in next) outcome = this.#outcomeOf(next);
    } catch (error) {
      outcome = { kind: "failed", reason: error instanceof Error ? error.message : String(error) };
    }
    if (this.#options.statusCallback !== false) await this.#statusCallback();
    return {
      ...start,
      entries: this.#entries,
      outcome: outcome as CallOutcome,
      requests: this.#turn,
    };
  }

  #outcomeOf(ending: Ending): CallOutcome {
    if (ending.by === "caller") return { kind: "caller-hung-up" };
    const connected = this.#connected;
    if (connected)
      return {
        kind: "transferred",
        number: connected.number,
        ...(connected.region ? { region: connected.region } : {}),
        ...(connected.team ? { team: connected.team } : {}),
        ...(connected.via ? { via: connected.via } : {}),
      };
    return ending.goodbye ? { kind: "goodbye" } : { kind: "line-hung-up" };
  }

  #emit(entry: TranscriptEntry): void {
    this.#entries.push(entry);
    this.#options.onEntry?.(entry);
  }

  /** The parameters Twilio sends with every voice webhook of an inbound call, plus `extra`. */
  #params(extra: Record<string, string> = {}): Record<string, string> {
    return {
      AccountSid: ACCOUNT_SID,
      ApiVersion: "2010-04-01",
      CallSid: this.#callSid,
      CallStatus: "in-progress",
      Called: this.#to,
      CalledCountry: "US",
      Caller: this.#from,
      CallerCountry: "US",
      Direction: "inbound",
      From: this.#from,
      FromCountry: "US",
      To: this.#to,
      ToCountry: "US",
      ...extra,
    };
  }

  /** Makes one signed webhook request and parses the TwiML answer. */
  async #request(next: NextRequest): Promise<TwimlVerb[]> {
    const res = await this.#send(next);
    if (res.status === 403)
      throw new LineError(
        `${res.url} refused the request's signature (403). Is the auth token right (--token), and is --server the URL the server believes it is called at (its PUBLIC_BASE_URL)?`,
      );
    if (res.status !== 200) throw new LineError(`${res.url} answered ${res.status}: ${res.body.slice(0, 300)}`);
    if (!/xml/i.test(res.type)) throw new LineError(`${res.url} answered ${res.type || "no content type"}, not TwiML`);
    try {
      return parseTwiml(res.body);
    } catch (error) {
      throw new LineError(`${res.url} answered TwiML Twilio cannot follow: ${(error as Error).message}\n${res.body}`);
    }
  }

  /** Signs and sends one request the way Twilio does. */
  async #send(next: NextRequest): Promise<{ url: string; status: number; type: string; body: string }> {
    const { method, params } = next;
    // Twilio signs the full URL it requests with the POST parameters; a GET carries them in the query.
    let url = next.url;
    if (method === "GET") {
      const query = new URLSearchParams(params).toString();
      url = `${url}${url.includes("?") ? "&" : "?"}${query}`;
    }
    const headers: Record<string, string> = { "User-Agent": "TwilioProxy/1.1 (member-line call simulator)" };
    if (this.#line.token !== undefined)
      headers["X-Twilio-Signature"] = getExpectedTwilioSignature(this.#line.token, url, method === "GET" ? {} : params);
    if (method === "POST") headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
    try {
      const res = await fetch(url, {
        method,
        headers,
        ...(method === "POST" ? { body: new URLSearchParams(params).toString() } : {}),
        signal: AbortSignal.timeout(this.#options.requestTimeoutMs ?? 15_000),
      });
      return { url, status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new LineError(`could not reach ${url}: ${(error as Error).message}${cause ? ` (${cause})` : ""}`);
    }
  }

  /** Executes a document's verbs in order, as Twilio does, up to the request it leads to or the end of the call. */
  async #follow(verbs: readonly TwimlVerb[], documentUrl: string): Promise<NextRequest | Ending> {
    let spoke = false;
    for (const verb of verbs) {
      switch (verb.verb) {
        case "Say":
          this.#say(verb);
          spoke = true;
          break;
        case "Gather": {
          for (const child of verb.children) if (child.verb === "Say") this.#say(child);
          spoke ||= verb.children.some((c) => c.verb === "Say");
          const next = await this.#gather(verb, documentUrl);
          if (next) return next;
          break;
        }
        case "Redirect":
          return { url: resolveUrl(verb.text, documentUrl), method: methodOf(verb), params: this.#params() };
        case "Dial": {
          const next = await this.#dialVerb(verb, documentUrl);
          if (next) return next;
          break;
        }
        case "Hangup":
        case "Reject":
          this.#emit({ kind: "hangup", turn: this.#turn, by: "line" });
          return { ended: true, by: "line", goodbye: spoke };
        default:
          // <Pause>, <Play> and the rest: nothing the transcript shows.
          break;
      }
    }
    // Twilio hangs up when a document runs out of verbs: the line's rules say that never happens.
    this.#emit({ kind: "hangup", turn: this.#turn, by: "line" });
    return { ended: true, by: "line", goodbye: false };
  }

  #say(verb: TwimlVerb): void {
    this.#emit({
      kind: "say",
      turn: this.#turn,
      text: verb.text,
      language: verb.attrs.language ?? "en-US",
      ...(verb.attrs.voice ? { voice: verb.attrs.voice } : {}),
    });
  }

  /**
   * The caller's turn at a `<Gather>`: input goes to its action. Silence (or input it does not listen for)
   * falls through to the next verb unless `actionOnEmptyResult` is set. Returns undefined to fall through.
   */
  async #gather(verb: TwimlVerb, documentUrl: string): Promise<NextRequest | Ending | undefined> {
    const input = (verb.attrs.input ?? "dtmf").split(/\s+/);
    const numDigits = verb.attrs.numDigits ? Number(verb.attrs.numDigits) : undefined;
    const request: GatherRequest = {
      dtmf: input.includes("dtmf"),
      speech: input.includes("speech"),
      numDigits: Number.isInteger(numDigits) && (numDigits as number) > 0 ? numDigits : undefined,
      timeoutSeconds: Number(verb.attrs.timeout ?? 5),
      language: verb.attrs.language,
    };
    const action = await this.#nextAction(request);
    const target = { url: resolveUrl(verb.attrs.action ?? "", documentUrl), method: methodOf(verb) };
    let heard: Record<string, string> | undefined;
    let reason: string | undefined;
    if (action.kind === "hangup") {
      this.#emit({ kind: "hangup", turn: this.#turn, by: "caller" });
      return { ended: true, by: "caller", goodbye: false };
    }
    if (action.kind === "press") {
      this.#emit({ kind: "press", turn: this.#turn, digits: action.digits });
      const finishOnKey = verb.attrs.finishOnKey ?? "#";
      const finished = finishOnKey !== "" && action.digits.endsWith(finishOnKey);
      const digits = finished ? action.digits.slice(0, -finishOnKey.length) : action.digits;
      if (!request.dtmf) reason = "the line was not listening for keys";
      else if (digits === "") reason = `${finishOnKey} ends the entry, and nothing was entered`;
      else heard = { Digits: digits, FinishedOnKey: finished ? finishOnKey : "" };
    } else if (action.kind === "say") {
      const confidence = action.confidence ?? this.#options.confidence ?? DEFAULT_CONFIDENCE;
      this.#emit({ kind: "say-speech", turn: this.#turn, text: action.text, confidence });
      if (!request.speech) reason = "the line was not listening for speech";
      else heard = { SpeechResult: action.text, Confidence: String(confidence) };
    }
    if (heard) {
      this.#connected = undefined;
      return { ...target, params: this.#params(heard) };
    }
    this.#emit({ kind: "silence", turn: this.#turn, ...(reason ? { reason } : {}) });
    // Twilio posts an empty result only when asked to; otherwise it goes on to the verb after the gather.
    return verb.attrs.actionOnEmptyResult === "true" ? { ...target, params: this.#params() } : undefined;
  }

  /** The caller's next action: the scripted inputs first, then the interactive caller, else silence. */
  async #nextAction(gather: GatherRequest): Promise<CallerAction> {
    const first = this.#inputs.shift();
    if (!first) return this.#options.caller ? this.#options.caller(gather) : { kind: "silence" };
    if (first.kind !== "press") return first;
    // Keys pressed one after another fill a gather that takes several.
    let digits = first.digits;
    const max = gather.numDigits;
    while (this.#inputs[0]?.kind === "press" && max !== undefined && digits.length < max)
      digits += (this.#inputs.shift() as { digits: string }).digits;
    return { kind: "press", digits };
  }

  async #dialVerb(verb: TwimlVerb, documentUrl: string): Promise<NextRequest | undefined> {
    const number = (verb.children.find((c) => c.verb === "Number")?.text ?? verb.text).trim();
    const entry = { kind: "dial" as const, turn: this.#turn, number, ...(await this.#describeTransfer(number)) };
    this.#emit(entry);
    const status = this.#dials.shift() ?? "completed";
    this.#emit({ kind: "dial-result", turn: this.#turn, number, status });
    const connected = status === "completed" || status === "answered";
    this.#connected = connected ? entry : undefined;
    const params = this.#params({
      DialCallStatus: status,
      DialCallSid: newCallSid(),
      DialCallDuration: connected ? "60" : "0",
      DialBridged: String(connected),
    });
    // Without an action Twilio goes on with the verbs after the <Dial>.
    if (!verb.attrs.action) return undefined;
    return { url: resolveUrl(verb.attrs.action, documentUrl), method: methodOf(verb), params };
  }

  /** The region and team a transfer goes to: from the line's session, else looked up by the number dialed. */
  async #describeTransfer(number: string): Promise<{ region?: Named; team?: Named; via?: Named }> {
    const callFlow = this.#line.callFlow;
    if (!callFlow) return {};
    const { directory, flow } = callFlow;
    const teamNamed = (id: string): Named => ({ id, name: flow.teams[id]?.name.en ?? id });
    const regionNamed = (id: string): Named => {
      const region = directory.regionById.get(id);
      return { id, name: shortRegionName(region?.name.en ?? id) };
    };
    const known = await this.#line.transferOf(this.#callSid).catch(() => undefined);
    if (known) {
      const line = directory.regionById.get(known.region)?.teams.get(known.team);
      if (line?.numbers.some((n) => n.e164 === number)) {
        return {
          region: regionNamed(known.region),
          team: teamNamed(known.team),
          ...(line.routedVia ? { via: teamNamed(line.routedVia) } : {}),
        };
      }
    }
    // Which line has this number: in the dialed number's region first, else the only region that has it.
    const home = directory.regionByInbound.get(this.#to);
    const holders = directory.regions.filter((r) =>
      [...r.teams.values()].some((l) => l.numbers.some((n) => n.e164 === number)),
    );
    const region = home && holders.includes(home) ? home : holders.length === 1 ? holders[0] : undefined;
    if (!region) return {};
    const owner = [...region.teams.values()].find((l) => !l.routedVia && l.numbers.some((n) => n.e164 === number));
    return { region: regionNamed(region.id), ...(owner ? { team: teamNamed(owner.team) } : {}) };
  }

  /** Twilio's status callback once the call is over; best effort, as Twilio's. */
  async #statusCallback(): Promise<void> {
    await this.#send({
      url: this.#line.statusUrl,
      method: "POST",
      params: this.#params({ CallStatus: "completed", CallDuration: String(this.#turn * 5) }),
    }).catch(() => {
      // A failed callback changes nothing for the caller.
    });
  }
}

/** Resolves a TwiML URL (absolute or relative) against the URL of the document it is in, as Twilio does. */
function resolveUrl(url: string, documentUrl: string): string {
  return url.trim() === "" ? documentUrl : new URL(url.trim(), documentUrl).toString();
}

function methodOf(verb: TwimlVerb): "GET" | "POST" {
  return verb.attrs.method?.toUpperCase() === "GET" ? "GET" : "POST";
}
