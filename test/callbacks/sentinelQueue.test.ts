import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createCallbackQueue } from "../../src/service/callbacks/createCallbackQueue.js";
import { type Config, loadConfig } from "../../src/service/config/loadConfig.js";
import { createLogger } from "../../src/service/log/createLogger.js";
import { simulateCall } from "../../src/tools/emulator/simulateCall.js";
import { killStartedServers, startServer, waitForOutput } from "../lifecycle/spawnServer.js";
import {
  MEMBER,
  MONDAY_8AM,
  NORTHWEST,
  SATURDAY_10AM,
  startCallbackInstance,
  waitFor,
} from "../support/callbackLine.js";
import { CapturedLogs } from "../support/createTestApp.js";
import {
  HAS_REDIS_SERVER,
  NO_REDIS_SERVER,
  type SentinelGroup,
  startSentinelGroup,
  waitUntil,
} from "../support/redisProcesses.js";

if (!HAS_REDIS_SERVER)
  console.warn(`test/callbacks/sentinelQueue.test.ts: the Sentinel queue tests are ${NO_REDIS_SERVER}`);

afterEach(killStartedServers);

/** The name the Sentinels watch the primary under. */
const MASTER = "member-line-callbacks";
/** The queue's keys, as the service names them (prefix `member-line`, queue `callbacks`). */
const QUEUE_KEYS = "member-line:callbacks";
/** BullMQ names a worker's connections `<prefix>:<base64 of the queue's name>`. */
const WORKER_CLIENT = `name=member-line:${Buffer.from("callbacks").toString("base64")}`;
const press = (digits: string) => ({ kind: "press" as const, digits });

/** `npm run callbacks -- <args>` with `env` only; resolves what it printed and its exit code. */
async function runCallbacksCli(env: Record<string, string>, args: readonly string[]) {
  const run = startServer(env, { entry: "src/tools/cli/callbacks.ts", args });
  const { code } = await run.exited;
  return { code, output: run.output() };
}

describe("the call-back worker and the operator's CLI: bad Redis settings stop them, naming the variable", () => {
  const BAD = { SESSION_STORE: "redis", REDIS_SENTINELS: "127.0.0.1:26379" };

  test("npm run worker", async () => {
    const run = startServer({ ALLOW_UNSIGNED_WEBHOOKS: "1", ...BAD }, { entry: "src/worker.ts" });
    expect((await run.exited).code).toBe(1);
    expect(run.output()).toContain("call-back worker cannot start.");
    expect(run.output()).toMatch(/✖ REDIS_SENTINEL_MASTER: is required with REDIS_SENTINELS/);
  });

  test("npm run callbacks -- list", async () => {
    const { code, output } = await runCallbacksCli(BAD, ["list"]);
    expect(code).toBe(1);
    expect(output).toMatch(/✖ REDIS_SENTINEL_MASTER: is required with REDIS_SENTINELS/);
  });
});

describe("with the memory store, the operator's CLI refuses: the queue is the server's own", () => {
  test("npm run callbacks -- list", async () => {
    const { code, output } = await runCallbacksCli({ ALLOW_UNSIGNED_WEBHOOKS: "1", SESSION_STORE: "memory" }, ["list"]);
    expect(code).toBe(1);
    expect(output).toContain("SESSION_STORE=memory: the call-backs are queued in the server's own memory");
    // Never "No call-backs queued.": it would be this process's own, empty queue.
    expect(output).not.toContain("No call-backs queued");
  });
});

/**
 * The queue on a primary, its replica and three Sentinels (redis-server on loopback ports), configured as
 * `npm start`, `npm run worker` and `npm run callbacks` read it: SESSION_STORE=redis, REDIS_SENTINELS,
 * REDIS_SENTINEL_MASTER. The primary is killed with SIGKILL while a call-back waits for the opening.
 */
