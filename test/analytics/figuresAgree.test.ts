import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, test } from "vitest";
import { createReportBuilder } from "../../src/tools/analytics/aggregate.js";
import { renderReportHtml } from "../../src/tools/analytics/renderReportHtml.js";
import { fmt, pct } from "../../src/tools/analytics/reportMarkup.js";
import { createReportNames } from "../../src/tools/analytics/reportNames.js";
import type { Report } from "../../src/tools/analytics/reportTypes.js";
import { planTraffic } from "../../src/tools/analytics/traffic/planTraffic.js";
import { buildFlowGraph } from "../../src/tools/diagram/buildFlowGraph.js";
import { sharedCallFlow } from "../support/createTestApp.js";
import { runCalls } from "./runCalls.js";

/*
 * A simulated week (the traffic generator, a fixed seed, 1,000 calls: busy weekdays, closed teams, failed
 * transfers, escalations, interpreters, the Mid-Atlantic outage), reported as `npm run report` does, and every
 * figure that appears twice checked against its other appearances: the page (parsed), the diagram (its SVG,
 * parsed), the page's chart data and the JSON of `--json` (the report itself: `cli.test.ts` shows they are one).
 */

const callFlow = sharedCallFlow();
const graph = buildFlowGraph(callFlow);
const names = createReportNames(callFlow, graph);

let report: Report;
let json: Report;
let html: string;
/** The page's figures: `data-figure` path → the texts shown for it, in order. */
let onPage: Map<string, string[]>;
/** The diagram's boxes and arrows: graph id → the lines of text drawn in it. */
let diagram: Map<string, string[]>;
/** The data the page's charts are drawn from. */
let charts: {
  transferredByTeam: { labels: string[]; values: number[] };
  outcomes: { values: number[] };
  days: { labels: string[]; calls: number[] };
};

beforeAll(async () => {
  const planned = planTraffic(callFlow, { calls: 1000, days: 7, seed: 1 });
  const { lines } = await runCalls(planned, "figures-agree-salt-4b1e7d");
  const builder = createReportBuilder({ graph });
  for (const line of lines) builder.addLine(line);
  report = builder.finish();
  json = JSON.parse(JSON.stringify(report)) as Report;
  html = await renderReportHtml(report, { callFlow, sources: ["week.log"] });
  onPage = readPageFigures(html);
  diagram = readDiagram(html.slice(html.indexOf("<svg"), html.indexOf("</svg>") + 6));
  const data = /<script id="report-data" type="application\/json">([^<]*)<\/script>/.exec(html)?.[1] ?? "{}";
  charts = JSON.parse(data);
}, 180_000);

/** Each `data-figure` of the page and the texts shown for it. */
function readPageFigures(page: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [, path, text] of page.matchAll(/<span data-figure="([^"]+)"(?: class="[^"]*")?>([^<]*)<\/span>/g))
    found.set(unescapeHtml(path as string), [
      ...(found.get(unescapeHtml(path as string)) ?? []),
      unescapeHtml(text as string),
    ]);
  return found;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Each `<g>` of the diagram with an id, and the text drawn in it, read by parsing the SVG. */
function readDiagram(svg: string): Map<string, string[]> {
  const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", htmlEntities: true }).parse(svg);
  const found = new Map<string, string[]>();
  const textsOf = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.flatMap(textsOf)
      : value && typeof value === "object"
        ? Object.entries(value).flatMap(([k, v]) =>
            k === "text" ? (Array.isArray(v) ? v : [v]).map((t) => String(t["#text"] ?? t).trim()) : textsOf(v),
          )
        : [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const g = (value as Record<string, unknown>).g;
      for (const group of Array.isArray(g) ? g : g ? [g] : [])
        if (group.id) found.set(String(group.id), textsOf(group));
      Object.values(value).forEach(walk);
    }
  };
  walk(tree);
  return found;
}

/** The number a diagram box shows on the line matching `pattern` (its first group), or undefined. */
function boxFigure(id: string, pattern: RegExp): number | undefined {
  const line = (diagram.get(id) ?? []).map((t) => pattern.exec(t)).find((m) => m !== null);
  return line ? Number((line[1] as string).replace(/,/g, "")) : undefined;
}

