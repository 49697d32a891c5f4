import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";

describe("npm run call", () => {
  it("plays a Northwest caller pressing 3 and exits 0 with the transfer line", async () => {
    const child = spawn("npx", ["tsx", "src/tools/cli/call.ts", "--press", "3"], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
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
    expect({ code, stderr: code === 0 ? "" : stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain("Calling +1 503 555 0100 (Northwest)");
    expect(stdout).toContain("Caller:        presses 3");
    expect(stdout).toContain("transferring to +1 800 972 0700 (Northwest, pharmacy)");
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("Transferred to +1 800 972 0700 (Northwest, pharmacy)");
    expect(stdout).not.toContain("\u001b[");
  });
});
