import {
  assertNever,
  CALLBACK_DONE,
  findLine,
  isGoodbye,
  isTransferred,
  isTransferring,
  numberToDial,
  serviceRegionOf,
} from "../../service/index.js";
import { describeOutcome } from "./describeOutcome.js";
import type { Line } from "./loadLine.js";
import type { TurnLine } from "./readTurnLog.js";
import { createRunner, type JourneyInput, type JourneyStart, type Outcome, runJourney } from "./runJourney.js";

/** A call rebuilt from its turn lines: where and when it started, what happened, and how it ended. */
export interface LoggedCall {
  readonly callSid: string;
  readonly start: JourneyStart;
  readonly inputs: readonly JourneyInput[];
  /** How it ended in the log; its number when the line that logged it is known (see `replayLog`). */
  readonly outcome: Outcome;
  /** The transfer it ended in or on, as logged: which number of the team's line, for its number. */
  readonly transfer: { readonly region: string | null; readonly attempt: number } | null;
  readonly version: string | null;
}

/** A call that cannot be replayed, and why. */
export interface SkippedCall {
  readonly callSid: string;
  readonly reason: string;
}

/** A call whose outcome would differ on the given line. */
export interface ReplayChange {
  readonly callSid: string;
  readonly before: Outcome;
  readonly after: Outcome;
}

/** What replaying a log against a line found. */
export interface ReplayReport {
  readonly line: { readonly label: string; readonly version: string };
  readonly calls: number;
  readonly replayed: number;
  readonly skipped: number;
  readonly changed: readonly ReplayChange[];
  /** Changed calls counted per change: `pharmacy +1 800 972 0700 → pharmacy +1 800 972 0701`. */
  readonly counts: ReadonlyArray<{ readonly change: string; readonly calls: number }>;
  readonly skips: readonly SkippedCall[];
  /** Replayed calls per line version that logged them (`unknown` for lines without one). */
  readonly versions: Readonly<Record<string, number>>;
}

/**
 * Rebuilds each call of a turn log (keys, the option speech matched, silence, dial results, each at its
 * logged time), runs it against `line`, and reports the calls whose outcome would differ from what
 * happened: where they ended (team, goodbye, the menu they hung up in) and, when one of `known` is the
 * line version that logged the call, the number. Calls that started before the log, started over after a
 * lost session, or went through a sensitive menu (whose input is never logged) are skipped with the reason.
 */
export function replayLog(turns: readonly TurnLine[], line: Line, known: readonly Line[] = [line]): ReplayReport {
  const runner = createRunner(line);
  const { calls, skipped } = rebuildCalls(turns, line);
  const changed: ReplayChange[] = [];
  const versions: Record<string, number> = {};
  for (const call of calls) {
    versions[call.version ?? "unknown"] = (versions[call.version ?? "unknown"] ?? 0) + 1;
    const before = { ...call.outcome, number: numberOf(call, known) };
    // A region the line no longer has: its callers now dial a number no region owns.
    const stillThere = line.callFlow.directory.regionById.has(call.start.region ?? "");
    const start = stillThere ? call.start : { ...call.start, region: null };
    const after = runJourney(runner, start, call.inputs, { whenDialsRunOut: "stop" }).outcome;
    if (!sameEnd(before, after)) changed.push({ callSid: call.callSid, before, after });
  }
  const counts = new Map<string, number>();
  for (const c of changed) {
    const change = `${describeOutcome(c.before)} → ${describeOutcome(c.after)}`;
    counts.set(change, (counts.get(change) ?? 0) + 1);
  }
  return {
    line: { label: line.label, version: line.callFlow.version },
    calls: calls.length + skipped.length,
    replayed: calls.length,
    skipped: skipped.length,
    changed,
    counts: [...counts].map(([change, n]) => ({ change, calls: n })).sort((a, b) => b.calls - a.calls),
    skips: skipped,
    versions,
  };
}