/** The value at a `data-figure` path of the JSON (`teams.pharmacy.connected`; `period` is the header's days). */
function atPath(path: string): unknown {
  if (path === "period") return `${json.period.firstDay} to ${json.period.lastDay}`;
  return path.split(".").reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], json);
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe("a simulated week: the figures agree on the page, in the diagram and in the JSON", () => {
  test("the week has what the figures are about: closed teams, failed transfers, escalations, hang-ups", () => {
    expect(report.calls).toBe(1000);
    expect(report.callsThrough.closed).toBeGreaterThan(20);
    expect(report.callsThrough.unreachable).toBeGreaterThan(5);
    expect(report.callsThrough.escalated).toBeGreaterThan(5);
    expect(report.abandoned).toBeGreaterThan(20);
    expect(Object.keys(report.afterHours).length).toBeGreaterThan(1);
    expect(onPage.size).toBeGreaterThan(100);
  });

  test("every figure on the page is the JSON's, and shown the same wherever it appears", () => {
    const wrong: string[] = [];
    for (const [path, texts] of onPage) {
      const value = atPath(path);
      const expected =
        typeof value === "number" ? (/Rate$/.test(path) ? pct(value) : fmt(value)) : String(value ?? "(missing)");
      for (const text of texts) if (text !== expected) wrong.push(`${path}: page ${text}, JSON ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  test("the header's days are the first and last day of the by-day table, the end day included", () => {
    const days = Object.keys(json.byDay);
    expect(onPage.get("period")).toEqual([`${days[0]} to ${days[days.length - 1]}`]);
    expect(days).toHaveLength(7);
    expect(charts.days.labels).toHaveLength(7);
    expect(charts.days.calls).toEqual(Object.values(json.byDay).map((d) => d.calls));
  });

  test("calls: the headline, the incoming call's box, and the sums by day, region, language and hour", () => {
    const byHour = sum(Object.values(json.callsByHour).flat());
    const totals = ["byDay", "byRegion", "byLanguage"].map((k) =>
      sum(Object.values(json[k as "byDay"]).map((s) => s.calls)),
    );
    expect([json.flow?.nodes.start?.calls, boxFigure("start", /^([\d,]+) calls?$/), byHour, ...totals]).toEqual(
      Array(6).fill(json.calls),
    );
  });

  test.each(["memberServices", "nurseAdvice", "pharmacy", "behavioralHealth", "representative"])(
    "team %s: put through and callers, in the chart, the tables, the diagram's box and the JSON",
    (team) => {
      const put = json.transferred[team];
      const chart = charts.transferredByTeam.values[charts.transferredByTeam.labels.indexOf(names.team(team))];
      const node = json.flow?.nodes[`team:${team}`];
      expect([
        json.teams[team]?.connected,
        node?.connected,
        boxFigure(`team:${team}`, /^([\d,]+) put through$/),
        chart,
      ]).toEqual(Array(4).fill(put));
      expect([node?.calls, boxFigure(`team:${team}`, /^([\d,]+) callers?$/)]).toEqual(
        Array(2).fill(json.teams[team]?.calls),
      );
    },
  );

  test("after hours: each team's callers while closed in the table, the diagram's box, the menus and by hour", () => {
    for (const [team, callers] of Object.entries(json.afterHours)) {
      const inMenus = sum(Object.values(json.menus).map((m) => m.closed[team] ?? 0));
      expect([
        onPage.get(`afterHours.${team}`)?.[0],
        fmt(boxFigure(`team:${team}`, /^→ Closed now \(([\d,]+) callers?\)$/) ?? -1),
        fmt(inMenus),
        fmt(sum(json.afterHoursByHour[team] ?? [])),
      ]).toEqual(Array(4).fill(fmt(callers)));
    }
  });

  test("callers who met a closed team: the headline, the menu's table, the closed box, how they ended", () => {
    const closed = json.callsThrough.closed;
    expect([
      json.flow?.nodes.closed?.calls,
      boxFigure("closed", /^([\d,]+) callers?$/),
      sum(Object.values(json.menus).map((m) => m.closedCalls)),
      sum(Object.values(json.afterHoursOutcome)),
    ]).toEqual(Array(4).fill(closed));
  });

  test("each menu: callers who entered and hung up there, in its table, its box and the JSON", () => {
    for (const [id, menu] of Object.entries(json.menus)) {
      const node = json.flow?.nodes[`menu:${id}`];
      expect([node?.calls, boxFigure(`menu:${id}`, /^([\d,]+) callers?$/)]).toEqual([menu.entered, menu.entered]);
      const hungUp = boxFigure(`menu:${id}`, /^([\d,]+) hung up here/) ?? 0;
      expect([node?.left, hungUp]).toEqual([menu.abandoned, menu.abandoned]);
    }
  });

  test("each option that transfers: chosen in the menu's table as many times as its arrow was taken", () => {
    let checked = 0;
    for (const [id, menu] of Object.entries(json.menus))
      for (const [label, option] of Object.entries(menu.options)) {
        if (option.action.kind !== "transfer") continue;
        const edge = `menu:${id}>team:${option.action.team}:${option.key}`;
        expect([json.flow?.edges[edge], onPage.get(`menus.${id}.chose.${label}`)?.[0]]).toEqual([
          menu.chose[label],
          fmt(menu.chose[label] ?? 0),
        ]);
        checked++;
      }
    expect(checked).toBeGreaterThan(5);
  });

  test("failed transfers with no number left: each team's figure, its arrow and its box; the calls that heard it", () => {
    for (const [team, stats] of Object.entries(json.teams)) {
      const passages = json.flow?.edges[`team:${team}>unreachable:failed`] ?? 0;
      expect([passages, boxFigure(`team:${team}`, /^→ Not reached \(([\d,]+)\)$/) ?? 0]).toEqual([
        stats.unreachable,
        stats.unreachable,
      ]);
    }
    expect([json.flow?.nodes.unreachable?.calls, boxFigure("unreachable", /^([\d,]+) callers?$/)]).toEqual([
      json.callsThrough.unreachable,
      json.callsThrough.unreachable,
    ]);
  });

  test("escalations: the calls handed to a person, in the person's box, the menus and the teams", () => {
    const escalated = json.callsThrough.escalated;
    expect([json.flow?.nodes.person?.calls, boxFigure("person", /^([\d,]+) callers?$/)]).toEqual([
      escalated,
      escalated,
    ]);
    expect(sum(Object.values(json.menus).map((m) => m.escalated))).toBe(
      sum(Object.values(json.teams).map((t) => t.escalations)),
    );
  });

  test("how calls ended: the headline, the chart, by day and by hour; hang-ups in menus and while ringing add up", () => {
    const transferred = sum(Object.values(json.transferred));
    expect(charts.outcomes.values).toEqual([transferred, json.abandoned, json.goodbye, json.disconnected]);
    expect(transferred + json.abandoned + json.goodbye + json.disconnected).toBe(json.calls);
    for (const outcome of ["abandoned", "goodbye", "disconnected"] as const) {
      expect(sum(json.callsByHour[outcome])).toBe(json[outcome]);
      expect(sum(Object.values(json.byDay).map((d) => d[outcome]))).toBe(json[outcome]);
    }
    const inMenus = sum(Object.values(json.menus).map((m) => m.abandoned));
    const ringing = sum(Object.values(json.teams).map((t) => t.abandoned));
    expect(inMenus + ringing).toBe(json.abandoned);
    expect(html).toContain(`${fmt(inMenus)} in a menu, ${fmt(ringing)} while a transfer rang`);
  });

  test("call-backs: offered and asked for in the week; each step of the funnel by team and by region adds up to all", () => {
    const { all, byTeam, byRegion } = json.callbacks;
    expect(all.offered).toBeGreaterThan(all.requested);
    expect(all.requested).toBeGreaterThan(0);
    for (const step of Object.keys(all) as Array<keyof typeof all>) {
      const total = all[step];
      const of = (rows: typeof byTeam) => sum(Object.values(rows).map((r) => r[step]));
      expect([of(byTeam), of(byRegion), onPage.get(`callbacks.all.${step}`)?.[0]]).toEqual([total, total, fmt(total)]);
    }
  });

  test("the line's disconnects: the headline, the goodbye's box, and the goodbyes after failed transfers", () => {
    expect(json.flow?.nodes.goodbye?.disconnected).toBe(json.disconnected);
    expect(boxFigure("goodbye", /^([\d,]+) disconnected by the line$/) ?? 0).toBe(json.disconnected);
    expect(json.afterFailedTransfer.goodbye).toBe(json.disconnected);
    expect(json.disconnectRate).toBe(Math.round((json.disconnected / json.calls) * 10_000) / 10_000);
  });
});

describe("the page names what the log calls by ids", () => {
  /** What a reader sees: the page without its scripts, styles, tags and attributes (and the SVG's `<title>` ids). */
  const visible = () =>
    html
      .replace(/<script[\s\S]*?<\/script>/g, "")
      .replace(/<style[\s\S]*?<\/style>/g, "")
      .replace(/<title>[\s\S]*?<\/title>/g, "")
      .replace(/<[^>]+>/g, " ");

  test.each([
    "memberServices",
    "nurseAdvice",
    "behavioralHealth",
    "midAtlantic",
    "interpreterClosed",
    "language es",
    "interpreter cmn",
    " cmn ",
    " tl ",
    " yue ",
  ])("no %j on the page", (id) => {
    expect(visible()).not.toContain(id);
  });

  test.each([
    "Member services",
    "Mid-Atlantic States",
    "Mandarin Chinese",
    "Tagalog (Filipino)",
    "9 Spanish",
    "8 Language menu",
    "2 Interpreter: Mandarin Chinese",
  ])("%j is on the page", (name) => {
    expect(visible()).toContain(name);
  });
});
