import type { LoggedTurn } from "../../service/index.js";
import {
  formatOption,
  INTERPRETER_CLOSED,
  isConnected,
  isGoodbye,
  isMenuState,
  isTransferring,
} from "../../service/index.js";
import type { FlowGraph } from "../diagram/flowGraph.js";
import { classifyLine, type SkipReason } from "./classifyLine.js";
import { type CallWalk, createFlowCounter } from "./countFlow.js";
import { Histogram } from "./histogram.js";
import { RepeatCallers } from "./repeatCallers.js";
import type { FailedTransferRow, HangUpCause, MenuStats, OutcomeSummary, Report, TeamStats } from "./reportTypes.js";

/** Which calls to count: those that started in [from, to). */
export interface ReportPeriod {
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

/** Which calls to count, and the flow graph to count them on. */
export interface ReportOptions extends ReportPeriod {
  /** The line's flow graph (`buildFlowGraph(callFlow)`): with it, the report counts calls per node and edge (`flow`). */
  readonly graph?: FlowGraph;
}

/** Builds a report line by line: feed it every line, then finish. */
export interface ReportBuilder {
  /** Reads one log line (any line: what is not an event is counted and skipped). */
  addLine(text: string): void;
  /** Counts a line the reader skipped for its length (over `MAX_LINE_BYTES`): read, and skipped as `tooLong`. */
  addLongLine(): void;
  /** Closes the calls still open and returns the report. */
  finish(): Report;
}

/** A call without a line for this long is over (the line's session would have expired). */
const IDLE_MS = 4 * 3_600_000;
/** A call the line finished is closed this long after its last line if Twilio's status callback never comes. */
const FINISHED_MS = 15 * 60_000;
/**
 * A call Twilio reported over is closed this long after its last line, not at once: lines of several
 * instances (merged by time, their clocks a little apart) may bring its last turn just after the callback.
 */
const ENDED_MS = 60_000;
/** Lines between sweeps of idle calls. */
const SWEEP_EVERY = 20_000;
const HOURS_OF_WEEK = 168;

type Outcome = "transferred" | "abandoned" | "goodbye";

/** What the report remembers of a call until it is over. */
interface OpenCall {
  readonly start: number;
  readonly counted: boolean;
  lastSeen: number;
  inboundKnown: boolean;
  region: string | null;
  language: string | undefined;
  utcOffset: number | undefined;
  callerKey: string | undefined;
  state: string | null;
  menus: string[];
  transferTeam: string | undefined;
  dialStart: number | undefined;
  teamsTried: string[];
  /** Teams the caller chose while closed, with the time they first did. */
  closed: Map<string, number>;
  failedDial: boolean;
  /** Twilio's status callback said the call is over. */
  ended: boolean;
  unreachable: boolean;
  escalated: boolean;
  /** What the caller was told last, should they hang up now. */
  lastHeard: HangUpCause;
  outcome: Outcome | undefined;
  team: string | undefined;
  secondsToTransfer: number | undefined;
  /** The call on the flow graph, when the report counts on one. */
  readonly walk: CallWalk | undefined;
}

class SummaryCounter {
  calls = 0;
  abandoned = 0;
  goodbye = 0;
  readonly transferred = new Map<string, number>();
  readonly toTransfer = new Histogram();

  add(outcome: Outcome, team: string | undefined, seconds: number | undefined): void {
    this.calls++;
    if (outcome === "abandoned") this.abandoned++;
    else if (outcome === "goodbye") this.goodbye++;
    else {
      increment(this.transferred, team ?? "unknown");
      if (seconds !== undefined) this.toTransfer.add(seconds);
    }
  }

