import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { describe, expect, test } from "vitest";
import { createApp } from "../../src/service/app.js";
import { closeGracefully } from "../../src/service/http/closeGracefully.js";
import { loadCallFlow } from "../../src/service/line/loadCallFlow.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import type { StoredSession } from "../../src/service/types.js";
import { DIRECTORY_FILE, FLOW_FILE } from "../fixtures/flowFixtures.js";

/** A memory store whose loads take `delayMs`, and which records that it was closed. */
class SlowStore extends MemoryStore {
  closed = false;
  constructor(private readonly delayMs: number) {
    super({ sweepIntervalMs: 0 });
  }
  override async load(callSid: string): Promise<StoredSession | undefined> {
    await new Promise((r) => setTimeout(r, this.delayMs));
    return super.load(callSid);
  }
  override async close(): Promise<void> {
    this.closed = true;
    await super.close();
  }
}

const callFlow = loadCallFlow(FLOW_FILE, DIRECTORY_FILE);
const form = "CallSid=CA0123456789abcdef0123456789abcdef&To=%2B15035550100&From=%2B15035550123";

describe("closeGracefully", () => {
  test.each([
    ["finishes an in-flight turn, then closes the store", 300, 5_000, "clean"],
    ["cuts a turn that outlives the grace period", 3_000, 200, "forced"],
  ])("%s", async (_name, delayMs, graceMs, expected) => {
    const store = new SlowStore(delayMs);
    const app = createApp({ callFlow, store, logger: pino({ level: "silent" }), authToken: undefined });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/voice`;
    const headers = { "content-type": "application/x-www-form-urlencoded" };

    const inFlight = fetch(url, { method: "POST", headers, body: form }).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      () => ({ status: 0, body: "" }),
    );
    await new Promise((r) => setTimeout(r, 50));
    const closing = closeGracefully(server, store, graceMs, pino({ level: "silent" }));

    const refused = await fetch(url, { method: "POST", headers, body: form }).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
    const answer = await inFlight;
    expect(await closing).toBe(expected);
    expect(store.closed).toBe(true);
    if (expected === "clean") {
      expect(answer.status).toBe(200);
      expect(answer.body).toMatch(/^<\?xml/);
    } else {
      expect(answer.status).toBe(0);
    }
  });
});
