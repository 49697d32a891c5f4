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
import { HAS_REDIS_SERVER, NO_REDIS_SERVER, RedisProcess, waitUntil } from "../support/redisProcesses.js";
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
    let primary: RedisProcess;
    let replica: RedisProcess;
    let sentinels: RedisProcess[];
    const storeLogs = new CapturedLogs();
    let stores: SessionStore[] = [];
    let a: TestApp;
    let b: TestApp;

    beforeAll(async () => {
      // No delay before a replica's first sync (the default waits 5 s for more replicas).
      primary = await RedisProcess.server(["--repl-diskless-sync-delay", "0"]);
      replica = await RedisProcess.server([
        "--replicaof",
        "127.0.0.1",
        String(primary.port),
        "--repl-diskless-sync-delay",
        "0",
      ]);
      sentinels = await Promise.all(
        [1, 2, 3].map(() =>
          RedisProcess.sentinel({
            master: MASTER,
            primaryPort: primary.port,
            quorum: 2,
            downAfterMs: 1_000,
            failoverTimeoutMs: 3_000,
          }),
        ),
      );
      await waitUntil("the replica acknowledges the primary's writes", () => primary.acknowledgedByReplica(), 10_000);
      await waitUntil(
        "every Sentinel knows the replica and the two other Sentinels",
        async () => {
          for (const s of sentinels) {
            const replicas = (await s.command("SENTINEL", "REPLICAS", MASTER)) as unknown[];
            const others = (await s.command("SENTINEL", "SENTINELS", MASTER)) as unknown[];
            if (replicas.length < 1 || others.length < 2) return false;
          }
          return true;
        },
        15_000,
        100,
      );
      const config = loadConfig({
        ALLOW_UNSIGNED_WEBHOOKS: "1",
        SESSION_STORE: "redis",
        REDIS_SENTINELS: sentinels.map((s) => `127.0.0.1:${s.port}`).join(","),
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
      await Promise.all([primary, replica, ...(sentinels ?? [])].filter(Boolean).map((p) => p.stop()));
    });

    test("SIGKILL of the primary: every webhook answered, calls in progress go on, both instances ready again", async () => {
      // Calls in progress, each somewhere else, their last turn answered (and acknowledged) before the kill.
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
      const inProgress = [spanish, wrongKey, regionChosen, dialing];
      for (const call of inProgress) expect(apologised(call.last)).toBe(false);
      // What the callers were answered for is on the replica already.
      const onReplica = await replica.command("GET", `ivr:call:${dialing.callSid}`);
      expect(onReplica).toBe(await primary.command("GET", `ivr:call:${dialing.callSid}`));

      expect(storeLogs.text()).not.toContain("no replica acknowledged");

      const switched = watchForSwitch(sentinels[0] as RedisProcess);
      const killedAt = performance.now();
      await primary.kill("SIGKILL");

      // Whole calls, every step on the other instance, from CALLERS callers at once, until both instances
      // are ready and CLEAN_CALLS_AFTER calls begun after that went through.
      let readyAt: number | undefined;
      const samples: TurnSample[] = [];
      const cleanAfterReady: boolean[] = [];
      const watchReady = (async () => {
        while (performance.now() - killedAt < TRAFFIC_LIMIT_MS && readyAt === undefined) {
          const statuses = await Promise.all([a, b].map(async (t) => (await request(t.app).get("/healthz")).status));
          if (statuses.every((s) => s === 200)) readyAt = performance.now();
          else await new Promise((r) => setTimeout(r, 50));
        }
      })();
      await Promise.all(
        Array.from({ length: CALLERS }, async (_, caller) => {
          for (let n = 0; cleanAfterReady.length < CLEAN_CALLS_AFTER; n++) {
            if (performance.now() - killedAt > TRAFFIC_LIMIT_MS) throw new Error("the line did not recover in time");
            const begunAfterReady = readyAt !== undefined;
            const { turns, routed } = await playWholeCall([a.app, b.app], caller + n);
            samples.push(...turns);
            if (begunAfterReady) cleanAfterReady.push(routed && !turns.some((t) => t.safe));
          }
        }),
      );
      await watchReady;
      const switchedAt = await switched;

      // Every call begun after both instances were ready routed as before.
      expect(cleanAfterReady.every(Boolean)).toBe(true);
      // The calls begun before the failover go on where they were, without an apology.
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
      for (const call of inProgress) expect(apologised(call.last)).toBe(false);

      // Both instances write to the promoted replica; no replica acknowledges its writes now, which is said.
      expect(await replica.command("ROLE")).toContainEqual("master");
      expect(storeLogs.text()).toContain("no replica acknowledged a write");

      const affected = samples.filter((s) => s.safe || s.ms > 1_000);
      const safe = samples.filter((s) => s.safe);
      const from = affected.length ? Math.min(...affected.map((s) => s.at)) : killedAt;
      const to = affected.length ? Math.max(...affected.map((s) => s.at + s.ms)) : killedAt;
      const longest = Math.max(...samples.map((s) => s.ms));
      console.info(
        [
          "Sentinel failover (primary SIGKILLed, down-after-milliseconds 1000):",
          `  promoted ${ms(switchedAt - killedAt)} after the kill; both instances ready ${ms((readyAt ?? Number.NaN) - killedAt)} after it`,
          `  ${samples.length} webhooks of ${CALLERS} callers' whole calls: all 200 with TwiML; ${safe.length} got the safe answer` +
            (safe.length ? ` (sent ${safe.map((t) => ms(t.at - killedAt)).join(", ")} after the kill)` : ""),
          `  callers affected (safe answer, or an answer slower than 1 s) from ${ms(from - killedAt)} to ${ms(to - killedAt)} after the kill; longest answer ${ms(longest)}`,
          `  ${inProgress.length} calls begun before the kill finished without an apology`,
        ].join("\n"),
      );
      // Nothing was affected once both instances were ready, and no answer came near Twilio's 15 s.
      expect(to).toBeLessThanOrEqual((readyAt ?? Number.POSITIVE_INFINITY) + 1_000);
      expect(longest).toBeLessThan(5_000);
    }, 90_000);
  },
);

/** `12 345 ms` → `12.3 s`. */
function ms(value: number): string {
  return `${(value / 1_000).toFixed(1)} s`;
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