  summary(): OutcomeSummary {
    return {
      calls: this.calls,
      abandoned: this.abandoned,
      transferred: sortedRecord(this.transferred),
      goodbye: this.goodbye,
      abandonRate: this.calls === 0 ? 0 : round4(this.abandoned / this.calls),
      secondsToTransfer: { p50: this.toTransfer.percentile(0.5), p95: this.toTransfer.percentile(0.95) },
    };
  }
}

interface MenuCounter {
  entered: number;
  readonly chose: Map<string, { key: number; speech: number }>;
  invalid: number;
  silent: number;
  escalated: number;
  abandoned: number;
  readonly abandonedAfter: Record<HangUpCause, number>;
  returned: number;
  readonly closed: Map<string, number>;
  readonly arrivals: { known: number; unknown: number };
}

type TeamCounter = { -readonly [K in keyof TeamStats]: TeamStats[K] };

/**
 * The report's aggregation: pure (no I/O) and incremental, in memory bounded by the calls open at a time
 * and the callers of the last 81 hours, so a log of any length streams through it. Lines are expected in
 * roughly the order they were written (a call's lines within hours of each other); a call is counted a
 * minute after Twilio's status callback ends it, or once it has been idle long enough to be over.
 */
export function createReportBuilder(options: ReportOptions = {}): ReportBuilder {
  const flowCounter = options.graph ? createFlowCounter(options.graph) : undefined;
  const open = new Map<string, OpenCall>();
  const all = new SummaryCounter();
  const byRegion = new Map<string, SummaryCounter>();
  const byLanguage = new Map<string, SummaryCounter>();
  const byDay = new Map<string, SummaryCounter>();
  const menus = new Map<string, MenuCounter>();
  const teams = new Map<string, TeamCounter>();
  const afterHours = new Map<string, number>();
  const afterHoursByHour = new Map<string, number[]>();
  const afterHoursOutcome = { transferred: 0, abandoned: 0, goodbye: 0 };
  const failedTransfers = new Map<string, number>();
  const failedDetail = new Map<string, FailedTransferRow>();
  const afterFailedTransfer = { nextLine: 0, backToMenu: 0, goodbye: 0 };
  const failedTransferOutcome = { transferred: 0, abandoned: 0, goodbye: 0 };
  const callsThrough = { closed: 0, unreachable: 0, escalated: 0 };
  const callsByHour = {
    transferred: new Array<number>(HOURS_OF_WEEK).fill(0),
    abandoned: new Array<number>(HOURS_OF_WEEK).fill(0),
    goodbye: new Array<number>(HOURS_OF_WEEK).fill(0),
  };
  const repeats = new RepeatCallers();
  const service = { retries: 0, restarts: 0, errors: new Map<string, number>(), warnings: new Map<string, number>() };
  const lines = { read: 0, events: 0, service: 0, callsOutsidePeriod: 0 };
  const skipped: Record<SkipReason | "tooLong", number> = {
    notJson: 0,
    foreign: 0,
    malformed: 0,
    otherVersion: 0,
    tooLong: 0,
  };
  let callsWithCallerKey = 0;
  let first: number | null = null;
  let last: number | null = null;
  let watermark = Number.NEGATIVE_INFINITY;

  const menu = (id: string): MenuCounter => {
    let m = menus.get(id);
    if (!m) {
      m = {
        entered: 0,
        chose: new Map(),
        invalid: 0,
        silent: 0,
        escalated: 0,
        abandoned: 0,
        abandonedAfter: { greeting: 0, failedAnswer: 0, closed: 0, failedTransfer: 0, menu: 0 },
        returned: 0,
        closed: new Map(),
        arrivals: { known: 0, unknown: 0 },
      };
      menus.set(id, m);
    }
    return m;
  };
  const team = (id: string): TeamCounter => {
    let t = teams.get(id);
    if (!t) {
      t = { calls: 0, attempts: 0, connected: 0, failed: 0, nextLine: 0, unreachable: 0, abandoned: 0, escalations: 0 };
      teams.set(id, t);
    }
    return t;
  };
  const inPeriod = (time: number) =>
    (options.from === undefined || time >= options.from) && (options.to === undefined || time < options.to);

  const openCall = (event: LoggedTurn): OpenCall => {
    const counted = inPeriod(event.time);
    if (!counted) lines.callsOutsidePeriod++;
    const call: OpenCall = {
      start: event.time,
      counted,
      lastSeen: event.time,
      inboundKnown: event.inbound !== undefined && event.inbound !== "unknown",
      region: null,
      language: undefined,
      utcOffset: undefined,
      callerKey: undefined,
      state: null,
      menus: [],
      transferTeam: undefined,
      dialStart: undefined,
      teamsTried: [],
      closed: new Map(),
      failedDial: false,
      ended: false,
      unreachable: false,
      escalated: false,
      lastHeard: "greeting",
      outcome: undefined,
      team: undefined,
      secondsToTransfer: undefined,
      walk: counted ? flowCounter?.startCall() : undefined,
    };
    open.set(event.callSid, call);
    return call;
  };

  /** Counts one turn into its call and the per-menu and per-team figures. */
  const addTurn = (e: LoggedTurn): void => {
    if (e.result === "replayed") {
      service.retries++;
      const known = open.get(e.callSid);
      if (known) known.lastSeen = Math.max(known.lastSeen, e.time);
      return;
    }
    if (e.result === "restarted") service.restarts++;
    const call = open.get(e.callSid) ?? openCall(e);
    const counting = call.counted;
    call.lastSeen = Math.max(call.lastSeen, e.time);
    if (e.region) call.region = e.region;
    if (e.language) call.language = e.language;
    if (call.utcOffset === undefined && e.utcOffset !== undefined) call.utcOffset = e.utcOffset;
    if (e.callerKey && !call.callerKey) call.callerKey = e.callerKey;
    const state = e.state ?? null;
    const from = e.from ?? null;
    call.walk?.addTurn({
      event: e.event,
      from,
      state: state ?? "",
      key: e.key,
      option: e.option,
      input: e.input,
      team: e.team,
      language: e.language,
    });
    if (isMenuState(state) && from !== state && !call.menus.includes(state)) call.menus.push(state);
    if (counting && isMenuState(state) && from === null && call.menus.length === 1 && e.result === "started")
      menu(state).arrivals[call.inboundKnown ? "known" : "unknown"]++;

    if (counting && isMenuState(from) && e.input) {
      const m = menu(from);
      if (e.input === "chose") {
        const label = e.option ? formatOption(e.option) : "(not logged)";
        const by = m.chose.get(label) ?? { key: 0, speech: 0 };
        by[e.via === "speech" ? "speech" : "key"]++;
        m.chose.set(label, by);
      } else if (e.input === "invalid") m.invalid++;
      else m.silent++;
      if (e.closed) increment(m.closed, e.closed);
      if (isTransferring(state) && e.notices?.includes("escalate")) {
        m.escalated++;
        call.escalated = true;
      }
    }
    if (e.closed && !call.closed.has(e.closed)) call.closed.set(e.closed, e.time);

    if (e.event === "DIAL_RESULT" && e.dialStatus) {
      const dialed = e.dialTeam ?? call.transferTeam ?? "unknown";
      if (isConnected(e.dialStatus)) {
        call.outcome = "transferred";
        call.team = dialed;
        const dialStart = call.dialStart ?? e.time;
        call.secondsToTransfer = (dialStart - call.start) / 1000;
        if (counting) team(dialed).connected++;
      } else {
        call.failedDial = true;
        if (counting) {
          const t = team(dialed);
          t.failed++;
          increment(failedTransfers, dialed);
          const region = e.region ?? call.region ?? "unknown";
          const line = (e.dialAttempt ?? 0) + 1;
          const key = `${dialed}\u0000${region}\u0000${line}\u0000${e.dialStatus}`;
          const row = failedDetail.get(key);
          failedDetail.set(key, {
            team: dialed,
            region,
            line,
            status: e.dialStatus,
            count: (row?.count ?? 0) + 1,
          });
          if (isTransferring(state)) {
            afterFailedTransfer.nextLine++;
            t.nextLine++;
          } else {
            t.unreachable++;
            call.unreachable = true;
            if (isGoodbye(state)) afterFailedTransfer.goodbye++;
            else {
              afterFailedTransfer.backToMenu++;
              if (isMenuState(state)) menu(state).returned++;
            }
          }
        }
      }
    }
    if (isTransferring(state) && e.team) {
      call.dialStart = e.time;
      call.transferTeam = e.team;
      if (counting) {
        const t = team(e.team);
        t.attempts++;
        if (!call.teamsTried.includes(e.team)) {
          call.teamsTried.push(e.team);
          t.calls++;
        }
        if (!isTransferring(from) && e.notices?.includes("escalate")) t.escalations++;
      }
    }
    if (isGoodbye(state)) call.outcome = "goodbye";
    call.state = state;
    call.lastHeard = hangUpCause(e);
  };

  /** Counts a finished call into every figure and forgets it. */
  const close = (callSid: string, call: OpenCall): void => {
    open.delete(callSid);
    if (!call.counted) return;
    const outcome: Outcome = call.outcome ?? "abandoned";
    call.walk?.end(outcome === "abandoned");
    const offset = call.utcOffset ?? 0;
    const local = new Date(call.start + offset * 60_000);
    const hourOfWeek = ((local.getUTCDay() + 6) % 7) * 24 + local.getUTCHours();
    const day = local.toISOString().slice(0, 10);
    for (const counter of [
      all,
      counterOf(byRegion, call.region ?? "unknown"),
      counterOf(byLanguage, call.language ?? "unknown"),
      counterOf(byDay, day),
    ])
      counter.add(outcome, call.team, call.secondsToTransfer);
    (callsByHour[outcome] as number[])[hourOfWeek] = ((callsByHour[outcome] as number[])[hourOfWeek] ?? 0) + 1;
    first = first === null ? call.start : Math.min(first, call.start);
    last = last === null ? call.start : Math.max(last, call.start);
    for (const id of call.menus) menu(id).entered++;
    if (outcome === "abandoned" && call.state !== null) {
      if (isTransferring(call.state) && call.transferTeam) team(call.transferTeam).abandoned++;
      else if (isMenuState(call.state)) {
        const m = menu(call.state);
        m.abandoned++;
        m.abandonedAfter[call.lastHeard]++;
      }
    }
    for (const [closedTeam, at] of call.closed) {
      increment(afterHours, closedTeam);
      let hours = afterHoursByHour.get(closedTeam);
      if (!hours) {
        hours = new Array<number>(HOURS_OF_WEEK).fill(0);
        afterHoursByHour.set(closedTeam, hours);
      }
      const when = new Date(at + offset * 60_000);
      const h = ((when.getUTCDay() + 6) % 7) * 24 + when.getUTCHours();
      hours[h] = (hours[h] ?? 0) + 1;
    }
    if (call.closed.size > 0) {
      afterHoursOutcome[outcome]++;
      callsThrough.closed++;
    }
    if (call.unreachable) callsThrough.unreachable++;
    if (call.escalated) callsThrough.escalated++;
    if (call.failedDial) failedTransferOutcome[outcome]++;
    if (call.callerKey) {
      callsWithCallerKey++;
      repeats.add(call.callerKey, call.start, outcome === "transferred" ? call.team : undefined);
    }
  };

  /** Closes calls that are over by the latest time seen, and lets the repeat count judge what it can. */
  const sweep = (): void => {
    for (const [callSid, call] of open) {
      const quiet = call.ended ? ENDED_MS : call.outcome === undefined ? IDLE_MS : FINISHED_MS;
      if (call.lastSeen < watermark - quiet) close(callSid, call);
    }
    repeats.sweep(watermark);
  };

  return {
    addLine(text) {
      lines.read++;
      if (text.trim() === "") {
        skipped.notJson++;
        return;
      }
      const line = classifyLine(text);
      if (line.kind === "skip") skipped[line.reason]++;
      else if (line.kind === "service") {
        lines.service++;
        if (line.level >= 50) increment(service.errors, line.msg);
        else if (line.level >= 40) increment(service.warnings, line.msg);
      } else {
        lines.events++;
        const e = line.event;
        if (e.time > watermark) watermark = e.time;
        if (e.msg === "turn") addTurn(e);
        else if (e.msg === "call ended") {
          const call = open.get(e.callSid);
          if (call) {
            call.lastSeen = Math.max(call.lastSeen, e.time);
            call.ended = true;
          }
        }
      }
      if (lines.read % SWEEP_EVERY === 0) sweep();
    },
    addLongLine() {
      lines.read++;
      skipped.tooLong++;
    },
    finish() {
      for (const [callSid, call] of open) close(callSid, call);
      const repeat = repeats.finish();
      const summary = all.summary();
      return {
        ...summary,
        period: {
          first: first === null ? null : new Date(first).toISOString(),
          last: last === null ? null : new Date(last).toISOString(),
        },
        byRegion: summaries(byRegion),
        byLanguage: summaries(byLanguage),
        byDay: summaries(byDay),
        menus: Object.fromEntries(
          [...menus].sort(([a], [b]) => a.localeCompare(b)).map(([id, m]) => [id, menuStats(m)]),
        ),
        afterHours: sortedRecord(afterHours),
        afterHoursByHour: Object.fromEntries([...afterHoursByHour].sort(([a], [b]) => a.localeCompare(b))),
        afterHoursOutcome,
        failedTransfers: sortedRecord(failedTransfers),
        failedTransferDetail: [...failedDetail.values()].sort(
          (a, b) => b.count - a.count || a.team.localeCompare(b.team) || a.region.localeCompare(b.region),
        ),
        afterFailedTransfer,
        failedTransferOutcome,
        teams: Object.fromEntries([...teams].sort(([a], [b]) => a.localeCompare(b))),
        callsThrough,
        repeatCallers72h: repeat.repeatCallers,
        repeatCalls72h: repeat.repeatCalls,
        repeatCallersOtherTeam72h: repeat.otherTeamCallers,
        callsWithCallerKey,
        callsByHour,
        service: {
          retries: service.retries,
          restarts: service.restarts,
          errors: sortedRecord(service.errors),
          warnings: sortedRecord(service.warnings),
        },
        ...(flowCounter ? { flow: flowCounter.finish() } : {}),
        lines: { ...lines, skipped },
      };
    },
  };
}

/** What a turn left the caller hearing. */
function hangUpCause(e: LoggedTurn): HangUpCause {
  const notices = e.notices ?? [];
  if (notices.includes("closed")) return "closed";
  if (notices.includes("unreachable")) return "failedTransfer";
  if (notices.includes("invalid") || notices.includes("noInput")) return "failedAnswer";
  if (e.from === null || e.from === undefined) return "greeting";
  // The interpreter menu itself says member services is closed or did not answer (no notice before it).
  if (e.state === INTERPRETER_CLOSED && e.from !== INTERPRETER_CLOSED)
    return isTransferring(e.from) ? "failedTransfer" : "closed";
  return "menu";
}

function menuStats(m: MenuCounter): MenuStats {
  const labels = [...m.chose.keys()].sort();
  return {
    entered: m.entered,
    chose: Object.fromEntries(labels.map((l) => [l, (m.chose.get(l)?.key ?? 0) + (m.chose.get(l)?.speech ?? 0)])),
    choseBy: Object.fromEntries(
      labels.map((l) => [l, { key: m.chose.get(l)?.key ?? 0, speech: m.chose.get(l)?.speech ?? 0 }]),
    ),
    invalid: m.invalid,
    silent: m.silent,
    escalated: m.escalated,
    abandoned: m.abandoned,
    abandonedAfter: { ...m.abandonedAfter },
    returned: m.returned,
    dropOff: m.entered === 0 ? 0 : round4(m.abandoned / m.entered),
    closed: sortedRecord(m.closed),
    arrivals: m.arrivals,
  };
}

function counterOf(map: Map<string, SummaryCounter>, key: string): SummaryCounter {
  let counter = map.get(key);
  if (!counter) {
    counter = new SummaryCounter();
    map.set(key, counter);
  }
  return counter;
}

function summaries(map: Map<string, SummaryCounter>): Record<string, OutcomeSummary> {
  return Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => [k, c.summary()]));
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function sortedRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
