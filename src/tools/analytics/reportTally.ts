import { CallbackFunnel } from "./callbackFunnel.js";
import { createMenuCounter, type MenuCounter, summarizeMenu } from "./menuCounter.js";
import { RepeatCallers } from "./repeatCallers.js";
import type { AfterClosedStats, FailedTransferRow, Outcome, OutcomeCounts, Report, TeamStats } from "./reportTypes.js";
import { SummaryCounter, sortedRecord, summarize } from "./summaryCounter.js";

export const HOURS_OF_WEEK = 168;

type TeamCounter = { -readonly [K in keyof TeamStats]: TeamStats[K] };
type OutcomeCounter = { -readonly [K in Outcome]: number };
type AfterClosedCounter = { -readonly [K in keyof AfterClosedStats]: number };

/** Every figure of the report while the log is read: each counted once, here, and read by every view. */
export interface ReportTally {
  readonly all: SummaryCounter;
  readonly byRegion: Map<string, SummaryCounter>;
  readonly byLanguage: Map<string, SummaryCounter>;
  readonly byDay: Map<string, SummaryCounter>;
  readonly menus: Map<string, MenuCounter>;
  readonly teams: Map<string, TeamCounter>;
  readonly afterHours: Map<string, number>;
  readonly afterHoursByHour: Map<string, number[]>;
  readonly afterHoursOutcome: OutcomeCounter;
  readonly afterClosed: { readonly offered: AfterClosedCounter; readonly notOffered: AfterClosedCounter };
  readonly failedTransfers: Map<string, number>;
  readonly failedDetail: Map<string, FailedTransferRow>;
  readonly afterFailedTransfer: { nextLine: number; backToMenu: number; goodbye: number };
  readonly failedTransferOutcome: OutcomeCounter;
  readonly callsThrough: { closed: number; unreachable: number; escalated: number };
  readonly callsByHour: Record<Outcome, number[]>;
  readonly repeats: RepeatCallers;
  readonly callbacks: CallbackFunnel;
  callsWithCallerKey: number;
  /** First and last call start counted (epoch ms). */
  first: number | null;
  last: number | null;
}

const noOutcomes = (): OutcomeCounter => ({ transferred: 0, abandoned: 0, goodbye: 0, disconnected: 0 });
const hours = () => new Array<number>(HOURS_OF_WEEK).fill(0);
const noAfterClosed = (): AfterClosedCounter => ({ calls: 0, abandoned: 0, requested: 0 });

/** Figures of no calls. */
export function createTally(): ReportTally {
  return {
    all: new SummaryCounter(),
    byRegion: new Map(),
    byLanguage: new Map(),
    byDay: new Map(),
    menus: new Map(),
    teams: new Map(),
    afterHours: new Map(),
    afterHoursByHour: new Map(),
    afterHoursOutcome: noOutcomes(),
    afterClosed: { offered: noAfterClosed(), notOffered: noAfterClosed() },
    failedTransfers: new Map(),
    failedDetail: new Map(),
    afterFailedTransfer: { nextLine: 0, backToMenu: 0, goodbye: 0 },
    failedTransferOutcome: noOutcomes(),
    callsThrough: { closed: 0, unreachable: 0, escalated: 0 },
    callsByHour: { transferred: hours(), abandoned: hours(), goodbye: hours(), disconnected: hours() },
    repeats: new RepeatCallers(),
    callbacks: new CallbackFunnel(),
    callsWithCallerKey: 0,
    first: null,
    last: null,
  };
}

/** The counter of menu `id`, made on first use. */
export function menuOf(tally: ReportTally, id: string): MenuCounter {
  let m = tally.menus.get(id);
  if (!m) {
    m = createMenuCounter();
    tally.menus.set(id, m);
  }
  return m;
}

/** The counter of team `id`, made on first use. */
export function teamOf(tally: ReportTally, id: string): TeamCounter {
  let t = tally.teams.get(id);
  if (!t) {
    t = { calls: 0, attempts: 0, connected: 0, failed: 0, nextLine: 0, unreachable: 0, abandoned: 0, escalations: 0 };
    tally.teams.set(id, t);
  }
  return t;
}

/** Adds one to hour `hour` of `counts`. */
export function addToHour(counts: number[], hour: number): void {
  counts[hour] = (counts[hour] ?? 0) + 1;
}

/** The figures about calls, as the report gives them (the lines read and the flow's edges are added beside). */
export function summarizeTally(
  tally: ReportTally,
): Omit<Report, "service" | "lines" | "flow" | "period"> & Pick<Report, "period"> {
  const repeat = tally.repeats.finish();
  const byDay = summarize(tally.byDay);
  const days = Object.keys(byDay);
  const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());
  const byName = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => a.localeCompare(b));
  return {
    ...tally.all.summary(),
    period: {
      first: iso(tally.first),
      last: iso(tally.last),
      firstDay: days[0] ?? null,
      lastDay: days[days.length - 1] ?? null,
    },
    byRegion: summarize(tally.byRegion),
    byLanguage: summarize(tally.byLanguage),
    byDay,
    menus: Object.fromEntries(byName(tally.menus).map(([id, m]) => [id, summarizeMenu(m)])),
    afterHours: sortedRecord(tally.afterHours),
    afterHoursByHour: Object.fromEntries(byName(tally.afterHoursByHour)),
    afterHoursOutcome: { ...tally.afterHoursOutcome } satisfies OutcomeCounts,
    afterClosed: { offered: { ...tally.afterClosed.offered }, notOffered: { ...tally.afterClosed.notOffered } },
    failedTransfers: sortedRecord(tally.failedTransfers),
    failedTransferDetail: [...tally.failedDetail.values()].sort(
      (a, b) => b.count - a.count || a.team.localeCompare(b.team) || a.region.localeCompare(b.region),
    ),
    afterFailedTransfer: { ...tally.afterFailedTransfer },
    failedTransferOutcome: { ...tally.failedTransferOutcome },
    teams: Object.fromEntries(byName(tally.teams)),
    callsThrough: { ...tally.callsThrough },
    repeatCallers72h: repeat.repeatCallers,
    repeatCalls72h: repeat.repeatCalls,
    repeatCallersOtherTeam72h: repeat.otherTeamCallers,
    callsWithCallerKey: tally.callsWithCallerKey,
    callbacks: tally.callbacks.summary(),
    callsByHour: tally.callsByHour,
  };
}
