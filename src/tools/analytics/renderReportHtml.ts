import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { CallFlow } from "../../service/index.js";
import { buildFlowGraph } from "../diagram/buildFlowGraph.js";
import { type FlowGraph, makeMenuNodeId } from "../diagram/flowGraph.js";
import { renderAnnotatedFlowSvg } from "./annotateFlow.js";
import { renderCallbackTables } from "./reportCallbacks.js";
import {
  CMS_DISCONNECT_BAR,
  card,
  esc,
  figure,
  fmt,
  judgeDisconnects,
  MIN_CALLS_TO_FLAG,
  pct,
  sum,
  table,
} from "./reportMarkup.js";
import { createReportNames, type ReportNames } from "./reportNames.js";
import { REPORT_CHARTS, REPORT_CSS } from "./reportStyle.js";
import {
  CAUSE_LABEL,
  renderAfterHoursTable,
  renderFailedTable,
  renderMenuTables,
  renderSummaryTable,
} from "./reportTables.js";
import { HANG_UP_CAUSES, type MenuStats, OUTCOMES, type Outcome, type Report } from "./reportTypes.js";

export { CMS_DISCONNECT_BAR } from "./reportMarkup.js";

/** What the page shows besides the figures. */
export interface ReportPageOptions {
  /** The flow the diagram is drawn from (and teams, regions, languages and options are named from). */
  readonly callFlow: CallFlow;
  /** The log files read, named in the page's footer. */
  readonly sources: readonly string[];
  /** When the report was made; defaults to now. */
  readonly generatedAt?: Date;
}

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** How the page names the ways a call ended. */
export const OUTCOME_LABEL: Readonly<Record<Outcome, string>> = {
  transferred: "Put through",
  abandoned: "Hung up before being put through",
  goodbye: "Goodbye (on purpose)",
  disconnected: "Disconnected by the line",
};

let chartJs: string | undefined;

/** Chart.js's UMD build, read once from the installed package, to inline in the page. */
function readChartJs(): string {
  if (chartJs === undefined) {
    const main = createRequire(import.meta.url).resolve("chart.js");
    chartJs = readFileSync(join(dirname(main), "chart.umd.min.js"), "utf8");
  }
  return chartJs;
}

/**
 * The report as one self-contained HTML page (no network needed to open it): headline figures (the line's
 * disconnects against CMS's bar), charts (Chart.js, inlined) of calls by hour, outcomes, where callers hung
 * up and after-hours demand, the flow diagram annotated with the same figures, and the tables behind them.
 * Every figure is read from the report as it is (the JSON of `--json`), never worked out again here, and is
 * marked with the JSON field it is (`data-figure`); ids are shown by their names in the line.
 */
