import type { RequestListener } from "node:http";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/service/app.js";
import { createLogger } from "../../src/service/log/createLogger.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import { formatTranscript } from "../../src/tools/cli/printTranscript.js";
import {
  type CallerInput,
  type CallOptions,
  type CallTranscript,
  createCallSid,
  describeMemberLine,
  endedWell,
  type Line,
  loadMemberLineFlow,
  openLine,
  openMemberLine,
  simulateCall,
  type TranscriptEntry,
} from "../../src/tools/emulator/index.js";
import { createTestApp, DIRECTORY_FILE, FLOW_FILE, type TestApp, WEEKEND } from "../support/createTestApp.js";
import { CALLER, PUBLIC_BASE_URL, TEST_AUTH_TOKEN } from "../support/twilioRequest.js";

const callFlow = loadMemberLineFlow({ FLOW_FILE, DIRECTORY_FILE });

/** Wednesday 11 March 2026, 19:00 UTC: every regional team is open (12:00 Pacific … 09:00 Hawaii). */
const OPEN_HOURS = Date.UTC(2026, 2, 11, 19, 0);
/** Saturday 28 November 2026, 10:00 Pacific: member services is closed, nurse advice is not. */
const SATURDAY = Date.parse("2026-11-28T10:00:00-08:00");

/** Everything the line logs at warn or above: a simulated call should cause none (no refused signature). */
class Warnings extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.lines.push(...String(chunk).split("\n").filter(Boolean));
    callback();
  }
}

const press = (keys: string): CallerInput[] => [...keys].map((digits) => ({ kind: "press", digits }));
const say = (text: string): CallerInput => ({ kind: "say", text });

/** A call on the member line started in process (its clock at `at`), to the Northwest line unless `to` says. */
async function call(
  options: Partial<CallOptions> & { at?: number },
): Promise<{ transcript: CallTranscript; warnings: string[] }> {
  const warnings = new Warnings();
  const { at = OPEN_HOURS, ...callOptions } = options;
  const line = await openMemberLine({ callFlow, at, logger: createLogger("warn", warnings) });
  try {
    const transcript = await simulateCall(line, { to: "+15035550100", ...callOptions });
    return { transcript, warnings: warnings.lines };
  } finally {
    await line.close();
  }
}

const saysOf = (entries: readonly TranscriptEntry[]) =>
  entries.filter((e): e is Extract<TranscriptEntry, { kind: "say" }> => e.kind === "say");
const dialsOf = (entries: readonly TranscriptEntry[]) =>
  entries.filter((e): e is Extract<TranscriptEntry, { kind: "dial" }> => e.kind === "dial");

/** Each region's inbound number and its member services line (key 1), from the line's directory (test/fixtures/line). */
const REGIONS = [
  { region: "california", to: "+15105550100", memberServices: "+18004644000" },
  { region: "colorado", to: "+13035550100", memberServices: "+13033383800" },
  { region: "georgia", to: "+14045550100", memberServices: "+18888655813" },
  { region: "hawaii", to: "+18085550100", memberServices: "+18084325955" },
  { region: "midAtlantic", to: "+13015550100", memberServices: "+18007777902" },
  { region: "northwest", to: "+15035550100", memberServices: "+18008132000" },
  { region: "washington", to: "+12065550100", memberServices: "+18889014636" },
] as const;

