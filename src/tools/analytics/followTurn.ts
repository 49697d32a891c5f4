import {
  type DialStatus,
  INTERPRETER_CLOSED,
  isConnected,
  isGoodbye,
  isMenuState,
  isTransferring,
  type LoggedTurn,
} from "../../service/index.js";
import { readLineEnding } from "./lineEnding.js";
import { countAnswer, countClosedChoice } from "./menuCounter.js";
import { hangUpCause, noteCallFacts, type OpenCall } from "./openCall.js";
import { menuOf, type ReportTally, teamOf } from "./reportTally.js";
import type { FailedTransferRow } from "./reportTypes.js";
import { increment } from "./summaryCounter.js";

/**
 * Follows one turn of a call (retried requests left out): what it tells of the call, and, for a call the
 * report counts, the menu's and the team's figures it adds to.
 */
export function followTurn(tally: ReportTally, call: OpenCall, e: LoggedTurn): void {
  noteCallFacts(call, e);
  const state = e.state ?? null;
  const from = e.from ?? null;
  if (call.counted && isMenuState(state) && from === null && call.menus.length === 1 && e.result === "started")
    menuOf(tally, state).arrivals[call.inboundKnown ? "known" : "unknown"]++;
  if (isMenuState(from) && e.input) followAnswer(tally, call, from, e);
  if (e.event === "DIAL_RESULT" && e.dialStatus) followDialResult(tally, call, e, e.dialStatus);
  if (isTransferring(state) && e.team) followTransferStart(tally, call, e, e.team);
  const ending = readLineEnding(e);
  if (ending) call.outcome = ending;
  call.state = state;
  call.lastHeard = hangUpCause(e);
}

/** An answer in menu `menu`: the option, wrong answer or silence; a closed team chosen; an escalation. */
function followAnswer(tally: ReportTally, call: OpenCall, menu: string, e: LoggedTurn): void {
  const escalated = isTransferring(e.state) && (e.notices?.includes("escalate") ?? false);
  if (escalated) call.escalated = true;
  if (!call.counted) return;
  const m = menuOf(tally, menu);
  countAnswer(m, e);
  if (escalated) m.escalated++;
  if (e.closed) {
    const key = `${menu}\u0000${e.closed}`;
    if (!call.closedIn.has(key)) countClosedChoice(m, e.closed, !call.closedIn.has(menu));
    call.closedIn.add(key).add(menu);
  }
}

/** The outcome of a dial: put through, or failed (then the next number, a menu, the interpreter menu or goodbye). */
function followDialResult(tally: ReportTally, call: OpenCall, e: LoggedTurn, status: DialStatus): void {
  const dialed = e.dialTeam ?? call.transferTeam ?? "unknown";
  if (isConnected(status)) {
    call.outcome = "transferred";
    call.team = dialed;
    call.secondsToTransfer = ((call.dialStart ?? e.time) - call.start) / 1000;
    if (call.counted) teamOf(tally, dialed).connected++;
    return;
  }
  call.failedDial = true;
  const lastNumber = !isTransferring(e.state);
  // No number left: the caller hears "we could not reach…", unless an interpreter call goes to the interpreter menu.
  const toInterpreterMenu = e.state === INTERPRETER_CLOSED;
  if (lastNumber && !toInterpreterMenu) call.unreachable = true;
  if (!call.counted) return;
  const t = teamOf(tally, dialed);
  t.failed++;
  increment(tally.failedTransfers, dialed);
  countFailedDial(tally, { team: dialed, region: call.region ?? "unknown", line: (e.dialAttempt ?? 0) + 1, status });
  if (!lastNumber) {
    tally.afterFailedTransfer.nextLine++;
    t.nextLine++;
    return;
  }
  if (!toInterpreterMenu) t.unreachable++;
  if (isGoodbye(e.state)) tally.afterFailedTransfer.goodbye++;
  else {
    tally.afterFailedTransfer.backToMenu++;
    if (isMenuState(e.state)) menuOf(tally, e.state).returned++;
  }
}

/** One failed dial, by team, region, which of the team's numbers and its status. */
function countFailedDial(tally: ReportTally, dial: Omit<FailedTransferRow, "count">): void {
  const key = `${dial.team}\u0000${dial.region}\u0000${dial.line}\u0000${dial.status}`;
  const count = (tally.failedDetail.get(key)?.count ?? 0) + 1;
  tally.failedDetail.set(key, { ...dial, count });
}

/** A dial starts: the team's calls (once a call), its dials, and whether it is an escalation. */
function followTransferStart(tally: ReportTally, call: OpenCall, e: LoggedTurn, team: string): void {
  call.dialStart = e.time;
  call.transferTeam = team;
  const first = !call.teamsTried.includes(team);
  if (first) call.teamsTried.push(team);
  if (!call.counted) return;
  const t = teamOf(tally, team);
  t.attempts++;
  if (first) t.calls++;
  if (!isTransferring(e.from) && e.notices?.includes("escalate")) t.escalations++;
}