export async function renderReportHtml(report: Report, options: ReportPageOptions): Promise<string> {
  const graph = buildFlowGraph(options.callFlow);
  const names = createReportNames(options.callFlow, graph);
  const svg = await renderAnnotatedFlowSvg(report, graph);
  const menus = orderMenus(report, graph);
  const generated = (options.generatedAt ?? new Date()).toISOString().replace("T", " ").slice(0, 16);
  const { firstDay, lastDay } = report.period;
  const period = firstDay && lastDay ? `${firstDay} to ${lastDay}` : "no calls";

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Member line: what callers did (${esc(period)})</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
  <h1>Member line: what callers did</h1>
  <p class="sub"><span data-figure="period">${esc(period)}</span> · ${figure("calls", fmt(report.calls))} calls · days and hours in the local time of each caller's region</p>
</header>
<main>
<section class="cards">${renderCards(report, period)}</section>

${CHART_FIGURES}

<section>
  <h2>The flow, as callers went through it</h2>
  <p class="note">Each box: how many callers reached it, were put through or hung up there, and how many times callers took its loops (↺) and the options that all lead to one place (→); a team's closed hours count its callers. Each arrow: how many times callers took it; the thicker, the more. Faint: nobody.</p>
  <div class="flow">${svg.slice(svg.indexOf("<svg"))}</div>
</section>

${renderTablesSection(report, menus, names)}
</main>
<footer>
  Made ${esc(generated)} UTC by <code>npm run report</code> from ${esc(options.sources.join(", "))}:
  ${fmt(report.lines.read)} lines, ${fmt(report.lines.events)} events, ${fmt(report.lines.service)} other lines of the service,
  ${fmt(sum(Object.values(report.lines.skipped)))} skipped (${Object.entries(report.lines.skipped)
    .map(([k, n]) => `${esc(k)} ${fmt(n)}`)
    .join(", ")}).
  No phone number and nothing callers said is in the logs this page is made from.
</footer>
<script>${readChartJs().replace(/<\/script/gi, "<\\/script")}</script>
<script id="report-data" type="application/json">${JSON.stringify(chartData(report, menus, names)).replace(/</g, "\\u003c")}</script>
<script>${REPORT_CHARTS}</script>
</body>
</html>
`;
}

/** Where the charts are drawn (by \`REPORT_CHARTS\`, from the embedded data). */
const CHART_FIGURES = `<section class="grid">
  <figure class="wide"><figcaption>Calls by local hour of the week</figcaption><div class="chart tall"><canvas id="chart-hours"></canvas></div></figure>
  <figure><figcaption>How calls ended</figcaption><div class="chart"><canvas id="chart-outcomes"></canvas></div></figure>
  <figure><figcaption>Put through, by team</figcaption><div class="chart"><canvas id="chart-teams"></canvas></div></figure>
  <figure><figcaption>Where callers hung up, and what they had just heard</figcaption><div class="chart"><canvas id="chart-dropoff"></canvas></div></figure>
  <figure><figcaption>By day: the line's disconnects against CMS's ${pct(CMS_DISCONNECT_BAR)} bar, and callers who hung up</figcaption><div class="chart"><canvas id="chart-days"></canvas></div></figure>
  <figure class="wide"><figcaption>After-hours demand: callers who chose a closed team, by local hour of the week</figcaption><div class="chart tall"><canvas id="chart-afterhours"></canvas></div></figure>
</section>`;

/** The tables behind the charts: menus, by region, day and language, failed transfers, after hours, call-backs, callers, the service. */
function renderTablesSection(report: Report, menus: ReadonlyArray<[string, MenuStats]>, names: ReportNames): string {
  return `<section class="tables">
  <h2>Menus</h2>
  ${renderMenuTables(menus, names)}
  <p class="note">Disconnected by the line: calls the line ended without a transfer or an on-purpose goodbye (its goodbye after no team could be reached, or after an apology), held to CMS's ${pct(CMS_DISCONNECT_BAR)} and flagged red over it on ${fmt(MIN_CALLS_TO_FLAG)} calls or more. Hung up: callers who hung up before being put through, in a menu or while a transfer rang: the menu's measure, not CMS's.</p>
  <div class="blocks">
    <div><h2>By region</h2>${renderSummaryTable("byRegion", report.byRegion, "Region", names.region)}</div>
    <div><h2>By day</h2>${renderSummaryTable("byDay", report.byDay, "Day (local)", nameDay)}</div>
    <div><h2>By language</h2>${renderSummaryTable("byLanguage", report.byLanguage, "Language", names.language)}</div>
    <div><h2>Failed transfers</h2>${renderFailedTable(report, names)}</div>
    <div><h2>After hours</h2>${renderAfterHoursTable(report, names)}</div>
    <div><h2>Callers who call again</h2>${renderCallersTable(report)}</div>
    <div><h2>The service</h2>${renderServiceTable(report)}</div>
  </div>
  <h2>Call-backs</h2>
  ${renderCallbackTables(report, names)}
</section>`;
}

/** The headline figures. */
function renderCards(report: Report, period: string): string {
  const transferred = sum(Object.values(report.transferred));
  const judged = judgeDisconnects(report.calls, report.disconnectRate);
  const verdict = { bad: "over the bar", good: "within the bar", few: "too few calls to judge" }[judged];
  const inMenus = sum(Object.values(report.menus).map((m) => m.abandoned));
  const ringing = sum(Object.values(report.teams).map((t) => t.abandoned));
  const share = (n: number) => pct(report.calls ? n / report.calls : 0);
  const answer = report.secondsToTransfer;
  return [
    card("Calls", figure("calls", fmt(report.calls)), esc(period)),
    card(
      "Disconnected by the line",
      figure("disconnectRate", pct(report.disconnectRate)),
      `${figure("disconnected", fmt(report.disconnected))} ${report.disconnected === 1 ? "call" : "calls"} · CMS bar ${pct(CMS_DISCONNECT_BAR)} · ${verdict}`,
      judged === "few" ? "" : judged,
    ),
    card(
      "Hung up before being put through",
      figure("abandonRate", pct(report.abandonRate)),
      `${figure("abandoned", fmt(report.abandoned))} calls: ${fmt(inMenus)} in a menu, ${fmt(ringing)} while a transfer rang · the menu's measure`,
    ),
    card("Put through", share(transferred), `${fmt(transferred)} calls`),
    card("Answer to transfer", answer.p50 === null ? "–" : `${answer.p50} s`, `median · p95 ${answer.p95 ?? "–"} s`),
    card(
      "Wanted a closed team",
      figure("callsThrough.closed", fmt(report.callsThrough.closed)),
      `callers (${share(report.callsThrough.closed)}): the staffing signal`,
    ),
    card(
      "Called again within 72 h",
      figure("repeatCallers72h", fmt(report.repeatCallers72h)),
      `callers · ${fmt(report.repeatCallersOtherTeam72h)} reached another team the second time`,
    ),
    card("Failed transfers", fmt(sum(Object.values(report.failedTransfers))), "busy, no answer or failed dials"),
  ].join("");
}