describe.skipIf(!HAS_REDIS_SERVER)(
  HAS_REDIS_SERVER
    ? "the call-back queue through Sentinels"
    : `the call-back queue through Sentinels [${NO_REDIS_SERVER}]`,
  () => {
    let redis: SentinelGroup;
    let env: Record<string, string>;
    let config: Config;

    beforeAll(async () => {
      redis = await startSentinelGroup(MASTER, 1_000);
      env = { SESSION_STORE: "redis", REDIS_SENTINELS: redis.addresses, REDIS_SENTINEL_MASTER: MASTER };
      config = loadConfig({ ALLOW_UNSIGNED_WEBHOOKS: "1", ...env });
    }, 60_000);

    afterAll(async () => {
      await redis?.stop();
    });

    test("npm run worker finds the primary through the Sentinels and waits on its queue there", async () => {
      // Run before any call-back is queued: the worker's clock is the real one.
      const run = startServer({ ALLOW_UNSIGNED_WEBHOOKS: "1", ...env }, { entry: "src/worker.ts" });
      await waitForOutput(run, /call-back worker running/);
      await waitUntil(
        "the worker's connection on the primary",
        async () => String(await redis.primary.command("CLIENT", "LIST")).includes(WORKER_CLIENT),
        10_000,
      );
      expect(run.output()).not.toContain("is not reachable");
      run.child.kill("SIGTERM");
      expect((await run.exited).code).toBe(0);
    }, 30_000);

    test("a call-back requested survives the primary's failover and is placed once, at its time", async () => {
      const clock = { now: SATURDAY_10AM };
      const logs = new CapturedLogs();
      const queue = createCallbackQueue(config, { clock: () => clock.now, logger: createLogger("info", logs) });
      const instance = await startCallbackInstance({ queue, clock, logs });
      try {
        await simulateCall(instance.line, { to: NORTHWEST, from: MEMBER, inputs: ["1", "5", "1"].map(press) });
        const [queued] = await queue.list();
        expect(queued).toMatchObject({
          team: "memberServices",
          region: "northwest",
          lastDigits: "0123",
          due: MONDAY_8AM,
        });
        const id = queued?.id as string;
        // On the primary the Sentinels name, and copied to the replica before the primary dies.
        expect(await redis.primary.command("EXISTS", `${QUEUE_KEYS}:cb:record:${id}`)).toBe(1);
        await waitUntil("the replica has every write", () => redis.primary.acknowledgedByReplica(), 5_000);
        expect(await redis.replica.command("EXISTS", `${QUEUE_KEYS}:cb:record:${id}`)).toBe(1);
        expect(await redis.replica.command("ZCARD", `${QUEUE_KEYS}:delayed`)).toBe(1);

        await redis.primary.kill("SIGKILL");
        await waitUntil(
          "the replica promoted",
          async () => ((await redis.replica.command("ROLE")) as unknown[])[0] === "master",
          20_000,
          100,
        );
        // The same queue, reconnected to the new primary, and a process started now, both find it pending.
        await waitUntil("the queue lists it again", async () => (await queue.list()).length === 1, 10_000);
        const listed = await runCallbacksCli(env, ["list", "--json"]);
        expect(listed.code, listed.output).toBe(0);
        expect(JSON.parse(/^\[$[\s\S]*?^\]$/m.exec(listed.output)?.[0] ?? "null")).toMatchObject([
          { id, team: "memberServices", number: "***0123", attempts: 0, placed: false },
        ]);

        // Not before its time; at its time, once, by the worker that ran through the failover.
        clock.now = MONDAY_8AM - 60_000;
        await new Promise((r) => setTimeout(r, 500));
        expect(instance.standIn.calls).toEqual([]);
        clock.now = MONDAY_8AM;
        await waitFor("the call-back placed on the new primary", () => instance.standIn.calls.length === 1, 15_000);
        await instance.standIn.idle();
        await new Promise((r) => setTimeout(r, 500));
        expect(instance.standIn.calls).toHaveLength(1);
        expect(instance.standIn.calls[0]?.transcript?.outcome).toMatchObject({ kind: "transferred" });
        const steps = logs.entries().flatMap((e) => (e.msg === "callback" ? [String(e.step)] : []));
        expect(steps).toEqual(["placed", "answered"]);
        expect(await queue.list()).toEqual([]);
        expect(await redis.replica.command("EXISTS", `${QUEUE_KEYS}:cb:record:${id}`)).toBe(0);
        // The connections lost to the failover were said, and never as a crash.
        expect(logs.text()).toContain("call-back queue: Redis at master member-line-callbacks via Sentinels");
      } finally {
        await instance.close();
        await queue.close();
      }
    }, 60_000);
  },
);
