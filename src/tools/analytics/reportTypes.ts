import type { OptionIdentity } from "../../service/index.js";
import type { SkipReason } from "./classifyLine.js";

/** How calls ended, for all calls or one region, language or day. */
export interface OutcomeSummary {
  readonly calls: number;
  /** Calls the caller hung up before a transfer connected (in a menu, or while a transfer rang). */
  readonly abandoned: number;
  /** Calls put through, by team. */
  readonly transferred: Readonly<Record<string, number>>;
  /** Calls the line ended on purpose with its goodbye (none in today's flow: each goodbye follows a failure). */
  readonly goodbye: number;
  /**
   * The line's own disconnects: calls the line ended without a transfer or an on-purpose goodbye, i.e. its
   * goodbye after telling the caller no team could be reached or after an apology (`lineEnding.ts`).
   */
  readonly disconnected: number;
  /** `abandoned / calls`, 0 without calls: callers who hung up before being put through, the menu's measure. */
  readonly abandonRate: number;
  /** `disconnected / calls`, 0 without calls: the measure CMS holds Medicare plans' lines to (5% or less). */
  readonly disconnectRate: number;
  /** Seconds from the answer to the start of the transfer that connected (nearest rank, 0.1 s steps); null without transfers. */
  readonly secondsToTransfer: { readonly p50: number | null; readonly p95: number | null };
}

/**
 * How a call ended: put through, hung up by the caller before that, the line's on-purpose goodbye, or
 * disconnected by the line (its goodbye after a failure: see `lineEnding.ts`).
 */
export type Outcome = "transferred" | "abandoned" | "goodbye" | "disconnected";

/** The outcomes in the order the report shows them. */
export const OUTCOMES: readonly Outcome[] = ["transferred", "abandoned", "goodbye", "disconnected"];

/** Calls by how they ended. */
export type OutcomeCounts = Readonly<Record<Outcome, number>>;

/** Callers who met a closed team, how many of them hung up, and how many asked for a call-back. */
export interface AfterClosedStats {
  readonly calls: number;
  readonly abandoned: number;
  readonly requested: number;
}

/**
 * Callers who met a closed team, as two groups: those offered a call-back after the closed notice, and those
 * not (a team without call-backs, or a version of the line before them): the offer's effect on hang-ups.
 */
export interface AfterClosedReport {
  readonly offered: AfterClosedStats;
  readonly notOffered: AfterClosedStats;
}

/** What a caller had just heard when they hung up in a menu. */
export type HangUpCause =
  /** The greeting and the menu, before answering anything. */
  | "greeting"
  /** That the team they chose is closed (and its hours). */
  | "closed"
  /** That the team could not be reached (a failed transfer). */
  | "failedTransfer"
  /** That their answer was no option, or that nothing was heard. */
  | "failedAnswer"
  /** The menu again after a choice that kept them there (a language, a repeat, a region). */
  | "menu";

/** The causes in the order the report shows them. */
export const HANG_UP_CAUSES: readonly HangUpCause[] = ["greeting", "failedAnswer", "closed", "failedTransfer", "menu"];

/** What callers did in one menu. */
export interface MenuStats {
  /** Calls that entered the menu (each call once). */
  readonly entered: number;
  /** Options chosen, by option label (`3 pharmacy`), each choice counted. */
  readonly chose: Readonly<Record<string, number>>;
  /** The same choices by how they were made. */
  readonly choseBy: Readonly<Record<string, { readonly key: number; readonly speech: number }>>;
  /** Answers that were no option (wrong keys, words no option has, speech heard too faintly). */
  readonly invalid: number;
  /** Prompts the caller did not answer. */
  readonly silent: number;
  /** Calls handed to a person after too many failed answers here. */
  readonly escalated: number;
  /** Calls that hung up in this menu. */
  readonly abandoned: number;
  /** The same by what they had just heard. */
  readonly abandonedAfter: Readonly<Record<HangUpCause, number>>;
  /** Callers brought back here after a transfer failed with no number left to try. */
  readonly returned: number;
  /** `abandoned / entered`: the menu's drop-off. */
  readonly dropOff: number;
  /** Calls that chose a team here while it was closed, by team (each call once per team). */
  readonly closed: Readonly<Record<string, number>>;
  /** Calls that chose a closed team here (each call once, whichever teams). */
  readonly closedCalls: number;
  /** The options chosen, as data, by the label `chose` and `choseBy` are keyed by. */
  readonly options: Readonly<Record<string, OptionIdentity>>;
  /** Calls whose first menu this was, by whether the dialed number's region was known (the flow's `start` edges). */
  readonly arrivals: { readonly known: number; readonly unknown: number };
}

