import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import autocannon from "autocannon";
import type { PooledRequest } from "./pooledRequest.js";
import { cpuMsOf } from "./servers.js";
import type { CallSeries } from "./twilio.js";

export type { PooledRequest } from "./pooledRequest.js";

/**
 * Hands out the requests of a series of calls in order, from `start`, each exactly once. Past `limit`
 * (the calls that have a live session, for a menu choice) requests are still made but counted as
 * `overrun`: the run then measured something else and must be repeated with more sessions.
 */
export class RequestPool {
  #next: number;
  #overrun = 0;

  constructor(
    readonly series: CallSeries,
    readonly limit: number = Number.POSITIVE_INFINITY,
    readonly start = 0,
  ) {
    this.#next = start;
  }

  /** Index of the next call. */
  get next(): number {
    return this.#next;
  }
  /** Requests handed out since the start. */
  get used(): number {
    return this.#next - this.start;
  }
  get overrun(): number {
    return this.#overrun;
  }

  take(): PooledRequest {
    const i = this.#next++;
    if (i >= this.limit) this.#overrun++;
    // Signed as it is sent (one HMAC, a few µs): a pool signed in advance would fill this process's
    // heap, and its garbage collections (pauses of 5 to 25 ms seen) would show up as server latency.
    return this.series.request(i);
  }
}

/** How to load a server. */
export interface LoadOptions {
  readonly port: number;
  readonly connections: number;
  /** Seconds to run before measuring, on the same connections (default 0). */
  readonly warmupS?: number;
  /** Seconds to measure, after the warm-up; ignored when `amount` is set. */
  readonly durationS: number;
  /** Stop after this many answers instead of after `durationS` (used to create sessions). */
  readonly amount?: number;
  /**
   * Steady rate over all connections, requests per second, evenly spaced (see `pace`). Without it,
   * every connection sends its next request as soon as the previous answer arrives (saturation).
   */
  readonly rate?: number;
  /** Use autocannon's own `overallRate` for `rate` instead of `pace` (bursts at each second). */
  readonly burstyRate?: boolean;
  readonly pool: RequestPool;
  /** Checks each answer's body; answers that fail are counted as `mismatches`. */
  readonly verifyBody?: (body: string) => boolean;
  /** Keep when each answer arrived (ms since the run started) next to its latency, for diagnosis. */
  readonly timeline?: boolean;
  /** Process whose CPU time is reported (the server). */
  readonly serverPid: number;
}

/** What one load run measured. Latencies in ms, with microsecond resolution. */
export interface LoadResult {
  readonly requests: number;
  readonly durationS: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Answers whose body failed `verifyBody`. */
  readonly mismatches: number;
  readonly statuses: Record<string, number>;
  /** CPU the server used during the run, as a share of one core. */
  readonly serverCpu: number;
  /** CPU this (client) process used during the run, as a share of one core. */
  readonly clientCpu: number;
  /** With `timeline`: [arrival ms, latency ms] of every answer. */
  readonly timeline?: ReadonlyArray<readonly [number, number]>;
}

