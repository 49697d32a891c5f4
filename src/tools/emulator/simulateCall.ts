import { type DialStatus, isConnected } from "../../service/index.js";
import {
  buildCallParams,
  buildDialParams,
  buildEndedParams,
  buildGatherParams,
  type CallIdentity,
  createCallSid,
  type Params,
} from "./callParams.js";
import type { Line } from "./line.js";
import { parseTwiml, type TwimlVerb } from "./parseTwiml.js";
import { type DialRequest, type GatherRequest, readDial, readGather, readMethod, resolveUrl } from "./readVerb.js";
import { buildWebhookRequest, type WebhookMethod } from "./signRequest.js";
import type { CallOutcome, CallStart, CallTranscript, TranscriptEntry } from "./transcript.js";

/** What the caller does at a `<Gather>`: press keys, or say something. */
export type CallerInput =
  | { readonly kind: "press"; readonly digits: string }
  | { readonly kind: "say"; readonly text: string; readonly confidence?: number };

/** What the caller does at a `<Gather>`, including staying silent or hanging up. */
export type CallerAction = CallerInput | { readonly kind: "silence" } | { readonly kind: "hangup" };

/** The caller, asked at each `<Gather>` once the scripted inputs run out (a keypad, a person at a page). */
export type Caller = (gather: GatherRequest) => Promise<CallerAction>;

/** Decides how a transfer ends, asked at each `<Dial>` once the scripted outcomes run out. */
export type Dialer = (dial: DialRequest) => Promise<DialStatus>;

/** One call to place on a line. */
export interface CallOptions {
  /** The number dialed. */
  readonly to: string;
  /** The caller's number; defaults to `DEFAULT_FROM` (fictional). */
  readonly from?: string;
  /** The call's SID; random by default. */
  readonly callSid?: string;
  /** `outbound-api` for a call the line placed through the REST API; `inbound` by default. */
  readonly direction?: "inbound" | "outbound-api";
  /** What the caller does at each `<Gather>`, in order; keys pressed one after another fill a `numDigits` gather. */
  readonly inputs?: readonly CallerInput[];
  /** Asked at each `<Gather>` once `inputs` run out; without it the caller stays silent. */
  readonly caller?: Caller;
  /** Speech confidence reported for `say` inputs that give none; defaults to `DEFAULT_CONFIDENCE`. */
  readonly confidence?: number;
  /** Outcome of each successive `<Dial>`. */
  readonly dial?: readonly DialStatus[];
  /** Asked at each `<Dial>` once `dial` runs out; without it the transfer completes. */
  readonly dialer?: Dialer;
  /** Most webhook requests before the emulator gives up; defaults to `DEFAULT_MAX_TURNS`. */
  readonly maxTurns?: number;
  /** Longest wait for one webhook answer, like Twilio's; defaults to 15 s. */
  readonly requestTimeoutMs?: number;
  /** Send Twilio's status callback (`completed`) when the call ends; defaults to true. */
  readonly statusCallback?: boolean;
  /** Called once as the call comes in, before the first request (to print a header). */
  readonly onStart?: (call: CallStart) => void;
  /** Called with each entry as it happens (to show the call live). */
  readonly onEntry?: (entry: TranscriptEntry) => void;
}

/** A fictional caller (555-01xx numbers are reserved for fiction). */
export const DEFAULT_FROM = "+15555550123";
/** A fictional caller the line can call back: a valid Oregon number (555-01xx: reserved for fiction). */
export const CALLBACK_FROM = "+15035550123";
/** Speech confidence reported when a `say` input gives none. */
export const DEFAULT_CONFIDENCE = 0.9;
/** Webhook requests one call may make before it is stopped as looping. */
export const DEFAULT_MAX_TURNS = 50;
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/**
 * Places one call on `line` and plays it to the end, exactly as Twilio would: signed, form-encoded,
 * Twilio-shaped requests; each answer's TwiML followed verb by verb (`<Say>` is heard, `<Gather>` takes
 * the next input or, on silence, falls through to the verb after it, `<Redirect>` is requested, `<Dial>`
 * transfers and posts its outcome to its action, `<Hangup>` ends the call, `<Pause>` takes no time).
 * Never rejects for what the line does: an HTTP error, a timeout or unreadable TwiML is a `failed` outcome.
 */
