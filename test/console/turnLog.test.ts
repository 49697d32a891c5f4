import { PassThrough } from "node:stream";
import { describe, expect, test } from "vitest";
import { createLogger } from "../../src/service/log/createLogger.js";
import { createTurnLog, type TurnRecord } from "../../src/tools/console/turnLog.js";

const A = `CA${"a".repeat(32)}`;
const B = `CA${"b".repeat(32)}`;

describe("the app's log lines, read by the console", () => {
  test("each turn record goes to its own call, with only the fields the diagram reads", () => {
    const log = createTurnLog();
    const seen: Record<string, TurnRecord[]> = { [A]: [], [B]: [] };
    log.subscribe(A, (r) => seen[A]?.push(r));
    log.subscribe(B, (r) => seen[B]?.push(r));
    const logger = createLogger("info", log.stream);
    logger.info({ callSid: A, event: "INCOMING", from: null, state: "main", caller: "+1503***0123" }, "turn");
    logger.info({ callSid: B, event: "KEY", from: "main", state: "transfer", key: "3", team: "pharmacy" }, "turn");
    logger.info({ callSid: A, callStatus: "completed" }, "call finished");
    expect(seen).toEqual({
      [A]: [{ callSid: A, event: "INCOMING", from: null, state: "main" }],
      [B]: [{ callSid: B, event: "KEY", from: "main", state: "transfer", key: "3", team: "pharmacy" }],
    });
  });

  test("lines split across writes are joined; a call nobody listens to is ignored", () => {
    const log = createTurnLog();
    const seen: TurnRecord[] = [];
    const stop = log.subscribe(A, (r) => seen.push(r));
    const line = JSON.stringify({ msg: "turn", callSid: A, event: "SILENCE", from: "main", state: "main" });
    log.stream.write(line.slice(0, 20));
    log.stream.write(`${line.slice(20)}\n${JSON.stringify({ msg: "turn", callSid: B, event: "KEY" })}\nnot json\n`);
    stop();
    log.stream.write(`${line}\n`);
    expect(seen).toEqual([{ callSid: A, event: "SILENCE", from: "main", state: "main" }]);
  });

  test.each([
    ["warn", true],
    ["error", true],
    ["info", false],
  ] as const)("a %s line is copied to the problems stream: %s", (level, copied) => {
    const problems = new PassThrough();
    const log = createTurnLog(problems);
    createLogger("info", log.stream)[level]({ route: "/voice" }, "something happened");
    const text = String(problems.read() ?? "");
    expect(text.includes("something happened")).toBe(copied);
  });
});
