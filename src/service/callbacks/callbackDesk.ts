import type { Logger } from "pino";
import { isCallAnswered } from "../contract/dialStatus.js";
import { type CallbackFacts, type CallbackRecord, EVENT_VERSION } from "../contract/eventSchema.js";
import { isOpenAt } from "../directory/hours.js";
import { findNextOpening } from "../directory/nextOpening.js";
import { findLine, findRegion } from "../directory/queryDirectory.js";
import type { CallbackSettings } from "../flow/callbackSchema.js";
import type { CallFlow } from "../flow/compileFlow.js";
import { VOICE_PATHS } from "../http/voicePaths.js";
import type { NumberEntered } from "../types.js";
import type { CallbackQueue, CallbackTask, QueuedCallback, RequestOutcome } from "./callbackQueue.js";
import { checkCallbackNumber } from "./checkCallbackNumber.js";
import { pickSlot } from "./pickSlot.js";
import type { PlaceCall } from "./placeCall.js";
import { type CallbackKey, identifyCallback, openNumber, sealNumber } from "./sealNumber.js";

/** What the desk works with. */
export interface CallbackDeskDeps {
  readonly queue: CallbackQueue;
  readonly key: CallbackKey;
  /** The line's clock (the hours' clock): when call-backs are due and placed. */
  readonly clock: () => number;
  /** The line served now: its call-back settings, directory and hours. */
  readonly line: () => CallFlow;
  /** Places outbound calls (Twilio's REST API); without it call-backs are queued but never placed. */
  readonly placeCall?: PlaceCall | undefined;
  /** The base URL Twilio calls the line at: the outbound call's webhooks. */
  readonly publicBaseUrl: string;
  /** Where the call-back records are written (`msg: "callback"`). */
  readonly logger: Logger;
  /** Told of every call-back record as it is written (the metrics count them). */
  readonly onRecord?: ((record: CallbackRecord) => void) | undefined;
  /** How long a placed try waits for Twilio's outcome before it counts as not answered, ms. */
  readonly outcomeTimeoutMs?: number;
}

/** A call-back as the turn asks for it. */
export interface CallbackAsk {
  readonly team: string;
  readonly region: string;
  readonly language: string;
  readonly interpreter: string | null;
  /** The moment offered (the team's next opening, or later after a failed transfer): never due before it. */
  readonly at?: number | undefined;
  /** The number keyed in, sealed; absent: the caller's own (`From`). */
  readonly sealed?: string | undefined;
  /** The caller's number, from the request. */
  readonly from: string;
}

/**
 * The call-backs at the edge: seals numbers, queues call-backs at the pace, places them through Twilio's
 * REST API when due (by the line's clock), follows their outcome (retry, give up) and cancels them. Writes
 * one `callback` record per step outside a turn; never a number (ids are keyed hashes).
 */
export class CallbackDesk {
  readonly #d: CallbackDeskDeps;

  constructor(deps: CallbackDeskDeps) {
    this.#d = deps;
  }

  get queue(): CallbackQueue {
    return this.#d.queue;
  }

