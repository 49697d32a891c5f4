import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, test } from "vitest";
import { MemoryCallbackQueue } from "../../src/service/callbacks/memoryQueue.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import { simulateCall } from "../../src/tools/emulator/simulateCall.js";
import type { Line } from "../../src/tools/review/loadLine.js";
import { readTurnLog, type TurnLine } from "../../src/tools/review/readTurnLog.js";
import { type ReplayReport, replayLog } from "../../src/tools/review/replayLog.js";
import { runFlowCommand } from "../../src/tools/review/runFlowCommand.js";
import { DIRECTORY_FILE, defined, FLOW_FILE, type FlowJson, flowJson } from "../fixtures/flowFixtures.js";
import { MEMBER, NORTHWEST, SATURDAY_10AM, startCallbackInstance } from "../support/callbackLine.js";
import { createTestApp, OPEN_HOURS, WEEKEND } from "../support/createTestApp.js";
import { region, UNKNOWN_TO } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import { CALLER } from "../support/twilioRequest.js";
import { lineWith, menuOf } from "./lineFixtures.js";

/** The calls of the log, by what they did; each gets its Call SID when it is made. */
const sid: Record<string, string> = {};
let logText = "";
let turns: readonly TurnLine[] = [];
const base = lineWith({}, "bundled");

/**
 * Makes real calls through the service (signed webhooks, the turn log as it writes it): each ends in a
 * transfer, a goodbye, in a menu or while dialing; two cannot be replayed.
 */
beforeAll(async () => {
  // The store keeps its own clock, so one call's session can expire while the line's clock stands still.
  const storeClock = { now: OPEN_HOURS };
  const t = createTestApp({
    now: OPEN_HOURS,
    store: new MemoryStore({ now: () => storeClock.now, sweepIntervalMs: 0 }),
  });
  const call = async (name: string, to: string, steps: (c: SimulatedCall) => Promise<unknown>) => {
    const c = new SimulatedCall({ target: t.app, to });
    sid[name] = c.callSid;
    await c.incoming();
    await steps(c);
  };
  const northwest = region("northwest").inbound;
  await call("pharmacy", northwest, async (c) => {
    await c.press("3");
    await c.dialResult("completed");
  });
  await call("coloradoBusy", region("colorado").inbound, async (c) => {
    await c.press("1");
    await c.dialResult("busy");
    await c.dialResult("completed");
  });
  await call("unknownNumber", UNKNOWN_TO, async (c) => {
    await c.press("6");
    await c.press("2");
    await c.dialResult("completed");
  });
  await call("spanishSpeech", northwest, async (c) => {
    await c.press("9");
    await c.speak("farmacia por favor", 0.9);
    await c.dialResult("completed");
  });
  await call("mumbled", northwest, async (c) => {
    await c.speak("zebra umbrella", 0.9);
    await c.press("3");
    await c.dialResult("completed");
  });
  await call("silent", northwest, async (c) => {
    for (let i = 0; i < 3; i++) await c.silence();
    await c.dialResult("completed");
  });
  // 8, then 4: Vietnamese with an interpreter; member services busy, then the nurse line on 2.
  await call("vietnamese", northwest, async (c) => {
    await c.press("8");
    await c.press("4");
    await c.dialResult("busy");
    await c.press("2");
    await c.dialResult("completed");
  });
  await call("hungUpInMenu", northwest, (c) => c.press("5"));
  await call("hungUpDialing", northwest, (c) => c.press("4"));
  await call("lostSession", northwest, async (c) => {
    storeClock.now += 14_400_001; // its session expires (the calls before it are over)
    await c.press("3");
  });
  await call("startedBefore", northwest, (c) => c.press("2"));
  t.clock.now = WEEKEND;
  await call("saturday", northwest, async (c) => {
    await c.press("1");
    await c.press("2");
    await c.dialResult("completed");
  });
  const lines = t.logs.lines.filter((l) => {
    const entry = JSON.parse(l) as { msg?: string; callSid?: string; event?: string };
    // The log starts after this call's first turn.
    return !(entry.callSid === sid.startedBefore && entry.event === "INCOMING");
  });
  logText = `${lines.join("\n")}\n`;
  turns = (await readTurnLog(["-"], Readable.from([logText]))).turns;
});

describe("the turn log", () => {
  test("carries what replay needs: time, the line version, key or speech; never the caller's number or words", () => {
    const first = defined(turns.find((l) => l.callSid === sid.pharmacy && l.event === "INCOMING"));
    expect(first).toMatchObject({
      time: OPEN_HOURS,
      version: base.callFlow.version,
      region: "northwest",
      result: "started",
    });
    const spoken = defined(turns.find((l) => l.callSid === sid.spanishSpeech && l.event === "SPEECH"));
    expect(spoken).toMatchObject({
      option: { menu: "main", key: "3", action: { kind: "transfer", team: "pharmacy" } },
      via: "speech",
      confidence: 0.9,
    });
    expect(turns.find((l) => l.callSid === sid.pharmacy && l.event === "KEY")).toMatchObject({ key: "3", via: "key" });
    for (const secret of [CALLER, "farmacia", "zebra"]) expect(logText).not.toContain(secret);
  });
});

