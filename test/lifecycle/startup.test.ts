import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { exitWithin, freePort, killStartedServers, startServer, TOKEN, waitForOutput } from "./spawnServer.js";

afterEach(killStartedServers);

const dir = mkdtempSync(join(tmpdir(), "member-line-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const brokenFlow = join(dir, "broken-flow.json");
writeFileSync(brokenFlow, '{\n  "languages": {\n    "en": {"voice": "x",}\n  }\n}\n');

const PRODUCTION = { TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: "https://ivr.example.org" };

describe("src/index.ts refuses to start on bad configuration, naming the variable or file", () => {
  test.each([
    [{}, /TWILIO_AUTH_TOKEN: is not set/],
    [{ ...PRODUCTION, PORT: "abc" }, /PORT:/],
    [{ ...PRODUCTION, PORT: "" }, /PORT: must be a port from 1 to 65535/],
    [{ ...PRODUCTION, PORT: "0" }, /PORT: must be a port from 1 to 65535/],
    [{ TWILIO_AUTH_TOKEN: TOKEN, PORT: "3000" }, /PUBLIC_BASE_URL: is required when TWILIO_AUTH_TOKEN is set/],
    [{ ...PRODUCTION, FLOW_FILE: "flows/missing.json" }, /flows\/missing\.json: cannot be read/],
    [{ ...PRODUCTION, DIRECTORY_FILE: "package.json" }, /package\.json is invalid/],
    [{ ...PRODUCTION, FLOW_FILE: brokenFlow }, /broken-flow\.json: is not valid JSON at line 3, column 25/],
  ])("%j", async (env, message) => {
    const run = startServer(env);
    expect((await run.exited).code).toBe(1);
    expect(run.output()).toMatch(/member-line cannot start/);
    expect(run.output()).toMatch(message);
  });
});

describe("src/index.ts exits at once, non-zero, when it cannot listen", () => {
  let taken: Server;
  afterAll(() => new Promise((r) => taken.close(r)));

  test.each([
    ["the port is already in use", async () => ({ PORT: String(await holdPort()) }), /EADDRINUSE.*set PORT/s],
    [
      "the machine has no such address",
      async () => ({ PORT: String(await freePort()), HOST: "192.0.2.1" }),
      /192\.0\.2\.1.*EADDRNOTAVAIL.*Set HOST/s,
    ],
  ])("%s", async (_name, env, reason) => {
    const run = startServer({ ALLOW_UNSIGNED_WEBHOOKS: "1", ...(await env()) });
    const exit = await exitWithin(run, 10_000);
    expect(exit).not.toBe("still running");
    expect(exit).toMatchObject({ code: 1 });
    expect(run.output()).toMatch(/member-line cannot start/);
    expect(run.output()).toMatch(reason);
    expect(run.output()).not.toMatch(/member line listening/);
  });

  /** Listens on a free port of 127.0.0.1 and returns it. */
  async function holdPort(): Promise<number> {
    taken = createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", r));
    return (taken.address() as { port: number }).port;
  }
});

describe("src/index.ts serves and stops", () => {
  test("announces loudly when signatures are off, serves, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const run = startServer({ ALLOW_UNSIGNED_WEBHOOKS: "1", PORT: String(port) });
    await waitForOutput(run, /member line listening/);
    expect(run.output()).toMatch(/signatures are NOT checked/);
    expect(run.output()).toContain(`"port":${port}`);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    run.child.kill("SIGTERM");
    expect((await run.exited).code).toBe(0);
    expect(run.output()).toMatch(/"how":"clean".*"msg":"stopped"/);
  });

  test("warns when signatures are checked against the Host header (ALLOW_HOST_HEADER_URL=1)", async () => {
    const run = startServer({ TWILIO_AUTH_TOKEN: TOKEN, ALLOW_HOST_HEADER_URL: "1", PORT: String(await freePort()) });
    await waitForOutput(run, /member line listening/);
    expect(run.output()).toMatch(/ALLOW_HOST_HEADER_URL is set: signatures are checked against the Host header/);
    run.child.kill("SIGTERM");
    expect((await run.exited).code).toBe(0);
  });

  test("cuts a client trickling its headers within about 6 s, and refuses connections past MAX_CONNECTIONS", async () => {
    const port = await freePort();
    const run = startServer({ ALLOW_UNSIGNED_WEBHOOKS: "1", PORT: String(port), MAX_CONNECTIONS: "2" });
    await waitForOutput(run, /member line listening/);
    const opened = performance.now();
    const slow = connect(port, "127.0.0.1");
    let answer = "";
    slow.on("data", (d) => {
      answer += String(d);
    });
    slow.on("error", () => {});
    const slowClosed = new Promise<number>((r) => slow.on("close", () => r(performance.now() - opened)));
    slow.write("POST /voice HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    const trickle = setInterval(() => slow.writable && slow.write("a"), 250);
    const idle = connect(port, "127.0.0.1");
    idle.on("error", () => {});
    await new Promise((r) => setTimeout(r, 300));
    const third = connect(port, "127.0.0.1");
    third.on("error", () => {});
    const thirdClosed = await Promise.race([
      new Promise<boolean>((r) => third.on("close", () => r(true))),
      new Promise<boolean>((r) => setTimeout(r, 2_000, false)),
    ]);
    expect(thirdClosed).toBe(true);
    const slowMs = await Promise.race([slowClosed, new Promise<number>((r) => setTimeout(r, 9_000, Infinity))]);
    clearInterval(trickle);
    for (const s of [slow, idle, third]) s.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(slowMs).toBeLessThan(7_000);
    expect(run.output()).toContain("connection refused: MAX_CONNECTIONS connections are open");
  });

  test("Redis unreachable at start: the warning names the URL (password hidden) and the cause; /healthz is 503, /healthz/live 200", async () => {
    const [port, redisPort] = [await freePort(), await freePort()];
    const run = startServer({
      ALLOW_UNSIGNED_WEBHOOKS: "1",
      PORT: String(port),
      SESSION_STORE: "redis",
      REDIS_URL: `redis://:hunter2@127.0.0.1:${redisPort}`,
    });
    await waitForOutput(run, /member line listening/);
    expect(run.output()).toContain(`Redis at redis://:***@127.0.0.1:${redisPort} is not reachable yet`);
    expect(run.output()).toContain(`connect ECONNREFUSED 127.0.0.1:${redisPort}`);
    expect(run.output()).not.toContain("hunter2");
    const ready = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "unavailable", store: "unreachable", lastReloadError: null });
    expect((await fetch(`http://127.0.0.1:${port}/healthz/live`)).status).toBe(200);
    run.child.kill("SIGTERM");
    expect((await run.exited).code).toBe(0);
  });

  test("reads .env from its working directory; the real environment wins over it", async () => {
    const cwd = mkdtempSync(join(dir, "env-"));
    const [filePort, realPort] = [await freePort(), await freePort()];
    writeFileSync(
      join(cwd, ".env"),
      [
        "# copied from .env.example",
        "TWILIO_AUTH_TOKEN=",
        "ALLOW_UNSIGNED_WEBHOOKS=1",
        "PUBLIC_BASE_URL=",
        `PORT=${filePort}`,
        "LOG_LEVEL=debug",
        `FLOW_FILE=${resolve("flows/member-line.json")}`,
        `DIRECTORY_FILE=${resolve("data/directory.json")}`,
        "",
      ].join("\n"),
    );
    const run = startServer({ PORT: String(realPort) }, { cwd });
    await waitForOutput(run, /member line listening/);
    expect(run.output()).toContain(`"port":${realPort}`);
    expect(run.output()).toMatch(/signatures are NOT checked/);
    expect((await fetch(`http://127.0.0.1:${realPort}/healthz/live`)).status).toBe(200);
    run.child.kill("SIGTERM");
    expect((await run.exited).code).toBe(0);
  });
});
