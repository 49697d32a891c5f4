import { describe, expect, test } from "vitest";
import {
  DIAL_STATUSES,
  dialStatusSchema,
  finalCallStatusSchema,
  isCallAnswered,
  isCallOver,
  isConnected,
} from "../../src/service/contract/dialStatus.js";
import { webhookParamsSchema } from "../../src/service/turn/webhookParams.js";

const SID = `CA${"0".repeat(32)}`;

describe("dial statuses", () => {
  test.each([
    ["completed", true],
    ["answered", true],
    ["busy", false],
    ["no-answer", false],
    ["failed", false],
    ["canceled", false],
  ] as const)("%s connects: %s", (status, connected) => {
    expect(isConnected(status)).toBe(connected);
  });

  test("every status Twilio reports is listed once, and the webhook takes exactly those", () => {
    expect(dialStatusSchema.options).toEqual([...DIAL_STATUSES]);
    for (const status of DIAL_STATUSES)
      expect(webhookParamsSchema.parse({ CallSid: SID, DialCallStatus: status }).DialCallStatus).toBe(status);
  });

  test.each(["COMPLETED", "connected", "answered-by-machine", ""])("%j is no dial status", (status) => {
    expect(dialStatusSchema.safeParse(status).success).toBe(false);
    expect(webhookParamsSchema.safeParse({ CallSid: SID, DialCallStatus: status }).success).toBe(false);
  });
});

describe("call statuses", () => {
  test.each([
    ["completed", true],
    ["busy", true],
    ["failed", true],
    ["no-answer", true],
    ["canceled", true],
    ["ringing", false],
    ["in-progress", false],
    ["queued", false],
    ["answered", false],
    ["", false],
  ])("%j: the call is over: %s", (status, over) => {
    expect(isCallOver(status)).toBe(over);
    expect(finalCallStatusSchema.safeParse(status).success).toBe(over);
  });

  test.each([
    ["completed", true],
    ["busy", false],
    ["failed", false],
    ["no-answer", false],
    ["canceled", false],
    ["in-progress", false],
  ])("a call the line placed, ended %j: answered: %s", (status, answered) => {
    expect(isCallAnswered(status)).toBe(answered);
  });
});
