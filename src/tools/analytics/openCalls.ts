import type { LoggedEvent, LoggedTurn } from "../../service/index.js";
import { countCall } from "./countCall.js";
import type { FlowCounter } from "./countFlow.js";
import { followTurn } from "./followTurn.js";
import { createOpenCall, type OpenCall } from "./openCall.js";
import type { ReportTally } from "./reportTally.js";

/** A call without a line for this long is over (the line's session would have expired). */
const IDLE_MS = 4 * 3_600_000;
/** A call the line finished is closed this long after its last line if Twilio's status callback never comes. */
const FINISHED_MS = 15 * 60_000;
/**
 * A call Twilio reported over is closed this long after its last line, not at once: lines of several
 * instances (merged by time, their clocks a little apart) may bring its last turn just after the callback.
 */
const ENDED_MS = 60_000;

/** What the open calls tell the service's figures: retried requests and calls started over. */
export interface TurnSignals {
  retries: number;
  restarts: number;
}

/**
 * The calls in progress while the log is read: each followed turn by turn, and counted into the tally once it
 * is over (a minute after Twilio's status callback, or once idle long enough). Calls that started outside
 * the period are followed (their lines are theirs) but not counted.
 */
export class OpenCalls {
  readonly #open = new Map<string, OpenCall>();
  #watermark = Number.NEGATIVE_INFINITY;
  /** Calls that started outside the period. */
  outsidePeriod = 0;

  constructor(
    private readonly tally: ReportTally,
    private readonly inPeriod: (time: number) => boolean,
    private readonly signals: TurnSignals,
    private readonly flow: FlowCounter | undefined,
  ) {}

  /** Reads one event: a turn, the end of a call, or a call-back step. A new kind of event is read here. */
  addEvent(e: LoggedEvent): void {
    if (e.time > this.#watermark) this.#watermark = e.time;
    if (e.msg === "turn") this.#addTurn(e);
    else if (e.msg === "callback") {
      if (this.inPeriod(e.time)) this.tally.callbacks.add(e, undefined);
    } else if (e.msg === "call ended") {
      const call = this.#open.get(e.callSid);
      if (call) {
        call.lastSeen = Math.max(call.lastSeen, e.time);
        call.ended = true;
      }
    }
  }

  /** Closes the calls that are over by the latest time seen, and lets the repeat count judge what it can. */
  sweep(): void {
    for (const [callSid, call] of this.#open) {
      const quiet = call.ended ? ENDED_MS : call.outcome === undefined ? IDLE_MS : FINISHED_MS;
      if (call.lastSeen < this.#watermark - quiet) this.#close(callSid, call);
    }
    this.tally.repeats.sweep(this.#watermark);
  }

  /** Closes every call still open: the log is over. */
  closeAll(): void {
    for (const [callSid, call] of this.#open) this.#close(callSid, call);
  }

  #addTurn(e: LoggedTurn): void {
    const known = this.#open.get(e.callSid);
    if (e.result === "replayed") {
      this.signals.retries++;
      if (known) known.lastSeen = Math.max(known.lastSeen, e.time);
      return;
    }
    if (e.result === "restarted") this.signals.restarts++;
    let call = known;
    if (!call) {
      const counted = this.inPeriod(e.time);
      if (!counted) this.outsidePeriod++;
      call = createOpenCall(e, counted, counted ? this.flow?.startCall() : undefined);
      this.#open.set(e.callSid, call);
    }
    followTurn(this.tally, call, e);
    if (e.callback && this.inPeriod(e.time)) this.tally.callbacks.add(e.callback, call.callbackMarks);
  }

  #close(callSid: string, call: OpenCall): void {
    this.#open.delete(callSid);
    if (call.counted) countCall(this.tally, call);
  }
}
