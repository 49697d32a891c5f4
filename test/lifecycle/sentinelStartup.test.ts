import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { HAS_REDIS_SERVER, NO_REDIS_SERVER, RedisProcess } from "../support/redisProcesses.js";
import { closedPort } from "../support/tcpProxy.js";
import { freePort, killStartedServers, startServer, waitForOutput } from "./spawnServer.js";

afterEach(killStartedServers);

const MASTER = "member-line";

describe("src/index.ts on Redis through Sentinels", () => {
  test("a bad list of Sentinels stops the start, naming REDIS_SENTINELS", async () => {
    const run = startServer({
      ALLOW_UNSIGNED_WEBHOOKS: "1",
      SESSION_STORE: "redis",
      REDIS_SENTINELS: "127.0.0.1",
      REDIS_SENTINEL_MASTER: MASTER,
    });
    expect((await run.exited).code).toBe(1);
    expect(run.output()).toMatch(/✖ REDIS_SENTINELS: "127\.0\.0\.1" is not a Sentinel's host:port/);
  });

  test("Sentinels unreachable at start: the warning names them (no password), /healthz is 503", async () => {
    const [port, s1, s2] = [await freePort(), await closedPort(), await closedPort()];
    const run = startServer({
      ALLOW_UNSIGNED_WEBHOOKS: "1",
      PORT: String(port),
      SESSION_STORE: "redis",
      REDIS_SENTINELS: `127.0.0.1:${s1},127.0.0.1:${s2}`,
      REDIS_SENTINEL_MASTER: MASTER,
      REDIS_PASSWORD: "hunter2",
      REDIS_SENTINEL_PASSWORD: "hunter3",
    });
    await waitForOutput(run, /member line listening/);
    expect(run.output()).toContain(
      `Redis at master ${MASTER} via Sentinels 127.0.0.1:${s1},127.0.0.1:${s2} is not reachable yet`,
    );
    expect(run.output()).not.toMatch(/hunter/);
    const ready = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(ready.status).toBe(503);
    run.child.kill("SIGTERM");
    expect((await run.exited).code).toBe(0);
  });

  describe.skipIf(!HAS_REDIS_SERVER)(HAS_REDIS_SERVER ? "with a primary and a Sentinel" : NO_REDIS_SERVER, () => {
    let primary: RedisProcess;
    let sentinel: RedisProcess;
    beforeAll(async () => {
      primary = await RedisProcess.server();
      sentinel = await RedisProcess.sentinel({
        master: MASTER,
        primaryPort: primary.port,
        quorum: 1,
        downAfterMs: 1_000,
        failoverTimeoutMs: 3_000,
      });
    });
    afterAll(async () => {
      await sentinel?.stop();
      await primary?.stop();
    });

    test("the server finds the primary through the Sentinel and is ready; writes wait 100 ms for a replica", async () => {
      const port = await freePort();
      const run = startServer({
        ALLOW_UNSIGNED_WEBHOOKS: "1",
        PORT: String(port),
        SESSION_STORE: "redis",
        REDIS_SENTINELS: `127.0.0.1:${sentinel.port}`,
        REDIS_SENTINEL_MASTER: MASTER,
      });
      await waitForOutput(run, /member line listening/);
      expect(run.output()).toContain(`"redis":"master ${MASTER} via Sentinels 127.0.0.1:${sentinel.port}"`);
      expect(run.output()).toContain('"replicaWaitMs":100');
      // The call-backs are queued on the same primary (not in this process's memory).
      expect(run.output()).toContain('"callbacks":"on (queue redis, worker on)"');
      expect(run.output()).not.toContain("is not reachable yet");
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      run.child.kill("SIGTERM");
      expect((await run.exited).code).toBe(0);
    });
  });
});
