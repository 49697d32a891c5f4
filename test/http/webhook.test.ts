import { readFileSync } from "node:fs";
import request from "supertest";
import { beforeEach, describe, expect, test } from "vitest";
import { parseDirectory } from "../../src/service/directory/loadDirectory.js";
import { compileFlow } from "../../src/service/flow/compileFlow.js";
import { parseFlow } from "../../src/service/flow/loadFlow.js";
import { createTestApp, DIRECTORY_FILE, FLOW_FILE, type TestApp } from "../support/createTestApp.js";
import { findVerbs, gatherAttrsOf } from "../support/parseTwiml.js";
import { REGIONS } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import { PUBLIC_BASE_URL } from "../support/twilioRequest.js";

const GREETING = /Thank you for calling member services/;
const FULL_MENU = /Please listen to the following options/;

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});

const callTo = (to: string) => new SimulatedCall({ target: t.app, to });

describe("POST /voice (incoming call)", () => {
  test.each(REGIONS)(
    "$id ($inbound): a Gather for keys and speech, then a Redirect to the same action",
    async ({ inbound }) => {
      const call = callTo(inbound);
      const answer = await call.incoming();
      expect(answer.status).toBe(200);
      expect(answer.headers["content-type"]).toMatch(/^text\/xml/);
      expect(answer.nodes.map((n) => n.verb)).toEqual(["Gather", "Redirect"]);
      const gather = gatherAttrsOf(answer.nodes);
      expect(gather).toMatchObject({
        input: "dtmf speech",
        numDigits: "1",
        action: `${PUBLIC_BASE_URL}/voice/turn?t=1`,
        method: "POST",
      });
      const redirect = answer.nodes[1];
      expect(redirect?.text).toBe(`${PUBLIC_BASE_URL}/voice/turn?t=1`);
      expect(redirect?.attrs.method).toBe("POST");
    },
  );

  test.each(REGIONS)("$id: the greeting gives 911 and the 711 relay before the menu", async ({ inbound }) => {
    const call = callTo(inbound);
    await call.incoming();
    const [greeting, ...pieces] = call.says();
    const menu = pieces.join(" ");
    expect(greeting).toMatch(GREETING);
    expect(greeting).toMatch(/dial 9 1 1/);
    expect(greeting).toMatch(/dialing 7 1 1/);
    expect(greeting).toMatch(/Interpreters are available/);
    expect(menu).toMatch(FULL_MENU);
    expect(menu).toMatch(/press 0/);
  });
});

