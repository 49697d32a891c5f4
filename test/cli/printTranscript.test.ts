import { describe, expect, it } from "vitest";
import { formatEntry, formatOutcome, formatTranscript, type PrintStyle } from "../../src/tools/cli/printTranscript.js";
import type { CallTranscript } from "../../src/tools/emulator/index.js";

const northwest = { id: "northwest", name: "Northwest" };
const pharmacy = { id: "pharmacy", name: "pharmacy" };

const transcript: CallTranscript = {
  callSid: `CA${"0".repeat(32)}`,
  to: "+15035550100",
  from: "+15555550123",
  region: { ...northwest, timeZone: "America/Los_Angeles" },
  startedAt: Date.parse("2026-11-28T10:00:00-08:00"),
  entries: [
    { kind: "say", turn: 1, text: "Please listen to the following options.", language: "en-US" },
    { kind: "press", turn: 1, digits: "9" },
    { kind: "silence", turn: 2 },
    { kind: "say-speech", turn: 3, text: "farmacia", confidence: 0.9 },
    { kind: "say", turn: 3, text: "Le estamos comunicando con farmacia. Por favor, espere.", language: "es-US" },
    { kind: "dial", turn: 3, number: "+18009720700", region: northwest, team: pharmacy },
    { kind: "dial-result", turn: 3, number: "+18009720700", status: "completed" },
    { kind: "hangup", turn: 4, by: "line" },
  ],
  outcome: { kind: "transferred", number: "+18009720700", region: northwest, team: pharmacy },
  requests: 4,
};

describe("printTranscript", () => {
  it("prints the whole call plainly: header with the line's clock, entries, summary", () => {
    expect(formatTranscript(transcript)).toBe(
      [
        "Calling +1 503 555 0100 (Northwest) from +1 555 555 0123",
        "Line's clock: Saturday, November 28, 2026 at 10:00 AM PST",
        "",
        "Line (en-US):  Please listen to the following options.",
        "Caller:        presses 9",
        "Caller:        stays silent",
        'Caller:        says "farmacia" (confidence 0.9)',
        "Line (es-US):  Le estamos comunicando con farmacia. Por favor, espere.",
        "Transfer:      transferring to +1 800 972 0700 (Northwest, pharmacy)",
        "Transfer:      completed: the team picked up",
        "Line:          hangs up",
        "",
        "Transferred to +1 800 972 0700 (Northwest, pharmacy)",
        "",
      ].join("\n"),
    );
  });

  it("wraps long speech under itself", () => {
    const text = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");
    const lines = formatEntry({ kind: "say", turn: 1, text, language: "en-US" }, { color: false, width: 60 }).split(
      "\n",
    );
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines.slice(1).every((l) => l.startsWith(" ".repeat(15)))).toBe(true);
    expect(lines.map((l) => l.slice(15)).join(" ")).toBe(text);
  });

  it("names the team that answers for a routed line", () => {
    const entry = formatEntry({
      kind: "dial",
      turn: 1,
      number: "+18008132000",
      region: northwest,
      team: { id: "representative", name: "a representative" },
      via: { id: "memberServices", name: "member services" },
    });
    expect(entry).toBe(
      "Transfer:      transferring to +1 800 813 2000 (Northwest, a representative via member services)",
    );
  });

  it.each([
    [{ kind: "goodbye" } as const, "The line said goodbye and hung up"],
    [{ kind: "line-hung-up" } as const, "The line hung up without saying goodbye"],
    [{ kind: "caller-hung-up" } as const, "You hung up"],
    [{ kind: "turn-limit", turns: 50 } as const, "Stopped after 50 requests (--max-turns): the call was still going"],
    [{ kind: "failed", reason: "boom" } as const, "The call failed: boom"],
    [{ kind: "transferred", number: "+18005550100" } as const, "Transferred to +1 800 555 0100"],
  ])("summarises %o", (outcome, line) => {
    expect(formatOutcome(outcome)).toBe(line);
  });

  it("colours only when asked", () => {
    const color: PrintStyle = { color: true, width: 100 };
    expect(formatOutcome(transcript.outcome, color)).toBe(
      "\u001b[32mTransferred to +1 800 972 0700 (Northwest, pharmacy)\u001b[0m",
    );
    expect(formatTranscript(transcript)).not.toContain("\u001b[");
  });
});
