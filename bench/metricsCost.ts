/**
 * What the metrics cost a request, measured in one process so that the rest of the machine matters less:
 *
 *   npx tsx bench/metricsCost.ts                  # LOG_LEVEL warn, as npm run bench runs the app
 *   npx tsx bench/metricsCost.ts --log-level info # the default level: the turn record is built anyway
 *
 * Two instances of the app, the same in all but their metrics (off; on: `createMetrics`, the store wrapped
 * by `measureStore`), each on its own loopback port, answer the same signed webhooks from a client in this
 * process: calls of an incoming request and a menu choice, one request at a time. Batches alternate
 * between the two; each batch's CPU time (this process: client and server) per request is kept, and the
 * 10th percentile and median over the batches are printed. The client's share is the same for both, so
 * the difference is what the metrics add. Options: --batches N (40), --calls N per batch (250).
 */
import { Agent, request, type Server } from "node:http";
import { Writable } from "node:stream";
import {
  createApp,
  createLogger,
  createMetrics,
  LINE_FILES,
  loadCallFlow,
  MemoryStore,
  measureStore,
} from "../src/service/index.js";
import type { PooledRequest } from "./lib/load.js";
import { CallSeries, INCOMING, MENU_CHOICE, newAuthToken } from "./lib/twilio.js";

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const level = option("log-level", "warn") as "warn" | "info";
const batches = Number(option("batches", "40"));
const callsPerBatch = Number(option("calls", "250"));
const callFlow = loadCallFlow(LINE_FILES.flow, LINE_FILES.directory);
const token = newAuthToken();
/** Log lines go nowhere, as fast as they come (pino still formats them). */
const sink = new Writable({ write: (_chunk, _encoding, done) => done() });

interface Instance {
  readonly name: string;
  readonly server: Server;
  readonly incoming: CallSeries;
  readonly menu: CallSeries;
  next: number;
  readonly perRequest: number[];
}

async function startInstance(name: string, measured: boolean): Promise<Instance> {
  const raw = new MemoryStore({ sweepIntervalMs: 0 });
  const metrics = measured ? createMetrics() : undefined;
  const app = createApp({
    callFlow,
    store: metrics ? measureStore(raw, metrics) : raw,
    logger: createLogger(level, sink),
    authToken: token,
    publicBaseUrl: "https://member-line.bench.test",
    metrics,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const base = "https://member-line.bench.test";
  const incoming = new CallSeries(token, base, "/voice", INCOMING);
  const menu = new CallSeries(token, base, "/voice/turn?t=1", MENU_CHOICE, incoming.tag);
  return { name, server, incoming, menu, next: 0, perRequest: [] };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(server: Server, pooled: PooledRequest): Promise<string> {
  const { port } = server.address() as { port: number };
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: pooled.path, method: "POST", headers: pooled.headers, agent },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${res.statusCode}: ${body}`))));
      },
    );
    req.on("error", reject);
    req.end(pooled.body);
  });
}

/** One batch of calls on one instance; the CPU time per request, µs. */
async function runBatch(instance: Instance): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < callsPerBatch; i++, instance.next++) {
    const answer = await post(instance.server, instance.incoming.request(instance.next));
    const choice = await post(instance.server, instance.menu.request(instance.next));
    if (!answer.includes("<Gather") || !choice.includes("<Dial"))
      throw new Error(`${instance.name}: unexpected answer`);
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (2 * callsPerBatch);
}

const pick = (values: readonly number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * q)] ?? Number.NaN;

const off = await startInstance("metrics off", false);
const on = await startInstance("metrics on", true);
// Warm-up: both instances compiled and their caches filled before anything is kept.
for (let i = 0; i < 4; i++) for (const instance of [off, on]) await runBatch(instance);
for (let b = 0; b < batches; b++)
  for (const instance of b % 2 === 0 ? [off, on] : [on, off]) instance.perRequest.push(await runBatch(instance));

const lines = [
  `LOG_LEVEL=${level}, ${batches} batches of ${callsPerBatch} calls (incoming + menu choice) per instance`,
  "| instance | CPU µs / request, p10 | median |",
  "|---|--:|--:|",
  ...[off, on].map(
    (i) => `| ${i.name} | ${pick(i.perRequest, 0.1).toFixed(1)} | ${pick(i.perRequest, 0.5).toFixed(1)} |`,
  ),
  `metrics add ${(pick(on.perRequest, 0.1) - pick(off.perRequest, 0.1)).toFixed(1)} µs per request at p10, ${(pick(on.perRequest, 0.5) - pick(off.perRequest, 0.5)).toFixed(1)} µs at the median`,
];
console.log(lines.join("\n"));
agent.destroy();
for (const instance of [off, on]) instance.server.close();
