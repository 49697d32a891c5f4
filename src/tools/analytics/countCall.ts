import { isMenuState, isTransferring } from "../../service/index.js";
import { localTime, type OpenCall } from "./openCall.js";
import { addToHour, HOURS_OF_WEEK, menuOf, type ReportTally, teamOf } from "./reportTally.js";
import type { Outcome } from "./reportTypes.js";
import { counterOf, increment } from "./summaryCounter.js";

/** Counts a finished call (one the report counts) into every figure it belongs to. */
export function countCall(tally: ReportTally, call: OpenCall): void {
  const outcome: Outcome = call.outcome ?? "abandoned";
  const { hourOfWeek, day } = localTime(call.start, call.utcOffset);
  for (const counter of [
    tally.all,
    counterOf(tally.byRegion, call.region ?? "unknown"),
    counterOf(tally.byLanguage, call.language ?? "unknown"),
    counterOf(tally.byDay, day),
  ])
    counter.add(outcome, call.team, call.secondsToTransfer);
  addToHour(tally.callsByHour[outcome], hourOfWeek);
  tally.first = tally.first === null ? call.start : Math.min(tally.first, call.start);
  tally.last = tally.last === null ? call.start : Math.max(tally.last, call.start);
  for (const id of call.menus) menuOf(tally, id).entered++;
  if (outcome === "abandoned") countHangUp(tally, call);
  countAfterHours(tally, call, outcome);
  if (call.unreachable) tally.callsThrough.unreachable++;
  if (call.escalated) tally.callsThrough.escalated++;
  if (call.failedDial) tally.failedTransferOutcome[outcome]++;
  if (call.callerKey) {
    tally.callsWithCallerKey++;
    tally.repeats.add(call.callerKey, call.start, outcome === "transferred" ? call.team : undefined);
  }
}

/** Where the caller hung up: in a menu (and after hearing what), or while a team's line rang. */
function countHangUp(tally: ReportTally, call: OpenCall): void {
  if (isTransferring(call.state) && call.transferTeam) teamOf(tally, call.transferTeam).abandoned++;
  else if (isMenuState(call.state)) {
    const m = menuOf(tally, call.state);
    m.abandoned++;
    m.abandonedAfter[call.lastHeard]++;
  }
}

/** The teams the caller chose while closed, by local hour of the week, and how those calls ended. */
function countAfterHours(tally: ReportTally, call: OpenCall, outcome: Outcome): void {
  for (const [team, at] of call.closed) {
    increment(tally.afterHours, team);
    let hours = tally.afterHoursByHour.get(team);
    if (!hours) {
      hours = new Array<number>(HOURS_OF_WEEK).fill(0);
      tally.afterHoursByHour.set(team, hours);
    }
    addToHour(hours, localTime(at, call.utcOffset).hourOfWeek);
  }
  if (call.closed.size > 0) {
    tally.afterHoursOutcome[outcome]++;
    tally.callsThrough.closed++;
    const offered = [...call.closed.keys()].some((team) => call.offeredTeams.has(team));
    const group = offered ? tally.afterClosed.offered : tally.afterClosed.notOffered;
    group.calls++;
    if (outcome === "abandoned") group.abandoned++;
    if (call.callbackRequested) group.requested++;
  }
}
