import request from "supertest";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type RunningConsole, startConsole } from "../../src/tools/console/startConsole.js";
import { MEMBER, MONDAY_8AM, NORTHWEST } from "../support/callbackLine.js";
import { readEvents, type StreamedEvent } from "../support/consoleEvents.js";
import { sharedCallFlow } from "../support/createTestApp.js";

let running: RunningConsole;

beforeEach(async () => {
  running = await startConsole({ callFlow: sharedCallFlow(), port: 0 });
});

afterEach(async () => {
  await running.close();
});

const RETRY_MS = 20 * 60_000;
/** Member services of the Northwest, from the fixture directory. */
const MEMBER_SERVICES = "+18008132000";
/** The member's number as it must never be sent: E.164, its digits, or spaced as written. */
const WHOLE_NUMBER = [MEMBER, MEMBER.slice(2), "503 555 0123"];
/** A sealed number (`v1.<iv>.<tag>.<ciphertext>`) must never be sent either. */
const SEALED = /v1\.[\w-]+\.[\w-]+\.[\w-]+/;

const listening = (n: number) => (events: StreamedEvent[]) => events.filter((e) => e.type === "listening").length >= n;
const ended = (events: StreamedEvent[]) => events.some((e) => e.type === "end");

/** Presses `digits` on a call once the line has asked `asked` times, then waits for it to ask again (or the end). */
async function pressWhenAsked(callSid: string, asked: number, digits: string): Promise<void> {
  await readEvents(`${running.url}/api/calls/${callSid}/events`, listening(asked));
  await request(running.url).post(`/api/calls/${callSid}/input`).send({ kind: "press", digits }).expect(202);
}

/** A Northwest caller on Saturday 10:00 presses 1 (member services, closed), 5 (call me back), 1 (confirm). */
async function askForCallback(): Promise<string> {
  const res = await request(running.url).post("/api/calls").send({ to: NORTHWEST, at: "2026-11-28T10:00" }).expect(201);
  const callSid = res.body.callSid as string;
  for (const [i, digits] of ["1", "5", "1"].entries()) await pressWhenAsked(callSid, i + 1, digits);
  const { events } = await readEvents(`${running.url}/api/calls/${callSid}/events`, ended);
  expect(events.at(-1)).toMatchObject({ type: "end", data: { kind: "goodbye" } });
  const listed = await request(running.url).get("/api/callbacks").expect(200);
  expect(listed.body.callbacks).toHaveLength(1);
  return listed.body.callbacks[0].id as string;
}

/** Plays call-back `id` as `outcome` and reads the call's events to its end (pressing 1 when answered). */
async function play(id: string, outcome: string): Promise<{ events: StreamedEvent[]; text: string }> {
  const res = await request(running.url).post(`/api/callbacks/${id}/play`).send({ outcome }).expect(201);
  const callSid = res.body.callSid as string;
  expect(res.body.events).toBe(`/api/calls/${callSid}/events`);
  if (outcome === "answered") await pressWhenAsked(callSid, 1, "1");
  return readEvents(`${running.url}${res.body.events}`, ended);
}

function expectNoNumber(text: string): void {
  for (const whole of WHOLE_NUMBER) expect(text).not.toContain(whole);
  expect(text).not.toMatch(SEALED);
}

