import { readFileSync } from "node:fs";
import { Redis } from "ioredis";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadConfig } from "../../src/service/config/loadConfig.js";
import { createLogger } from "../../src/service/log/createLogger.js";
import { createStore } from "../../src/service/session/createStore.js";
import type { SessionStore } from "../../src/service/session/sessionStore.js";
import { CapturedLogs, createTestApp, FLOW_FILE, freshCallFlow, type TestApp } from "../support/createTestApp.js";
import { saysOf } from "../support/parseTwiml.js";
import {
  HAS_REDIS_SERVER,
  NO_REDIS_SERVER,
  type RedisProcess,
  type SentinelGroup,
  startSentinelGroup,
  waitUntil,
} from "../support/redisProcesses.js";
import { region, regionKey, UNKNOWN_TO } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import type { Answer, Target } from "../support/twilioRequest.js";

if (!HAS_REDIS_SERVER) console.warn(`test/session/failover.test.ts: the Sentinel failover test is ${NO_REDIS_SERVER}`);

/** The name the Sentinels watch the primary under. */
const MASTER = "member-line";
/** What a caller hears first when a turn fails: the line's apology, in every language it has. */
const APOLOGIES: readonly string[] = Object.values(
  (JSON.parse(readFileSync(FLOW_FILE, "utf8")) as { messages: { apology: Record<string, string | { text: string }> } })
    .messages.apology,
).map((m) => (typeof m === "string" ? m : m.text));
const NORTHWEST = region("northwest");
const COLORADO = region("colorado");
/** Callers placing whole calls at once while the primary dies, and the longest the traffic runs. */
const CALLERS = 3;
const TRAFFIC_LIMIT_MS = 40_000;
/** Whole calls that must go through cleanly after both instances are ready again before the traffic stops. */
const CLEAN_CALLS_AFTER = 6;

/** One webhook of the traffic: when it was sent, how long it took, and whether the caller heard the apology. */
interface TurnSample {
  readonly at: number;
  readonly ms: number;
  readonly safe: boolean;
}

const apologised = (answer: Answer) => APOLOGIES.includes(saysOf(answer.nodes)[0] ?? "");

/**
 * Redis as a health plan runs it: a primary, a replica and three Sentinels (Debian's redis-server on
 * loopback ports), two instances of the line on them configured as `npm start` would be (REDIS_SENTINELS,
 * REDIS_SENTINEL_MASTER; WAIT on by default). Whole calls alternate between the instances while the primary
 * is killed with SIGKILL.
 */
