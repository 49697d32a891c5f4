import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { DIRECTORY_FILE, FLOW_FILE } from "../fixtures/flowFixtures.js";

/** `npm run call -- ARGS` on the tests' copy of the line: its exit code and what it printed. */
async function call(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn("npx", ["tsx", "src/tools/cli/call.ts", ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FLOW_FILE, DIRECTORY_FILE },
  });
  child.stdin.end();
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += String(c);
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += String(c);
  });
  const [code] = (await once(child, "close")) as [number | null];
  return { code, stdout, stderr };
}

// Each call starts tsx and the line in a child process: seconds on a busy machine.
describe("npm run call", { timeout: 60_000 }, () => {
  it("plays a Northwest caller pressing 3 and exits 0 with the transfer line", async () => {
    const { code, stdout, stderr } = await call("--press", "3");
    expect({ code, stderr: code === 0 ? "" : stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain("Calling +1 503 555 0100 (Northwest)");
    expect(stdout).toContain("Caller:        presses 3");
    expect(stdout).toContain("transferring to +1 800 972 0700 (Northwest, pharmacy)");
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("Transferred to +1 800 972 0700 (Northwest, pharmacy)");
    expect(stdout).not.toContain("\u001b[");
  });

  // Monday 30 November 2026: member services is open 08:00–17:00 in Portland, closed at 10:00 UTC (02:00 there).
  it.each([
    [
      "2026-11-30T10:00",
      "10:00 in Portland: member services",
      "Transferred to +1 800 813 2000 (Northwest, member services)",
    ],
    [
      "2026-11-30T10:00:00Z",
      "02:00 in Portland: closed, then the nurse",
      "Transferred to +1 800 464 4000 (Northwest, the nurse advice line)",
    ],
  ])("--at %s is %s", async (at, _when, last) => {
    const { code, stdout } = await call("--at", at, "--press", "1");
    expect(code).toBe(0);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe(last);
  });
});
