import { describe, expect, it } from "vitest";
import { parseCallArgs, resolveCallTime, UsageError } from "../../src/tools/cli/callArgs.js";
import { sharedCallFlow } from "../support/createTestApp.js";
import { REGIONS, UNKNOWN_TO } from "../support/regions.js";

describe("parseCallArgs", () => {
  it("has the defaults of the brief", () => {
    expect(parseCallArgs([], {})).toEqual({
      help: false,
      to: "+15035550100",
      from: "+15555550123",
      inputs: [],
      at: undefined,
      confidence: 0.9,
      dial: [],
      server: undefined,
      token: undefined,
      maxTurns: 50,
      callback: [],
    });
  });

  it.each([
    { argv: ["--press", "3"], keys: ["3"] },
    { argv: ["--press", "9,3"], keys: ["9", "3"] },
    { argv: ["--press", "93"], keys: ["9", "3"] },
    { argv: ["--press", "1, 2", "--press=*#"], keys: ["1", "2", "*", "#"] },
  ])("reads $argv as one press per key", ({ argv, keys }) => {
    expect(parseCallArgs(argv, {}).inputs).toEqual(keys.map((digits) => ({ kind: "press", digits })));
  });

  it("keeps --press and --say in command-line order", () => {
    const args = parseCallArgs(["--say", "spanish", "--press", "9", "--say", " farmacia ", "--press", "0"], {});
    expect(args.inputs).toEqual([
      { kind: "say", text: "spanish" },
      { kind: "press", digits: "9" },
      { kind: "say", text: "farmacia" },
      { kind: "press", digits: "0" },
    ]);
  });

  it("reads the clock, confidence, successive dial outcomes and the turn bound", () => {
    const args = parseCallArgs(
      [
        "--at",
        "2026-11-28T10:00:00-08:00",
        "--confidence",
        "0.35",
        "--dial",
        "busy",
        "--dial",
        "no-answer",
        "--max-turns",
        "7",
      ],
      {},
    );
    expect(args.at).toBe("2026-11-28T10:00:00-08:00");
    expect(args.confidence).toBe(0.35);
    expect(args.dial).toEqual(["busy", "no-answer"]);
    expect(args.maxTurns).toBe(7);
  });

  it("drives a running server, signing with --token or $TWILIO_AUTH_TOKEN", () => {
    expect(parseCallArgs(["--server", "http://localhost:3000/", "--token", "abc"], {})).toMatchObject({
      server: "http://localhost:3000",
      token: "abc",
    });
    expect(parseCallArgs(["--server", "https://x.example"], { TWILIO_AUTH_TOKEN: "env-token" }).token).toBe(
      "env-token",
    );
    expect(parseCallArgs(["--server", "https://x.example"], {}).token).toBeUndefined();
  });

  it("reads -h and --help", () => {
    expect(parseCallArgs(["-h"], {}).help).toBe(true);
    expect(parseCallArgs(["--help"], {}).help).toBe(true);
  });

  it.each([
    { argv: ["--press", "5a"], message: "--press takes keypad keys" },
    { argv: ["--press", ","], message: "--press takes keypad keys" },
    { argv: ["--say", "  "], message: "--say needs a phrase" },
    { argv: ["--to", "5035550100"], message: "--to must be a phone number in E.164 form" },
    { argv: ["--from", "anonymous"], message: "--from must be a phone number" },
    { argv: ["--at", "next tuesday"], message: "--at must be an ISO 8601 time" },
    { argv: ["--at", "2026-02-30T10:00"], message: '"2026-02-30T10:00" is not a valid date and time' },
    { argv: ["--at", "2026-11-30 10:00"], message: "--at must be an ISO 8601 time" },
    { argv: ["--confidence", "1.5"], message: "--confidence must be a number from 0 to 1" },
    { argv: ["--confidence", ""], message: "--confidence must be a number from 0 to 1" },
    { argv: ["--dial", "answered-by-machine"], message: "--dial must be one of completed, busy, no-answer, failed" },
    { argv: ["--max-turns", "0"], message: "--max-turns must be a whole number" },
    { argv: ["--server", "localhost:3000"], message: "--server must be an http(s) URL" },
    { argv: ["--server", "http://localhost:3000", "--at", "2026-01-01T00:00:00Z"], message: "--at sets the clock" },
    { argv: ["--token", "abc"], message: "--token signs requests to a running server" },
    { argv: ["--colour"], message: "Unknown option '--colour'" },
    { argv: ["3"], message: "Unexpected argument '3'" },
    { argv: ["--press"], message: "--press" },
  ])("refuses $argv", ({ argv, message }) => {
    expect(() => parseCallArgs(argv, {})).toThrow(UsageError);
    expect(() => parseCallArgs(argv, {})).toThrow(message);
  });
});

/** `--at` without an offset is the local time of the region dialed, as the console reads its time. */
describe("resolveCallTime", () => {
  const { directory } = sharedCallFlow();
  const inbound = (id: string) => REGIONS.find((r) => r.id === id)?.inbound ?? "";

  it.each([
    ["Monday 10:00 in Portland", "2026-11-30T10:00", inbound("northwest"), Date.UTC(2026, 10, 30, 18, 0)],
    ["Monday 10:00 in Denver", "2026-11-30T10:00", inbound("colorado"), Date.UTC(2026, 10, 30, 17, 0)],
    ["Monday 10:00 in Atlanta", "2026-11-30T10:00", inbound("georgia"), Date.UTC(2026, 10, 30, 15, 0)],
    ["Monday 10:00:30 in Honolulu", "2026-11-30T10:00:30", inbound("hawaii"), Date.UTC(2026, 10, 30, 20, 0, 30)],
    ["summer time in Portland", "2026-07-01T10:00", inbound("northwest"), Date.UTC(2026, 6, 1, 17, 0)],
    // A number no region owns: the time of the region that takes its callers (California).
    ["a number no region owns", "2026-11-30T10:00", UNKNOWN_TO, Date.UTC(2026, 10, 30, 18, 0)],
    ["an offset is that instant", "2026-11-30T10:00:00-05:00", inbound("northwest"), Date.UTC(2026, 10, 30, 15, 0)],
    ["Z is UTC", "2026-11-30T10:00Z", inbound("hawaii"), Date.UTC(2026, 10, 30, 10, 0)],
  ])("%s", (_name, at, to, expected) => {
    expect(resolveCallTime(at, directory, to)).toBe(expected);
  });
});
