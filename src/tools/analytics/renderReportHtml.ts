import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { CallFlow } from "../../service/index.js";
import { buildFlowGraph } from "../diagram/buildFlowGraph.js";
import { type FlowGraph, makeMenuNodeId } from "../diagram/flowGraph.js";
import { renderAnnotatedFlowSvg } from "./annotateFlow.js";
import { HANG_UP_CAUSES, type HangUpCause, type MenuStats, type OutcomeSummary, type Report } from "./reportTypes.js";

/** What the page shows besides the figures. */
export interface ReportPageOptions {
  /** The flow the diagram is drawn from (and team names are read from). */
  readonly callFlow: CallFlow;
  /** The log files read, named in the page's footer. */
  readonly sources: readonly string[];
  /** When the report was made; defaults to now. */
  readonly generatedAt?: Date;
}

/** Medicare's bar for the share of calls that disconnect (CMS call-center monitoring). */
export const CMS_DISCONNECT_BAR = 0.05;

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

const CAUSE_LABEL: Readonly<Record<HangUpCause, string>> = {
  greeting: "during the greeting and menu",
  failedAnswer: "after a wrong key or silence",
  closed: "after hearing the team is closed",
  failedTransfer: "after a failed transfer",
  menu: "after a repeat or language switch",
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
 * The report as one self-contained HTML page (no network needed to open it): headline figures against
 * the CMS bar, charts (Chart.js, inlined) of calls by hour, outcomes, where callers hung up and after-hours
 * demand, the flow diagram annotated with callers per node and edge, and the tables behind them.
 */
export async function renderReportHtml(report: Report, options: ReportPageOptions): Promise<string> {
  const { callFlow } = options;
  const teamName = (id: string) => {
    // Ids come from a log: an own property only (a team "__proto__" or "constructor" is no team of the flow).
    const name = Object.hasOwn(callFlow.flow.teams, id) ? (callFlow.flow.teams[id]?.name.en ?? id) : id;
    const bare = name.replace(/^(the|a|an) /i, "");
    return bare.charAt(0).toUpperCase() + bare.slice(1);
  };
  const graph = buildFlowGraph(callFlow);
  const svg = await renderAnnotatedFlowSvg(report, graph);
  const menus = orderMenus(report, graph);
  const transferredTotal = sum(Object.values(report.transferred));
  const data = {
    hours: Array.from({ length: 168 }, (_, h) => `${DAYS[Math.floor(h / 24)]} ${String(h % 24).padStart(2, "0")}:00`),
    callsByHour: report.callsByHour,
    outcomes: {
      labels: ["Transferred", "Hung up in the menu", "Goodbye"],
      values: [transferredTotal, report.abandoned, report.goodbye],
    },
    transferredByTeam: {
      labels: Object.keys(report.transferred).map(teamName),
      values: Object.values(report.transferred),
    },
    dropOff: {
      labels: menus.map(([id, m]) => `${menuName(id, graph)}: ${pct(m.dropOff)} of ${fmt(m.entered)}`),
      causes: HANG_UP_CAUSES.map((cause) => ({
        label: CAUSE_LABEL[cause],
        values: menus.map(([, m]) => m.abandonedAfter[cause]),
      })),
    },
    afterHours: Object.entries(report.afterHoursByHour).map(([team, hours]) => ({ label: teamName(team), hours })),
    days: {
      labels: Object.keys(report.byDay),
      calls: Object.values(report.byDay).map((d) => d.calls),
      rate: Object.values(report.byDay).map((d) => round1(d.abandonRate * 100)),
    },
    bar: CMS_DISCONNECT_BAR * 100,
  };
  const rate = report.abandonRate;
  const overBar = rate > CMS_DISCONNECT_BAR;
  const failed = sum(Object.values(report.failedTransfers));
  const generated = (options.generatedAt ?? new Date()).toISOString().replace("T", " ").slice(0, 16);
  const period =
    report.period.first && report.period.last
      ? `${report.period.first.slice(0, 10)} to ${report.period.last.slice(0, 10)}`
      : "no calls";

  const cards = [
    card("Calls", fmt(report.calls), period),
    card(
      "Hung up in the menu",
      pct(rate),
      `${fmt(report.abandoned)} calls · CMS bar ${pct(CMS_DISCONNECT_BAR)} · ${overBar ? "over the bar" : "within the bar"}`,
      overBar ? "bad" : "good",
    ),
    card("Transferred", pct(report.calls ? transferredTotal / report.calls : 0), `${fmt(transferredTotal)} calls`),
    card("Goodbye", fmt(report.goodbye), "no team could be reached"),
    card(
      "Answer to transfer",
      report.secondsToTransfer.p50 === null ? "–" : `${report.secondsToTransfer.p50} s`,
      `median · p95 ${report.secondsToTransfer.p95 ?? "–"} s`,
    ),
    card(
      "Wanted a closed team",
      fmt(report.callsThrough.closed),
      `calls (${pct(report.calls ? report.callsThrough.closed / report.calls : 0)}): the staffing signal`,
    ),
    card(
      "Called again within 72 h",
      fmt(report.repeatCallers72h),
      `callers · ${fmt(report.repeatCallersOtherTeam72h)} reached another team the second time`,
    ),
    card("Failed transfers", fmt(failed), "busy, no answer or failed dials"),
  ].join("");

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Member line: what callers did (${esc(period)})</title>
<style>${CSS}</style>
</head>
<body>
<header>
  <h1>Member line: what callers did</h1>
  <p class="sub">${esc(period)} · ${fmt(report.calls)} calls · local time of each caller's region</p>
</header>
<main>
<section class="cards">${cards}</section>

<section class="grid">
  <figure class="wide"><figcaption>Calls by local hour of the week</figcaption><div class="chart tall"><canvas id="chart-hours"></canvas></div></figure>
  <figure><figcaption>How calls ended</figcaption><div class="chart"><canvas id="chart-outcomes"></canvas></div></figure>
  <figure><figcaption>Put through, by team</figcaption><div class="chart"><canvas id="chart-teams"></canvas></div></figure>
  <figure><figcaption>Where callers hung up, and what they had just heard</figcaption><div class="chart"><canvas id="chart-dropoff"></canvas></div></figure>
  <figure><figcaption>Hung up in the menu, by day, against the ${pct(CMS_DISCONNECT_BAR)} bar</figcaption><div class="chart"><canvas id="chart-days"></canvas></div></figure>
  <figure class="wide"><figcaption>After-hours demand: callers who chose a closed team, by local hour of the week</figcaption><div class="chart tall"><canvas id="chart-afterhours"></canvas></div></figure>
</section>

<section>
  <h2>The flow, as callers went through it</h2>
  <p class="note">Each box: how many callers reached it, were put through or hung up there, and how many took its loops (↺) and the options that all lead to one place (→). Each arrow: how many times callers took it; the thicker, the more. Faint: nobody.</p>
  <div class="flow">${svg.slice(svg.indexOf("<svg"))}</div>
</section>

<section class="tables">
  <h2>Menus</h2>
  ${menuTables(menus, graph)}
  <div class="blocks">
    <div><h2>By region</h2>${summaryTable(report.byRegion, "Region")}</div>
    <div><h2>By day</h2>${summaryTable(report.byDay, "Day (local)")}</div>
    <div><h2>By language</h2>${summaryTable(report.byLanguage, "Language")}</div>
    <div><h2>Failed transfers</h2>${failedTable(report, teamName)}</div>
    <div><h2>After hours</h2>${table(
      ["Team", "Calls that chose it while closed"],
      Object.entries(report.afterHours).map(([t, n]) => [teamName(t), fmt(n)]),
    )}
    <p class="note">${fmt(report.callsThrough.closed)} calls met a closed team. Then ${fmt(report.afterHoursOutcome.transferred)} were put through to another team, ${fmt(report.afterHoursOutcome.abandoned)} hung up, ${fmt(report.afterHoursOutcome.goodbye)} heard goodbye.</p></div>
    <div><h2>Callers who call again</h2>${table(
      ["", ""],
      [
        ["Calls with a caller key", fmt(report.callsWithCallerKey)],
        ["Callers who called again within 72 hours", fmt(report.repeatCallers72h)],
        ["Calls within 72 hours of the same caller's previous call", fmt(report.repeatCalls72h)],
        [
          "Repeat callers put through to another team the second time (misrouted?)",
          fmt(report.repeatCallersOtherTeam72h),
        ],
      ],
    )}</div>
    <div><h2>The service</h2>${table(
      ["", ""],
      [
        ["Retried requests answered again", fmt(report.service.retries)],
        ["Calls the line had lost and started over", fmt(report.service.restarts)],
        ...Object.entries(report.service.errors).map(([m, n]) => [`Error: ${m}`, fmt(n)]),
        ...Object.entries(report.service.warnings).map(([m, n]) => [`Warning: ${m}`, fmt(n)]),
      ],
    )}</div>
  </div>
</section>
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
<script id="report-data" type="application/json">${JSON.stringify(data).replace(/</g, "\\u003c")}</script>
<script>${CHARTS}</script>
</body>
</html>
`;
}

function menuTables(menus: ReturnType<typeof orderMenus>, graph: FlowGraph): string {
  return menus
    .map(([id, m]) => {
      const rows = Object.entries(m.choseBy).map(([label, by]) => [
        esc(label),
        fmt(by.key + by.speech),
        fmt(by.key),
        fmt(by.speech),
      ]);
      return `<h3>${esc(menuName(id, graph))}: ${fmt(m.entered)} callers entered, ${fmt(m.abandoned)} hung up there (${pct(m.dropOff)})</h3>
      <div class="two">
      ${table(["Option", "Chosen", "by key", "by speech"], rows, true)}
      ${table(
        ["", ""],
        [
          ["Wrong answers (no such option)", fmt(m.invalid)],
          ["Silences", fmt(m.silent)],
          ["Handed to a person after failed answers", fmt(m.escalated)],
          ["Chose a closed team", fmt(sum(Object.values(m.closed)))],
          ["Back after a failed transfer", fmt(m.returned)],
          ["Hung up here", fmt(m.abandoned)],
          ...HANG_UP_CAUSES.map((cause) => [`… ${CAUSE_LABEL[cause]}`, fmt(m.abandonedAfter[cause])]),
        ],
        true,
      )}
      </div>`;
    })
    .join("");
}

function summaryTable(rows: Readonly<Record<string, OutcomeSummary>>, first: string): string {
  return table(
    [first, "Calls", "Hung up", "Rate", "Put through", "Goodbye", "To transfer, p50 / p95"],
    Object.entries(rows).map(([key, s]) => [
      esc(key),
      fmt(s.calls),
      fmt(s.abandoned),
      `<span class="${s.abandonRate > CMS_DISCONNECT_BAR ? "bad" : "good"}">${pct(s.abandonRate)}</span>`,
      fmt(sum(Object.values(s.transferred))),
      fmt(s.goodbye),
      s.secondsToTransfer.p50 === null ? "–" : `${s.secondsToTransfer.p50} s / ${s.secondsToTransfer.p95} s`,
    ]),
    true,
  );
}

/** Rows of the failed-transfer table before the rest are summed up in one. */
const FAILED_ROWS = 10;

function failedTable(report: Report, teamName: (id: string) => string): string {
  const detail = report.failedTransferDetail;
  const rows = detail
    .slice(0, FAILED_ROWS)
    .map((r) => [esc(teamName(r.team)), esc(r.region), `number ${r.line}`, esc(r.status), fmt(r.count)]);
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
  Calls with a failed dial then ended: ${fmt(end.transferred)} put through, ${fmt(end.abandoned)} hung up, ${fmt(end.goodbye)} goodbye.</p>`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[], escaped = false): string {
  const cell = (c: string) => (escaped ? c : esc(c));
  const thead = head.some((h) => h !== "")
    ? `<thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead>`
    : "";
  const body =
    rows.length === 0
      ? `<tr><td colspan="${head.length}" class="none">none</td></tr>`
      : rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join("")}</tr>`).join("");
  return `<table>${thead}<tbody>${body}</tbody></table>`;
}

function card(title: string, value: string, note: string, tone = ""): string {
  return `<div class="card ${tone}"><div class="card-title">${esc(title)}</div><div class="card-value">${esc(value)}</div><div class="card-note">${esc(note)}</div></div>`;
}

/** A menu's name as the flow diagram writes it, e.g. "Main menu". */
function menuName(id: string, graph: FlowGraph): string {
  return graph.nodes.find((n) => n.id === makeMenuNodeId(id))?.label ?? `${id} menu`;
}

/** The report's menus, those most callers entered first (then in the flow diagram's order). */
function orderMenus(report: Report, graph: FlowGraph): Array<[string, MenuStats]> {
  const rank = (id: string) => graph.nodes.findIndex((n) => n.id === makeMenuNodeId(id));
  return Object.entries(report.menus).sort(([a, m], [b, n]) => n.entered - m.entered || rank(a) - rank(b));
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const CSS = `
:root { --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --bg: #f8fafc; --good: #15803d; --bad: #b91c1c;
  --transferred: #16a34a; --abandoned: #dc2626; --goodbye: #d97706; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 28px 40px 12px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { margin: 0; font-size: 26px; letter-spacing: -0.01em; }
h2 { margin: 36px 0 12px; font-size: 19px; }
h3 { margin: 22px 0 8px; font-size: 15px; font-weight: 600; }
.sub, .note { color: var(--muted); margin: 4px 0 0; }
main { padding: 8px 40px 40px; max-width: 1500px; margin: 0 auto; }
.cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 14px; margin-top: 20px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 14px 16px; }
.card.good { border-left: 5px solid var(--good); }
.card.bad { border-left: 5px solid var(--bad); }
.card-title { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.card-value { font-size: 30px; font-weight: 700; margin: 2px 0; font-variant-numeric: tabular-nums; }
.card.bad .card-value { color: var(--bad); }
.card.good .card-value { color: var(--good); }
.card-note { color: var(--muted); font-size: 12.5px; }
.grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px; margin-top: 14px; }
figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 14px 16px; }
figure.wide { grid-column: 1 / -1; }
figcaption { font-weight: 600; margin-bottom: 8px; }
.chart { position: relative; height: 260px; }
.chart.tall { height: 280px; }
.flow { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 12px; overflow-x: auto; margin-top: 10px; }
.flow svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
table { border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; margin: 6px 0; min-width: 420px; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.wrap td:first-child { white-space: normal; }
th:first-child, td:first-child { text-align: left; }
th { background: #f1f5f9; font-weight: 600; font-size: 12.5px; }
td.none { color: var(--muted); text-align: left; }
.two { display: flex; gap: 14px; flex-wrap: wrap; align-items: flex-start; }
.blocks { display: grid; grid-template-columns: repeat(auto-fit, minmax(620px, 1fr)); gap: 0 24px; align-items: start; }
.blocks table { width: 100%; min-width: 0; }
.muted { color: var(--muted); }
.good { color: var(--good); } .bad { color: var(--bad); font-weight: 600; }
footer { color: var(--muted); padding: 16px 40px 32px; font-size: 12.5px; border-top: 1px solid var(--line); }
`;

/** Draws the charts from the embedded data, with Chart.js (inlined above it). */
const CHARTS = `
(function () {
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var css = getComputedStyle(document.documentElement);
  var color = function (name) { return css.getPropertyValue("--" + name).trim(); };
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#475569";
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  var palette = ["#2563eb", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#db2777", "#65a30d", "#475569"];
  var hourTicks = { autoSkip: false, maxRotation: 0, callback: function (v, i) { return i % 24 === 0 ? data.hours[i].slice(0, 3) : (i % 6 === 0 ? String(i % 24).padStart(2, "0") : ""); } };
  new Chart(document.getElementById("chart-hours"), {
    type: "bar",
    data: { labels: data.hours, datasets: [
      { label: "Transferred", data: data.callsByHour.transferred, backgroundColor: color("transferred") },
      { label: "Hung up in the menu", data: data.callsByHour.abandoned, backgroundColor: color("abandoned") },
      { label: "Goodbye", data: data.callsByHour.goodbye, backgroundColor: color("goodbye") } ] },
    options: { scales: { x: { stacked: true, ticks: hourTicks, grid: { display: false } }, y: { stacked: true, title: { display: true, text: "calls" } } },
      plugins: { legend: { position: "top", align: "end" } } }
  });
  new Chart(document.getElementById("chart-outcomes"), {
    type: "doughnut",
    data: { labels: data.outcomes.labels, datasets: [{ data: data.outcomes.values,
      backgroundColor: [color("transferred"), color("abandoned"), color("goodbye")] }] },
    options: { cutout: "58%", plugins: { legend: { position: "right" } } }
  });
  new Chart(document.getElementById("chart-teams"), {
    type: "bar",
    data: { labels: data.transferredByTeam.labels, datasets: [{ label: "calls put through", data: data.transferredByTeam.values, backgroundColor: palette }] },
    options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: "calls" } } } }
  });
  new Chart(document.getElementById("chart-dropoff"), {
    type: "bar",
    data: { labels: data.dropOff.labels, datasets: data.dropOff.causes.map(function (c, i) {
      return { label: c.label, data: c.values, backgroundColor: ["#f87171", "#fb923c", "#c2410c", "#b91c1c", "#a78bfa"][i] }; }) },
    options: { indexAxis: "y", scales: { x: { stacked: true, title: { display: true, text: "callers who hung up" } }, y: { stacked: true } },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 14 } } } }
  });
  new Chart(document.getElementById("chart-days"), {
    data: { labels: data.days.labels, datasets: [
      { type: "line", label: "hung up in the menu, %", data: data.days.rate, borderColor: color("abandoned"), backgroundColor: color("abandoned"), yAxisID: "rate", tension: 0.25 },
      { type: "line", label: "CMS bar", data: data.days.labels.map(function () { return data.bar; }), borderColor: "#0f172a", borderDash: [6, 4], pointRadius: 0, yAxisID: "rate" },
      { type: "bar", label: "calls", data: data.days.calls, backgroundColor: "#cbd5e1", yAxisID: "calls" } ] },
    options: { scales: { rate: { position: "left", beginAtZero: true, title: { display: true, text: "%" } }, calls: { position: "right", beginAtZero: true, grid: { display: false }, title: { display: true, text: "calls" } } },
      plugins: { legend: { position: "top", align: "end" } } }
  });
  new Chart(document.getElementById("chart-afterhours"), {
    type: "bar",
    data: { labels: data.hours, datasets: data.afterHours.map(function (t, i) { return { label: t.label, data: t.hours, backgroundColor: palette[i % palette.length] }; }) },
    options: { scales: { x: { stacked: true, ticks: hourTicks, grid: { display: false } }, y: { stacked: true, title: { display: true, text: "callers" } } },
      plugins: { legend: { position: "top", align: "end" } } }
  });
})();
`;
