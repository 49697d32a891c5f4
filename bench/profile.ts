/**
 * CPU profile of the app under the bench's load: `node --cpu-prof dist/index.js` (memory store,
 * signatures checked, LOG_LEVEL=warn) takes incoming calls, then a menu choice for each of those
 * calls, at 50 connections; then the profile is summarised by origin and by function.
 *
 *   npm run build && npx tsx bench/profile.ts [--app dist/index.js | --floor] [--seconds 8] [--flow f] [--directory f]
 *
 * The .cpuprofile is kept in node_modules/.cache/bench-results/ (open it in Chrome DevTools or speedscope).
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { formatProfile, summarizeProfile } from "./lib/cpuprofile.js";
import { RequestPool, runLoad } from "./lib/load.js";
import { freePort, send, startServer } from "./lib/servers.js";
import { CallSeries, INCOMING, MENU_CHOICE, newAuthToken } from "./lib/twilio.js";

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const floor = argv.includes("--floor");
const app = floor ? "bench/floorServer.js" : (option("app") ?? "dist/index.js");
const seconds = Number(option("seconds") ?? 8);
const dir = join("node_modules", ".cache", "bench-results", `profile-${Date.now()}`);
mkdirSync(dir, { recursive: true });

const token = newAuthToken();
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = await startServer(
  {
    name: "app",
    args: ["--cpu-prof", `--cpu-prof-dir=${dir}`, app],
    env: floor
      ? {}
      : {
          TWILIO_AUTH_TOKEN: token,
          PUBLIC_BASE_URL: base,
          LOG_LEVEL: "warn",
          HOST: "127.0.0.1",
          ...(option("flow") ? { FLOW_FILE: option("flow") as string } : {}),
          ...(option("directory") ? { DIRECTORY_FILE: option("directory") as string } : {}),
        },
  },
  port,
);
const incoming = new CallSeries(token, base, "/voice", INCOMING);
const menu = new CallSeries(token, base, "/voice/turn?t=1", MENU_CHOICE, incoming.tag);
const first = await send(port, incoming.request(0));
if (first.status !== 200) throw new Error(`the app answered ${first.status}: ${first.body}`);
const load = { port, connections: 50, serverPid: server.child.pid ?? 0 };
const calls = new RequestPool(incoming, Number.POSITIVE_INFINITY, 1);
const inResult = await runLoad({ ...load, durationS: seconds, pool: calls });
await new Promise((r) => setTimeout(r, 200));
const choices = new RequestPool(menu, calls.next, 1);
// One choice per call made above, so every one is a real turn.
const menuResult = await runLoad({ ...load, durationS: seconds, amount: calls.used, pool: choices });
await server.stop();

const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error(`no profile written in ${dir}`);
const kept = join(dir, `${app.replace(/[/.]/g, "_")}.cpuprofile`);
renameSync(join(dir, file), kept);
console.log(
  `${app}: incoming ${inResult.rps.toFixed(0)} req/s, menu ${menuResult.rps.toFixed(0)} req/s (${choices.overrun} choices past the sessions) under --cpu-prof`,
);
console.log(`profile: ${kept}\n`);
const summary = summarizeProfile(kept, 30);
const requests = inResult.requests + menuResult.requests;
console.log(`busy CPU per request: ${((summary.busyMs * 1000) / requests).toFixed(0)} µs over ${requests} requests\n`);
console.log(formatProfile(summary));
if (argv.includes("--discard")) rmSync(dir, { recursive: true });
