import { describe, expect, it } from "vitest";
import { parseCallArgs, UsageError } from "../../src/tools/cli/callArgs.js";

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
    expect(args.at).toBe(Date.UTC(2026, 10, 28, 18, 0));
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
