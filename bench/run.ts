/**
 * `npm run bench`: the line against a bare-Express floor, on this machine, in one run.
 *
 *   npm run bench                       # full: 2 rounds, 3 s warm-up + 10 s per measurement (~7 min)
 *   npm run bench -- --quick            # 1 round, 1 s + 3 s, fewer start-ups (~1.5 min)
 *   REDIS_URL=redis://127.0.0.1:6379 npm run bench   # adds the Redis store
 *   REDIS_URL=redis://<primary with a replica> npm run bench -- --only redis,redis-wait   # the cost of WAIT
 *
 * Options: --rounds N, --warmup S, --duration S, --connections N, --rate N (steady run, req/s),
 * --autocannon-rate (steady run with autocannon's own overallRate: bursts, see lib/load.ts),
 * --app path/to/index.js (another build, e.g. the one before a change), --only floor,memory,metrics,redis,redis-wait
 * (redis-wait: the Redis store with REDIS_REPLICA_WAIT_MS=100, each write acknowledged by a replica; only when
 * named, and only when REDIS_URL's Redis has a replica),
 * --portless (PUBLIC_BASE_URL https://member-line.bench.test, no port, as in production: twilio's
 * validator then needs one HMAC per request instead of two),
 * --flow file, --directory file (the app's FLOW_FILE and DIRECTORY_FILE), --skip-startup, --skip-memory,
 * --startups N, --memory-runs N.
 *
 * Each server runs in its own process (node, never tsx), on 127.0.0.1, started fresh for every
 * measurement: the app (dist/index.js, signatures checked, LOG_LEVEL=warn) with the memory store, the same
 * with its metrics on (METRICS_PORT: every turn counted, every store operation timed), with the Redis store
 * when REDIS_URL is set, and the floor (bench/floorServer.js). The load is autocannon
 * in this process, every request a validly signed Twilio webhook:
 *   incoming   POST /voice, a Call SID never seen before on every request
 *   menu       POST /voice/turn?t=1 with Digits=3 for a call whose session exists and was never advanced:
 *              every request a real turn (load, machine transition, save), never a replayed retry.
 *              The sessions are the calls of the incoming measurement just before, topped up if needed.
 * in two modes: 50 connections as fast as the server answers (throughput), and a steady 1,000 req/s
 * spread evenly over the same connections (latency at a realistic load). Each measurement warms up on
 * the connections it then measures on. Every answer's body is checked (incoming: a <Gather>; menu
 * choice: a <Dial>), and non-2xx answers are counted. Rounds alternate the order of the servers, and
 * every ratio is taken within one round (measured minutes apart, not hours). Then bench/memory.ts
 * (100,000 calls in the memory store, and their expiry) runs in its own process.
 *
 * Prints Markdown (stdout; progress on stderr) and keeps the raw figures in node_modules/.cache/bench-results/.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { formatRun, type MemoryResult, type Startup } from "./lib/formatRun.js";
import { type LoadResult, RequestPool, runLoad } from "./lib/load.js";
import { deleteSeriesKeys, redisAnswers, replicasOf } from "./lib/redis.js";
import { freePort, get, type RunningServer, type ServerSpec, send, startServer } from "./lib/servers.js";
import { type Kind, type Measurement, type Mode, median, type RequestName } from "./lib/tables.js";
import { CallSeries, INCOMING, MENU_CHOICE, newAuthToken } from "./lib/twilio.js";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag("quick");
const opts = {
  rounds: Number(option("rounds") ?? (quick ? 1 : 2)),
  warmupS: Number(option("warmup") ?? (quick ? 1 : 3)),
  durationS: Number(option("duration") ?? (quick ? 3 : 10)),
  connections: Number(option("connections") ?? 50),
  rate: Number(option("rate") ?? 1000),
  burstyRate: flag("autocannon-rate"),
  app: option("app") ?? "dist/index.js",
  startups: Number(option("startups") ?? (quick ? 3 : 5)),
  memoryRuns: Number(option("memory-runs") ?? (quick ? 1 : 2)),
  skipStartup: flag("skip-startup"),
  skipMemory: flag("skip-memory"),
  /** Sign for https://member-line.bench.test (no port, like production) instead of http://127.0.0.1:<port>. */
  portless: flag("portless"),
  /** Flow and directory files for the app (default: its own defaults, flows/ and data/). */
  flow: option("flow"),
  directory: option("directory"),
};
const PORTLESS_BASE_URL = "https://member-line.bench.test";
const baseUrlFor = (port: number) => (opts.portless ? PORTLESS_BASE_URL : `http://127.0.0.1:${port}`);
const redisUrl = process.env.REDIS_URL;
/** Raw results (JSON), out of git and of the linter's way. */
const RESULTS = "node_modules/.cache/bench-results";
const only = option("only")?.split(",") as Kind[] | undefined;
const authToken = newAuthToken();
const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------- servers

