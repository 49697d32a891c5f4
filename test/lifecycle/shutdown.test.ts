import { connect } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { exitWithin, freePort, killStartedServers, type ServerProcess, startServer } from "./spawnServer.js";

afterEach(killStartedServers);

/** Polls liveness until the server answers (its stdout may not be read, so its log line cannot be awaited). */
async function waitUntilLive(run: ServerProcess, port: number): Promise<void> {
  const until = Date.now() + 15_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz/live`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (run.child.exitCode !== null || Date.now() > until) throw new Error(`server did not start:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A request whose body never finishes, so a graceful stop has something in flight to wait for. */
function startSlowRequest(port: number) {
  const socket = connect(port, "127.0.0.1");
  socket.on("error", () => {});
  socket.write(
    "POST /voice HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nCallSid=",
  );
  return socket;
}

describe("shutdown finishes within SHUTDOWN_GRACE_MS whatever the log stream does", () => {
  test.each(["SIGTERM", "SIGINT"] as const)(
    "%s with stdout a pipe nobody reads any more (a log viewer that hung)",
    async (signal) => {
      const graceMs = 1_500;
      const port = await freePort();
      const run = startServer(
        { ALLOW_UNSIGNED_WEBHOOKS: "1", PORT: String(port), SHUTDOWN_GRACE_MS: String(graceMs) },
        { readStdout: false },
      );
      run.child.stdout?.pause();
      await waitUntilLive(run, port);
      // Fill the pipe: every unknown route logs a line, here 8 KB each, 3 MB in all.
      const long = "x".repeat(8_000);
      for (let i = 0; i < 400; i++) await fetch(`http://127.0.0.1:${port}/no-such/${long}`).then((r) => r.text());

      const signalled = performance.now();
      run.child.kill(signal);
      const exit = await exitWithin(run, graceMs + 2_000);
      expect(exit).not.toBe("still running");
      if (exit === "still running") return;
      expect(exit.signal).toBeNull();
      expect(exit.at - signalled).toBeLessThan(graceMs + 500);
    },
  );

  test("a second signal exits at once, while the first still waits for a request in flight", async () => {
    const port = await freePort();
    const run = startServer({ ALLOW_UNSIGNED_WEBHOOKS: "1", PORT: String(port), SHUTDOWN_GRACE_MS: "30000" });
    await waitUntilLive(run, port);
    const slow = startSlowRequest(port);
    await new Promise((r) => setTimeout(r, 200));

    run.child.kill("SIGTERM");
    expect(await exitWithin(run, 1_000)).toBe("still running");
    const second = performance.now();
    run.child.kill("SIGTERM");
    const exit = await exitWithin(run, 2_000);
    slow.destroy();
    expect(exit).not.toBe("still running");
    if (exit === "still running") return;
    expect(exit.code).toBe(1);
    expect(exit.at - second).toBeLessThan(1_000);
  });

  test("with a reader that has gone away (EPIPE) it still stops cleanly at once", async () => {
    const port = await freePort();
    const run = startServer({ ALLOW_UNSIGNED_WEBHOOKS: "1", PORT: String(port), SHUTDOWN_GRACE_MS: "5000" });
    await waitUntilLive(run, port);
    run.child.stdout?.destroy();
    for (let i = 0; i < 20; i++) await fetch(`http://127.0.0.1:${port}/no-such`).then((r) => r.text());
    const signalled = performance.now();
    run.child.kill("SIGTERM");
    const exit = await exitWithin(run, 3_000);
    expect(exit).not.toBe("still running");
    if (exit === "still running") return;
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(1_000);
  });
});
