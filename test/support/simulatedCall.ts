import type { DialStatus } from "../../src/service/types.js";
import {
  buildCallParams,
  buildDialParams,
  buildEndedParams,
  buildGatherParams,
  createCallSid,
  type Params,
} from "../../src/tools/emulator/index.js";
import { dialNumberOf, saysOf } from "./parseTwiml.js";
import {
  type Answer,
  CALLER,
  PUBLIC_BASE_URL,
  pathOf,
  postTwilio,
  type Target,
  TEST_AUTH_TOKEN,
} from "./twilioRequest.js";

/** How a simulated call reaches the line. */
export interface SimulatedCallOptions {
  /** The app (or server) that answers; each step may name another one (instances behind a load balancer). */
  readonly target: Target;
  /** The number the caller dialed: a region's inbound number, or one the directory does not know. */
  readonly to: string;
  readonly from?: string;
  readonly callSid?: string;
  /** The line's public base URL: what is signed, and the prefix of its action URLs. */
  readonly baseUrl?: string;
  readonly token?: string;
}

/** Per-step choice of the instance that answers. */
export interface StepOptions {
  readonly target?: Target;
}

/**
 * A phone call a test drives step by step, the way Twilio would: the incoming webhook, then each request
 * goes where the last TwiML says (the `<Gather>` action with the input, the `<Redirect>` after it on
 * silence, the `<Dial>` action with the outcome). Parameters and signatures are the emulator's
 * (`src/tools/emulator`); every answer is checked by `postTwilio`. To play a whole call, use `simulateCall`.
 */
export class SimulatedCall {
  readonly callSid: string;
  readonly to: string;
  readonly from: string;
  readonly history: Answer[] = [];
  readonly #target: Target;
  readonly #baseUrl: string;
  readonly #token: string;

  constructor(options: SimulatedCallOptions) {
    this.callSid = options.callSid ?? createCallSid();
    this.to = options.to;
    this.from = options.from ?? CALLER;
    this.#target = options.target;
    this.#baseUrl = options.baseUrl ?? PUBLIC_BASE_URL;
    this.#token = options.token ?? TEST_AUTH_TOKEN;
  }

  /** The latest answer; throws before the call started. */
  get last(): Answer {
    const last = this.history.at(-1);
    if (!last) throw new Error("the call has not started");
    return last;
  }

  /** Twilio's incoming-call webhook. */
  incoming(step: StepOptions = {}): Promise<Answer> {
    return this.post("/voice", { CallStatus: "ringing" }, step);
  }

  /** The caller presses keys (Twilio posts them to the `<Gather>` action). */
  press(digits: string, step: StepOptions = {}): Promise<Answer> {
    return this.post(this.#gatherAction(), buildGatherParams({ digits }), step);
  }

  /**
   * The caller speaks (Twilio posts the transcript and its confidence to the `<Gather>` action); a string
   * confidence is sent as it is, to try values Twilio never sends.
   */
  speak(text: string, confidence: number | string, step: StepOptions = {}): Promise<Answer> {
    const params = { ...buildGatherParams({ speech: text, confidence: 0 }), Confidence: String(confidence) };
    return this.post(this.#gatherAction(), params, step);
  }

  /** The caller says nothing: the `<Gather>` times out and Twilio follows the `<Redirect>` after it. */
  silence(step: StepOptions = {}): Promise<Answer> {
    const next = this.last.next;
    if (next?.kind === "gather") return this.post(pathOf(next.redirect, this.#baseUrl), {}, step);
    if (next?.kind === "redirect") return this.post(pathOf(next.url, this.#baseUrl), {}, step);
    throw new Error(`silence needs a <Gather> or <Redirect>, the last answer was:\n${this.last.text}`);
  }

  /** The `<Dial>` ends: Twilio posts its outcome to the dial's action. */
  dialResult(status: DialStatus, step: StepOptions = {}): Promise<Answer> {
    const next = this.last.next;
    if (next?.kind !== "dial") throw new Error(`no <Dial> to report on, the last answer was:\n${this.last.text}`);
    const dialCallSid = createCallSid(`${this.callSid}:${this.history.length}`);
    return this.post(pathOf(next.action, this.#baseUrl), buildDialParams(status, { dialCallSid }), step);
  }

  /** Twilio's status callback for the call (e.g. `completed` when the caller hangs up). */
  async statusCallback(callStatus: string, step: StepOptions = {}): Promise<number> {
    const params = buildCallParams(this, { ...buildEndedParams(60), CallStatus: callStatus });
    const answer = await postTwilio(step.target ?? this.#target, "/voice/status", params, this.#postOptions());
    return answer.status;
  }

  /** Posts one webhook for this call to `path` with the call's parameters and `extra`. */
  async post(path: string, extra: Params, step: StepOptions = {}): Promise<Answer> {
    const answer = await postTwilio(
      step.target ?? this.#target,
      path,
      buildCallParams(this, extra),
      this.#postOptions(),
    );
    this.history.push(answer);
    return answer;
  }

  /** What the caller heard last. */
  says(): string[] {
    return saysOf(this.last.nodes);
  }

  /** The number the last answer dials, if any. */
  dialed(): string | undefined {
    return dialNumberOf(this.last.nodes);
  }

  #gatherAction(): string {
    const next = this.last.next;
    if (next?.kind !== "gather") throw new Error(`no <Gather> to answer, the last answer was:\n${this.last.text}`);
    return pathOf(next.action, this.#baseUrl);
  }

  #postOptions() {
    return { baseUrl: this.#baseUrl, token: this.#token };
  }
}
