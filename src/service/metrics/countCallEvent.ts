import type { Metrics } from "./createMetrics.js";
import { toLabel } from "./toLabel.js";

/**
 * The fields of a call's event record the metrics read: the turn record (`msg: "turn"`) and the end of
 * the call (`msg: "call ended"`), as `eventSchema` describes them. Values are checked as they are read.
 */
export type CallRecord = {
  readonly [K in
    | "msg"
    | "result"
    | "event"
    | "region"
    | "language"
    | "from"
    | "input"
    | "dialTeam"
    | "dialStatus"
    | "ending"
    | "callback"
    | "team"
    | "step"]?: unknown;
};

/**
 * Turn results that are a step of a call. Not counted: `replayed` (Twilio retried a request already answered)
 * and `ended` (a late request for a call already over): the turn that did it was counted.
 */
const STEPS = new Set<unknown>(["started", "advanced", "restarted"]);

/**
 * Counts one event of a call, from the very record the log line carries (one event: one log line, and
 * the same counts): a call started (`started`), an answer at a menu (`input`, at the menu `from`), a dial
 * result (`dialStatus`, for the team `dialTeam`), and a call ended (`ending`: transferred or goodbye on its
 * last turn, abandoned when Twilio reports the caller hung up first). Regions are the caller's region;
 * `unknown` when the dialed number is not in the directory and the caller has not chosen one. Any other
 * record is ignored. `msg` is the line's message when the record does not carry it (copying a record to
 * add it would cost more than the counting).
 */
export function countCallEvent(metrics: Metrics, record: CallRecord, msg: unknown = record.msg): void {
  if (msg === "turn") {
    if (!STEPS.has(record.result)) return;
    const region = toLabel(record.region);
    if (record.result === "started") metrics.callsStarted.inc({ region, language: toLabel(record.language) });
    if (record.input !== undefined && typeof record.from === "string")
      metrics.menuInputs.inc({ menu: toLabel(record.from), input: toLabel(record.input) });
    if (record.event === "DIAL_RESULT" && record.dialStatus !== undefined)
      metrics.transfers.inc({ team: toLabel(record.dialTeam), region, status: toLabel(record.dialStatus) });
    if (!isQueueStep(record.callback)) countCallback(metrics, record.callback);
  } else if (msg === "callback") {
    countCallback(metrics, record);
    return;
  } else if (msg !== "call ended") return;
  if (record.ending !== undefined)
    metrics.callsEnded.inc({ region: toLabel(record.region), ending: toLabel(record.ending) });
}

/**
 * The steps the call-back queue writes a record of its own for (`msg: "callback"`): counted from that record,
 * never again from the turn that also carries them (the greeting answered, a member who reached the team).
 */
const QUEUE_STEPS = new Set<unknown>(["placed", "answered", "retried", "given up", "cancelled"]);

function isQueueStep(facts: unknown): boolean {
  return typeof facts === "object" && facts !== null && QUEUE_STEPS.has((facts as { step?: unknown }).step);
}

/** A call-back step, of a turn (its `callback`) or of the queue's worker (a `callback` record): `given up` as `given-up`. */
function countCallback(metrics: Metrics, facts: unknown): void {
  if (typeof facts !== "object" || facts === null) return;
  const { team, region, step } = facts as { team?: unknown; region?: unknown; step?: unknown };
  if (typeof step !== "string") return;
  metrics.callbacks.inc({ team: toLabel(team), region: toLabel(region), status: toLabel(step.replaceAll(" ", "-")) });
}