describe("the console's call-backs", () => {
  test("none at first; a Saturday caller's is listed with names, masked number, due time, language and tries", async () => {
    expect((await request(running.url).get("/api/callbacks").expect(200)).body).toEqual({ callbacks: [], notes: [] });
    const id = await askForCallback();
    const res = await request(running.url).get("/api/callbacks").expect(200);
    expect(res.body).toEqual({
      callbacks: [
        {
          id,
          team: { id: "memberServices", name: "member services" },
          region: { id: "northwest", name: "Northwest", timeZone: "America/Los_Angeles" },
          language: { id: "en", name: "English" },
          number: "***0123",
          from: NORTHWEST,
          due: MONDAY_8AM,
          dueBy: null,
          attempts: 0,
          tries: 4,
          busy: false,
        },
      ],
      notes: [],
    });
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expectNoNumber(res.text);
  });

  test("the panel's stream sends the queue as it is, then again at each change", async () => {
    const stream = readEvents(`${running.url}/api/callbacks/events`, (events) =>
      events.some((e) => (e.data.callbacks as unknown[]).length === 1),
    );
    await askForCallback();
    const { events, text } = await stream;
    expect(events[0]).toMatchObject({ type: "callbacks", data: { callbacks: [], notes: [] } });
    expect(events.at(-1)?.data.callbacks).toEqual([expect.objectContaining({ number: "***0123", due: MONDAY_8AM })]);
    expectNoNumber(text);
  });

  test("played answered: the greeting at Monday 8:00, 1 puts the member through to member services, and it is gone", async () => {
    const id = await askForCallback();
    const { events, text } = await play(id, "answered");
    expect(events[0]).toMatchObject({
      type: "call",
      data: {
        to: "***0123",
        from: NORTHWEST,
        startedAt: MONDAY_8AM,
        region: { id: "northwest", timeZone: "America/Los_Angeles" },
        callback: { team: { name: "member services" }, attempt: 1, tries: 4, outcome: "answered" },
      },
    });
    const said = events.filter((e) => e.type === "entry" && e.data.kind === "say").map((e) => e.data.text);
    expect(said[0]).toMatch(/^Hello, this is your health plan returning your call to member services\./);
    const turns = events.filter((e) => e.type === "turn").map((e) => e.data);
    expect(turns[0]).toMatchObject({ event: "INCOMING", state: "callbackGreeting" });
    expect(turns).toContainEqual(expect.objectContaining({ event: "DIAL_RESULT", state: "ended", connected: true }));
    expect(events.at(-1)).toMatchObject({
      type: "end",
      data: { kind: "transferred", number: MEMBER_SERVICES, team: { id: "memberServices" } },
    });
    expectNoNumber(text);
    expect((await request(running.url).get("/api/callbacks").expect(200)).body).toEqual({ callbacks: [], notes: [] });
  });

  test.each(["busy", "no-answer", "failed"])(
    "played %s: not answered, tried again 20 minutes later, still listed",
    async (outcome) => {
      const id = await askForCallback();
      const { events, text } = await play(id, outcome);
      expect(events.filter((e) => e.type === "entry")).toEqual([]);
      const end = events.at(-1);
      expect(end).toMatchObject({ type: "end", data: { kind: "not-answered", status: outcome } });
      const retryAt = end?.data.retryAt as number;
      expect(retryAt - MONDAY_8AM).toBeGreaterThanOrEqual(RETRY_MS);
      expect(retryAt - MONDAY_8AM).toBeLessThan(RETRY_MS + 60_000);
      expectNoNumber(text);
      const { callbacks } = (await request(running.url).get("/api/callbacks").expect(200)).body;
      expect(callbacks).toEqual([expect.objectContaining({ id, attempts: 1, due: retryAt, busy: false })]);
    },
  );

  test("not answered on every try: given up, gone from the queue, with a note saying so", async () => {
    const id = await askForCallback();
    const ends = [];
    for (let i = 0; i < 4; i++) ends.push((await play(id, "no-answer")).events.at(-1)?.data);
    expect(ends.slice(0, 3).every((end) => typeof end?.retryAt === "number")).toBe(true);
    expect(ends[3]).toEqual({ kind: "not-answered", status: "no-answer", gaveUp: "not answered after 4 tries" });
    expect((await request(running.url).get("/api/callbacks").expect(200)).body).toEqual({
      callbacks: [],
      notes: [
        {
          id,
          step: "given up",
          team: { id: "memberServices", name: "member services" },
          region: { id: "northwest", name: "Northwest" },
          number: "***0123",
          reason: "not answered after 4 tries",
        },
      ],
    });
  });

  test("the member calls in on Monday and reaches member services: cancelled, with a note saying so", async () => {
    const id = await askForCallback();
    const res = await request(running.url)
      .post("/api/calls")
      .send({ to: NORTHWEST, at: "2026-11-30T10:00" })
      .expect(201);
    await pressWhenAsked(res.body.callSid, 1, "1");
    const { events } = await readEvents(`${running.url}/api/calls/${res.body.callSid}/events`, ended);
    expect(events.at(-1)).toMatchObject({ type: "end", data: { kind: "transferred", number: MEMBER_SERVICES } });
    expect((await request(running.url).get("/api/callbacks").expect(200)).body).toEqual({
      callbacks: [],
      notes: [
        expect.objectContaining({
          id,
          step: "cancelled",
          number: "***0123",
          reason: expect.stringMatching(/called in/),
        }),
      ],
    });
  });

  test("a call-back being played cannot be played again at once: 409", async () => {
    const id = await askForCallback();
    const both = await Promise.all(
      [0, 1].map(() => request(running.url).post(`/api/callbacks/${id}/play`).send({ outcome: "busy" })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)?.body.error).toMatch(/being placed/);
  });
});

describe("refused plays", () => {
  test.each([
    {
      what: "an unknown id",
      id: "0".repeat(32),
      body: { outcome: "answered" },
      status: 404,
      error: /No call-back 0{32}/,
    },
    { what: "an id that is no id", id: "CAnothing", body: {}, status: 400, error: /id: a call-back's id is 32 hex/ },
    { what: "a bad outcome", body: { outcome: "maybe" }, status: 400, error: /outcome:/ },
    { what: "a bad dial", body: { outcome: "answered", dial: "perhaps" }, status: 400, error: /dial:/ },
    { what: "an unknown field", body: { outcome: "answered", number: MEMBER }, status: 400, error: /Unrecognized key/ },
  ])("$what: $status, the call-back left as it was", async ({ id: given, body, status, error }) => {
    const id = await askForCallback();
    const res = await request(running.url)
      .post(`/api/callbacks/${given ?? id}/play`)
      .send(body)
      .expect(status);
    expect(res.body.error).toMatch(error);
    const { callbacks } = (await request(running.url).get("/api/callbacks").expect(200)).body;
    expect(callbacks).toEqual([expect.objectContaining({ id, attempts: 0, due: MONDAY_8AM })]);
  });

  test("a play from another site's page: 403", async () => {
    const id = await askForCallback();
    await request(running.url)
      .post(`/api/callbacks/${id}/play`)
      .set("Origin", "https://evil.example")
      .send({ outcome: "answered" })
      .expect(403);
  });
});
