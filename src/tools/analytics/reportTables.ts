import { esc, figure, fmt, judgeDisconnects, pct, sum, table } from "./reportMarkup.js";
import type { ReportNames } from "./reportNames.js";
import { HANG_UP_CAUSES, type HangUpCause, type MenuStats, type OutcomeSummary, type Report } from "./reportTypes.js";

/** What a caller had just heard, as the page says it. */
export const CAUSE_LABEL: Readonly<Record<HangUpCause, string>> = {
  greeting: "during the greeting and menu",
  failedAnswer: "after a wrong key or silence",
  closed: "after hearing the team is closed",
  failedTransfer: "after a failed transfer",
  menu: "after a repeat or language switch",
};

/** Each menu: its options by name (chosen by key and by speech) and what else happened there. */
export function renderMenuTables(menus: ReadonlyArray<[string, MenuStats]>, names: ReportNames): string {
  return menus
    .map(([id, m]) => {
      const at = `menus.${id}`;
      const rows = Object.entries(m.choseBy).map(([label, by]) => [
        esc(names.option(label, m.options[label])),
        figure(`${at}.chose.${label}`, fmt(by.key + by.speech)),
        fmt(by.key),
        fmt(by.speech),
      ]);
      const line = (label: string, field: string, n: number) => [label, figure(`${at}.${field}`, fmt(n))];
      return `<h3>${esc(names.menu(id))}: ${figure(`${at}.entered`, fmt(m.entered))} callers entered, ${figure(`${at}.abandoned`, fmt(m.abandoned))} hung up there (${pct(m.dropOff)})</h3>
      <div class="two">
      ${table(["Option", "Chosen", "by key", "by speech"], rows, true)}
      ${table(
        ["", ""],
        [
          line("Wrong answers (no such option)", "invalid", m.invalid),
          line("Silences", "silent", m.silent),
          line("Handed to a person after failed answers", "escalated", m.escalated),
          line("Callers who chose a closed team", "closedCalls", m.closedCalls),
          line("Back after a failed transfer", "returned", m.returned),
          line("Hung up here", "abandoned", m.abandoned),
          ...HANG_UP_CAUSES.map((cause) =>
            line(`… ${CAUSE_LABEL[cause]}`, `abandonedAfter.${cause}`, m.abandonedAfter[cause]),
          ),
        ],
        true,
      )}
      </div>`;
    })
    .join("");
}

/**
 * How calls ended, one row per region, language or day: put through, hung up before that (the menu's measure,
 * not flagged), and the line's disconnects against CMS's bar (flagged over it, on enough calls). On-purpose
 * goodbyes get a column when there are any.
 */
export function renderSummaryTable(
  field: "byRegion" | "byLanguage" | "byDay",
  rows: Readonly<Record<string, OutcomeSummary>>,
  first: string,
  name: (key: string) => string,
): string {
  const goodbyes = Object.values(rows).some((s) => s.goodbye > 0);
  return table(
    [
      first,
      "Calls",
      "Put through",
      "Hung up",
      "Disconnected by the line",
      ...(goodbyes ? ["Goodbye"] : []),
      "To transfer, p50 / p95",
    ],
    Object.entries(rows).map(([key, s]) => {
      const at = `${field}.${key}`;
      return [
        esc(name(key)),
        figure(`${at}.calls`, fmt(s.calls)),
        fmt(sum(Object.values(s.transferred))),
        `${figure(`${at}.abandoned`, fmt(s.abandoned))} · ${pct(s.abandonRate)}`,
        `${figure(`${at}.disconnected`, fmt(s.disconnected))} · <span class="${judgeDisconnects(s.calls, s.disconnectRate)}">${pct(s.disconnectRate)}</span>`,
        ...(goodbyes ? [figure(`${at}.goodbye`, fmt(s.goodbye))] : []),
        s.secondsToTransfer.p50 === null ? "–" : `${s.secondsToTransfer.p50} s / ${s.secondsToTransfer.p95} s`,
      ];
    }),
    true,
  );
}

/** Rows of the failed-transfer table before the rest are summed up in one. */
const FAILED_ROWS = 10;

/** Failed dials by team, region, number and status; what happened next; how those calls ended. */
export function renderFailedTable(report: Report, names: ReportNames): string {
  const detail = report.failedTransferDetail;
  const rows = detail
    .slice(0, FAILED_ROWS)
    .map((r) => [
      esc(names.team(r.team)),
      esc(names.region(r.region)),
      `number ${r.line}`,
      esc(r.status.replace("-", " ")),
      fmt(r.count),
    ]);
  const rest = detail.slice(FAILED_ROWS);
  if (rest.length > 0)
    rows.push([
      `<span class="muted">${fmt(rest.length)} more (team, region, number, status)</span>`,
      "",
      "",
      "",
      fmt(sum(rest.map((r) => r.count))),
    ]);
  const next = report.afterFailedTransfer;
  const end = report.failedTransferOutcome;
  return `${table(["Team", "Region", "Which number", "Status", "Dials"], rows, true)}
  <p class="note">After a failed dial: ${fmt(next.nextLine)} tried the team's next number, ${fmt(next.backToMenu)} went back to the menu, ${fmt(next.goodbye)} heard goodbye.
  Calls with a failed dial then ended: ${fmt(end.transferred)} put through, ${fmt(end.abandoned)} hung up, ${fmt(end.disconnected)} disconnected by the line, ${fmt(end.goodbye)} goodbye.</p>`;
}

/** Callers who chose a team while it was closed, by team, and how those calls ended. */
export function renderAfterHoursTable(report: Report, names: ReportNames): string {
  const end = report.afterHoursOutcome;
  return `${table(
    ["Team", "Callers who chose it while closed"],
    Object.entries(report.afterHours).map(([t, n]) => [esc(names.team(t)), figure(`afterHours.${t}`, fmt(n))]),
    true,
  )}
    <p class="note">${figure("callsThrough.closed", fmt(report.callsThrough.closed))} callers met a closed team. Then ${fmt(end.transferred)} were put through to another team, ${fmt(end.abandoned)} hung up, ${fmt(end.disconnected)} were disconnected by the line, ${fmt(end.goodbye)} heard goodbye.</p>`;
}
