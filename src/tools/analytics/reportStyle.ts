/* The report page's style and charts, inlined in the page (it opens offline). */

/** The page's style. */
export const REPORT_CSS = `
:root { --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --bg: #f8fafc; --good: #15803d; --bad: #b91c1c;
  --transferred: #16a34a; --abandoned: #dc2626; --goodbye: #d97706; --disconnected: #7c2d12; }
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
.blocks > div { min-width: 0; }
.blocks table { width: 100%; min-width: 0; }
.blocks th { white-space: normal; }
.muted { color: var(--muted); }
.good { color: var(--good); } .bad { color: var(--bad); font-weight: 600; } .few { color: var(--muted); }
footer { color: var(--muted); padding: 16px 40px 32px; font-size: 12.5px; border-top: 1px solid var(--line); }
/* A phone: one column, two cards a row, and a table wider than the screen scrolls inside itself. */
@media (max-width: 720px) {
  header, main, footer { padding-left: 14px; padding-right: 14px; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .grid, .blocks { grid-template-columns: minmax(0, 1fr); }
  .card-value { font-size: 24px; }
  table { display: block; max-width: 100%; overflow-x: auto; min-width: 0; }
}
`;

/** Draws the charts from the embedded data, with Chart.js (inlined above it). */
export const REPORT_CHARTS = `
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
      { label: data.outcomes.labels[0], data: data.callsByHour.transferred, backgroundColor: color("transferred") },
      { label: data.outcomes.labels[1], data: data.callsByHour.abandoned, backgroundColor: color("abandoned") },
      { label: data.outcomes.labels[2], data: data.callsByHour.goodbye, backgroundColor: color("goodbye") },
      { label: data.outcomes.labels[3], data: data.callsByHour.disconnected, backgroundColor: color("disconnected") } ] },
    options: { scales: { x: { stacked: true, ticks: hourTicks, grid: { display: false } }, y: { stacked: true, title: { display: true, text: "calls" } } },
      plugins: { legend: { position: "top", align: "end" } } }
  });
  new Chart(document.getElementById("chart-outcomes"), {
    type: "doughnut",
    data: { labels: data.outcomes.labels, datasets: [{ data: data.outcomes.values,
      backgroundColor: [color("transferred"), color("abandoned"), color("goodbye"), color("disconnected")] }] },
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
      { type: "line", label: "disconnected by the line, %", data: data.days.disconnectRate, borderColor: color("disconnected"), backgroundColor: color("disconnected"), yAxisID: "rate", tension: 0.25 },
      { type: "line", label: "CMS bar for disconnects", data: data.days.labels.map(function () { return data.bar; }), borderColor: "#0f172a", borderDash: [6, 4], pointRadius: 0, yAxisID: "rate" },
      { type: "line", label: "hung up before being put through, %", data: data.days.abandonRate, borderColor: color("abandoned"), backgroundColor: color("abandoned"), borderWidth: 1.5, yAxisID: "rate", tension: 0.25 },
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
