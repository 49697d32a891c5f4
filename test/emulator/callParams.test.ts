import { describe, expect, test } from "vitest";
import type { DialStatus } from "../../src/service/types.js";
import {
  buildCallParams,
  buildDialParams,
  buildEndedParams,
  buildGatherParams,
  createCallSid,
  EMULATOR_ACCOUNT_SID,
} from "../../src/tools/emulator/index.js";

const CALL = { callSid: createCallSid("call params"), to: "+15035550100", from: "+15555550123" };

describe("createCallSid", () => {
  test("is CA and 32 hex digits, random without a seed", () => {
    const [a, b] = [createCallSid(), createCallSid()];
    expect(a).toMatch(/^CA[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });

  test("is the same for the same seed, and differs between seeds", () => {
    expect(createCallSid("x")).toBe(createCallSid("x"));
    expect(createCallSid("x")).not.toBe(createCallSid("y"));
    expect(createCallSid("x")).toMatch(/^CA[0-9a-f]{32}$/);
  });
});

describe("buildCallParams", () => {
  test("has what Twilio sends with an inbound call's webhooks, names in Twilio's order", () => {
    expect(buildCallParams(CALL)).toEqual({
      AccountSid: EMULATOR_ACCOUNT_SID,
      ApiVersion: "2010-04-01",
      CallSid: CALL.callSid,
      CallStatus: "in-progress",
      Called: "+15035550100",
      CalledCountry: "US",
      Caller: "+15555550123",
      CallerCountry: "US",
      Direction: "inbound",
      From: "+15555550123",
      FromCountry: "US",
      To: "+15035550100",
      ToCountry: "US",
    });
    expect(Object.keys(buildCallParams(CALL))).toEqual(Object.keys(buildCallParams(CALL)).sort());
    expect(EMULATOR_ACCOUNT_SID).toMatch(/^AC[0-9a-f]{32}$/);
  });

  test("adds the places of both numbers when given, under Twilio's four names", () => {
    const portland = { city: "PORTLAND", state: "OR", zip: "97201" };
    const params = buildCallParams({ ...CALL, places: { from: portland, to: { ...portland, country: "CA" } } });
    expect(Object.keys(params)).toHaveLength(25);
    expect(params).toMatchObject({
      CallerCity: "PORTLAND",
      FromState: "OR",
      FromZip: "97201",
      FromCountry: "US",
      CalledCountry: "CA",
      ToCity: "PORTLAND",
    });
  });

  test("lets the extra parameters override the call's", () => {
    expect(buildCallParams(CALL, { CallStatus: "ringing", Digits: "3" })).toMatchObject({
      CallStatus: "ringing",
      Digits: "3",
    });
  });
});

describe("buildGatherParams", () => {
  test.each([
    [{ digits: "3" }, { Digits: "3", FinishedOnKey: "", msg: "Gather End" }],
    [
      { digits: "12", finishedOnKey: "#" },
      { Digits: "12", FinishedOnKey: "#", msg: "Gather End" },
    ],
    [
      { speech: "pharmacy", confidence: 0.87 },
      { SpeechResult: "pharmacy", Confidence: "0.87", msg: "Gather End" },
    ],
  ])("%o → %o", (result, params) => {
    expect(buildGatherParams(result)).toEqual(params);
  });
});

describe("buildDialParams", () => {
  test.each<[DialStatus, string, string]>([
    ["completed", "60", "true"],
    ["answered", "60", "true"],
    ["busy", "0", "false"],
    ["no-answer", "0", "false"],
    ["failed", "0", "false"],
    ["canceled", "0", "false"],
  ])("%s: duration %s, bridged %s", (status, duration, bridged) => {
    const params = buildDialParams(status);
    expect(params).toMatchObject({ DialCallStatus: status, DialCallDuration: duration, DialBridged: bridged });
    expect(params.DialCallSid).toMatch(/^CA[0-9a-f]{32}$/);
  });

  test("takes the dialed call's SID and duration when given", () => {
    expect(buildDialParams("completed", { dialCallSid: "CAx", durationSeconds: 42 })).toMatchObject({
      DialCallSid: "CAx",
      DialCallDuration: "42",
    });
  });
});

test("buildEndedParams: the status callback of a finished call", () => {
  expect(buildEndedParams(15)).toEqual({ CallStatus: "completed", CallDuration: "15" });
});
