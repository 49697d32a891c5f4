import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runPublishCommand } from "../../src/tools/review/publish/runPublishCommand.js";
import { FLOW_FILE } from "../support/createTestApp.js";
import { freeLoopbackPort, HAS_REDIS_SERVER, NO_REDIS_SERVER, RedisProcess } from "../support/redisProcesses.js";
import { lineFiles } from "./instances.js";

if (!HAS_REDIS_SERVER) console.warn(`test/publish/publishCommand.test.ts: ${NO_REDIS_SERVER}`);

/** Runs `npm run flow -- …` with `env`; resolves its exit code and what it wrote. */
async function flow(
  env: NodeJS.ProcessEnv,
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runPublishCommand(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: process.stdin,
    now: Date.now,
    env,
  });
  return { code, stdout, stderr };
}

describe("publishing commands that cannot run", () => {
  test.each([
    [["publish", "--base", "HEAD"], /^Unknown option '--base'/],
    [["history", "--by", "dana"], /^--by is not an option of history/],
    [["rollback", "--message", ""], /^--message: give one line of 1 to 200 characters/],
  ])("%j is bad usage (2), with the command's help", async (argv, message) => {
    const { code, stderr } = await flow({ REDIS_URL: "redis://127.0.0.1:1" }, ...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain(`Usage: npm run flow -- ${argv[0]}`);
  });

  test("without REDIS_URL, names it and what it is for (2)", async () => {
    const { code, stderr } = await flow({}, "history");
    expect(code).toBe(2);
    expect(stderr).toContain("REDIS_URL: is required: the published line is kept in the Redis the instances share");
  });

  test("with Redis unreachable, nothing is changed and it says so (2)", async () => {
    const port = await freeLoopbackPort();
    const { code, stderr } = await flow({ REDIS_URL: `redis://127.0.0.1:${port}` }, "rollback");
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Cannot reach Redis \(.*\): nothing was changed/);
  }, 20_000);
});

/** A line with check errors is refused before Redis is changed: exit 1, the findings, and why. */
describe.skipIf(!HAS_REDIS_SERVER)(
  HAS_REDIS_SERVER ? "publishing a line with errors" : `publishing a line with errors [${NO_REDIS_SERVER}]`,
  () => {
    const files = lineFiles();
    const broken = join(files.original, "..", "broken.json");
    const unsafe = join(files.original, "..", "no-911.json");
    let redis: RedisProcess;

    beforeAll(async () => {
      redis = await RedisProcess.server();
      writeFileSync(broken, '{ "id": "memberLine", ');
      const flowJson = JSON.parse(readFileSync(FLOW_FILE, "utf8")) as {
        messages: { greeting: { es: { text: string } } };
      };
      flowJson.messages.greeting.es.text = flowJson.messages.greeting.es.text.replace(
        "Si tiene una emergencia médica, cuelgue y marque el 9 1 1. ",
        "",
      );
      writeFileSync(unsafe, JSON.stringify(flowJson, null, 2));
    }, 30_000);
    afterAll(async () => {
      await redis?.stop();
      files.remove();
    });

    test.each([
      ["files that do not load", () => broken, /Not published: the files do not load/, /is not valid JSON at line 1/],
      ["a greeting without 911", () => unsafe, /Not published: check found 1 error\./, /greeting-notices/],
    ])(
      "%s: refused (1), Redis unchanged",
      async (_name, file, why, finding) => {
        const { code, stdout, stderr } = await flow(
          { REDIS_URL: redis.url },
          "publish",
          "--flow",
          file(),
          "--by",
          "dana",
        );
        expect(code).toBe(1);
        expect(stderr).toMatch(why);
        expect(stdout).toMatch(finding);
        expect(await redis.command("DBSIZE")).toBe(0);
      },
      180_000,
    );
  },
);