describe("replayed against the line that logged it", () => {
  let report: ReplayReport;
  beforeAll(() => {
    report = replayLog(turns, base);
  });

  test("every call ends where it did: nothing changed", () => {
    expect(report.changed).toEqual([]);
    expect(report).toMatchObject({ calls: 12, replayed: 10, skipped: 2 });
    expect(report.versions).toEqual({ [base.callFlow.version]: 10 });
  });

  test("calls that cannot be replayed are counted with the reason", () => {
    expect([...report.skips].sort((a, b) => a.callSid.localeCompare(b.callSid))).toEqual(
      [
        { callSid: sid.startedBefore, reason: "started before the log: its first turn is not in it" },
        {
          callSid: sid.lostSession,
          reason: "started over after its session was lost: the line did not know it for a while",
        },
      ].sort((a, b) => String(a.callSid).localeCompare(String(b.callSid))),
    );
  });
});

/** An edit, and the calls it sends elsewhere with where they went before and after. */
interface ReplayCase {
  readonly name: string;
  readonly line: () => Line;
  readonly changed: ReadonlyArray<{
    readonly call: string;
    readonly before: { team: string | null; number: string | null };
    readonly after: { team: string | null; number: string | null };
  }>;
}

const CASES: readonly ReplayCase[] = [
  {
    name: "a changed number: the Northwest pharmacy",
    line: () =>
      lineWith({
        directory: (j) => {
          const line = defined(j.regions.find((r) => r.id === "northwest")?.teams.pharmacy);
          if (!("numbers" in line)) throw new Error("fixture: the Northwest pharmacy has its own line");
          const number = defined(line.numbers[0]);
          number.number = "+18009720701";
          number.quote = "Pharmacy Support and Prescription Refills 1-800-972-0701";
        },
      }),
    changed: [
      { call: "pharmacy", before: pharmacy("+18009720700"), after: pharmacy("+18009720701") },
      { call: "spanishSpeech", before: pharmacy("+18009720700"), after: pharmacy("+18009720701") },
      { call: "mumbled", before: pharmacy("+18009720700"), after: pharmacy("+18009720701") },
    ],
  },
  {
    name: "two swapped keys: 1 and 2",
    line: () =>
      lineWith({
        flow: (j) => {
          const [memberServices, nurse] = defined(menuOf(j, "main").options);
          defined(memberServices).key = "2";
          defined(nurse).key = "1";
        },
      }),
    changed: [
      // Colorado's second member services number answered; nurse advice goes to the same two numbers.
      {
        call: "coloradoBusy",
        before: { team: "memberServices", number: "+18006329700" },
        after: { team: "nurseAdvice", number: "+18006329700" },
      },
      {
        call: "unknownNumber",
        before: { team: "nurseAdvice", number: "+18004644000" },
        after: { team: "memberServices", number: "+18008132000" },
      },
    ],
  },
  {
    name: "the nurse line on 3 instead of 2 when member services cannot take an interpreter call",
    line: () =>
      lineWith({
        flow: (j) => {
          j.interpreters.whenClosedKey = "3";
        },
      }),
    changed: [
      {
        call: "vietnamese",
        before: { team: "nurseAdvice", number: "+18004644000" },
        after: { team: null, number: null },
      },
    ],
  },
];

function pharmacy(number: string) {
  return { team: "pharmacy", number };
}

describe.each(CASES)("replayed against an edit: $name", ({ line, changed }) => {
  test("exactly these calls end elsewhere", () => {
    const report = replayLog(turns, line(), [base]);
    const byName = Object.fromEntries(Object.entries(sid).map(([name, callSid]) => [callSid, name]));
    expect(
      report.changed
        .map((c) => ({
          call: byName[c.callSid],
          before: { team: c.before.team, number: c.before.number },
          after: { team: c.after.team, number: c.after.number },
        }))
        .sort((a, b) => String(a.call).localeCompare(String(b.call))),
    ).toEqual([...changed].sort((a, b) => a.call.localeCompare(b.call)));
    expect(report.counts.reduce((n, c) => n + c.calls, 0)).toBe(changed.length);
  });
});

test("without the line that logged them, numbers are not compared, teams and endings are", () => {
  const moved = lineWith({
    directory: (j) => {
      const line = defined(j.regions.find((r) => r.id === "northwest")?.teams.pharmacy);
      if ("numbers" in line) defined(line.numbers[0]).number = "+18009720701";
      if ("numbers" in line) defined(line.numbers[0]).quote = "1-800-972-0701";
    },
  });
  expect(replayLog(turns, moved, [moved]).changed).toEqual([]);
});