describe("POST /voice/turn: the main menu", () => {
  const cases = REGIONS.flatMap((r) => (["1", "2", "3", "4", "0"] as const).map((key) => [r.id, key, r] as const));

  test.each(cases)("%s, key %s → Dial to the seed number, with an action", async (_id, key, r) => {
    const call = callTo(r.inbound);
    await call.incoming();
    const answer = await call.press(key);
    expect(answer.next?.kind).toBe("dial");
    expect(call.dialed()).toBe(r.dials[key]);
    const [dial] = findVerbs(answer.nodes, "Dial");
    expect(dial?.attrs).toMatchObject({ action: `${PUBLIC_BASE_URL}/voice/turn?t=2`, method: "POST", timeout: "30" });
    expect(call.says().at(-1)).toMatch(/^Connecting you to .+\. Please hold\.$/);
    if (key === "4") expect(call.says().join(" ")).toMatch(/9 8 8/);
    else expect(call.says().join(" ")).not.toMatch(/9 8 8/);
  });

  test.each(REGIONS)(
    "$id: a busy member services line is retried on its next number, then the caller gets the menu with an apology",
    async (r) => {
      const call = callTo(r.inbound);
      await call.incoming();
      await call.press("1");
      for (const number of r.memberServices.slice(1)) {
        await call.dialResult("busy");
        expect(call.dialed()).toBe(number);
      }
      const answer = await call.dialResult("busy");
      expect(answer.next?.kind).toBe("gather");
      const says = call.says();
      expect(says[0]).toBe("Sorry, we could not reach member services.");
      expect(says.join(" ")).toMatch(FULL_MENU);
      expect(says.join(" ")).not.toMatch(GREETING);
      expect(gatherAttrsOf(answer.nodes)?.action).toBe(
        `${PUBLIC_BASE_URL}/voice/turn?t=${2 + r.memberServices.length}`,
      );
    },
  );

  const retried = REGIONS.filter((r) => r.memberServices.length > 1);
  test.each(retried)(
    "$id: the transfer is announced once; the next number after a busy one is dialed without a word",
    async (r) => {
      const call = callTo(r.inbound);
      await call.incoming();
      await call.press("1");
      expect(call.says()).toEqual(["Connecting you to member services. Please hold."]);
      expect(call.dialed()).toBe(r.memberServices[0]);
      const answer = await call.dialResult("busy");
      expect(answer.nodes.map((n) => n.verb)).toEqual(["Dial"]);
      expect(call.says()).toEqual([]);
      expect(call.dialed()).toBe(r.memberServices[1]);
      expect((await call.dialResult("completed")).nodes.map((n) => n.verb)).toEqual(["Hangup"]);
    },
  );

  test("a caller with an interpreter hears the hand-off once, not again on the next number", async () => {
    const call = callTo(retried[0]?.inbound ?? "");
    await call.incoming();
    await call.press("8");
    await call.press("4");
    const handOff = call.says();
    expect(handOff).toHaveLength(1);
    expect(call.dialed()).toBe(retried[0]?.memberServices[0]);
    await call.dialResult("no-answer");
    expect(call.says()).toEqual([]);
    expect(call.dialed()).toBe(retried[0]?.memberServices[1]);
  });

  test.each(["no-answer", "failed", "canceled"] as const)(
    "a %s transfer also brings the caller back to the menu",
    async (status) => {
      const call = callTo("+15035550100");
      await call.incoming();
      await call.press("3");
      await call.dialResult(status);
      expect(call.last.next?.kind).toBe("gather");
      expect(call.says()[0]).toBe("Sorry, we could not reach pharmacy.");
    },
  );

  test.each(["completed", "answered"] as const)(
    "a %s transfer ends with Hangup and is remembered as ended",
    async (status) => {
      const call = callTo("+15035550100");
      await call.incoming();
      await call.press("2");
      expect(await t.store.load(call.callSid)).toBeDefined();
      const answer = await call.dialResult(status);
      expect(answer.nodes.map((n) => n.verb)).toEqual(["Hangup"]);
      expect(await t.store.load(call.callSid)).toEqual({ ended: true });
    },
  );

  test("the caller can say an option instead of pressing it", async () => {
    const call = callTo("+15035550100");
    await call.incoming();
    await call.speak("I need a prescription refill", 0.87);
    expect(call.dialed()).toBe("+18009720700");
  });
});

describe("POST /voice/status", () => {
  test.each([
    ["a late turn", { Digits: "7" }],
    ["a replayed dial result", { DialCallStatus: "busy" }],
    ["silence", {}],
  ])("an ended call stays ended: %s is hung up and starts nothing", async (_name, extra) => {
    const call = callTo("+13035550100");
    await call.incoming();
    await call.press("7");
    expect(call.says()[0]).toBe("Sorry, that is not one of the choices.");
    expect(await t.store.load(call.callSid)).toMatchObject({ turn: 2, call: { context: { failures: 1 } } });

    expect(await call.statusCallback("completed")).toBe(204);
    expect(await t.store.load(call.callSid)).toEqual({ ended: true });

    for (const path of ["/voice/turn?t=2", "/voice/turn?t=1", "/voice/recover", "/voice/recover?t=2"]) {
      const answer = await call.post(path, extra);
      expect(answer.nodes.map((n) => n.verb)).toEqual(["Hangup"]);
    }
    expect(await t.store.load(call.callSid)).toEqual({ ended: true });
    const results = t.logs
      .entries()
      .filter((e) => e.msg === "turn" && e.callSid === call.callSid)
      .map((e) => e.result);
    expect(results.slice(-4)).toEqual(["ended", "ended", "ended", "ended"]);
  });

  test("a status that does not end the call keeps the session", async () => {
    const call = callTo("+13035550100");
    await call.incoming();
    expect(await call.statusCallback("in-progress")).toBe(204);
    expect(await t.store.load(call.callSid)).toBeDefined();
  });
});

