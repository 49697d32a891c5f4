import type { Server } from "node:http";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { DEFAULT_SERVER_LIMITS, type ServerLimits, startServer } from "../../src/service/http/startServer.js";
import { createLogger } from "../../src/service/log/createLogger.js";
import { CapturedLogs } from "../support/createTestApp.js";

/** Twilio gives up on a webhook after 15 s. */
const TWILIO_TIMEOUT_MS = 15_000;

let server: Server | undefined;
let logs: CapturedLogs;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** Starts a server that answers every complete request with 200 "ok". */
async function start(limits: Partial<ServerLimits> = {}): Promise<number> {
  logs = new CapturedLogs();
  server = await startServer(
    (req, res) => {
      req.resume();
      req.on("end", () => res.end("ok"));
    },
    { port: 0, host: "127.0.0.1" },
    createLogger("info", logs),
    limits,
  );
  return (server.address() as { port: number }).port;
}

/** A raw client: what it received, and when the server closed it (ms after it connected). */
function client(port: number) {
  const socket = connect(port, "127.0.0.1");
  sockets.push(socket);
  const opened = performance.now();
  let received = "";
  socket.on("data", (d) => {
    received += String(d);
  });
  socket.on("error", () => {});
  const closed = new Promise<number>((resolve) => socket.on("close", () => resolve(performance.now() - opened)));
  const connected = new Promise<void>((resolve) => socket.on("connect", () => resolve()));
  return { socket, received: () => received, closed, connected };
}

const REQUEST = "POST /voice HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\nok";

describe("slow clients are cut off well before Twilio's 15 s", () => {
  test("the defaults bound headers to 5 s and the whole request to 10 s, checked every second", () => {
    expect(DEFAULT_SERVER_LIMITS).toMatchObject({
      headersTimeoutMs: 5_000,
      requestTimeoutMs: 10_000,
      checkIntervalMs: 1_000,
    });
    expect(DEFAULT_SERVER_LIMITS.requestTimeoutMs + DEFAULT_SERVER_LIMITS.checkIntervalMs).toBeLessThan(
      TWILIO_TIMEOUT_MS,
    );
  });

  test("a client trickling its headers (a byte every 200 ms) is answered 408 and closed after about 5 s", async () => {
    const port = await start();
    const c = client(port);
    await c.connected;
    c.socket.write("POST /voice HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    const trickle = setInterval(() => c.socket.writable && c.socket.write("a"), 200);
    const ms = await c.closed;
    clearInterval(trickle);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThan(DEFAULT_SERVER_LIMITS.headersTimeoutMs - 100);
    expect(ms).toBeLessThan(DEFAULT_SERVER_LIMITS.headersTimeoutMs + DEFAULT_SERVER_LIMITS.checkIntervalMs + 1_000);
  });

  test.each([
    [
      "a body trickled past the request timeout",
      "POST /voice HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n",
      "a",
    ],
    ["headers that never end", "POST /voice HTTP/1.1\r\nHost: 127.0.0.1\r\n", "X: y\r\n"],
  ])("%s is cut off (limits from the options)", async (_name, head, drip) => {
    const port = await start({ headersTimeoutMs: 400, requestTimeoutMs: 800, checkIntervalMs: 100 });
    const c = client(port);
    await c.connected;
    c.socket.write(head);
    const trickle = setInterval(() => c.socket.writable && c.socket.write(drip), 100);
    const ms = await c.closed;
    clearInterval(trickle);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(2_000);
  });

  test("an idle keep-alive connection is not cut by the header timeout: its next request is served", async () => {
    const port = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600, checkIntervalMs: 100 });
    const c = client(port);
    await c.connected;
    c.socket.write(REQUEST);
    await new Promise((r) => setTimeout(r, 1_000));
    c.socket.write(REQUEST);
    await new Promise((r) => setTimeout(r, 200));
    expect(c.received().match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    expect(c.socket.destroyed).toBe(false);
  });
});

describe("connections are capped", () => {
  test("past maxConnections a new connection is closed at once, logged once; a freed slot serves again", async () => {
    const port = await start({ maxConnections: 2 });
    const [a, b] = [client(port), client(port)];
    await Promise.all([a.connected, b.connected]);
    await new Promise((r) => setTimeout(r, 100));
    const refused = [client(port), client(port), client(port)];
    for (const c of refused) expect(await c.closed).toBeLessThan(1_000);
    for (const c of refused) expect(c.received()).toBe("");
    const drops = logs.entries().filter((e) => e.msg === "connection refused: MAX_CONNECTIONS connections are open");
    expect(drops).toHaveLength(1);
    expect(drops[0]).toMatchObject({ maxConnections: 2 });

    a.socket.destroy();
    await a.closed;
    await new Promise((r) => setTimeout(r, 100));
    const next = client(port);
    await next.connected;
    next.socket.write(REQUEST);
    await new Promise((r) => setTimeout(r, 200));
    expect(next.received()).toMatch(/^HTTP\/1\.1 200/);
  });
});
