import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { createLineRegistry, type LineRegistry } from "../../src/service/line/lineRegistry.js";
import { compileLine, readLineSource } from "../../src/service/line/lineSource.js";
import { type Follower, followPublished } from "../../src/service/publish/followPublished.js";
import { openPublishedLines } from "../../src/service/publish/openPublishedLines.js";
import type { RedisPublishedLines } from "../../src/service/publish/redisPublishedLines.js";
import type { RedisStore } from "../../src/service/session/redisStore.js";
import { createTestApp, DIRECTORY_FILE, FLOW_FILE, type TestApp } from "../support/createTestApp.js";
import { connectedRedisStore } from "../support/redis.js";
import { region } from "../support/regions.js";

/** The Northwest region: key 3 is pharmacy on the bundled line, behavioral health on the swapped one. */
export const NORTHWEST = region("northwest");
export const PHARMACY = NORTHWEST.dials["3"];
export const BEHAVIORAL = NORTHWEST.dials["4"];

/** A folder of line files for one test file: the bundled flow, and the flow with keys 3 and 4 swapped. */
export function lineFiles(): { readonly original: string; readonly swapped: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "published-line-"));
  const original = join(dir, "original.json");
  const swapped = join(dir, "swapped.json");
  const text = readFileSync(FLOW_FILE, "utf8");
  writeFileSync(original, text);
  const flow = JSON.parse(text) as { menus: { main: { options: Array<{ key: string; do: { team?: string } }> } } };
  for (const option of flow.menus.main.options) {
    if (option.do.team === "pharmacy") option.key = "4";
    else if (option.do.team === "behavioralHealth") option.key = "3";
  }
  writeFileSync(swapped, JSON.stringify(flow, null, 2));
  return { original, swapped, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One instance of the service on a Redis: its store, its versions, its app, following the published line. */
export interface Instance {
  readonly t: TestApp;
  readonly lines: LineRegistry;
  readonly store: RedisStore;
  readonly published: RedisPublishedLines;
  readonly follower: Follower;
  /** GET /healthz's body. */
  health(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Starts an instance as `src/index.ts` does with Redis: its own files (`flowFile`), its own connections,
 * listening for publications and serving the published line, when there is one, before its first call.
 */
export async function startInstance(url: string, flowFile: string, checkEveryMs = 2_000): Promise<Instance> {
  const store = await connectedRedisStore(url);
  const published = openPublishedLines({ REDIS_URL: url });
  const read = () => readLineSource(flowFile, DIRECTORY_FILE);
  const lines = createLineRegistry({
    initial: compileLine(read()),
    store,
    sessionTtlSeconds: 14_400,
    read,
    ask: (version) => published.want(version),
  });
  const t = createTestApp({ store, lines });
  const follower = followPublished({ published, lines, logger: t.logger, checkEveryMs });
  await follower.listening;
  await follower.ready();
  return {
    t,
    lines,
    store,
    published,
    follower,
    health: async () => (await request(t.app).get("/healthz")).body as Record<string, unknown>,
    async close() {
      follower.stop();
      lines.close();
      await Promise.all([published.close(), store.close()]);
    },
  };
}

/** Resolves how long, in ms, until every instance serves `version` to new calls; rejects after `withinMs`. */
export async function timeUntilServed(
  instances: readonly Instance[],
  version: string,
  withinMs = 5_000,
): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < withinMs) {
    if (instances.every((i) => i.lines.current().version === version)) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 25));
  }
  const serving = instances.map((i) => i.lines.current().version).join(", ");
  throw new Error(`not every instance serves ${version} within ${withinMs} ms (they serve ${serving})`);
}
