import type { DialStatus } from "../../service/index.js";
import type { CallerAction, GatherRequest } from "./callEngine.js";

/** One event of a call, as the page receives it over Server-Sent Events. */
export interface CallEvent {
  /** Increasing within the call: a page that reconnects asks for the events after the last it saw. */
  readonly id: number;
  /** `call` (it comes in), `entry` (a transcript line), `turn` (a turn record, placed on the diagram),
   * `listening` (the line waits for the caller) or `end` (the outcome). */
  readonly type: "call" | "entry" | "turn" | "listening" | "end";
  readonly data: unknown;
}

/**
 * One call placed from a console tab: the events so far (replayed to a page that connects late or
 * reconnects), the pages listening, and the caller's inputs waiting for the line to ask for them.
 */
export class ConsoleCall {
  readonly callSid: string;
  /** How the call's next transfer ends: the page may change it during the call. */
  dial: DialStatus;
  readonly events: CallEvent[] = [];
  #listeners = new Set<(event: CallEvent) => void>();
  #inputs: CallerAction[] = [];
  #waiting: ((action: CallerAction) => void) | undefined;
  #endedAt: number | undefined;
  #unwatchedSince: number | undefined;
  readonly #now: () => number;

  constructor(callSid: string, dial: DialStatus, now: () => number = Date.now) {
    this.callSid = callSid;
    this.dial = dial;
    this.#now = now;
    this.#unwatchedSince = now();
  }

  get ended(): boolean {
    return this.#endedAt !== undefined;
  }

  /** When the call ended, epoch ms. */
  get endedAt(): number | undefined {
    return this.#endedAt;
  }

  /** Since when no page has watched the call, epoch ms; undefined while one does. */
  get unwatchedSince(): number | undefined {
    return this.#unwatchedSince;
  }

  /** Records an event and sends it to every page watching. */
  emit(type: CallEvent["type"], data: unknown): void {
    const event: CallEvent = { id: this.events.length + 1, type, data };
    this.events.push(event);
    for (const listener of this.#listeners) listener(event);
  }

  /** Sends the events after `lastId`, then every new one, to `listener`; returns the function that stops it. */
  watch(listener: (event: CallEvent) => void, lastId = 0): () => void {
    for (const event of this.events) if (event.id > lastId) listener(event);
    this.#listeners.add(listener);
    this.#unwatchedSince = undefined;
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#unwatchedSince = this.#now();
    };
  }

  /** The caller does something; false when the call is over. Input ahead of the line's question waits for it. */
  input(action: CallerAction): boolean {
    if (this.ended) return false;
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      waiting(action);
    } else this.#inputs.push(action);
    return true;
  }

  /** What the engine asks at each `<Gather>`: the next input, when the caller gives it. */
  readonly caller = (gather: GatherRequest): Promise<CallerAction> => {
    const next = this.#inputs.shift();
    if (next) return Promise.resolve(next);
    this.emit("listening", { speech: gather.speech, language: gather.language });
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  };

  /** The call is over: tells the pages how it ended. */
  finish(outcome: unknown): void {
    if (this.ended) return;
    this.#endedAt = this.#now();
    this.#inputs = [];
    this.emit("end", outcome);
  }
}
