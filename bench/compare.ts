/**
 * Side-by-side comparison of builds of the app (or the floor), for before/after numbers:
 *
 *   npx tsx bench/compare.ts before=path/to/old/index.js after=dist/index.js [floor] [--rounds 3] [--duration 5]
 *   npx tsx bench/compare.ts plain=dist/index.js "semi32=--max-semi-space-size=32 dist/index.js"
 *   npx tsx bench/compare.ts port=dist/index.js portless@portless=dist/index.js
 *
 * A build whose name ends in "@portless" is configured and signed for PUBLIC_BASE_URL
 * https://member-line.bench.test (no port, as a production URL) instead of http://127.0.0.1:<port>.
 * Options: --flow file and --directory file (FLOW_FILE, DIRECTORY_FILE for every build), --warmup S.
 *
 * Each round runs every build in turn (order alternating between rounds), each on a fresh process:
 * incoming calls then one menu choice for each of those calls, at 50 connections, after a warm-up.
 * Prints req/s and the server's CPU time per request (user + system from /proc: less sensitive to
 * the other tenants of a shared machine than the rate is), and each build relative to the first.
 */
import { RequestPool, runLoad } from "./lib/load.js";
import { freePort, send, startServer } from "./lib/servers.js";
import { CallSeries, INCOMING, MENU_CHOICE, newAuthToken } from "./lib/twilio.js";

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
/** A production-like public URL (https, no port): what the app signs against with "@portless". */
export const PORTLESS_BASE_URL = "https://member-line.bench.test";
const rounds = Number(option("rounds") ?? 3);
const durationS = Number(option("duration") ?? 5);
const warmupS = Number(option("warmup") ?? 2);
const files = {
  ...(option("flow") ? { FLOW_FILE: option("flow") as string } : {}),
  ...(option("directory") ? { DIRECTORY_FILE: option("directory") as string } : {}),
};
const builds = argv
  .filter((a, i) => !a.startsWith("--") && !argv[i - 1]?.startsWith("--"))
  .map((a) =>
    a === "floor"
      ? { name: "floor", script: "bench/floorServer.js" }
      : { name: a.slice(0, a.indexOf("=")), script: a.slice(a.indexOf("=") + 1) },
  );
if (builds.length === 0) throw new Error("name at least one build: name=path/to/index.js, or floor");

interface Row {
  readonly build: string;
  readonly round: number;
  readonly incoming: number;
  readonly menu: number;
  readonly incomingCpuUs: number;
  readonly menuCpuUs: number;
}

async function measure(build: { name: string; script: string }, round: number): Promise<Row> {
  const token = newAuthToken();
  const port = await freePort();
  const base = build.name.endsWith("@portless") ? PORTLESS_BASE_URL : `http://127.0.0.1:${port}`;
  const floor = build.name === "floor";
  const server = await startServer(
    {
      name: build.name,
      args: build.script.split(" ").filter(Boolean),
      env: floor
        ? {}
        : { TWILIO_AUTH_TOKEN: token, PUBLIC_BASE_URL: base, LOG_LEVEL: "warn", HOST: "127.0.0.1", ...files },
    },
    port,
  );
  try {
    const incoming = new CallSeries(token, base, "/voice", INCOMING);
    const menu = new CallSeries(token, base, "/voice/turn?t=1", MENU_CHOICE, incoming.tag);
    await send(port, incoming.request(0));
    const load = { port, connections: 50, serverPid: server.child.pid ?? 0 };
    const calls = new RequestPool(incoming, Number.POSITIVE_INFINITY, 1);
    const a = await runLoad({ ...load, warmupS, durationS, pool: calls });
    // More calls, so the menu choices (warm-up included) have a fresh session each even if they go faster.
    await runLoad({ ...load, durationS: 60, amount: Math.ceil(calls.used * 0.6), pool: calls });
    await new Promise((r) => setTimeout(r, 200));
    const choices = new RequestPool(menu, floor ? Number.POSITIVE_INFINITY : calls.next, 1);
    const b = await runLoad({ ...load, warmupS, durationS, pool: choices });
    if (choices.overrun > 0) throw new Error(`${build.name}: ${choices.overrun} menu choices had no session`);
    const cpuUs = (r: typeof a) => (r.serverCpu / r.rps) * 1e6;
    return { build: build.name, round, incoming: a.rps, menu: b.rps, incomingCpuUs: cpuUs(a), menuCpuUs: cpuUs(b) };
  } finally {
    await server.stop();
  }
}

const rows: Row[] = [];
for (let round = 1; round <= rounds; round++) {
  const order = round % 2 ? builds : [...builds].reverse();
  for (const build of order) {
    const row = await measure(build, round);
    rows.push(row);
    console.error(
      `round ${round} ${row.build}: incoming ${row.incoming.toFixed(0)} req/s (${row.incomingCpuUs.toFixed(0)} µs CPU), menu ${row.menu.toFixed(0)} req/s (${row.menuCpuUs.toFixed(0)} µs CPU)`,
    );
  }
}

const med = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const first = builds[0]?.name;
console.log(
  "| build | incoming req/s | menu req/s | calls/s | incoming CPU µs/req | menu CPU µs/req | calls/s vs " +
    first +
    " (per-round median) |",
);
console.log("|---|--:|--:|--:|--:|--:|--:|");
for (const build of builds) {
  const mine = rows.filter((r) => r.build === build.name);
  const calls = (r: Row) => 1 / (1 / r.incoming + 1 / r.menu);
  const rel = mine.map((r) => {
    const base = rows.find((x) => x.round === r.round && x.build === first);
    return base ? calls(r) / calls(base) : Number.NaN;
  });
  console.log(
    `| ${build.name} | ${med(mine.map((r) => r.incoming)).toFixed(0)} | ${med(mine.map((r) => r.menu)).toFixed(0)} | ${med(mine.map(calls)).toFixed(0)} | ${med(mine.map((r) => r.incomingCpuUs)).toFixed(0)} | ${med(mine.map((r) => r.menuCpuUs)).toFixed(0)} | ${(med(rel) * 100).toFixed(0)}% |`,
  );
}