describe("simulateCall on the member line in process (openMemberLine)", () => {
  it("puts a Northwest caller pressing 3 through to the Northwest pharmacy", async () => {
    const { transcript, warnings } = await call({ to: "+15035550100", inputs: press("3") });
    expect(transcript.outcome).toEqual({
      kind: "transferred",
      number: "+18009720700",
      region: { id: "northwest", name: "Northwest" },
      team: { id: "pharmacy", name: "pharmacy" },
    });
    expect(endedWell(transcript.outcome)).toBe(true);
    expect(transcript.region).toMatchObject({ id: "northwest", timeZone: "America/Los_Angeles" });
    // Greeting, the menu in English, the offer of Spanish in the Spanish voice, the offer of the language
    // menu in Mandarin, Cantonese, Vietnamese, Tagalog and French (each in its voice), the rest of the menu.
    expect(transcript.entries.map((e) => e.kind)).toEqual([
      ...Array.from({ length: 9 }, () => "say"),
      "press",
      "say",
      "dial",
      "dial-result",
      "hangup",
    ]);
    expect(transcript.entries.at(-2)).toMatchObject({ kind: "dial-result", status: "completed" });
    expect(transcript.entries.at(-1)).toMatchObject({ kind: "hangup", by: "line" });
    expect(transcript.requests).toBe(3);
    expect(warnings).toEqual([]);
  });

  it.each([
    ["the Northwest nurse advice line (the sources disagree on it)", "2", "+18004644000", true],
    ["the Northwest pharmacy (one source, no doubt)", "3", "+18009720700", false],
  ])("marks the transfer when the number dialed needs verification: %s", async (_name, key, number, caution) => {
    const { transcript } = await call({ to: "+15035550100", inputs: press(key) });
    const [dial] = dialsOf(transcript.entries);
    expect(dial?.number).toBe(number);
    if (caution) expect(dial?.caution).toMatch(/seeds disagree/);
    else expect(dial).not.toHaveProperty("caution");
    expect(formatTranscript(transcript).includes("needs verification")).toBe(caution);
  });

  it.each(REGIONS)("puts a $region caller pressing 1 through to its member services, $memberServices", async (r) => {
    const { transcript, warnings } = await call({ to: r.to, inputs: press("1") });
    expect(transcript.region?.id).toBe(r.region);
    expect(transcript.outcome).toMatchObject({
      kind: "transferred",
      number: r.memberServices,
      region: { id: r.region },
      team: { id: "memberServices" },
    });
    expect(dialsOf(transcript.entries).map((d) => d.number)).toEqual([r.memberServices]);
    expect(warnings).toEqual([]);
  });

  it("switches to Spanish on 9, understands 'farmacia' and transfers to the pharmacy", async () => {
    const { transcript } = await call({ to: "+15035550100", inputs: [...press("9"), say("farmacia")] });
    expect(transcript.outcome).toMatchObject({ kind: "transferred", number: "+18009720700", team: { id: "pharmacy" } });
    const pressAt = transcript.entries.findIndex((e) => e.kind === "press");
    const after = saysOf(transcript.entries.slice(pressAt));
    expect(after.length).toBeGreaterThan(0);
    // Everything in Spanish but the offers of English and of the language menu, each in its own voice.
    expect(after.filter((s) => s.language !== "es-US").map((s) => [s.language, s.text])).toEqual([
      ["en-US", "For English, press 9."],
      ["cmn-CN", "普通话请按8。"],
      ["yue-HK", "廣東話請按8。"],
      ["vi-VN", "Tiếng Việt, xin bấm số 8."],
      ["fil-PH", "Para sa Tagalog, pindutin ang 8."],
      ["fr-FR", "Pour le français, appuyez sur 8."],
    ]);
    expect(after.filter((s) => s.language === "en-US").map((s) => s.text)).toEqual(["For English, press 9."]);
    expect(after.map((s) => s.text).join(" ")).toContain("Le estamos comunicando con farmacia");
    expect(transcript.entries).toContainEqual(
      expect.objectContaining({ kind: "say-speech", text: "farmacia", confidence: 0.9 }),
    );
  });

  it("tags every 'say' entry with the language of the <Say>", async () => {
    const { transcript } = await call({ inputs: [...press("9"), ...press("9"), ...press("3")] });
    const languages = saysOf(transcript.entries).map((s) => s.language);
    expect(new Set(languages)).toEqual(new Set(["en-US", "es-US", "cmn-CN", "yue-HK", "vi-VN", "fil-PH", "fr-FR"]));
    // English, then Spanish after the first 9, then English again after the second.
    const firstSayAfter = (i: number) => saysOf(transcript.entries.slice(i + 1))[0]?.language;
    const presses = transcript.entries.flatMap((e, i) => (e.kind === "press" ? [i] : []));
    expect(saysOf(transcript.entries)[0]?.language).toBe("en-US");
    expect(presses.map(firstSayAfter)).toEqual(["es-US", "en-US", "en-US"]);
    for (const s of saysOf(transcript.entries)) expect(s.voice).toMatch(/^(Polly|Google)\./);
  });

  it("transfers a caller who never answers to a representative after the failures", async () => {
    const { transcript } = await call({ to: "+15035550100" });
    const silences = transcript.entries.filter((e) => e.kind === "silence");
    expect(silences).toHaveLength(3);
    expect(saysOf(transcript.entries).map((s) => s.text)).toContain("Let me connect you with someone who can help.");
    expect(transcript.outcome).toMatchObject({
      kind: "transferred",
      number: "+18008132000",
      team: { id: "representative" },
      via: { id: "memberServices" },
    });
  });

  it("brings the caller back to the menu when the transfer is busy", async () => {
    const { transcript } = await call({ inputs: [...press("3"), ...press("0")], dial: ["busy"] });
    const kinds = transcript.entries.map((e) => e.kind);
    const busyAt = transcript.entries.findIndex((e) => e.kind === "dial-result" && e.status === "busy");
    expect(busyAt).toBeGreaterThan(0);
    const next = transcript.entries.slice(busyAt + 1);
    expect(next[0]).toMatchObject({ kind: "say", text: "Sorry, we could not reach pharmacy." });
    // The call-back offered when the line failed on every number of the team, open: after the retry spacing.
    expect(next[1]).toMatchObject({
      kind: "say",
      text: "To get a call back from pharmacy, today after 12:20 PM, press 5.",
    });
    expect(next[2]).toMatchObject({
      kind: "say",
      text: expect.stringContaining("Please listen to the following options."),
    });
    expect(next.find((e) => e.kind !== "say")).toMatchObject({ kind: "press", digits: "0" });
    expect(kinds.filter((k) => k === "dial")).toHaveLength(2);
    expect(transcript.outcome).toMatchObject({ kind: "transferred", number: "+18008132000" });
  });

  it("tries a region's next number when the first is busy", async () => {
    const { transcript } = await call({ to: "+13035550100", inputs: press("1"), dial: ["busy", "completed"] });
    expect(dialsOf(transcript.entries).map((d) => d.number)).toEqual(["+13033383800", "+18006329700"]);
    expect(transcript.outcome).toMatchObject({ kind: "transferred", number: "+18006329700" });
  });

  it("says goodbye when no transfer gets through", async () => {
    const { transcript } = await call({ inputs: press("333"), dial: ["busy", "no-answer", "failed"] });
    expect(transcript.outcome).toEqual({ kind: "goodbye" });
    expect(endedWell(transcript.outcome)).toBe(true);
    expect(saysOf(transcript.entries).at(-1)?.text).toContain("Goodbye.");
    expect(transcript.entries.at(-1)).toMatchObject({ kind: "hangup", by: "line" });
  });

  it("tells a Saturday caller member services is closed, then transfers to the nurse line", async () => {
    const { transcript } = await call({ at: SATURDAY, inputs: press("12") });
    const texts = saysOf(transcript.entries).map((s) => s.text);
    expect(texts).toContainEqual(expect.stringContaining("Sorry, member services is not available right now."));
    expect(transcript.outcome).toMatchObject({
      kind: "transferred",
      number: "+18004644000",
      region: { id: "northwest" },
      team: { id: "nurseAdvice" },
    });
  });

  it("lets a caller from an unknown number choose a region first", async () => {
    const { transcript } = await call({ to: "+15555550000", inputs: press("63") });
    expect(transcript.region).toBeUndefined();
    expect(transcript.outcome).toMatchObject({
      kind: "transferred",
      number: "+18009720700",
      region: { id: "northwest" },
    });
  });

  it("stops at the turn limit", async () => {
    const { transcript } = await call({ maxTurns: 2 });
    expect(transcript.outcome).toEqual({ kind: "turn-limit", turns: 2 });
    expect(endedWell(transcript.outcome)).toBe(false);
  });

  it("lets an interactive caller answer once the scripted inputs run out, and hang up", async () => {
    const asked: boolean[] = [];
    const { transcript } = await call({
      inputs: press("*"),
      caller: async (gather) => {
        asked.push(gather.speech);
        return asked.length === 1 ? { kind: "silence" } : { kind: "hangup" };
      },
    });
    expect(asked).toEqual([true, true]);
    expect(transcript.outcome).toEqual({ kind: "caller-hung-up" });
    expect(transcript.entries.at(-1)).toMatchObject({ kind: "hangup", by: "caller" });
  });
});