/**
 * Runs autocannon against 127.0.0.1:port, each request taken from the pool (a signed Twilio webhook).
 * Latencies are taken from every response's own timing (autocannon's histogram rounds to whole ms,
 * too coarse at 1,000 req/s where answers take about a millisecond).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { pool } = options;
  // Start every run with this (client) process's heap collected, so no leftover of the last run is
  // collected during this one.
  collectGarbage();
  const warmupMs = (options.warmupS ?? 0) * 1000;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let mismatches = 0;
  const rate = options.rate;
  const paced = rate !== undefined && !options.burstyRate;
  const instance = autocannon({
    url: `http://127.0.0.1:${options.port}`,
    connections: options.connections,
    duration: (options.warmupS ?? 0) + options.durationS,
    ...(options.amount !== undefined ? { amount: options.amount } : {}),
    timeout: 10,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          const next = pool.take();
          return { ...req, path: next.path, headers: next.headers, body: next.body };
        },
      },
    ],
    ...(options.verifyBody ? { verifyBody: options.verifyBody } : {}),
    ...(rate !== undefined && options.burstyRate ? { overallRate: rate } : {}),
    ...(paced ? { setupClient: pace(rate, options.connections) } : {}),
  });
  const timeline: Array<readonly [number, number]> | undefined = options.timeline ? [] : undefined;
  const t0 = performance.now();
  // The measurement starts when the warm-up ends, on the same connections (a fresh set of connections
  // gets its first answers late, up to several hundred ms under full load, on the floor as on the app).
  let measuring = warmupMs === 0;
  let cpu0 = process.cpuUsage();
  let serverCpu0 = cpuMsOf(options.serverPid);
  let wall0 = t0;
  const startMeasuring = () => {
    measuring = true;
    cpu0 = process.cpuUsage();
    serverCpu0 = cpuMsOf(options.serverPid);
    wall0 = performance.now();
  };
  const warmup = warmupMs > 0 ? setTimeout(startMeasuring, warmupMs) : undefined;
  instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    if (!measuring) return;
    latencies.push(responseTime);
    statuses[status] = (statuses[status] ?? 0) + 1;
    timeline?.push([performance.now() - wall0, responseTime]);
  });
  instance.on("reqError", () => {
    if (measuring) errors++;
  });
  instance.on("reqMismatch", () => {
    if (measuring) mismatches++;
  });
  await instance;
  clearTimeout(warmup);
  const wallMs = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  const serverCpuMs = cpuMsOf(options.serverPid) - serverCpu0;
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) =>
    sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  const non2xx = Object.entries(statuses)
    .filter(([code]) => !code.startsWith("2"))
    .reduce((n, [, count]) => n + count, 0);
  return {
    requests: sorted.length,
    durationS: wallMs / 1000,
    rps: sorted.length / (wallMs / 1000),
    p50: at(0.5),
    p99: at(0.99),
    max: sorted.length === 0 ? 0 : (sorted[sorted.length - 1] ?? 0),
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
    non2xx,
    errors,
    mismatches,
    statuses,
    serverCpu: serverCpuMs / wallMs,
    clientCpu: (cpu.user + cpu.system) / 1000 / wallMs,
    ...(timeline ? { timeline } : {}),
  };
}

let gc: (() => void) | undefined;

/** A full garbage collection of this process (without needing `node --expose-gc`). */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  gc();
}

/**
 * Spreads `rate` requests per second evenly over time: connection i sends at i/rate, then every
 * connections/rate seconds (e.g. 50 connections at 1,000 req/s: one request per connection every 50 ms,
 * the connections 1 ms apart). A connection whose answer comes late sends its next ones at once until it
 * is back on schedule, so a slow server still gets the full rate (no coordinated omission of the backlog's
 * sends, though each latency is timed from its actual send).
 *
 * autocannon's own `overallRate` does not do this: each connection sends its share of the second
 * back to back as soon as the second starts and then waits, so the "steady" run is a burst at full
 * concurrency every second, and its latency is that of the saturated server. This wraps autocannon 8's
 * internal `Client#_doRequest`, the one place a connection starts a request.
 */
function pace(rate: number, connections: number): (client: autocannon.Client) => void {
  const intervalMs = (1000 * connections) / rate;
  const start = performance.now() + 50;
  let index = 0;
  return (client) => {
    if (typeof client._doRequest !== "function")
      throw new Error("autocannon's Client#_doRequest is gone: update pace()");
    const send = client._doRequest.bind(client);
    let due = start + (index++ * 1000) / rate;
    client._doRequest = () => {
      const wait = due - performance.now();
      due += intervalMs;
      if (wait <= 0) send();
      else
        setTimeout(() => {
          if (!client.destroyed) send();
        }, wait);
    };
  };
}