let floorTwiml = "";

function serverSpec(kind: Kind, port: number, metricsPort?: number): ServerSpec {
  if (kind === "floor") return { name: "floor", args: ["bench/floorServer.js"], env: { FLOOR_TWIML: floorTwiml } };
  return {
    name: kind,
    args: [opts.app],
    env: {
      TWILIO_AUTH_TOKEN: authToken,
      PUBLIC_BASE_URL: baseUrlFor(port),
      LOG_LEVEL: "warn",
      HOST: "127.0.0.1",
      SESSION_STORE: kind === "metrics" ? "memory" : kind === "redis-wait" ? "redis" : kind,
      ...(metricsPort !== undefined ? { METRICS_PORT: String(metricsPort) } : {}),
      ...(opts.flow ? { FLOW_FILE: opts.flow } : {}),
      ...(opts.directory ? { DIRECTORY_FILE: opts.directory } : {}),
      ...((kind === "redis" || kind === "redis-wait") && redisUrl
        ? { REDIS_URL: redisUrl, SESSION_TTL_SECONDS: "900" }
        : {}),
      ...(kind === "redis-wait" ? { REDIS_REPLICA_WAIT_MS: "100" } : {}),
    },
  };
}

async function start(kind: Kind): Promise<RunningServer> {
  const port = await freePort();
  const metricsPort = kind === "metrics" ? await freePort() : undefined;
  const server = await startServer(serverSpec(kind, port, metricsPort), port);
  if (metricsPort !== undefined && (await get(metricsPort, "/metrics")).status !== 200) {
    await server.stop();
    throw new Error(`the metrics server did not answer on port ${metricsPort}`);
  }
  return server;
}

// ---------------------------------------------------------------- start-up

async function measureStartup(kind: Kind, runs: number): Promise<Startup> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const server = await start(kind);
    times.push(server.startupMs);
    if (kind === "memory" && !floorTwiml) {
      const probe = new CallSeries(authToken, baseUrlFor(server.port), "/voice", INCOMING);
      floorTwiml = (await send(server.port, probe.request(0))).body;
    }
    await server.stop();
  }
  return { kind, runs: times, median: median(times) };
}

// ---------------------------------------------------------------- load

/** The best rates seen so far per server, to size the pools of requests and sessions. */
const incomingRates = new Map<Kind, number>();
const menuRates = new Map<Kind, number>();

const checks: Record<Kind, Record<RequestName, (body: string) => boolean>> = {
  floor: { incoming: () => true, menu: () => true },
  memory: { incoming: (b) => b.includes("<Gather"), menu: (b) => b.includes("<Dial") },
  metrics: { incoming: (b) => b.includes("<Gather"), menu: (b) => b.includes("<Dial") },
  redis: { incoming: (b) => b.includes("<Gather"), menu: (b) => b.includes("<Dial") },
  "redis-wait": { incoming: (b) => b.includes("<Gather"), menu: (b) => b.includes("<Dial") },
};

