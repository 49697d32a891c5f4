/**
 * The bench's measurements and the tables BENCHMARKS.md is written from: per server and round, the
 * ratios of ours to the Express floor.
 */
import type { LoadResult } from "./load.js";

export type Kind = "floor" | "memory" | "metrics" | "redis" | "redis-wait";
export type Mode = "saturate" | "steady";
export type RequestName = "incoming" | "menu";

export interface Measurement {
  readonly round: number;
  readonly kind: Kind;
  readonly mode: Mode;
  readonly request: RequestName;
  readonly result: LoadResult;
  /** RSS of the server when it had started, and right after this measurement. */
  readonly rssStart: number;
  readonly rssAfter: number;
  /** Live sessions the server held when the measurement ended (incoming: calls made so far). */
  readonly sessions: number;
  /** Menu choices sent for calls that had no live session (0 unless the session pool ran out). */
  readonly overrun: number;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

export const ms = (n: number) => n.toFixed(2);
export const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
export const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
/** Server CPU time per request, µs. */
export const cpuUs = (r: LoadResult) => (r.serverCpu / r.rps) * 1e6;
/** Calls per second when every call is one incoming request and one menu choice. */
export const callRate = (incoming: number, menu: number) => 1 / (1 / incoming + 1 / menu);

export function find(all: Measurement[], round: number, kind: Kind, mode: Mode, request: RequestName) {
  return all.find((m) => m.round === round && m.kind === kind && m.mode === mode && m.request === request);
}

export function table(all: Measurement[], mode: Mode): string {
  const lines = [
    "| round | request | server | req/s | p50 ms | p99 ms | max ms | RSS after | server CPU | CPU µs / req | client CPU | non-2xx / errors / bad bodies |",
    "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const m of all.filter((x) => x.mode === mode)) {
    const r = m.result;
    // At saturation the server should use a whole core; well under one means something else had it.
    const contended = mode === "saturate" && r.serverCpu < 0.9 ? " ⚠" : "";
    lines.push(
      `| ${m.round} | ${m.request} | ${m.kind} | ${r.rps.toFixed(0)}${contended} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${mb(m.rssAfter)} | ${pct(r.serverCpu)} | ${cpuUs(r).toFixed(0)} | ${pct(r.clientCpu)} | ${r.non2xx} / ${r.errors} / ${r.mismatches}${m.overrun ? ` (overrun ${m.overrun})` : ""} |`,
    );
  }
  if (mode === "saturate" && all.some((m) => m.mode === mode && m.result.serverCpu < 0.9))
    lines.push("", "⚠ the server used under 90% of a core while saturated: the machine was busy with something else.");
  return lines.join("\n");
}

export interface Ratios {
  readonly round: number;
  readonly incoming: number;
  readonly menu: number;
  readonly call: number;
  /** The floor's CPU time per call over ours: the call-rate ratio if both had a core to themselves. */
  readonly callByCpu: number;
  readonly p99Incoming: number;
  readonly p99Menu: number;
}

export function ratios(all: Measurement[], ours: Kind, base: Kind): Ratios[] {
  const rounds = [...new Set(all.map((m) => m.round))];
  const out: Ratios[] = [];
  for (const round of rounds) {
    const get = (kind: Kind, mode: Mode, request: RequestName) => find(all, round, kind, mode, request)?.result;
    const oi = get(ours, "saturate", "incoming");
    const om = get(ours, "saturate", "menu");
    const bi = get(base, "saturate", "incoming");
    const bm = get(base, "saturate", "menu");
    const osi = get(ours, "steady", "incoming");
    const osm = get(ours, "steady", "menu");
    const bsi = get(base, "steady", "incoming");
    const bsm = get(base, "steady", "menu");
    if (!oi || !om || !bi || !bm || !osi || !osm || !bsi || !bsm) continue;
    out.push({
      round,
      incoming: oi.rps / bi.rps,
      menu: om.rps / bm.rps,
      call: callRate(oi.rps, om.rps) / callRate(bi.rps, bm.rps),
      callByCpu: (cpuUs(bi) + cpuUs(bm)) / (cpuUs(oi) + cpuUs(om)),
      p99Incoming: osi.p99 / bsi.p99,
      p99Menu: osm.p99 / bsm.p99,
    });
  }
  return out;
}

export function ratioTable(title: string, rows: Ratios[]): string {
  const x = (n: number) => `${n.toFixed(2)}×`;
  const lines = [
    `| ${title} | incoming req/s | menu req/s | whole calls/s | whole calls by CPU time | p99 incoming @ steady | p99 menu @ steady |`,
    "|---|--:|--:|--:|--:|--:|--:|",
    ...rows.map(
      (r) =>
        `| round ${r.round} | ${pct(r.incoming)} | ${pct(r.menu)} | ${pct(r.call)} | ${pct(r.callByCpu)} | ${x(r.p99Incoming)} | ${x(r.p99Menu)} |`,
    ),
  ];
  if (rows.length > 1)
    lines.push(
      `| median | ${pct(median(rows.map((r) => r.incoming)))} | ${pct(median(rows.map((r) => r.menu)))} | ${pct(median(rows.map((r) => r.call)))} | ${pct(median(rows.map((r) => r.callByCpu)))} | ${x(median(rows.map((r) => r.p99Incoming)))} | ${x(median(rows.map((r) => r.p99Menu)))} |`,
    );
  return lines.join("\n");
}