/** Transfers to one team and how they went. */
export interface TeamStats {
  /** Calls that tried to reach the team. */
  readonly calls: number;
  /** Dials made (each number tried counts). */
  readonly attempts: number;
  readonly connected: number;
  /** Dials that failed (busy, no answer, failed, canceled). */
  readonly failed: number;
  /** Failed dials after which another number of the team was tried. */
  readonly nextLine: number;
  /** Failed dials with no number left after which the caller heard "we could not reach…" (not the interpreter menu). */
  readonly unreachable: number;
  /** Calls that hung up while the transfer rang. */
  readonly abandoned: number;
  /** Transfers that were an escalation (after failed answers). */
  readonly escalations: number;
}

/** Failed dials of one team's number in one region, with one status. */
export interface FailedTransferRow {
  readonly team: string;
  readonly region: string;
  /** Which of the team's numbers, from 1 (as listed in the directory). */
  readonly line: number;
  readonly status: string;
  readonly count: number;
}

/**
 * The call-back funnel of one team, one region or all: offered → requested → placed → answered → connected,
 * and what else befell the call-backs. Each step is counted once (`callbackFunnel.ts`).
 */
export interface CallbackFunnelStats {
  /** Calls that heard the offer of a call-back (once per call and team). */
  readonly offered: number;
  /** Call-backs queued: the caller confirmed a number. */
  readonly requested: number;
  /** Calls that asked again while one was queued (nothing changed). */
  readonly pending: number;
  /** Call-backs the line placed (called the member), at least once. */
  readonly placed: number;
  /** Call-backs the member answered. */
  readonly answered: number;
  /** Call-backs put through to the team (the transfer connected). */
  readonly connected: number;
  /** Tries not answered and tried again later (each try once). */
  readonly retried: number;
  /** Call-backs given up: not answered after the retries, or not placed in time. */
  readonly givenUp: number;
  /** Call-backs cancelled: the member reached the team first, or an operator cancelled it. */
  readonly cancelled: number;
}

/** The call-back funnel: all, by team and by region (ids, in order). */
export interface CallbackReport {
  readonly all: CallbackFunnelStats;
  readonly byTeam: Readonly<Record<string, CallbackFunnelStats>>;
  readonly byRegion: Readonly<Record<string, CallbackFunnelStats>>;
}

/** How many calls reached one node of the flow graph, and how many of them ended there. */
export interface NodeCount {
  /** Calls that reached the node (each call once). */
  readonly calls: number;
  /** Calls the caller hung up there (in a menu, or while a transfer rang). */
  readonly left: number;
  /** Calls put through there (team nodes: every call put through to the team, escalations too). */
  readonly connected?: number;
  /** Calls the line disconnected there (the goodbye node). */
  readonly disconnected?: number;
}

/**
 * Calls per node and passages per edge of the flow graph (`src/tools/diagram/`), by its ids (`menu:main`,
 * `menu:main>team:pharmacy:3`): what the report's diagram draws. Every node is listed; edges nobody took are not.
 * A node's figures are the report's own (`flowNodes.ts`: a menu's are `menus`, a team's `teams`, …), never
 * counted a second time; an edge's are the times callers took it, placed by the path tracer.
 */
