import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventSchema } from "../../src/service/contract/eventSchema.js";
import { createReportBuilder } from "../../src/tools/analytics/aggregate.js";
import { buildFlowGraph } from "../../src/tools/diagram/buildFlowGraph.js";
import { sharedCallFlow } from "../support/createTestApp.js";
import { FIXTURE } from "./fixtureCalls.js";
import { runCalls } from "./runCalls.js";

const run = promisify(execFile);
const TSX = join("node_modules", ".bin", "tsx");
const dir = mkdtempSync(join(tmpdir(), "member-line-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a command of the package with tsx, as `npm run` would, and returns how it ended. */
async function command(script: string, args: string[], input?: Buffer) {
  const child = run(TSX, [script, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env } });
  if (input) {
    child.child.stdin?.end(input);
  } else child.child.stdin?.end();
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run report", () => {
  let logFile: string;
  let lines: readonly string[];
  beforeAll(async () => {
    lines = (
      await runCalls(
        FIXTURE.map((f) => f.call),
        "cli-test-salt-0123456789",
      )
    ).lines;
    logFile = join(dir, "calls.log");
    writeFileSync(logFile, `${lines.join("\n")}\n`);
  });
  const inProcess = () => {
    const builder = createReportBuilder({ graph: buildFlowGraph(sharedCallFlow()) });
    for (const line of lines) builder.addLine(line);
    return builder.finish();
  };

  test("--json prints the figures the aggregation computes", async () => {
    const { code, stdout } = await command("src/tools/analytics/main.ts", [logFile, "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(inProcess());
  }, 30_000);

  test("reads gzip from standard input and writes the page with --out", async () => {
    const out = join(dir, "report.html");
    const { code, stdout, stderr } = await command(
      "src/tools/analytics/main.ts",
      ["-", "--json", "--out", out],
      gzipSync(readFileSync(logFile)),
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).calls).toBe(13);
    expect(stderr).toMatch(
      /13 calls: 7\.7% disconnected by the line \(CMS bar 5\.0%\), 23\.1% hung up before being put through;.*Wrote/,
    );
    expect(readFileSync(out, "utf8").startsWith("<!doctype html>")).toBe(true);
  }, 30_000);

  test("skips a line over 1 MB, counting it, and reads the calls around it", async () => {
    const long = JSON.stringify({ level: 30, service: "member-line", msg: "x".repeat(1024 * 1024) });
    const half = Math.floor(lines.length / 2);
    const file = join(dir, "long-line.log.gz");
    writeFileSync(file, gzipSync(`${[...lines.slice(0, half), long, ...lines.slice(half)].join("\n")}\n`));
    const { code, stdout } = await command("src/tools/analytics/main.ts", [file, "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as ReturnType<typeof inProcess>;
    expect(report.calls).toBe(inProcess().calls);
    expect(report.lines.skipped).toMatchObject({ tooLong: 1 });
    expect(report.lines.read).toBe(lines.length + 1);
  }, 30_000);

  test.each([
    [[], 2, /name at least one log file/],
    [["calls.log", "--from", "soon"], 2, /--from "soon" is not a date/],
    [["no-such.log", "--json"], 1, /no-such\.log: cannot be read/],
  ])(
    "%j exits %i saying what is wrong",
    async (args, exitCode, message) => {
      const { code, stderr } = await command("src/tools/analytics/main.ts", args);
      expect(code).toBe(exitCode);
      expect(stderr).toMatch(message);
    },
    30_000,
  );
});

describe("npm run traffic", () => {
  test("writes only event lines to stdout, and a summary to stderr", async () => {
    const { code, stdout, stderr } = await command("src/tools/analytics/traffic/main.ts", [
      "--calls",
      "25",
      "--days",
      "2",
      "--seed",
      "3",
    ]);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThan(60);
    for (const line of lines) expect(eventSchema.safeParse(JSON.parse(line)).success).toBe(true);
    expect(stderr).toMatch(/25 calls \(\d+ webhook requests\) in [\d.]+ s: \d+ transferred/);
    // Not a terminal: the progress and the summary are lines of their own, none run together.
    expect(stderr.split("\n").slice(0, 2)).toEqual(["25 / 25 calls", expect.stringMatching(/^25 calls \(/)]);
  }, 60_000);

  test.each([
    [["--calls", "none"], /--calls and --days must be whole numbers/],
    [["--days", "0"], /--calls and --days must be whole numbers/],
    [["--start", "someday", "--calls", "1"], /--start "someday" is not a date/],
  ])(
    "%j is refused",
    async (args, message) => {
      const { code, stderr } = await command("src/tools/analytics/traffic/main.ts", args);
      expect(code).not.toBe(0);
      expect(stderr).toMatch(message);
    },
    30_000,
  );
});
