import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, describe, expect, test } from "vitest";
import { RedisCallbackQueue } from "../../src/service/callbacks/redisQueue.js";
import { createCallbackKey } from "../../src/service/callbacks/sealNumber.js";
import { EMULATOR_ACCOUNT_SID } from "../../src/tools/emulator/callParams.js";
import { simulateCall } from "../../src/tools/emulator/simulateCall.js";
import {
  MEMBER,
  MONDAY_8AM,
  NORTHWEST,
  SATURDAY_10AM,
  startCallbackInstance,
  waitFor,
} from "../support/callbackLine.js";
import { REDIS_URL, redisSuite, uniquePrefix, warnIfRedisSkipped } from "../support/redis.js";

warnIfRedisSkipped("test/callbacks/killedWorker.test.ts");

const MINUTE = 60_000;
const redis = REDIS_URL ? new Redis(REDIS_URL) : undefined;
const prefix = uniquePrefix("cb-killed").replace(/:$/, "");
let child: ChildProcess | undefined;
afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  const keys = await redis?.keys(`${prefix}:*`);
  if (keys && keys.length > 0) await redis?.del(...keys);
  await redis?.quit();
});

describe.skipIf(!REDIS_URL)(redisSuite("a worker killed with a due call-back"), () => {
  test("another worker places it, once", { timeout: 60_000 }, async () => {
    const clock = { now: SATURDAY_10AM };
    const key = createCallbackKey();
    const queue = new RedisCallbackQueue({
      target: { kind: "url", url: REDIS_URL as string },
      redis: redis as Redis,
      prefix,
      keepSeconds: 3_600,
      lockMs: 1_000,
      now: () => clock.now,
    });
    const survivor = await startCallbackInstance({ queue, clock, key, worker: false });
    try {
      await simulateCall(survivor.line, {
        to: NORTHWEST,
        from: MEMBER,
        inputs: [1, 5, 1].map((k) => ({ kind: "press" as const, digits: String(k) })),
      });

      // Where the doomed worker sends its request: it arrives, and is never answered.
      const received: string[] = [];
      const blackHole = http.createServer((req) => void received.push(req.url ?? ""));
      blackHole.listen(0, "127.0.0.1");
      await new Promise((r) => blackHole.once("listening", r));
      const api = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
      child = spawn(process.execPath, ["--import", "tsx", "test/callbacks/fixtures/dueWorker.ts"], {
        env: {
          ...process.env,
          CB_NOW: String(MONDAY_8AM),
          CB_REDIS_URL: REDIS_URL,
          CB_PREFIX: prefix,
          CB_KEY: key.toString("hex"),
          CB_ACCOUNT: EMULATOR_ACCOUNT_SID,
          CB_TOKEN: "0".repeat(32),
          CB_API: api,
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let output = "";
      child.stdout?.on("data", (d: Buffer) => {
        output += String(d);
      });
      await waitFor("the doomed worker to send its request", () => received.length === 1, 30_000);
      child.kill("SIGKILL");
      await new Promise((r) => child?.once("exit", r));
      blackHole.closeAllConnections();
      blackHole.close();
      // Killed mid-job: its request left, its answer never came.
      expect(output).toContain("worker ready");
      expect(output).not.toContain('"step":"placed"');

      // The survivor takes over: the stalled job is claimed already; the try's check counts it as not answered.
      clock.now = MONDAY_8AM;
      survivor.startWorker();
      await new Promise((r) => setTimeout(r, 2_500));
      expect(survivor.standIn.calls).toEqual([]);
      clock.now = MONDAY_8AM + 5 * MINUTE;
      await waitFor("the try counted as not answered", () =>
        survivor.logs.entries().some((e) => e.msg === "callback" && e.step === "retried"),
      );
      clock.now = MONDAY_8AM + 25 * MINUTE;
      await waitFor("the call-back placed by the survivor", () => survivor.standIn.calls.length === 1);
      await survivor.standIn.idle();
      await new Promise((r) => setTimeout(r, 500));
      expect(survivor.standIn.calls).toHaveLength(1);
      expect(survivor.standIn.calls[0]?.transcript?.outcome).toMatchObject({ kind: "transferred" });
      expect(received).toHaveLength(1);
      expect(await survivor.desk.queue.list()).toEqual([]);
    } finally {
      await survivor.close();
      await queue.close();
    }
  });
});
