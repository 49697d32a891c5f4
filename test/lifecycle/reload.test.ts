import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { createCallSid, parseTwiml } from "../../src/tools/emulator/index.js";
import { DIRECTORY_FILE, FLOW_FILE } from "../support/createTestApp.js";
import { region } from "../support/regions.js";
import { freePort, killStartedServers, type ServerProcess, startServer, waitForOutput } from "./spawnServer.js";

afterEach(killStartedServers);

/**
 * Reloading the line in a running server (SIGHUP, or a file change under `npm run dev`): calls in
 * progress finish on the version they started on, new calls get the new one, and a bad file changes
 * nothing but the error `/healthz` reports.
 */
const dir = mkdtempSync(join(tmpdir(), "member-line-reload-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const flowFile = join(dir, "member-line.json");
const original = readFileSync(FLOW_FILE, "utf8");
const NORTHWEST = region("northwest");

/** The flow with keys 3 (pharmacy) and 4 (behavioral health) swapped. */
function swappedKeys(): string {
  const flow = JSON.parse(original) as { menus: { main: { options: Array<{ key: string; do: { team?: string } }> } } };
  for (const option of flow.menus.main.options)
    if (option.do.team === "pharmacy") option.key = "4";
    else if (option.do.team === "behavioralHealth") option.key = "3";
  return JSON.stringify(flow, null, 2);
}

/** Posts a webhook (signatures are off in these servers) and returns the number the TwiML dials, if any. */
async function post(port: number, path: string, callSid: string, extra: Record<string, string> = {}) {
  const body = new URLSearchParams({ CallSid: callSid, To: NORTHWEST.inbound, From: "+15035550123", ...extra });
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", body });
  const verbs = parseTwiml(await res.text());
  const dial = verbs.find((v) => v.verb === "Dial");
  return dial?.children.find((c) => c.verb === "Number")?.text;
}

async function health(port: number): Promise<Record<string, unknown>> {
  return (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Record<string, unknown>;
}

async function start(env: Record<string, string> = {}): Promise<{ run: ServerProcess; port: number }> {
  writeFileSync(flowFile, original);
  const port = await freePort();
  const run = startServer({
    ALLOW_UNSIGNED_WEBHOOKS: "1",
    PORT: String(port),
    FLOW_FILE: flowFile,
    DIRECTORY_FILE: resolve(DIRECTORY_FILE),
    ...env,
  });
  await waitForOutput(run, /member line listening/);
  return { run, port };
}

const count = (run: ServerProcess, pattern: RegExp) => (run.output().match(new RegExp(pattern, "g")) ?? []).length;

describe.each([
  ["SIGHUP", {}, (run: ServerProcess) => run.child.kill("SIGHUP")],
  ["a file change under npm run dev (RELOAD_ON_CHANGE=1)", { RELOAD_ON_CHANGE: "1" }, () => {}],
] as const)("reloading on %s", (_name, env, signal) => {
  test("a call in progress stays on its version, a new call gets the new one, a bad file changes nothing", async () => {
    const { run, port } = await start(env);
    const before = createCallSid();
    await post(port, "/voice", before);
    const versionA = (await health(port)).version;

    writeFileSync(flowFile, swappedKeys());
    signal(run);
    await waitForOutput(run, /"changed":true.*"msg":"line reloaded"/);
    const versionB = (await health(port)).version;
    expect(versionB).not.toBe(versionA);

    expect(await post(port, "/voice/turn?t=1", before, { Digits: "3" })).toBe(NORTHWEST.dials["3"]);
    const after = createCallSid();
    await post(port, "/voice", after);
    expect(await post(port, "/voice/turn?t=1", after, { Digits: "3" })).toBe(NORTHWEST.dials["4"]);

    writeFileSync(flowFile, '{ "id": "memberLine", ');
    signal(run);
    await waitForOutput(run, /line reload refused/);
    expect(run.output()).toMatch(/"level":50.*is not valid JSON at line 1/);
    // Anyone may ask /healthz: the file relative to the server's working directory, not its broken line.
    expect(await health(port)).toMatchObject({
      version: versionB,
      lastReloadError: `${relative(process.cwd(), flowFile)} is not valid JSON at line 1, column 23; see the log`,
    });
    expect((await health(port)).lastReloadError).not.toMatch(/(^|\s)\//);
    const later = createCallSid();
    await post(port, "/voice", later);
    expect(await post(port, "/voice/turn?t=1", later, { Digits: "3" })).toBe(NORTHWEST.dials["4"]);
    expect(count(run, /"msg":"line reloaded"/)).toBe(1);
  });
});

test("the directory's doubts are announced at start, one line each", async () => {
  const { run } = await start();
  await waitForOutput(run, /to confirm before going live/);
  expect(run.output()).toMatch(/regions\.northwest\.teams\.nurseAdvice.*\+18004644000 needs verification/);
  expect(count(run, /to confirm before going live: assumed/)).toBeGreaterThanOrEqual(1);
});
