/**
 * The bench's summary as BENCHMARKS.md records it: the machine, start-up, throughput and latency tables, the
 * ratios to the floor, memory per call, and each target met or missed.
 */
import { type Kind, type Measurement, mb, median, pct, ratios, ratioTable, table } from "./tables.js";

/** Launch to a healthy `/healthz`, per server kind. */
export interface Startup {
  readonly kind: Kind;
  readonly runs: number[];
  readonly median: number;
}

/** One run of bench/memory.ts. */
export interface MemoryResult {
  readonly calls: number;
  readonly inMenu: { state: string; perCall: { heapBytes: number; rssBytes: number } };
  readonly inTransfer: { state: string; perCall: { heapBytes: number; rssBytes: number }; sessionJsonBytes: number };
  readonly ttl: {
    readableAfterTtl: boolean;
    heldBeforeSweep: number;
    swept: number;
    heldAfterSweep: number;
    heapAboveBaseline: number;
    rssAboveBaseline: number;
  };
}

/** Everything one bench run measured, and how it was run. */
export interface BenchRun {
  readonly machine: {
    readonly date: string;
    readonly nproc: number;
    readonly cpu: string;
    readonly memory: string;
    readonly node: string;
    readonly command: string;
    readonly app: string;
  };
  readonly opts: {
    readonly rounds: number;
    readonly warmupS: number;
    readonly durationS: number;
    readonly connections: number;
    readonly rate: number;
    readonly burstyRate: boolean;
  };
  readonly startups: readonly Startup[];
  readonly measurements: Measurement[];
  readonly memory: readonly MemoryResult[];
  readonly kinds: readonly Kind[];
  /** When the bench started, epoch ms. */
  readonly started: number;
  /** The URL the requests were signed for. */
  readonly baseUrl: string;
}

/** Formats a bench run as Markdown: the machine, the tables, and each target met or missed. */
export function formatRun(run: BenchRun): string {
  const { opts, startups, measurements, memory, started } = run;
  const targets: string[] = [];
  const out = [
    ...formatHeader(run),
    `### Throughput: ${opts.connections} connections, as fast as the server answers`,
    "",
    table(measurements, "saturate"),
    "",
    `### Latency at a steady ${opts.rate} req/s (${opts.burstyRate ? "autocannon overallRate: bursts each second" : "evenly spaced"})`,
    "",
    table(measurements, "steady"),
    "",
    ...formatRatios(run, targets),
    ...formatMemory(memory, targets),
  ];
  const app = startups.find((s) => s.kind === "memory");
  if (app) targets.push(`${app.median < 1000 ? "✓" : "✗"} start-up ${app.median.toFixed(0)} ms (target < 1 s)`);
  if (targets.length) out.push("### Targets", "", ...targets.map((t) => `- ${t}`), "");
  out.push(`Bench took ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  return out.join("\n");
}

function formatHeader({ machine, opts, startups, baseUrl }: BenchRun): string[] {
  const out = [
    `## ${machine.date} — ${machine.command}`,
    "",
    `Machine: ${machine.nproc} CPUs (${machine.cpu}), ${machine.memory} RAM, Node ${machine.node}. App: ${machine.app}, signed for ${baseUrl}. ` +
      `${opts.rounds} round(s); each measurement ${opts.warmupS} s warm-up + ${opts.durationS} s, ${opts.connections} connections.`,
    "",
  ];
  if (startups.length)
    out.push(
      ...startups.map(
        (s) =>
          `Start-up (launch → healthy /healthz), ${s.kind}: median ${s.median.toFixed(0)} ms (${s.runs.map((t) => t.toFixed(0)).join(", ")})`,
      ),
      "",
    );
  return out;
}

/** The ratio tables of each pair of servers measured; the floor's and Redis's targets go to `targets`. */
function formatRatios({ measurements, kinds, opts }: BenchRun, targets: string[]): string[] {
  const out: string[] = [];
  const pair = (ours: Kind, base: Kind, title: string) => {
    if (!kinds.includes(ours) || !kinds.includes(base)) return undefined;
    const r = ratios(measurements, ours, base);
    out.push(`### ${title}`, "", ratioTable(`${ours} ÷ ${base}`, r), "");
    return r.length ? r : undefined;
  };
  const floor = pair("memory", "floor", "The line (memory store) as a share of the floor, per round");
  if (floor) {
    const call = median(floor.map((x) => x.call));
    const p99 = Math.max(median(floor.map((x) => x.p99Incoming)), median(floor.map((x) => x.p99Menu)));
    targets.push(`${call >= 0.8 ? "✓" : "✗"} whole calls at ${pct(call)} of the floor's rate (target ≥ 80%)`);
    targets.push(
      `${p99 <= 1.5 ? "✓" : "✗"} p99 at ${opts.rate} req/s: worst ${p99.toFixed(2)}× the floor's (target ≤ 1.5×)`,
    );
  }
  pair("metrics", "memory", "Metrics on (METRICS_PORT) as a share of metrics off, memory store, per round");
  const redis = pair("redis", "memory", "Redis store as a share of the memory store, per round");
  if (redis) {
    const call = median(redis.map((x) => x.call));
    targets.push(
      `${call >= 0.6 ? "✓" : "✗"} Redis store at ${pct(call)} of the memory store's call rate (target ≥ 60%)`,
    );
  }
  pair(
    "redis-wait",
    "redis",
    "Writes acknowledged by a replica (WAIT 1 100) as a share of the Redis store without, per round",
  );
  return out;
}

/** The memory table of bench/memory.ts's runs; its targets go to `targets`. */
function formatMemory(memory: readonly MemoryResult[], targets: string[]): string[] {
  if (!memory.length) return [];
  const out = [
    "### Memory store: 100,000 concurrent calls (bench/memory.ts)",
    "",
    "| run | calls | heap / call (menu) | RSS / call (menu) | heap / call (transfer) | RSS / call (transfer) | session JSON | readable after TTL | freed by sweep | heap above baseline after sweep | RSS above baseline after sweep |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ...memory.map(
      (m, i) =>
        `| ${i + 1} | ${m.calls} | ${m.inMenu.perCall.heapBytes} B | ${m.inMenu.perCall.rssBytes} B | ${m.inTransfer.perCall.heapBytes} B | ${m.inTransfer.perCall.rssBytes} B | ${m.inTransfer.sessionJsonBytes} B | ${m.ttl.readableAfterTtl ? "yes" : "no"} | ${m.ttl.swept} of ${m.ttl.heldBeforeSweep} | ${mb(m.ttl.heapAboveBaseline)} | ${mb(m.ttl.rssAboveBaseline)} |`,
    ),
    "",
  ];
  const worst = Math.max(
    ...memory.flatMap((m) => [m.inMenu.perCall, m.inTransfer.perCall].flatMap((p) => [p.heapBytes, p.rssBytes])),
  );
  targets.push(
    `${worst <= 2048 ? "✓" : "✗"} memory: at most ${worst} B per concurrent call (heap or RSS; target ≤ 2 KB)`,
  );
  const freed = memory.every((m) => !m.ttl.readableAfterTtl && m.ttl.heldAfterSweep === 0);
  targets.push(`${freed ? "✓" : "✗"} sessions past their TTL unreadable and freed by the sweep`);
  return out;
}