async function measureServer(round: number, kind: Kind, mode: Mode): Promise<Measurement[]> {
  const server = await start(kind);
  const base = baseUrlFor(server.port);
  const incoming = new CallSeries(authToken, base, "/voice", INCOMING);
  const menu = new CallSeries(authToken, base, "/voice/turn?t=1", MENU_CHOICE, incoming.tag);
  const rssStart = server.rss();
  const rate = mode === "steady" ? opts.rate : undefined;
  const load = {
    port: server.port,
    connections: opts.connections,
    serverPid: server.child.pid ?? 0,
    ...(rate !== undefined ? { rate, burstyRate: opts.burstyRate } : {}),
  };
  const out: Measurement[] = [];
  try {
    // Call 0 by hand: the answer must be TwiML of the kind expected (a signature problem shows here).
    await expectAnswer(kind, "incoming", server.port, incoming, 0);
    const inPool = new RequestPool(incoming, Number.POSITIVE_INFINITY, 1);
    const inResult = await runLoad({
      ...load,
      warmupS: opts.warmupS,
      durationS: opts.durationS,
      pool: inPool,
      verifyBody: checks[kind].incoming,
    });
    if (mode === "saturate") incomingRates.set(kind, Math.max(incomingRates.get(kind) ?? 0, inResult.rps));
    out.push({
      round,
      kind,
      mode,
      request: "incoming",
      result: inResult,
      rssStart,
      rssAfter: server.rss(),
      sessions: inPool.next,
      overrun: 0,
    });
    log(`  ${kind} ${mode} incoming: ${describe(inResult)}`);

    // Sessions for the menu choices: the calls just made, and more if the menu run may need them.
    await sleep(200); // answers still in flight when the run stopped
    const menuEstimate = rate ?? Math.max(menuRates.get(kind) ?? inResult.rps * 1.5, inResult.rps) * 1.15;
    const needed = Math.ceil((opts.warmupS + opts.durationS) * menuEstimate) + 4 * opts.connections;
    if (kind !== "floor" && inPool.next < needed) {
      const topUp = needed - inPool.next;
      log(`  ${kind} ${mode}: ${topUp} more calls for the menu choices`);
      await runLoad({ ...load, rate: undefined, durationS: 60, amount: topUp, pool: inPool });
      await sleep(200);
    }
    await expectAnswer(kind, "menu", server.port, menu, 0);
    let pools = { calls: inPool, first: 1 };
    for (let attempt = 0; ; attempt++) {
      const limit = kind === "floor" ? Number.POSITIVE_INFINITY : pools.calls.next;
      const menuPool = new RequestPool(menu, limit, pools.first);
      const menuResult = await runLoad({
        ...load,
        warmupS: opts.warmupS,
        durationS: opts.durationS,
        pool: menuPool,
        verifyBody: checks[kind].menu,
      });
      if (menuPool.overrun > 0 && attempt === 0) {
        // The sessions ran out. Make new calls past every Call SID used so far (the choices for unknown
        // calls restarted them) — as many as this run used, twice — and measure again on those.
        log(`  ${kind} ${mode} menu: the sessions ran out (${menuPool.overrun} choices for unknown calls); again`);
        const calls = new RequestPool(incoming, Number.POSITIVE_INFINITY, menuPool.next);
        await runLoad({ ...load, rate: undefined, durationS: 60, amount: 2 * menuPool.used, pool: calls });
        await sleep(200);
        pools = { calls, first: calls.start };
        continue;
      }
      if (mode === "saturate") menuRates.set(kind, Math.max(menuRates.get(kind) ?? 0, menuResult.rps));
      out.push({
        round,
        kind,
        mode,
        request: "menu",
        result: menuResult,
        rssStart,
        rssAfter: server.rss(),
        sessions: Number.isFinite(limit) ? limit - menuPool.next : 0,
        overrun: menuPool.overrun,
      });
      log(`  ${kind} ${mode} menu: ${describe(menuResult)}`);
      break;
    }
  } finally {
    await server.stop();
    if ((kind === "redis" || kind === "redis-wait") && redisUrl)
      await deleteSeriesKeys(redisUrl, incoming.tag).catch(() => 0);
  }
  return out;
}

async function expectAnswer(kind: Kind, request: RequestName, port: number, series: CallSeries, i: number) {
  const answer = await send(port, series.request(i));
  if (answer.status !== 200 || !checks[kind][request](answer.body))
    throw new Error(`${kind} answered the ${request} request with ${answer.status}: ${answer.body.slice(0, 300)}`);
}

