import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { EVENT_VERSION, eventSchema } from "../../src/service/contract/eventSchema.js";
import { CALLERS, FIXTURE, SECRET_SPEECH, WITHHELD } from "./fixtureCalls.js";
import { runCalls } from "./runCalls.js";

const SALT = "event-record-salt-0123456789";
type Line = Record<string, unknown>;

/** The fields that tell what a turn did, in the order of the call. */
const STEP_FIELDS = [
  "event",
  "from",
  "state",
  "input",
  "key",
  "option",
  "via",
  "band",
  "closed",
  "team",
  "attempt",
  "dialStatus",
  "dialTeam",
  "dialAttempt",
  "ending",
] as const;

function stepsOf(lines: readonly Line[]): Line[] {
  return lines
    .filter((l) => l.msg === "turn")
    .map((l) => Object.fromEntries(STEP_FIELDS.filter((f) => l[f] !== undefined).map((f) => [f, l[f]])));
}

describe("the event record", () => {
  const byCall = new Map<string, Line[]>();
  let all: Line[];
  beforeAll(async () => {
    const run = await runCalls(
      FIXTURE.map((f) => f.call),
      SALT,
    );
    all = run.lines.map((l) => JSON.parse(l) as Line);
    for (const line of all) byCall.set(line.callSid as string, [...(byCall.get(line.callSid as string) ?? []), line]);
  });
  const linesOf = (name: string) => {
    const fixture = FIXTURE.find((f) => f.name.startsWith(name));
    if (!fixture) throw new Error(`no fixture ${name}`);
    return byCall.get(fixture.call.callSid) ?? [];
  };

  test("every line the calls logged is an event of the documented schema (strict), version 2", () => {
    expect(all.length).toBeGreaterThan(50);
    for (const line of all) {
      const parsed = eventSchema.safeParse(line);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(line.v).toBe(EVENT_VERSION);
    }
    expect(EVENT_VERSION).toBe(2);
    expect(new Set(all.map((l) => l.msg))).toEqual(new Set(["turn", "call ended"]));
  });

  test.each([
    [
      "A:",
      [
        { event: "INCOMING", from: null, state: "main" },
        {
          event: "KEY",
          from: "main",
          state: "transfer",
          input: "chose",
          key: "3",
          option: { menu: "main", key: "3", action: { kind: "transfer", team: "pharmacy" } },
          via: "key",
          team: "pharmacy",
          attempt: 0,
        },
        {
          event: "DIAL_RESULT",
          from: "transfer",
          state: "ended",
          dialStatus: "completed",
          dialTeam: "pharmacy",
          dialAttempt: 0,
          ending: "transferred",
        },
      ],
    ],
    [
      "B:",
      [
        { event: "INCOMING", from: null, state: "main" },
        {
          event: "KEY",
          from: "main",
          state: "main",
          input: "chose",
          key: "1",
          option: { menu: "main", key: "1", action: { kind: "transfer", team: "memberServices" } },
          via: "key",
          closed: "memberServices",
        },
      ],
    ],
    [
      "D:",
      [
        { event: "INCOMING", from: null, state: "main" },
        { event: "SILENCE", from: "main", state: "main", input: "silent" },
        { event: "SILENCE", from: "main", state: "main", input: "silent" },
        { event: "SILENCE", from: "main", state: "transfer", input: "silent", team: "representative", attempt: 0 },
        {
          event: "DIAL_RESULT",
          from: "transfer",
          state: "ended",
          dialStatus: "completed",
          dialTeam: "representative",
          dialAttempt: 0,
          ending: "transferred",
        },
      ],
    ],
    [
      "F:",
      [
        { event: "INCOMING", from: null, state: "main" },
        {
          event: "KEY",
          from: "main",
          state: "main",
          input: "chose",
          key: "9",
          option: { menu: "main", key: "9", action: { kind: "language", language: "es" } },
          via: "key",
        },
        {
          event: "SPEECH",
          from: "main",
          state: "transfer",
          input: "chose",
          option: { menu: "main", key: "3", action: { kind: "transfer", team: "pharmacy" } },
          via: "speech",
          band: "high",
          team: "pharmacy",
          attempt: 0,
        },
        {
          event: "DIAL_RESULT",
          from: "transfer",
          state: "ended",
          dialStatus: "completed",
          dialTeam: "pharmacy",
          dialAttempt: 0,
          ending: "transferred",
        },
      ],
    ],
    [
      "G:",
      [
        { event: "INCOMING", from: null, state: "region" },
        {
          event: "KEY",
          from: "region",
          state: "main",
          input: "chose",
          key: "2",
          option: { menu: "region", key: "2", action: { kind: "region", region: "colorado" } },
          via: "key",
        },
        {
          event: "KEY",
          from: "main",
          state: "transfer",
          input: "chose",
          key: "1",
          option: { menu: "main", key: "1", action: { kind: "transfer", team: "memberServices" } },
          via: "key",
          team: "memberServices",
          attempt: 0,
        },
        {
          event: "DIAL_RESULT",
          from: "transfer",
          state: "transfer",
          team: "memberServices",
          attempt: 1,
          dialStatus: "busy",
          dialTeam: "memberServices",
          dialAttempt: 0,
        },
        {
          event: "DIAL_RESULT",
          from: "transfer",
          state: "ended",
          dialStatus: "completed",
          dialTeam: "memberServices",
          dialAttempt: 1,
          ending: "transferred",
        },
      ],
    ],
    [
      "L:",
      [
        { event: "INCOMING", from: null, state: "main" },
        { event: "SPEECH", from: "main", state: "main", input: "invalid", band: "low" },
      ],
    ],
  ])("%s each turn says what the caller did and where the call went", (name, steps) => {
    expect(stepsOf(linesOf(name))).toEqual(steps);
  });

  test("the goodbye after three failed transfers says so", () => {
    const steps = stepsOf(linesOf("K:"));
    expect(steps.at(-1)).toEqual({
      event: "DIAL_RESULT",
      from: "transfer",
      state: "goodbye",
      dialStatus: "failed",
      dialTeam: "pharmacy",
      dialAttempt: 0,
      ending: "goodbye",
    });
  });

  test.each([
    ["B:", { ending: "abandoned", lastState: "main", callStatus: "completed" }],
    ["C:", { ending: "abandoned", lastState: "main", callStatus: "completed" }],
    ["A:", { callStatus: "completed" }],
  ])(
    "%s the status callback ends the call, abandoned when the caller hung up before the line was done",
    (name, fields) => {
      const end = linesOf(name).find((l) => l.msg === "call ended");
      expect(end).toMatchObject({ event: "STATUS", ...fields });
      expect(typeof end?.duration).toBe("number");
      if (!("ending" in fields)) expect(end).not.toHaveProperty("ending");
    },
  );

  test("the first line of a call has its start: time, inbound label, region, language, local offset", () => {
    const [a] = linesOf("A:");
    const [g] = linesOf("G:");
    const fixtureA = FIXTURE[0]?.call;
    expect(a).toMatchObject({
      time: fixtureA?.at,
      inbound: "northwest",
      region: "northwest",
      language: "en",
      utcOffset: -420,
    });
    expect(g).toMatchObject({ inbound: "unknown", region: null });
    expect(g).not.toHaveProperty("utcOffset");
    expect(linesOf("G:")[1]).toMatchObject({ region: "colorado", utcOffset: -360 });
    expect(linesOf("F:").at(-2)).toMatchObject({ language: "es" });
  });

  test("the caller key is the HMAC of the number with the salt, on the first line of a call only", () => {
    const key = (number: string) => createHmac("sha256", SALT).update(number).digest("hex").slice(0, 32);
    const firstKeys = (name: string) => linesOf(name).map((l) => l.callerKey);
    expect(firstKeys("A:")).toEqual([key(CALLERS.one), undefined, undefined, undefined]);
    expect(firstKeys("H:")[0]).toBe(key(CALLERS.one));
    expect(firstKeys("B:")[0]).toBe(key(CALLERS.two));
    expect(key(CALLERS.one)).not.toBe(key(CALLERS.two));
    expect(firstKeys("M:")).not.toContain(expect.anything());
    expect(WITHHELD).toBe(FIXTURE.find((f) => f.name.startsWith("M:"))?.call.from);
  });

  test("no number of the caller, no words said and no salt in any line", () => {
    const text = JSON.stringify(all);
    for (const number of [...Object.values(CALLERS), WITHHELD])
      for (const form of [number, number.slice(1), number.slice(2)]) expect(text).not.toContain(form);
    for (const word of SECRET_SPEECH.split(" ").filter((w) => w !== "pharmacy" && w !== "my"))
      expect(text).not.toContain(word);
    expect(text).not.toContain(SALT);
    expect(all.some((l) => "caller" in l || "From" in l || "text" in l)).toBe(false);
  });
});
