import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DIAL_STATUSES } from "../../src/service/index.js";
import { UNKNOWN_NUMBER } from "../../src/tools/console/describeConsoleLine.js";
import { type RunningConsole, startConsole } from "../../src/tools/console/startConsole.js";
import { readEvents as readConsoleEvents, type StreamedEvent } from "../support/consoleEvents.js";
import { sharedCallFlow } from "../support/createTestApp.js";

let running: RunningConsole;

beforeAll(async () => {
  running = await startConsole({ callFlow: sharedCallFlow(), port: 0 });
});

afterAll(async () => {
  await running.close();
});

/** Reads a call's Server-Sent Events as they come, until `until` says stop. */
async function readEvents(path: string, until: (events: StreamedEvent[]) => boolean): Promise<StreamedEvent[]> {
  return (await readConsoleEvents(`${running.url}${path}`, until)).events;
}

const listeningCount = (events: StreamedEvent[]) => events.filter((e) => e.type === "listening").length;

async function newCall(body: Record<string, unknown>): Promise<string> {
  const res = await request(running.url).post("/api/calls").send(body).expect(201);
  return res.body.callSid as string;
}

describe("the console's API", () => {
  test("lists the line's inbound numbers by region, and a number not in the directory", async () => {
    const res = await request(running.url).get("/api/line").expect(200);
    expect(res.body.numbers).toHaveLength(8);
    expect(res.body.numbers).toContainEqual({
      number: "+15035550100",
      region: "northwest",
      regionName: "Northwest",
      timeZone: "America/Los_Angeles",
    });
    expect(res.body.numbers.at(-1)).toEqual({ number: UNKNOWN_NUMBER, region: null, regionName: null, timeZone: null });
  });

  test("sends the line's languages and every dial status the line reads, with the ones that connect", async () => {
    const res = await request(running.url).get("/api/line").expect(200);
    const { flow } = sharedCallFlow();
    expect(res.body.languages.map((l: { code: string }) => l.code)).toEqual(Object.keys(flow.languages));
    expect(res.body.languages).toContainEqual({
      code: "cmn",
      name: "Mandarin Chinese",
      mark: "cmn-CN",
      language: "cmn-CN",
      voice: "Polly.Zhiyu-Neural",
      speech: null,
      support: "interpreter",
    });
    expect(res.body.dialResults.map((r: { status: string }) => r.status)).toEqual([...DIAL_STATUSES]);
    expect(
      res.body.dialResults.filter((r: { connected: boolean }) => r.connected).map((r: { status: string }) => r.status),
    ).toEqual(["completed", "answered"]);
    expect(res.body.defaultDial).toBe("completed");
  });

  test.each([
    ["northwest", 200],
    ["", 200],
    ["atlantis", 404],
  ])("draws the diagram for region %j: %i", async (region, status) => {
    const res = await request(running.url).get(`/api/diagram.svg?region=${region}`).expect(status);
    if (status === 200) expect(res.type).toBe("image/svg+xml");
  });

  test.each([
    ["/", "text/html"],
    ["/console.css", "text/css"],
    ["/console.js", "text/javascript"],
  ])("serves %s itself, as %s", async (path, type) => {
    expect((await request(running.url).get(path).expect(200)).type).toBe(type);
  });

  test("a call pressing 3 in the Northwest: transcript entries and turns placed on the diagram, in order", async () => {
    const sid = await newCall({ to: "+15035550100", at: "2026-11-25T10:00" });
    await readEvents(`/api/calls/${sid}/events`, (e) => listeningCount(e) >= 1);
    await request(running.url).post(`/api/calls/${sid}/input`).send({ kind: "press", digits: "3" }).expect(202);
    const events = await readEvents(`/api/calls/${sid}/events`, (e) => e.some((x) => x.type === "end"));
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]).toMatchObject({ type: "call", data: { to: "+15035550100", region: { id: "northwest" } } });
    const turns = events.filter((e) => e.type === "turn").map((e) => e.data);
    expect(turns).toEqual([
      expect.objectContaining({ event: "INCOMING", node: "menu:main", edges: ["start>menu:main:known"] }),
      expect.objectContaining({ event: "KEY", key: "3", node: "team:pharmacy", edges: ["menu:main>team:pharmacy:3"] }),
      expect.objectContaining({ event: "DIAL_RESULT", state: "ended", node: "team:pharmacy", connected: true }),
    ]);
    expect(events.find((e) => e.type === "entry" && e.data.kind === "dial")?.data).toMatchObject({
      number: "+18009720700",
      team: { id: "pharmacy" },
      region: { id: "northwest" },
    });
    expect(events.at(-1)).toMatchObject({ type: "end", data: { kind: "transferred", number: "+18009720700" } });
    await request(running.url)
      .post(`/api/calls/${sid}/input`)
      .send({ kind: "press", digits: "1" })
      .expect(409, { error: "The call is over." });
  });

  test("the way transfers end can change during the call: busy first, then answered", async () => {
    const sid = await newCall({ to: "+15035550100", at: "2026-11-25T10:00", dial: "busy" });
    await readEvents(`/api/calls/${sid}/events`, (e) => listeningCount(e) >= 1);
    await request(running.url).post(`/api/calls/${sid}/input`).send({ kind: "press", digits: "3" }).expect(202);
    await readEvents(`/api/calls/${sid}/events`, (e) => listeningCount(e) >= 2);
    await request(running.url).post(`/api/calls/${sid}/dial`).send({ dial: "answered" }).expect(202);
    await request(running.url).post(`/api/calls/${sid}/dial`).send({ dial: "perhaps" }).expect(400);
    await request(running.url).post(`/api/calls/${sid}/input`).send({ kind: "press", digits: "3" }).expect(202);
    const events = await readEvents(`/api/calls/${sid}/events`, (e) => e.some((x) => x.type === "end"));
    const results = events.filter((e) => e.type === "entry" && e.data.kind === "dial-result").map((e) => e.data.status);
    expect(results).toEqual(["busy", "answered"]);
    expect(events.at(-1)).toMatchObject({ type: "end", data: { kind: "transferred", number: "+18009720700" } });
  });

  test.each([
    [{}, "completed"],
    [{ dial: "canceled" }, "canceled"],
  ])("a transfer of a call placed with %j ends %s", async (dial, status) => {
    const sid = await newCall({ to: "+15035550100", at: "2026-11-25T10:00", ...dial });
    await readEvents(`/api/calls/${sid}/events`, (e) => listeningCount(e) >= 1);
    await request(running.url).post(`/api/calls/${sid}/input`).send({ kind: "press", digits: "3" }).expect(202);
    const isResult = (e: StreamedEvent) => e.type === "entry" && e.data.kind === "dial-result";
    const events = await readEvents(`/api/calls/${sid}/events`, (e) => e.some(isResult));
    expect(events.find(isResult)?.data.status).toBe(status);
    await request(running.url).post(`/api/calls/${sid}/input`).send({ kind: "hangup" });
  });

  test("a page that reconnects gets only the events after the last it saw", async () => {
    const sid = await newCall({ to: "+15035550100" });
    const first = await readEvents(`/api/calls/${sid}/events`, (e) => listeningCount(e) >= 1);
    await request(running.url).post(`/api/calls/${sid}/input`).send({ kind: "hangup" }).expect(202);
    const controller = new AbortController();
    const res = await fetch(`${running.url}/api/calls/${sid}/events`, {
      headers: { "Last-Event-ID": String(first.length) },
      signal: controller.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    while (!text.includes("event: end")) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).not.toContain("id: 1\n");
    expect(text).toContain(`id: ${first.length + 1}\n`);
  });

  test.each([
    [{ to: "5035550100" }, /to: must be an E.164 number/],
    [{ to: "+15035550100", dial: "maybe" }, /dial:/],
    [{ to: "+15035550100", at: "Saturday" }, /at: "Saturday" is not a date and time/],
    [{ to: "+15035550100", extra: 1 }, /Unrecognized key/],
    [{ to: UNKNOWN_NUMBER, at: "2026-11-28T10:00", timeZone: "Mars/Olympus" }, /at: .*time ?zone/i],
  ])("refuses a call %j with 400", async (body, message) => {
    const res = await request(running.url).post("/api/calls").send(body).expect(400);
    expect(res.body.error).toMatch(message);
  });

  test.each([
    [{ kind: "press", digits: "A" }, /digits: keys 0-9, \* and #/],
    [{ kind: "say", text: "   " }, /text:/],
    [{ kind: "dance" }, /kind:/],
  ])("refuses an input %j with 400", async (body, message) => {
    const sid = await newCall({ to: "+15035550100" });
    const res = await request(running.url).post(`/api/calls/${sid}/input`).send(body).expect(400);
    expect(res.body.error).toMatch(message);
    await request(running.url).post(`/api/calls/${sid}/input`).send({ kind: "hangup" }).expect(202);
  });

  test.each([
    ["/api/calls/CAnothing/events", "get"],
    ["/api/calls/CAnothing/input", "post"],
    ["/api/calls/CAnothing/dial", "post"],
    ["/api/nothing", "get"],
  ] as const)("%s: 404", async (path, method) => {
    await request(running.url)[method](path).send({ kind: "hangup" }).expect(404);
  });

  test.each([[{ Origin: "https://evil.example" }], [{ Host: "evil.example" }], [{ Origin: "null" }]])(
    "refuses a request from elsewhere %j with 403",
    async (headers) => {
      await request(running.url).post("/api/calls").set(headers).send({ to: "+15035550100" }).expect(403);
    },
  );
});