describe.skipIf(!HAS_REDIS_SERVER)(
  HAS_REDIS_SERVER ? "Sentinel failover" : `Sentinel failover [${NO_REDIS_SERVER}]`,
  () => {
    let redis: SentinelGroup;
    const storeLogs = new CapturedLogs();
    let stores: SessionStore[] = [];
    let a: TestApp;
    let b: TestApp;

    beforeAll(async () => {
      redis = await startSentinelGroup(MASTER, 1_000);
      const config = loadConfig({
        ALLOW_UNSIGNED_WEBHOOKS: "1",
        SESSION_STORE: "redis",
        REDIS_SENTINELS: redis.addresses,
        REDIS_SENTINEL_MASTER: MASTER,
      });
      expect(config.REDIS_REPLICA_WAIT_MS).toBe(100);
      const logger = createLogger("info", storeLogs);
      stores = [await createStore(config, logger), await createStore(config, logger)];
      for (const store of stores)
        await waitUntil("the store reaches the primary", () => store.ping().then(() => true), 5_000);
      [a, b] = stores.map((store) => createTestApp({ store, callFlow: freshCallFlow() })) as [TestApp, TestApp];
    }, 60_000);

    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()));
      await redis?.stop();
    });

    test("SIGKILL of the primary: every webhook answered, calls in progress go on, both instances ready again", async () => {
      const inProgress = await beginCalls(a, b);
      // What the callers were answered for is on the replica already: every write was acknowledged.
      const key = `ivr:call:${inProgress.calls[0]?.callSid}`;
      expect(await redis.replica.command("GET", key)).toBe(await redis.primary.command("GET", key));
      expect(storeLogs.text()).not.toContain("no replica acknowledged");

      const switched = watchForSwitch(redis.sentinels[0] as RedisProcess);
      const killedAt = performance.now();
      await redis.primary.kill("SIGKILL");
      const { samples, readyAt, cleanAfterReady } = await runTraffic(a, b, killedAt);
      const switchedAt = await switched;

      // Every call begun after both instances were ready routed as before, and the calls begun before the
      // failover go on where they were, without an apology.
      expect(cleanAfterReady.every(Boolean)).toBe(true);
      await inProgress.goOn();
      // Both instances write to the promoted replica; no replica acknowledges their writes now, which is said.
      expect(await redis.replica.command("ROLE")).toContainEqual("master");
      expect(storeLogs.text()).toContain("no replica acknowledged a write");

      const affected = samples.filter((s) => s.safe || s.ms > 1_000);
      const safe = samples.filter((s) => s.safe);
      const to = affected.length ? Math.max(...affected.map((s) => s.at + s.ms)) : killedAt;
      const longest = Math.max(...samples.map((s) => s.ms));
      const since = (at: number) => seconds(at - killedAt);
      console.info(
        [
          "Sentinel failover (primary SIGKILLed, down-after-milliseconds 1000):",
          `  promoted ${since(switchedAt)} after the kill; both instances ready ${since(readyAt)} after it`,
          `  ${samples.length} webhooks of ${CALLERS} callers' whole calls: all 200 with TwiML; ${safe.length} got the safe answer` +
            (safe.length ? ` (sent ${safe.map((t) => since(t.at)).join(", ")} after the kill)` : ""),
          `  callers affected (safe answer, or an answer slower than 1 s) from ${affected.length ? since(Math.min(...affected.map((s) => s.at))) : "-"} to ${affected.length ? since(to) : "-"} after the kill; longest answer ${seconds(longest)}`,
          `  ${inProgress.calls.length} calls begun before the kill finished without an apology`,
        ].join("\n"),
      );
      // Nothing was affected once both instances were ready, and no answer came near Twilio's 15 s.
      expect(to).toBeLessThanOrEqual(readyAt + 1_000);
      expect(longest).toBeLessThan(5_000);
    }, 90_000);
  },
);

/** `12 345 ms` → `12.3 s`. */
function seconds(ms: number): string {
  return `${(ms / 1_000).toFixed(1)} s`;
}

/** Resolves `performance.now()` when the Sentinel announces a new primary (`+switch-master`). */
function watchForSwitch(sentinel: RedisProcess): Promise<number> {
  const subscriber = new Redis(sentinel.port, "127.0.0.1");
  return new Promise<number>((resolve, reject) => {
    subscriber.on("message", (channel: string) => {
      if (channel !== "+switch-master") return;
      resolve(performance.now());
      subscriber.disconnect();
    });
    subscriber.subscribe("+switch-master").catch(reject);
  });
}

/**
 * Calls in progress, each somewhere else, their last turn answered on one instance and the next one to come
 * on the other: in Spanish, after a wrong key, after choosing a region, and while being transferred.
 * `goOn` plays their next turn and checks it continues where they were, without an apology.
 */
async function beginCalls(a: TestApp, b: TestApp): Promise<{ calls: SimulatedCall[]; goOn(): Promise<void> }> {
  const spanish = new SimulatedCall({ target: a.app, to: NORTHWEST.inbound });
  await spanish.incoming();
  await spanish.press("9", { target: b.app });
  const wrongKey = new SimulatedCall({ target: b.app, to: NORTHWEST.inbound });
  await wrongKey.incoming();
  await wrongKey.press("7", { target: a.app });
  const regionChosen = new SimulatedCall({ target: a.app, to: UNKNOWN_TO });
  await regionChosen.incoming();
  await regionChosen.press(regionKey("northwest"), { target: b.app });
  const dialing = new SimulatedCall({ target: b.app, to: COLORADO.inbound });
  await dialing.incoming();
  await dialing.press("1", { target: a.app });
  expect(dialing.dialed()).toBe(COLORADO.memberServices[0]);
  const calls = [spanish, wrongKey, regionChosen, dialing];
  for (const call of calls) expect(apologised(call.last)).toBe(false);
  return {
    calls,
    async goOn() {
      await spanish.press("3", { target: a.app });
      expect(spanish.dialed()).toBe(NORTHWEST.dials["3"]);
      expect(spanish.says().join(" ")).toMatch(/farmacia|Por favor|Conectando/i);
      await wrongKey.press("7", { target: b.app });
      expect(wrongKey.says()[0]).toBe("Sorry, that is not one of the choices.");
      expect(b.logs.turns(wrongKey.callSid).at(-1)).toMatchObject({ turn: 3, result: "advanced" });
      await regionChosen.press("4", { target: a.app });
      expect(regionChosen.dialed()).toBe(NORTHWEST.dials["4"]);
      await dialing.dialResult("busy", { target: b.app });
      expect(dialing.dialed()).toBe(COLORADO.memberServices[1]);
      for (const call of calls) expect(apologised(call.last)).toBe(false);
    },
  };
}