/** Groups turn lines by call and rebuilds each call's start, inputs and logged outcome. */
export function rebuildCalls(turns: readonly TurnLine[], line: Line): { calls: LoggedCall[]; skipped: SkippedCall[] } {
  const byCall = new Map<string, TurnLine[]>();
  for (const turn of turns) byCall.set(turn.callSid, [...(byCall.get(turn.callSid) ?? []), turn]);
  const calls: LoggedCall[] = [];
  const skipped: SkippedCall[] = [];
  for (const [callSid, lines] of byCall) {
    const rebuilt = rebuildCall(callSid, lines, line);
    if ("reason" in rebuilt) skipped.push(rebuilt);
    else calls.push(rebuilt);
  }
  return { calls, skipped };
}

function rebuildCall(callSid: string, lines: readonly TurnLine[], line: Line): LoggedCall | SkippedCall {
  const turns = lines.filter((l) => l.result !== "replayed").sort((a, b) => a.turn - b.turn);
  const skip = (reason: string): SkippedCall => ({ callSid, reason });
  const [first] = turns;
  if (first?.event !== "INCOMING" || first.result !== "started")
    return skip("started before the log: its first turn is not in it");
  if (turns.some((t) => t.result === "restarted" || t.result === "ended"))
    return skip("started over after its session was lost: the line did not know it for a while");
  const gap = turns.findIndex((t, i) => t.turn !== first.turn + i);
  if (gap !== -1) return skip(`turn ${first.turn + gap} is not in the log`);
  const inputs: JourneyInput[] = [];
  let transfer: LoggedCall["transfer"] = null;
  let team: string | null = null;
  for (const t of turns) {
    if (isTransferring(t.state) && t.team !== undefined) {
      team = t.team;
      transfer = { region: t.region ?? null, attempt: t.attempt ?? 0 };
    }
    if (t === first) continue;
    const at = t.time;
    const sensitive = t.from ? line.callFlow.menus.get(t.from)?.sensitive === true : false;
    switch (t.event) {
      case "KEY":
        if (t.key === undefined) return skip(`turn ${t.turn}: the key pressed in a sensitive menu is not logged`);
        inputs.push({ kind: "key", key: t.key, at });
        break;
      case "SPEECH":
        if (sensitive) return skip(`turn ${t.turn}: what was said in a sensitive menu is not logged`);
        inputs.push(t.option === undefined ? { kind: "noMatch", at } : { kind: "choose", option: t.option, at });
        break;
      case "SILENCE":
        inputs.push({ kind: "silence", at });
        break;
      case "DIAL_RESULT":
        if (t.dialStatus === undefined) return skip(`turn ${t.turn}: a dial result without its status`);
        inputs.push({ kind: "dial", status: t.dialStatus, at });
        break;
      case "INCOMING":
        return skip(`turn ${t.turn}: a second incoming call`);
      default:
        return assertNever(t.event);
    }
  }
  const last = turns[turns.length - 1] as TurnLine;
  // A call-back's due moment is not compared: the logged one includes the queue ahead of it.
  const outcome: Outcome = isTransferred(last.state)
    ? { end: "transfer", team, number: null }
    : last.state === CALLBACK_DONE
      ? { end: "callback", team: last.callback?.team ?? null, number: null }
      : isGoodbye(last.state)
        ? { end: "goodbye", team: null, number: null }
        : isTransferring(last.state)
          ? { end: "dialing", team, number: null }
          : { end: "menu", team: null, number: null, menu: last.state };
  return {
    callSid,
    start: { region: first.region ?? null, at: first.time },
    inputs,
    outcome,
    transfer: outcome.end === "transfer" || outcome.end === "dialing" ? transfer : null,
    version: first.version ?? null,
  };
}

/** The number the logged transfer dialed, from the line version that logged the call, when it is known. */
function numberOf(call: LoggedCall, known: readonly Line[]): string | null {
  const logged = known.find((l) => l.callFlow.version === call.version);
  const team = call.outcome.team;
  if (!logged || !call.transfer || team === null) return null;
  const { directory } = logged.callFlow;
  const region = serviceRegionOf(directory, call.transfer.region);
  const line = findLine(directory, region, team);
  return (line && numberToDial(line, call.transfer.attempt)?.e164) ?? null;
}

/** Whether two outcomes are the same end; numbers and call-backs' due moments count only when the logged one is known. */
function sameEnd(before: Outcome, after: Outcome): boolean {
  return (
    before.end === after.end &&
    before.team === after.team &&
    before.menu === after.menu &&
    (before.number === null || before.number === after.number) &&
    (before.due === undefined || before.due === after.due)
  );
}
