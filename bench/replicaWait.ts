/**
 * What it costs a turn to have a replica acknowledge its write (`WAIT 1 <ms>`, REDIS_REPLICA_WAIT_MS): a turn's
 * two store operations (load the call, commit its next turn) timed on the Redis store as the server builds it,
 * with the wait and without, one turn of each in turn so that a busy machine slows both alike.
 *
 *   REDIS_URL=redis://<a primary with a replica> npx tsx bench/replicaWait.ts [--turns 5000] [--wait-ms 100]
 *
 * Its calls are kept under `ivr:call:CAwait…` for 60 s. Prints Markdown on stdout.
 */
import {
  createLogger,
  createStore,
  LINE_FILES,
  loadCallFlow,
  type SessionRecord,
  startCall,
} from "../src/service/index.js";
import { replicasOf } from "./lib/redis.js";

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const turns = Number(option("turns") ?? 5_000);
const waitMs = Number(option("wait-ms") ?? 100);
const url = process.env.REDIS_URL;
if (!url) throw new Error("set REDIS_URL to a Redis primary with a replica");
const replicas = await replicasOf(url);
if (replicas < 1) throw new Error(`${url} has no replica connected: nothing would acknowledge the writes`);

const warnings: string[] = [];
const logger = createLogger("warn", { write: (line: string) => warnings.push(line) });
const stores = {
  without: await createStore({ SESSION_STORE: "redis", REDIS_URL: url, REDIS_REPLICA_WAIT_MS: 0 }, logger),
  with: await createStore({ SESSION_STORE: "redis", REDIS_URL: url, REDIS_REPLICA_WAIT_MS: waitMs }, logger),
};
for (const store of Object.values(stores))
  for (let i = 0; ; i++) {
    if (
      await store.ping().then(
        () => true,
        () => false,
      )
    )
      break;
    if (i > 100) throw new Error(`${url} does not answer`);
    await new Promise((r) => setTimeout(r, 50));
  }

const callFlow = loadCallFlow(LINE_FILES.flow, LINE_FILES.directory);
const first = startCall(callFlow, { region: "northwest", now: Date.now() });
const record = (turn: number): SessionRecord => ({ turn, version: callFlow.version, call: first });

/** This run's tag in its Call SIDs, so runs do not meet each other's calls. */
const tag = Math.floor(Math.random() * 0xffff)
  .toString(16)
  .padStart(4, "0");

/** One turn of a call already at turn 1: load it, commit turn 2; its time in ms. */
async function turn(kind: keyof typeof stores, i: number): Promise<number> {
  const store = stores[kind];
  const callSid = `CAwait${tag}${kind}${i.toString(16).padStart(20, "0")}`;
  if ((await store.commit(callSid, record(1), 60, null)) !== undefined) throw new Error(`call ${callSid} existed`);
  const started = performance.now();
  const loaded = await store.load(callSid);
  if (!loaded || !("turn" in loaded)) throw new Error(`call ${callSid} was not stored`);
  const winner = await store.commit(callSid, record(2), 60, loaded.turn);
  if (winner !== undefined) throw new Error(`call ${callSid}: the turn was refused`);
  return performance.now() - started;
}

const times = { without: [] as number[], with: [] as number[] };
for (let i = 0; i < turns; i++)
  for (const kind of i % 2 ? (["with", "without"] as const) : (["without", "with"] as const))
    times[kind].push(await turn(kind, i));
await Promise.all(Object.values(stores).map((s) => s.close()));

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const row = (name: string, values: number[]) =>
  `| ${name} | ${values.length} | ${[0.5, 0.9, 0.99].map((q) => quantile(values, q).toFixed(3)).join(" | ")} | ${Math.max(...values).toFixed(1)} |`;
console.log(
  [
    `${turns} turns each (load + commit), ${url}, ${replicas} replica(s), WAIT 1 ${waitMs}:`,
    "",
    "| writes | turns | p50 ms | p90 ms | p99 ms | max ms |",
    "|---|--:|--:|--:|--:|--:|",
    row("not acknowledged (REDIS_REPLICA_WAIT_MS=0)", times.without),
    row(`acknowledged by a replica (REDIS_REPLICA_WAIT_MS=${waitMs})`, times.with),
    "",
    `Median cost per turn: ${(quantile(times.with, 0.5) - quantile(times.without, 0.5)).toFixed(3)} ms; ` +
      `writes no replica acknowledged in time: ${warnings.filter((w) => w.includes("no replica acknowledged")).length} warning(s).`,
  ].join("\n"),
);