  /** Whether the caller's number (`From`) can be called back. */
  isCallable(from: string): boolean {
    return checkCallbackNumber(from, this.#d.line().directory).ok;
  }

  /** Checks and seals a number keyed in: the machine's `NUMBER` event. */
  sealEntered(digits: string, now: number): NumberEntered {
    const check = checkCallbackNumber(digits.replace(/#+$/, ""), this.#d.line().directory);
    return check.ok
      ? { type: "NUMBER", valid: true, sealed: sealNumber(this.#d.key, check.e164), now }
      : { type: "NUMBER", valid: false, now };
  }

  /** The number of a sealed entry, spaced for reading back; undefined when it cannot be opened. */
  openEntered(sealed: string): string | undefined {
    try {
      return openNumber(this.#d.key, sealed);
    } catch {
      return undefined;
    }
  }

  /** Queues the call-back a caller confirmed (or finds the one pending); undefined when the number cannot be called. */
  async request(ask: CallbackAsk, callFlow: CallFlow): Promise<RequestOutcome | undefined> {
    const settings = callFlow.flow.callbacks;
    const number = ask.sealed ? this.openEntered(ask.sealed) : ask.from;
    const check = number === undefined ? undefined : checkCallbackNumber(number, callFlow.directory);
    const zone = findRegion(callFlow.directory, ask.region)?.timeZone;
    const line = findLine(callFlow.directory, ask.region, ask.team);
    if (!settings || !check?.ok || !zone || !line) return undefined;
    const now = this.#d.clock();
    const opening = findNextOpening(line.hours, zone, Math.max(now, ask.at ?? now));
    if (opening === undefined) return undefined;
    const id = identifyCallback(this.#d.key, check.e164, ask.team);
    const slot = pickSlot({
      team: ask.team,
      region: ask.region,
      timeZone: zone,
      opening,
      perWindow: settings.pace.perWindow,
      windowMinutes: settings.pace.windowMinutes,
      isOpen: (at) => isOpenAt(line.hours, zone, at),
      nextOpening: (from) => findNextOpening(line.hours, zone, from),
    });
    return this.#d.queue.request(
      {
        id,
        team: ask.team,
        region: ask.region,
        language: ask.language,
        interpreter: ask.interpreter,
        sealed: sealNumber(this.#d.key, check.e164),
        lastDigits: check.e164.slice(-4),
        requestedAt: now,
        due: opening,
      },
      slot,
    );
  }

  /** A member who called in reached `team`: their pending call-back for it is cancelled. */
  async cancelArrived(from: string, team: string): Promise<QueuedCallback | undefined> {
    const check = checkCallbackNumber(from, this.#d.line().directory);
    if (!check.ok) return undefined;
    const id = identifyCallback(this.#d.key, check.e164, team);
    const pending = await this.#d.queue.find(id);
    if (!pending || !(await this.#d.queue.remove(id))) return undefined;
    this.#write(pending, { step: "cancelled", reason: "the member called in and reached the team" });
    return pending;
  }

  /** An operator cancels a call-back by its id. */
  async cancel(id: string, reason = "cancelled by an operator"): Promise<boolean> {
    const pending = await this.#d.queue.find(id);
    if (!pending || !(await this.#d.queue.remove(id))) return false;
    this.#write(pending, { step: "cancelled", reason });
    return true;
  }

  /** The member answered the outbound call: the call-back is done (its number deleted); undefined when it is gone. */
  async answer(id: string, callSid: string): Promise<QueuedCallback | undefined> {
    const pending = await this.#d.queue.find(id);
    if (!pending) return undefined;
    await this.#d.queue.remove(id);
    this.#write(pending, { step: "answered", attempt: pending.attempts }, callSid);
    return pending;
  }

  /** Twilio's outcome of try `attempt`: not answered (busy, no-answer, failed, canceled) is tried again or given up. */
  async outcome(id: string, attempt: number, callStatus: string, callSid: string): Promise<void> {
    const pending = await this.#d.queue.find(id);
    if (!pending || pending.attempts !== attempt || !pending.placed) return;
    if (isCallAnswered(callStatus)) {
      // Answered (by a person or a machine) without reaching the greeting: done all the same.
      await this.#d.queue.remove(id);
      this.#write(pending, { step: "answered", attempt }, callSid);
      return;
    }
    await this.#retryOrGiveUp(pending, callStatus, callSid);
  }

  /** The worker's task: place a due try, or count a placed try whose outcome never came as not answered. */
  async work(task: CallbackTask, pending: QueuedCallback): Promise<void> {
    const now = this.#d.clock();
    const callFlow = this.#d.line();
    const settings = callFlow.flow.callbacks;
    if (task.kind === "check") {
      if (pending.attempts === task.attempt && pending.placed) await this.#retryOrGiveUp(pending, "no outcome", "");
      // Claimed but never placed (its worker died first): placed now, still the same try.
      else if (pending.attempts === task.attempt - 1 && !pending.placed)
        await this.#d.queue.reschedule(pending.id, now);
      return;
    }
    if (pending.attempts !== task.attempt - 1 || pending.placed) return;
    if (!settings || now - pending.requestedAt > settings.keepDays * 86_400_000)
      return this.#giveUp(pending, "not placed in time");
    const zone = findRegion(callFlow.directory, pending.region)?.timeZone;
    const line = findLine(callFlow.directory, pending.region, pending.team);
    if (!zone || !line) return this.#giveUp(pending, "the team has no line in the region any more");
    if (!isOpenAt(line.hours, zone, now)) {
      // Never placed while the team is closed: at its next opening instead.
      const next = findNextOpening(line.hours, zone, now);
      if (next === undefined) return this.#giveUp(pending, "the team does not open");
      await this.#d.queue.reschedule(pending.id, next);
      return;
    }
    await this.#place(pending, task.attempt, callFlow);
  }

  async #place(pending: QueuedCallback, attempt: number, callFlow: CallFlow): Promise<void> {
    const from = findRegion(callFlow.directory, pending.region)?.inbound[0];
    if (!this.#d.placeCall || !from) return this.#giveUp(pending, "no way to place calls (Twilio's REST API)");
    const base = this.#d.publicBaseUrl;
    const query = `id=${pending.id}&try=${attempt}`;
    // Marked placed before the request leaves: its outcome may come back before the request answers, and
    // a worker killed after sending it must not have it sent again (its check counts it as not answered).
    const until = this.#d.clock() + (this.#d.outcomeTimeoutMs ?? 10 * 60_000);
    await this.#d.queue.markPlaced(pending.id, "", attempt, until);
    const callSid = await this.#d.placeCall({
      to: openNumber(this.#d.key, pending.sealed),
      from,
      url: `${base}${VOICE_PATHS.callback}?${query}`,
      statusCallback: `${base}${VOICE_PATHS.callbackStatus}?${query}`,
      timeout: callFlow.flow.dial.timeoutSeconds,
    });
    this.#write(pending, { step: "placed", attempt }, callSid);
  }

  async #retryOrGiveUp(pending: QueuedCallback, callStatus: string, callSid: string): Promise<void> {
    const callFlow = this.#d.line();
    const settings: CallbackSettings | undefined = callFlow.flow.callbacks;
    if (!settings || pending.attempts > settings.retries)
      return this.#giveUp(pending, `not answered after ${pending.attempts} tries`, callStatus, callSid);
    const zone = findRegion(callFlow.directory, pending.region)?.timeZone;
    const line = findLine(callFlow.directory, pending.region, pending.team);
    const later = this.#d.clock() + settings.retryMinutes * 60_000;
    const due = zone && line ? findNextOpening(line.hours, zone, later) : undefined;
    if (due === undefined) return this.#giveUp(pending, "the team does not open", callStatus, callSid);
    await this.#d.queue.reschedule(pending.id, due);
    this.#write({ ...pending, due }, { step: "retried", attempt: pending.attempts, callStatus }, callSid);
  }

  async #giveUp(pending: QueuedCallback, reason: string, callStatus?: string, callSid?: string): Promise<void> {
    await this.#d.queue.remove(pending.id);
    this.#write(
      pending,
      { step: "given up", attempt: pending.attempts, reason, ...(callStatus ? { callStatus } : {}) },
      callSid,
    );
  }

  #write(pending: QueuedCallback, facts: Partial<CallbackFacts> & Pick<CallbackFacts, "step">, callSid?: string) {
    const record: CallbackRecord = {
      v: EVENT_VERSION,
      time: this.#d.clock(),
      ...(callSid ? { callSid } : {}),
      team: pending.team,
      region: pending.region,
      language: pending.language,
      id: pending.id,
      due: pending.due,
      ...facts,
    };
    this.#d.logger.info(record, "callback");
    this.#d.onRecord?.(record);
  }
}

/** The facts of a call-back request for the turn record. */
export function describeRequest(outcome: RequestOutcome): CallbackFacts {
  const c = outcome.callback;
  return {
    step: outcome.kind,
    team: c.team,
    region: c.region,
    language: c.language,
    id: c.id,
    due: c.due,
    ...(c.dueBy === undefined ? {} : { dueBy: c.dueBy }),
  };
}