/** What the charts draw, embedded in the page as JSON: the report's figures, named. */
function chartData(report: Report, menus: ReadonlyArray<[string, MenuStats]>, names: ReportNames) {
  const days = Object.entries(report.byDay);
  return {
    hours: Array.from({ length: 168 }, (_, h) => `${DAYS[Math.floor(h / 24)]} ${String(h % 24).padStart(2, "0")}:00`),
    callsByHour: report.callsByHour,
    outcomes: {
      labels: OUTCOMES.map((o) => OUTCOME_LABEL[o]),
      values: [sum(Object.values(report.transferred)), report.abandoned, report.goodbye, report.disconnected],
    },
    transferredByTeam: {
      labels: Object.keys(report.transferred).map(names.team),
      values: Object.values(report.transferred),
    },
    dropOff: {
      labels: menus.map(([id, m]) => `${names.menu(id)}: ${pct(m.dropOff)} of ${fmt(m.entered)}`),
      causes: HANG_UP_CAUSES.map((cause) => ({
        label: CAUSE_LABEL[cause],
        values: menus.map(([, m]) => m.abandonedAfter[cause]),
      })),
    },
    afterHours: Object.entries(report.afterHoursByHour).map(([team, hours]) => ({ label: names.team(team), hours })),
    days: {
      labels: days.map(([day]) => nameDay(day).replace(/\d{4}-/, "")),
      calls: days.map(([, d]) => d.calls),
      disconnectRate: days.map(([, d]) => round1(d.disconnectRate * 100)),
      abandonRate: days.map(([, d]) => round1(d.abandonRate * 100)),
    },
    bar: CMS_DISCONNECT_BAR * 100,
  };
}

function renderCallersTable(report: Report): string {
  return table(
    ["", ""],
    [
      ["Calls with a caller key", fmt(report.callsWithCallerKey)],
      ["Callers who called again within 72 hours", figure("repeatCallers72h", fmt(report.repeatCallers72h))],
      ["Calls within 72 hours of the same caller's previous call", fmt(report.repeatCalls72h)],
      [
        "Repeat callers put through to another team the second time (misrouted?)",
        fmt(report.repeatCallersOtherTeam72h),
      ],
    ],
    true,
  );
}

function renderServiceTable(report: Report): string {
  return table(
    ["", ""],
    [
      ["Retried requests answered again", fmt(report.service.retries)],
      ["Calls the line had lost and started over", fmt(report.service.restarts)],
      ...Object.entries(report.service.errors).map(([m, n]) => [`Error: ${m}`, fmt(n)]),
      ...Object.entries(report.service.warnings).map(([m, n]) => [`Warning: ${m}`, fmt(n)]),
    ],
  );
}

/** "2026-03-09" → "Mon 2026-03-09". */
function nameDay(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(at) ? day : `${DAYS[(new Date(at).getUTCDay() + 6) % 7]} ${day}`;
}

/** The report's menus, those most callers entered first (then in the flow diagram's order). */
function orderMenus(report: Report, graph: FlowGraph): Array<[string, MenuStats]> {
  const rank = (id: string) => graph.nodes.findIndex((n) => n.id === makeMenuNodeId(id));
  return Object.entries(report.menus).sort(([a, m], [b, n]) => n.entered - m.entered || rank(a) - rank(b));
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