describe("simulateCall on a running member line (openLine with its URL)", () => {
  const token = "0123456789abcdef0123456789abcdef";
  let server: Line;
  let url: string;
  const store = new MemoryStore({ sweepIntervalMs: 0 });
  const warnings = new Warnings();
  const describer = describeMemberLine(callFlow);

  beforeAll(async () => {
    const app = createApp({
      callFlow,
      store,
      logger: createLogger("warn", warnings),
      authToken: token,
      clock: () => OPEN_HOURS,
    });
    // A line of its own serves the app on a loopback port: the server the calls below reach by URL.
    server = await openLine({ app });
    url = server.baseUrl;
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  async function callServer(lineToken: string, options: Partial<CallOptions> = {}, at = url) {
    const line = await openLine({ url: at, token: lineToken, describer });
    try {
      return await simulateCall(line, { to: "+15035550100", ...options });
    } finally {
      await line.close();
    }
  }

  it("signs its requests with the server's token and names the transfer from the directory", async () => {
    const transcript = await callServer(token, { inputs: press("4") });
    expect(transcript.outcome).toMatchObject({
      kind: "transferred",
      number: "+18008542763",
      region: { id: "northwest" },
      team: { id: "behavioralHealth" },
    });
    expect(warnings.lines).toEqual([]);
    // The status callback marked the finished call ended.
    expect(await store.load(transcript.callSid)).toEqual({ ended: true });
  });

  it("fails, saying why, when the server refuses the signature", async () => {
    const transcript = await callServer("f".repeat(32), { inputs: press("3") });
    expect(transcript.outcome).toMatchObject({ kind: "failed", reason: expect.stringContaining("403") });
    expect(endedWell(transcript.outcome)).toBe(false);
  });

  it("fails when the URL does not answer TwiML", async () => {
    const transcript = await callServer(token, {}, `${url}/nowhere`);
    expect(transcript.outcome).toMatchObject({ kind: "failed", reason: expect.stringContaining("404") });
  });
});

describe("many calls on one line to an app in process, on the app's clock", () => {
  const sockets = new Set<unknown>();
  let t: TestApp;
  let line: Line;

  beforeAll(async () => {
    t = createTestApp({ now: WEEKEND });
    // Counts the connections the calls arrive on.
    const app: RequestListener = (req, res) => {
      sockets.add(req.socket);
      t.app(req, res);
    };
    line = await openLine({
      app,
      token: TEST_AUTH_TOKEN,
      publicBaseUrl: PUBLIC_BASE_URL,
      clock: () => t.clock.now,
      describer: describeMemberLine(t.callFlow),
    });
  });
  afterAll(() => line.close());

  it("puts 300 callers through at once over a few kept-alive connections, on the weekend clock", async () => {
    // Member services (1) is closed on Saturday: those callers then choose the nurse line (2).
    const choices = [
      { keys: "12", team: "nurseAdvice" },
      { keys: "2", team: "nurseAdvice" },
      { keys: "3", team: "pharmacy" },
    ];
    const transcripts = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        simulateCall(line, {
          to: "+15035550100",
          from: CALLER,
          callSid: createCallSid(`weekend caller ${i}`),
          inputs: press(choices[i % 3]?.keys ?? ""),
        }),
      ),
    );
    for (const [i, transcript] of transcripts.entries()) {
      expect(transcript.startedAt).toBe(WEEKEND);
      expect(transcript.outcome).toMatchObject({
        kind: "transferred",
        region: { id: "northwest" },
        team: { id: choices[i % 3]?.team },
      });
    }
    expect(sockets.size).toBeLessThanOrEqual(64);
    expect(t.logs.turns().length).toBeGreaterThanOrEqual(300 * 2);
  });
});