/**
 * Whole calls, every step on the other instance, from CALLERS callers at once, from the kill until both
 * instances are ready and CLEAN_CALLS_AFTER calls begun after that have ended; whether each of those routed
 * without an apology.
 */
async function runTraffic(
  a: TestApp,
  b: TestApp,
  killedAt: number,
): Promise<{ samples: TurnSample[]; readyAt: number; cleanAfterReady: boolean[] }> {
  let readyAt: number | undefined;
  const samples: TurnSample[] = [];
  const cleanAfterReady: boolean[] = [];
  const watchReady = async () => {
    while (performance.now() - killedAt < TRAFFIC_LIMIT_MS && readyAt === undefined) {
      const statuses = await Promise.all([a, b].map(async (t) => (await request(t.app).get("/healthz")).status));
      if (statuses.every((s) => s === 200)) readyAt = performance.now();
      else await new Promise((r) => setTimeout(r, 50));
    }
  };
  const caller = async (index: number) => {
    for (let n = 0; cleanAfterReady.length < CLEAN_CALLS_AFTER; n++) {
      if (performance.now() - killedAt > TRAFFIC_LIMIT_MS) throw new Error("the line did not recover in time");
      const begunAfterReady = readyAt !== undefined;
      const { turns, routed } = await playWholeCall([a.app, b.app], index + n);
      samples.push(...turns);
      if (begunAfterReady) cleanAfterReady.push(routed && !turns.some((t) => t.safe));
    }
  };
  await Promise.all([watchReady(), ...Array.from({ length: CALLERS }, (_, i) => caller(i))]);
  if (readyAt === undefined) throw new Error("the instances were not ready again in time");
  return { samples, readyAt, cleanAfterReady };
}

/**
 * One whole Northwest call, each webhook on the next instance: the incoming call, 3 for pharmacy, the
 * transfer completed; whatever the line answers, the caller goes where the TwiML says (a safe answer's
 * transfer, then its recovery, which today puts a caller whose transfer completed back in the menu). Every
 * answer must be 200 with valid TwiML.
 */
async function playWholeCall(
  instances: readonly [Target, Target],
  first: number,
): Promise<{ turns: TurnSample[]; routed: boolean }> {
  const turns: TurnSample[] = [];
  let step = first;
  const target = () => instances[step++ % 2] as Target;
  const timed = async (send: () => Promise<Answer>) => {
    const at = performance.now();
    const answer = await send();
    expect(answer.status).toBe(200);
    expect(answer.nodes.length).toBeGreaterThan(0);
    turns.push({ at, ms: performance.now() - at, safe: apologised(answer) });
    return answer;
  };
  const call = new SimulatedCall({ target: target(), to: NORTHWEST.inbound });
  await timed(() => call.incoming());
  let routed = false;
  for (let guard = 0; guard < 16; guard++) {
    const next = call.last.next;
    if (next?.kind === "gather") await timed(() => call.press("3", { target: target() }));
    else if (next?.kind === "dial") {
      routed ||= next.number === NORTHWEST.dials["3"];
      await timed(() => call.dialResult("completed", { target: target() }));
    } else if (next?.kind === "redirect") await timed(() => call.silence({ target: target() }));
    else return { turns, routed };
  }
  throw new Error(`call ${call.callSid} did not end within 16 webhooks:\n${call.last.text}`);
}