describe("npm run flow -- replay", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "replay-"));
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  /** `npm run flow -- ARGV` on the tests' copy of the line (its flow and directory unless given). */
  const run = async (argv: readonly string[], stdin = "") => {
    const out: string[] = [];
    const err: string[] = [];
    const line = [
      ...(argv.includes("--flow") ? [] : ["--flow", FLOW_FILE]),
      ...(argv.includes("--directory") ? [] : ["--directory", DIRECTORY_FILE]),
    ];
    const code = await runFlowCommand([...argv, ...line], {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      stdin: Readable.from([stdin]),
      now: () => OPEN_HOURS,
    });
    return { code, out: out.join(""), err: err.join("") };
  };

  test("reads plain, gzip and standard input, and prints JSON", async () => {
    const half = Math.floor(logText.split("\n").length / 2);
    const lines = logText.split("\n");
    const plain = write("a.log", `${lines.slice(0, half).join("\n")}\n`);
    const zipped = write("b.log.gz", gzipSync(`${lines.slice(half).join("\n")}\n`));
    for (const argv of [
      ["replay", plain, zipped, "--json"],
      ["replay", "-", "--json"],
    ]) {
      const { code, out } = await run(argv, logText);
      expect(code).toBe(0);
      expect(JSON.parse(out)).toMatchObject({ calls: 12, replayed: 10, skipped: 2, changed: [] });
    }
  });

  test("--fail-on-change exits with 1 when a call would end elsewhere, naming it", async () => {
    const flow = flowJson() as FlowJson;
    const [memberServices, nurse] = defined(menuOf(flow, "main").options);
    defined(memberServices).key = "2";
    defined(nurse).key = "1";
    const flowFile = write("swapped.json", JSON.stringify(flow));
    const log = write("calls.log", logText);
    const { code, out } = await run([
      "replay",
      log,
      "--flow",
      flowFile,
      "--base",
      `${FLOW_FILE},${DIRECTORY_FILE}`,
      "--fail-on-change",
    ]);
    expect(code).toBe(1);
    expect(out).toContain("2 calls would end up somewhere else:");
    expect(out).toContain(`${sid.unknownNumber}: nurseAdvice +1 800 464 4000 → memberServices +1 800 813 2000`);
  });

  test("a log line over 1 MB is skipped and counted; the calls around it are replayed", async () => {
    const lines = logText.split("\n");
    const half = Math.floor(lines.length / 2);
    const long = JSON.stringify({ msg: "turn", pad: "x".repeat(1024 * 1024) });
    const withLong = [...lines.slice(0, half), long, ...lines.slice(half)].join("\n");
    const json = await run(["replay", "-", "--json"], withLong);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ calls: 12, replayed: 10, skipped: 2, longLines: 1 });
    const text = await run(["replay", "-"], withLong);
    expect(text.out).toContain("1 log line over 1 MB skipped.");
  });

  test("control characters in a crafted log never reach the terminal", async () => {
    // Terminal escape sequences in the values of one call's lines: its version and the team it reached.
    const crafted = logText
      .split("\n")
      .map((l) => {
        if (!l.includes(defined(sid.pharmacy))) return l;
        const entry = JSON.parse(l) as Record<string, unknown>;
        if (entry.version !== undefined) entry.version = `\u001b]8;;http://evil.example\u0007v\u009b2J`;
        if (entry.team === "pharmacy") entry.team = "pharmacy\u001b[8m\u0085";
        return JSON.stringify(entry);
      })
      .join("\n");
    const { code, out } = await run(["replay", "-"], crafted);
    expect(code).toBe(0);
    expect(out).toContain("http://evil.example");
    expect(out).toContain("pharmacy[8m");
    expect(out).not.toMatch(/(?!\n)\p{Cc}/u);
  });

  test("an unreadable log exits with 2, naming it", async () => {
    const { code, err } = await run(["replay", path.join(dir, "missing.log")]);
    expect(code).toBe(2);
    expect(err).toContain("missing.log: cannot be read");
  });
});

describe("a logged call that asked for a call-back", () => {
  let logged: readonly TurnLine[] = [];
  beforeAll(async () => {
    const instance = await startCallbackInstance({
      queue: new MemoryCallbackQueue(),
      clock: { now: SATURDAY_10AM },
      worker: false,
    });
    try {
      const inputs = ["1", "5", "1"].map((digits) => ({ kind: "press" as const, digits }));
      await simulateCall(instance.line, { to: NORTHWEST, from: MEMBER, inputs });
    } finally {
      await instance.close();
    }
    logged = (await readTurnLog(["-"], Readable.from([`${instance.logs.lines.join("\n")}\n`]))).turns;
  });

  test("ends in the call-back on the line that logged it: nothing changed", () => {
    expect(replayLog(logged, base)).toMatchObject({ calls: 1, replayed: 1, changed: [] });
  });

  test("on a line without call-backs it ends in the menu, named as a change from the call-back", () => {
    const without = lineWith({
      flow: (j) => {
        delete j.callbacks;
      },
    });
    const [change] = replayLog(logged, without, [base]).changed;
    expect(change?.before).toEqual({ end: "callback", team: "memberServices", number: null });
    expect(change?.after).toMatchObject({ end: "menu", menu: "main" });
  });
});
