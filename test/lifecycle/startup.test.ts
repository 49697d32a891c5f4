import { type ChildProcess, spawn } from "node:child_process";
import { describe, expect, test } from "vitest";

const TOKEN = "0123456789abcdef0123456789abcdef";

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the real entry point (src/index.ts) with the given environment. */
function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += String(d);
  });
  child.stderr?.on("data", (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(run: Run, pattern: RegExp, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!pattern.test(run.output())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; output:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("src/index.ts", () => {
  test.each([
    [{}, /TWILIO_AUTH_TOKEN: is not set/],
    [{ TWILIO_AUTH_TOKEN: TOKEN, PORT: "abc" }, /PORT:/],
    [{ TWILIO_AUTH_TOKEN: TOKEN, FLOW_FILE: "flows/missing.json" }, /flows\/missing\.json: cannot be read/],
    [{ TWILIO_AUTH_TOKEN: TOKEN, DIRECTORY_FILE: "package.json" }, /package\.json is invalid/],
  ])("refuses to start with %j", async (env, message) => {
    const run = start(env);
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/member-line cannot start/);
    expect(run.output()).toMatch(message);
  });

  test("announces loudly when signatures are off, serves, and stops cleanly on SIGTERM", async () => {
    const run = start({ ALLOW_UNSIGNED_WEBHOOKS: "1" });
    await waitFor(run, /member line listening/);
    expect(run.output()).toMatch(/signatures are NOT checked/);
    const port = Number(/"port":(\d+)/.exec(run.output())?.[1]);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/"how":"clean".*"msg":"stopped"/);
  });
});
