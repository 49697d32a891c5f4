import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { compileLine, readLineSource } from "../../src/service/line/lineSource.js";
import { runPublishCommand } from "../../src/tools/review/publish/runPublishCommand.js";
import { DIRECTORY_FILE } from "../support/createTestApp.js";
import { HAS_REDIS_SERVER, NO_REDIS_SERVER, RedisProcess } from "../support/redisProcesses.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import {
  BEHAVIORAL,
  type Instance,
  lineFiles,
  NORTHWEST,
  PHARMACY,
  startInstance,
  timeUntilServed,
} from "./instances.js";

if (!HAS_REDIS_SERVER) console.warn(`test/publish/publishing.test.ts: ${NO_REDIS_SERVER}`);

/** Runs `npm run flow -- …` against `url`; resolves its exit code and what it wrote. */
async function flow(url: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runPublishCommand(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: process.stdin,
    now: Date.now,
    env: { REDIS_URL: url },
  });
  return { code, stdout, stderr };
}

/** Which number key 3 of the Northwest main menu dials for a new call on `instance`. */
async function keyThree(instance: Instance): Promise<string | undefined> {
  const call = new SimulatedCall({ target: instance.t.app, to: NORTHWEST.inbound });
  await call.incoming();
  await call.press("3");
  return call.dialed();
}

/**
 * Two instances on one Redis (a redis-server of this test file), each with its own files and connections:
 * one publication (or rollback) reaches both within 5 s, with no restart and no SIGHUP; calls in progress
 * finish on the version they started on; an instance started later serves the published line.
 */
describe.skipIf(!HAS_REDIS_SERVER)(
  HAS_REDIS_SERVER ? "publishing the line to every instance" : `publishing [${NO_REDIS_SERVER}]`,
  () => {
    const files = lineFiles();
    const versionOf = (file: string) => compileLine(readLineSource(file, DIRECTORY_FILE)).version;
    const original = versionOf(files.original);
    const swapped = versionOf(files.swapped);
    let redis: RedisProcess;
    let a: Instance;
    let b: Instance;
    const started: Instance[] = [];

    beforeAll(async () => {
      redis = await RedisProcess.server();
      a = await startInstance(redis.url, files.original);
      b = await startInstance(redis.url, files.original);
      started.push(a, b);
    }, 30_000);

    afterAll(async () => {
      await Promise.all(started.map((i) => i.close()));
      await redis?.stop();
      files.remove();
    });

    test("before any publication each instance serves its files, and says so", async () => {
      expect(await a.health()).toMatchObject({ version: original, origin: { from: "files" } });
      expect((await flow(redis.url, "history")).stdout).toBe(
        "Nothing published yet: every instance serves its own files.\n",
      );
    });

    test("publish: both serve the new line to new calls within 5 s; a call in progress finishes on its own", async () => {
      const inProgress = new SimulatedCall({ target: a.t.app, to: NORTHWEST.inbound });
      await inProgress.incoming();

      const published = await flow(
        redis.url,
        "publish",
        "--flow",
        files.swapped,
        "--directory",
        DIRECTORY_FILE,
        "--by",
        "dana",
        "--message",
        "swap 3 and 4",
      );
      expect(published.stderr).toBe("");
      expect(published.code).toBe(0);
      expect(published.stdout).toContain(`Published version ${swapped}, by dana at `);
      expect(await timeUntilServed([a, b], swapped)).toBeLessThan(5_000);

      expect(await keyThree(a)).toBe(BEHAVIORAL);
      expect(await keyThree(b)).toBe(BEHAVIORAL);
      await inProgress.press("3", { target: b.t.app });
      expect(inProgress.dialed()).toBe(PHARMACY);
      for (const instance of [a, b])
        expect(await instance.health()).toMatchObject({
          version: swapped,
          origin: { from: "published", kind: "publish", by: "dana" },
        });
    }, 240_000);

    test("the published line wins over an instance's files: a reload (SIGHUP) is refused, and says why", async () => {
      const reloaded = await a.lines.reload();
      expect(reloaded.ok).toBe(false);
      expect(reloaded.ok ? "" : reloaded.error.message).toMatch(/the line is published .* npm run flow -- publish/);
      expect(a.lines.current().version).toBe(swapped);
    });

    test("an instance started later serves the published line, not its files", async () => {
      const c = await startInstance(redis.url, files.original);
      started.push(c);
      expect(await c.health()).toMatchObject({ version: swapped, origin: { from: "published", by: "dana" } });
      expect(await keyThree(c)).toBe(BEHAVIORAL);
    }, 30_000);

    test("rollback after the first publication is refused: it replaced no published version", async () => {
      const refused = await flow(redis.url, "rollback", "--by", "dana");
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /^Nothing to roll back to: the last publication \(\w+ by dana at .*\) was the first/,
      );
      expect(a.lines.current().version).toBe(swapped);
    });

    test("publish again, then rollback: the replaced version is current again on both within 5 s", async () => {
      const again = await flow(
        redis.url,
        "publish",
        "--flow",
        files.original,
        "--directory",
        DIRECTORY_FILE,
        "--by",
        "lee",
      );
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`replacing ${swapped}`);
      // The diff of swapping keys 3 and 4 back, in one line.
      expect(again.stdout).toMatch(/\d+ of \d+ caller journeys change/);
      await timeUntilServed([a, b], original);
      const inProgress = new SimulatedCall({ target: b.t.app, to: NORTHWEST.inbound });
      await inProgress.incoming();

      const rolledBack = await flow(redis.url, "rollback", "--by", "sam", "--message", "callers confused");
      expect(rolledBack.stderr).toBe("");
      expect(rolledBack.code).toBe(0);
      expect(rolledBack.stdout).toContain(`Rolled back to version ${swapped}, replacing ${original}, by sam at `);
      expect(await timeUntilServed([a, b], swapped)).toBeLessThan(5_000);
      expect(await keyThree(b)).toBe(BEHAVIORAL);
      await inProgress.press("3", { target: a.t.app });
      expect(inProgress.dialed()).toBe(PHARMACY);
      expect(await b.health()).toMatchObject({ origin: { from: "published", kind: "rollback", by: "sam" } });

      const twice = await flow(redis.url, "rollback");
      expect(twice.code).toBe(1);
      expect(twice.stderr).toMatch(/^Already rolled back/);
    }, 240_000);

    test("history --json: every publication, newest first, with version, time, who, message and summary", async () => {
      const { code, stdout } = await flow(redis.url, "history", "--json");
      expect(code).toBe(0);
      const history = JSON.parse(stdout) as { current: string; publications: Array<Record<string, unknown>> };
      expect(history.current).toBe(swapped);
      expect(history.publications.map((p) => [p.kind, p.version, p.by, p.message, p.replaced])).toEqual([
        ["rollback", swapped, "sam", "callers confused", original],
        ["publish", original, "lee", "", swapped],
        ["publish", swapped, "dana", "swap 3 and 4", null],
      ]);
      for (const p of history.publications) {
        expect(Date.parse(p.at as string)).not.toBeNaN();
        expect(p.summary).toEqual(expect.any(String));
        expect(p.summary).not.toContain("\n");
      }
      const text = await flow(redis.url, "history");
      expect(text.stdout.split("\n")[0]).toMatch(
        new RegExp(`^\\* ${swapped}  \\S+  rollback by sam  "callers confused"$`),
      );
    });
  },
);
