import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { compileLine, readLineSource } from "../../src/service/line/lineSource.js";
import { openPublishedLines } from "../../src/service/publish/openPublishedLines.js";
import type { Publication } from "../../src/service/publish/publication.js";
import {
  freePort,
  killStartedServers,
  type ServerProcess,
  startServer,
  waitForOutput,
} from "../lifecycle/spawnServer.js";
import { DIRECTORY_FILE } from "../support/createTestApp.js";
import { HAS_REDIS_SERVER, NO_REDIS_SERVER, RedisProcess } from "../support/redisProcesses.js";
import { lineFiles } from "./instances.js";

if (!HAS_REDIS_SERVER) console.warn(`test/publish/publishedServer.test.ts: ${NO_REDIS_SERVER}`);

afterEach(killStartedServers);

async function health(port: number): Promise<Record<string, unknown>> {
  return (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Record<string, unknown>;
}

/**
 * The server entry (`src/index.ts`) with Redis: it serves the published line rather than its files from its
 * first call, follows a publication made while it runs, and refuses SIGHUP while a line is published.
 */
describe.skipIf(!HAS_REDIS_SERVER)(
  HAS_REDIS_SERVER ? "a server on Redis with a published line" : `a server with a published line [${NO_REDIS_SERVER}]`,
  () => {
    const files = lineFiles();
    const versionOf = (file: string) => compileLine(readLineSource(file, DIRECTORY_FILE)).version;
    let redis: RedisProcess;

    beforeAll(async () => {
      redis = await RedisProcess.server();
    }, 30_000);
    afterAll(async () => {
      await redis?.stop();
      files.remove();
    });

    /** Publishes `file`'s line as `by` would with `npm run flow -- publish`, without the check. */
    async function publish(file: string, by: string, replaced: string | null): Promise<string> {
      const published = openPublishedLines({ REDIS_URL: redis.url });
      try {
        const version = versionOf(file);
        const entry: Publication = {
          version,
          kind: "publish",
          at: new Date().toISOString(),
          by,
          message: "",
          summary: "",
          replaced,
        };
        const deadline = Date.now() + 5_000;
        while (Date.now() < deadline) {
          const outcome = await published
            .publish(entry, readLineSource(file, DIRECTORY_FILE), replaced)
            .catch(() => undefined);
          if (outcome?.ok) return version;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`could not publish ${file}`);
      } finally {
        await published.close();
      }
    }

    test("starts on the published line, follows the next publication, and refuses SIGHUP", async () => {
      const swapped = await publish(files.swapped, "dana", null);
      const port = await freePort();
      const run: ServerProcess = startServer({
        ALLOW_UNSIGNED_WEBHOOKS: "1",
        PORT: String(port),
        SESSION_STORE: "redis",
        REDIS_URL: redis.url,
        FLOW_FILE: files.original,
      });
      await waitForOutput(run, /member line listening/);
      expect(run.output()).toMatch(new RegExp(`"version":"${swapped}","origin":"published".*member line listening`));
      expect(await health(port)).toMatchObject({ version: swapped, origin: { from: "published", by: "dana" } });

      const original = await publish(files.original, "lee", swapped);
      await waitForOutput(run, new RegExp(`"version":"${original}".*serving the published line`), 5_000);
      expect(await health(port)).toMatchObject({ version: original, origin: { from: "published", by: "lee" } });

      run.child.kill("SIGHUP");
      await waitForOutput(run, /line reload refused/);
      expect(run.output()).toMatch(/the line is published .*Publish the files instead: npm run flow -- publish/);
      expect(await health(port)).toMatchObject({
        version: original,
        lastReloadError: "the line is published: files are not reloaded; publish them (npm run flow -- publish)",
      });
      run.child.kill("SIGTERM");
      expect((await run.exited).code).toBe(0);
    }, 60_000);
  },
);