export async function simulateCall(line: Line, options: CallOptions): Promise<CallTranscript> {
  return new CallRun(line, options).run();
}

/** A request the call makes next. */
interface NextRequest {
  readonly url: string;
  readonly method: WebhookMethod;
  readonly params: Params;
}

/** How a document ended the call; `goodbye` when the line spoke and then hung up on purpose. */
interface Ending {
  readonly ended: true;
  readonly by: "line" | "caller";
  readonly goodbye: boolean;
}

class CallRun {
  readonly #line: Line;
  readonly #options: CallOptions;
  readonly #call: CallIdentity;
  readonly #entries: TranscriptEntry[] = [];
  readonly #inputs: CallerInput[];
  readonly #dials: DialStatus[];
  #turn = 0;
  /** The last transfer that connected, until the caller is back in a menu. */
  #connected: Extract<TranscriptEntry, { kind: "dial" }> | undefined;

  constructor(line: Line, options: CallOptions) {
    this.#line = line;
    this.#options = options;
    this.#call = {
      callSid: options.callSid ?? createCallSid(),
      to: options.to,
      from: options.from ?? DEFAULT_FROM,
      ...(options.direction ? { direction: options.direction } : {}),
    };
    this.#inputs = [...(options.inputs ?? [])];
    this.#dials = [...(options.dial ?? [])];
  }

  async run(): Promise<CallTranscript> {
    const { callSid, to, from } = this.#call;
    const start: CallStart = {
      callSid,
      to,
      from,
      region: this.#line.describer?.regionOf(to),
      startedAt: this.#line.clock(),
    };
    this.#options.onStart?.(start);
    const maxTurns = this.#options.maxTurns ?? DEFAULT_MAX_TURNS;
    let next: NextRequest | Ending = {
      url: this.#line.voiceUrl,
      method: "POST",
      params: buildCallParams(this.#call, { CallStatus: "ringing" }),
    };
    let outcome: CallOutcome;
    try {
      while (!("ended" in next) && this.#turn < maxTurns) {
        this.#turn++;
        const verbs = await this.#request(next);
        next = await this.#follow(verbs, next.url);
      }
      outcome = "ended" in next ? this.#outcomeOf(next) : { kind: "turn-limit", turns: this.#turn };
    } catch (error) {
      outcome = { kind: "failed", reason: error instanceof Error ? error.message : String(error) };
    }
    if (this.#options.statusCallback !== false) await this.#sendStatusCallback();
    return { ...start, entries: this.#entries, outcome, requests: this.#turn };
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

  #params(extra: Params = {}): Params {
    return buildCallParams(this.#call, extra);
  }

  /** Makes one signed webhook request and parses the TwiML answer; throws, saying why, when Twilio could not. */
  async #request(next: NextRequest): Promise<TwimlVerb[]> {
    const res = await this.#send(next);
    if (res.status === 403)
      throw new Error(
        `${res.url} refused the request's signature (403): sign with the line's auth token, for the URL the server believes it is called at (its PUBLIC_BASE_URL)`,
      );
    if (res.status !== 200) throw new Error(`${res.url} answered ${res.status}: ${res.body.slice(0, 300)}`);
    if (!/xml/i.test(res.contentType))
      throw new Error(`${res.url} answered ${res.contentType || "no content type"}, not TwiML`);
    try {
      return parseTwiml(res.body);
    } catch (error) {
      throw new Error(`${res.url} answered TwiML Twilio cannot follow: ${(error as Error).message}\n${res.body}`);
    }
  }

  #send(next: NextRequest) {
    const request = buildWebhookRequest({ ...next, token: this.#line.token });
    return this.#line.transport.send(request, this.#options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
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
          for (const child of verb.children)
            if (child.verb === "Say") {
              this.#say(child);
              spoke = true;
            }
          const next = await this.#gather(verb, documentUrl);
          if (next) return next;
          break;
        }
        case "Redirect":
          return { url: resolveUrl(verb.text, documentUrl), method: readMethod(verb), params: this.#params() };
        case "Dial": {
          const next = await this.#dial(verb, documentUrl);
          if (next) return next;
          break;
        }
        case "Hangup":
        case "Reject":
          this.#emit({ kind: "hangup", turn: this.#turn, by: "line" });
          return { ended: true, by: "line", goodbye: spoke };
        default:
          // <Pause>, <Play> and the rest: nothing the transcript shows, and no time spent.
          break;
      }
    }
    // Twilio hangs up when a document runs out of verbs.
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
   * The caller's turn at a `<Gather>`: what it hears goes to its action. Silence (or input it does not
   * listen for) falls through to the next verb unless `actionOnEmptyResult` is set. Undefined to fall through.
   */
  async #gather(verb: TwimlVerb, documentUrl: string): Promise<NextRequest | Ending | undefined> {
    const gather = readGather(verb);
    const action = await this.#nextAction(gather);
    const target = { url: resolveUrl(verb.attrs.action, documentUrl), method: readMethod(verb) };
    let heard: Params | undefined;
    let reason: string | undefined;
    if (action.kind === "hangup") {
      this.#emit({ kind: "hangup", turn: this.#turn, by: "caller" });
      return { ended: true, by: "caller", goodbye: false };
    }
    if (action.kind === "press") {
      this.#emit({ kind: "press", turn: this.#turn, digits: action.digits });
      const { finishOnKey } = gather;
      const finished = finishOnKey !== "" && action.digits.endsWith(finishOnKey);
      const digits = finished ? action.digits.slice(0, -finishOnKey.length) : action.digits;
      if (!gather.dtmf) reason = "the line was not listening for keys";
      else if (digits === "") reason = `${finishOnKey} ends the entry, and nothing was entered`;
      else heard = buildGatherParams({ digits, finishedOnKey: finished ? finishOnKey : "" });
    } else if (action.kind === "say") {
      const confidence = action.confidence ?? this.#options.confidence ?? DEFAULT_CONFIDENCE;
      this.#emit({ kind: "say-speech", turn: this.#turn, text: action.text, confidence });
      if (!gather.speech) reason = "the line was not listening for speech";
      else heard = buildGatherParams({ speech: action.text, confidence });
    }
    if (heard) {
      this.#connected = undefined;
      return { ...target, params: this.#params(heard) };
    }
    this.#emit({ kind: "silence", turn: this.#turn, ...(reason ? { reason } : {}) });
    // Twilio posts an empty result only when asked to; otherwise it goes on to the verb after the gather.
    return gather.actionOnEmptyResult ? { ...target, params: this.#params() } : undefined;
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

  /** A transfer: its outcome goes to the action, or the call goes on with the next verb without one. */
  async #dial(verb: TwimlVerb, documentUrl: string): Promise<NextRequest | undefined> {
    const dial = readDial(verb);
    const { number } = dial;
    const names = (await this.#line.describer?.transferOf(this.#call, number).catch(() => ({}))) ?? {};
    const entry = { kind: "dial" as const, turn: this.#turn, number, ...names };
    this.#emit(entry);
    const scripted = this.#dials.shift();
    const status = scripted ?? (this.#options.dialer ? await this.#options.dialer(dial) : "completed");
    this.#emit({ kind: "dial-result", turn: this.#turn, number, status });
    this.#connected = isConnected(status) ? entry : undefined;
    if (!verb.attrs.action) return undefined;
    return {
      url: resolveUrl(verb.attrs.action, documentUrl),
      method: readMethod(verb),
      params: this.#params(buildDialParams(status)),
    };
  }

  /** Twilio's status callback once the call is over; best effort, as Twilio's. */
  async #sendStatusCallback(): Promise<void> {
    const params = this.#params(buildEndedParams(this.#turn * 5));
    await this.#send({ url: this.#line.statusUrl, method: "POST", params }).catch(() => {
      // A failed callback changes nothing for the caller.
    });
  }
}
