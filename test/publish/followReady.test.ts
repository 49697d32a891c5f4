import { describe, expect, test } from "vitest";
import { createLineRegistry } from "../../src/service/line/lineRegistry.js";
import { compileLine, readLineSource } from "../../src/service/line/lineSource.js";
import { createLogger } from "../../src/service/log/createLogger.js";
import { followPublished } from "../../src/service/publish/followPublished.js";
import type { PublishedLines } from "../../src/service/publish/publishedLines.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import { CapturedLogs, DIRECTORY_FILE, FLOW_FILE } from "../support/createTestApp.js";

/** A store of publications that fails its first `failures` reads (a slow or unreachable Redis), then has none. */
function publishedFailing(failures: number): PublishedLines & { reads: number } {
  const store = {
    reads: 0,
    async current() {
      store.reads++;
      if (store.reads <= failures) throw new Error("Command timed out");
      return undefined;
    },
    history: async () => [],
    sourceOf: async () => undefined,
    publish: async () => {
      throw new Error("not published here");
    },
    restore: async () => false,
    want: async () => {},
    listen: async () => {},
    ping: async () => {},
    close: async () => {},
  };
  return store;
}

function follow(published: PublishedLines) {
  const read = () => readLineSource(FLOW_FILE, DIRECTORY_FILE);
  const lines = createLineRegistry({
    initial: compileLine(read()),
    store: new MemoryStore({ sweepIntervalMs: 0 }),
    sessionTtlSeconds: 3_600,
    read,
  });
  const follower = followPublished({ published, lines, logger: createLogger("warn", new CapturedLogs()) });
  const close = () => {
    follower.stop();
    lines.close();
  };
  return { follower, close };
}

describe("an instance starting while the store of publications is slow", () => {
  test.each([
    [0, true, 1],
    [2, true, 3],
  ])("%i failed reads first: ready says %s after %i reads", async (failures, answered, reads) => {
    const published = publishedFailing(failures);
    const { follower, close } = follow(published);
    expect(await follower.ready(2_000)).toBe(answered);
    expect(published.reads).toBe(reads);
    close();
  });

  test("a store that never answers: ready gives up after its time, and says so", async () => {
    const published = publishedFailing(Number.POSITIVE_INFINITY);
    const { follower, close } = follow(published);
    const started = performance.now();
    expect(await follower.ready(300)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(published.reads).toBeGreaterThan(1);
    close();
  });
});