function describe(r: LoadResult): string {
  const bad = r.non2xx + r.errors + r.mismatches;
  return (
    `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, max ${r.max.toFixed(1)} ms, ` +
    `server CPU ${(r.serverCpu * 100).toFixed(0)}%, client CPU ${(r.clientCpu * 100).toFixed(0)}%` +
    (bad > 0 ? ` — ${r.non2xx} non-2xx, ${r.errors} errors, ${r.mismatches} unexpected bodies` : "")
  );
}

// ---------------------------------------------------------------- memory

function measureMemory(): MemoryResult {
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "bench/memory.ts", "--json"], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`bench/memory.ts failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as MemoryResult;
}

// ---------------------------------------------------------------- main

const started = Date.now();
const kinds: Kind[] = (["floor", "memory", "metrics", "redis", "redis-wait"] as const).filter(
  (k) =>
    (k === "redis-wait" ? only?.includes(k) : !only || only.includes(k)) &&
    ((k !== "redis" && k !== "redis-wait") || redisUrl !== undefined),
);
if (redisUrl && kinds.some((k) => k === "redis" || k === "redis-wait") && !(await redisAnswers(redisUrl))) {
  log(`REDIS_URL=${redisUrl} does not answer PING: the Redis store is left out`);
  for (const k of ["redis", "redis-wait"] as const) if (kinds.includes(k)) kinds.splice(kinds.indexOf(k), 1);
}
if (redisUrl && kinds.includes("redis-wait") && (await replicasOf(redisUrl)) < 1) {
  log(`REDIS_URL=${redisUrl} has no replica to acknowledge writes: redis-wait is left out`);
  kinds.splice(kinds.indexOf("redis-wait"), 1);
}
const machine = {
  date: new Date().toISOString(),
  nproc: availableParallelism(),
  cpu: cpus()[0]?.model ?? "unknown",
  memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  node: process.version,
  command: `${redisUrl ? `REDIS_URL=${redisUrl} ` : ""}npm run bench${argv.length ? ` -- ${argv.join(" ")}` : ""}`,
  app: opts.app,
};
log(`bench: ${JSON.stringify(machine)}`);
log(`servers: ${kinds.join(", ")}; ${opts.rounds} round(s) of ${opts.warmupS} s warm-up + ${opts.durationS} s`);

// Start-up first (it also fetches the incoming-call TwiML the floor answers with).
const startups: Startup[] = [];
if (!opts.skipStartup || kinds.includes("floor")) {
  for (const kind of ["memory", "floor"] as const) {
    const runs = opts.skipStartup ? (kind === "memory" ? 1 : 0) : opts.startups;
    if (runs === 0) continue;
    const s = await measureStartup(kind, runs);
    if (!opts.skipStartup) startups.push(s);
    log(`start-up ${kind}: ${s.runs.map((t) => t.toFixed(0)).join(", ")} ms`);
  }
}

const measurements: Measurement[] = [];
for (let round = 1; round <= opts.rounds; round++) {
  const order = round % 2 === 1 ? kinds : [...kinds].reverse();
  for (const kind of order)
    for (const mode of ["saturate", "steady"] as const) {
      log(`round ${round}: ${kind}, ${mode === "saturate" ? `${opts.connections} connections` : `${opts.rate} req/s`}`);
      measurements.push(...(await measureServer(round, kind, mode)));
    }
}

const memory: MemoryResult[] = [];
if (!opts.skipMemory)
  for (let i = 0; i < opts.memoryRuns; i++) {
    log(`memory: run ${i + 1}`);
    memory.push(measureMemory());
  }

console.log(
  formatRun({
    machine,
    opts,
    startups,
    measurements,
    memory,
    kinds,
    started,
    baseUrl: opts.portless ? PORTLESS_BASE_URL : "http://127.0.0.1:<port>",
  }),
);

mkdirSync(RESULTS, { recursive: true });
const file = `${RESULTS}/${machine.date.replace(/[:.]/g, "-")}.json`;
writeFileSync(file, JSON.stringify({ machine, opts, startups, measurements, memory }, null, 2));
log(`raw results: ${file}`);