describe("GET /healthz", () => {
  test("answers 200 with the store's state", async () => {
    const res = await request(t.app).get("/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: "ok",
      store: "ok",
      version: t.callFlow.version,
      origin: { from: "files" },
      lastReloadError: null,
    });
  });
});

describe("languages on the wire", () => {
  /** The offers of the language menu (key 8), each in its language's voice, in the order they are said. */
  const LANGUAGE_MENU_OFFERS = [
    { text: "普通话请按8。", language: "cmn-CN", voice: "Polly.Zhiyu-Neural" },
    { text: "廣東話請按8。", language: "yue-HK", voice: "Google.yue-HK-Standard-A" },
    { text: "Tiếng Việt, xin bấm số 8.", language: "vi-VN", voice: "Google.vi-VN-Standard-A" },
    { text: "Para sa Tagalog, pindutin ang 8.", language: "fil-PH", voice: "Google.fil-PH-Standard-A" },
    { text: "Pour le français, appuyez sur 8.", language: "fr-FR", voice: "Polly.Lea-Neural" },
  ];
  test.each([
    {
      menu: "English menu",
      keys: [] as string[],
      language: "en-US",
      voice: "Polly.Joanna-Neural",
      offers: [
        { text: "Para español, oprima 9.", language: "es-US", voice: "Polly.Lupe-Neural" },
        ...LANGUAGE_MENU_OFFERS,
      ],
    },
    {
      menu: "Spanish menu",
      keys: ["9"],
      language: "es-US",
      voice: "Polly.Lupe-Neural",
      offers: [
        { text: "For English, press 9.", language: "en-US", voice: "Polly.Joanna-Neural" },
        ...LANGUAGE_MENU_OFFERS,
      ],
    },
  ])(
    "$menu: every <Say> in the caller's voice but the offers of other languages, each in its own",
    async ({ keys, language, voice, offers }) => {
      const call = callTo(REGIONS[0]?.inbound ?? "");
      let answer = await call.incoming();
      for (const key of keys) answer = await call.press(key);
      const says = findVerbs(answer.nodes, "Say");
      expect(says.length).toBeGreaterThan(1);
      const offered = says.filter((s) => s.attrs.language !== language);
      expect(offered.map((s) => ({ text: s.text, ...s.attrs }))).toEqual(offers);
      for (const say of says.filter((s) => s.attrs.language === language))
        expect(say.attrs).toEqual({ language, voice });
      expect(gatherAttrsOf(answer.nodes)?.language).toBe(language);
    },
  );
});

describe("speech switched off in the flow", () => {
  test.each([
    [true, "dtmf speech", true],
    [false, "dtmf", false],
  ])("speech.enabled %s → <Gather input=%s>, speech attributes %s", async (enabled, input, hasSpeech) => {
    const directory = parseDirectory(JSON.parse(readFileSync(DIRECTORY_FILE, "utf8")), DIRECTORY_FILE);
    const flowJson = JSON.parse(readFileSync(FLOW_FILE, "utf8"));
    flowJson.speech.enabled = enabled;
    const callFlow = compileFlow(parseFlow(flowJson, FLOW_FILE, directory), directory);
    const app = createTestApp({ callFlow });
    const answer = await new SimulatedCall({ target: app.app, to: REGIONS[0]?.inbound ?? "" }).incoming();
    const gather = gatherAttrsOf(answer.nodes);
    expect(gather?.input).toBe(input);
    for (const attr of ["language", "hints", "speechTimeout", "speechModel"])
      expect(gather !== undefined && attr in gather).toBe(hasSpeech);
  });
});
