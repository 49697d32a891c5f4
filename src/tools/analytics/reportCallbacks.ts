import { esc, figure, fmt, pct, table } from "./reportMarkup.js";
import type { ReportNames } from "./reportNames.js";
import type { AfterClosedStats, CallbackFunnelStats, Report } from "./reportTypes.js";

/** The funnel's steps in the order the page shows them, with their column heads. */
const STEPS: ReadonlyArray<readonly [keyof CallbackFunnelStats, string]> = [
  ["offered", "Offered"],
  ["requested", "Requested"],
  ["pending", "Asked again"],
  ["placed", "Placed"],
  ["answered", "Answered"],
  ["connected", "Connected"],
  ["retried", "Retried"],
  ["givenUp", "Given up"],
  ["cancelled", "Cancelled"],
];

/** One row of the funnel: its name, then each step's figure marked with its JSON path under `at`. */
function funnelRow(name: string, at: string, stats: CallbackFunnelStats): string[] {
  return [esc(name), ...STEPS.map(([step]) => figure(`${at}.${step}`, fmt(stats[step])))];
}

/** The call-back funnel by team (with the line's total) and by region, teams and regions by their names. */
export function renderCallbackTables(report: Report, names: ReportNames): string {
  const { all, byTeam, byRegion } = report.callbacks;
  const head = (first: string) => [first, ...STEPS.map(([, label]) => label)];
  const teams = Object.entries(byTeam).map(([id, s]) => funnelRow(names.team(id), `callbacks.byTeam.${id}`, s));
  const regions = Object.entries(byRegion).map(([id, s]) => funnelRow(names.region(id), `callbacks.byRegion.${id}`, s));
  const total = teams.length > 0 ? [funnelRow("All teams", "callbacks.all", all)] : [];
  return `${table(head("Team"), [...teams, ...total], true)}
  ${table(head("Region"), regions, true)}
  <p class="note">Offered: callers who heard the offer after a closed or unreachable team (once per call and team). Requested: call-backs queued; asked again: callers who asked while one was queued. Placed, answered, connected: call-backs the line called, the member picked up, and the team's transfer went through. Retried: tries not answered and tried again; given up: not answered after the retries, or not placed in time; cancelled: the member reached the team first, or an operator cancelled it.</p>
  ${renderAfterClosedTable(report)}`;
}

/** One group of callers who met a closed team: callers, hung up (and the share), asked for a call-back. */
function afterClosedRow(name: string, at: string, stats: AfterClosedStats): string[] {
  const share = stats.calls === 0 ? 0 : stats.abandoned / stats.calls;
  return [
    esc(name),
    figure(`${at}.calls`, fmt(stats.calls)),
    figure(`${at}.abandoned`, fmt(stats.abandoned)),
    pct(share),
    figure(`${at}.requested`, fmt(stats.requested)),
  ];
}

/** Hang-ups after a closed notice, with a call-back offered and without: what the offer changes. */
function renderAfterClosedTable(report: Report): string {
  const { offered, notOffered } = report.afterClosed;
  return `<h3>After a closed notice: hang-ups with and without the offer</h3>
  ${table(
    ["Callers who met a closed team", "Callers", "Hung up", "Share hung up", "Asked for a call-back"],
    [
      afterClosedRow("Offered a call-back", "afterClosed.offered", offered),
      afterClosedRow(
        "Not offered (no call-backs for the team, or the line before them)",
        "afterClosed.notOffered",
        notOffered,
      ),
    ],
    true,
  )}`;
}