export interface FlowCounts {
  readonly nodes: Readonly<Record<string, NodeCount>>;
  readonly edges: Readonly<Record<string, number>>;
}

/** The whole report: every figure of `npm run report`. */
export interface Report extends OutcomeSummary {
  /**
   * First and last call start in the report, ISO 8601 (UTC), and the first and last local day of `byDay`
   * (what the page's header says); null without calls.
   */
  readonly period: {
    readonly first: string | null;
    readonly last: string | null;
    readonly firstDay: string | null;
    readonly lastDay: string | null;
  };
  readonly byRegion: Readonly<Record<string, OutcomeSummary>>;
  readonly byLanguage: Readonly<Record<string, OutcomeSummary>>;
  /** By the call's local date in its region. */
  readonly byDay: Readonly<Record<string, OutcomeSummary>>;
  readonly menus: Readonly<Record<string, MenuStats>>;
  /** Calls in which the caller chose a team while it was closed, by team. */
  readonly afterHours: Readonly<Record<string, number>>;
  /** The same by local hour of the week (0 = Monday 00:00–00:59, 167 = Sunday 23:00), by team. */
  readonly afterHoursByHour: Readonly<Record<string, readonly number[]>>;
  /** How calls that met a closed team ended. */
  readonly afterHoursOutcome: OutcomeCounts;
  /** Callers who met a closed team, with and without a call-back offered after the notice. */
  readonly afterClosed: AfterClosedReport;
  /** Failed dials, by team. */
  readonly failedTransfers: Readonly<Record<string, number>>;
  readonly failedTransferDetail: readonly FailedTransferRow[];
  /** What happened after a failed dial: another number, back to the menu, or goodbye. */
  readonly afterFailedTransfer: { readonly nextLine: number; readonly backToMenu: number; readonly goodbye: number };
  /** How calls with a failed dial ended. */
  readonly failedTransferOutcome: OutcomeCounts;
  readonly teams: Readonly<Record<string, TeamStats>>;
  /**
   * Calls that met each of the flow's shared steps at least once: a closed team, a team that could not be
   * reached (the caller heard "we could not reach…"), an escalation to a person.
   */
  readonly callsThrough: { readonly closed: number; readonly unreachable: number; readonly escalated: number };
  /** Callers (by caller key) who called again within 72 hours of a call. */
  readonly repeatCallers72h: number;
  /** Calls that came within 72 hours of the same caller's previous call. */
  readonly repeatCalls72h: number;
  /** Repeat callers whose call within 72 hours reached another team than their previous call did. */
  readonly repeatCallersOtherTeam72h: number;
  /** Calls with a caller key (the others cannot be told apart: no salt, withheld numbers). */
  readonly callsWithCallerKey: number;
  /** The call-back funnel, counted by the time of each step. */
  readonly callbacks: CallbackReport;
  /** Calls by the local hour of the week they started in (0 = Monday 00:00), by outcome. */
  readonly callsByHour: Readonly<Record<Outcome, readonly number[]>>;
  /** The service's own signals: retried requests, calls it had lost and started over, warnings and errors. */
  readonly service: {
    readonly retries: number;
    readonly restarts: number;
    readonly errors: Readonly<Record<string, number>>;
    readonly warnings: Readonly<Record<string, number>>;
  };
  /** The calls on the flow graph, when the report was built with it (`npm run report` always is). */
  readonly flow?: FlowCounts;
  /** What was read. */
  readonly lines: {
    readonly read: number;
    readonly events: number;
    /** Other lines of the service (start-up, warnings, errors). */
    readonly service: number;
    /** Lines that are no event of this version, by reason; `tooLong`, over `MAX_LINE_BYTES`, were not read. */
    readonly skipped: Readonly<Record<SkipReason | "tooLong", number>>;
    /** Calls that started outside `--from`/`--to`. */
    readonly callsOutsidePeriod: number;
  };
}
