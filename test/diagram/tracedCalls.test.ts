import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MemoryCallbackQueue } from "../../src/service/callbacks/memoryQueue.js";
import { isCallbackState } from "../../src/service/contract/stateIds.js";
import type { DialStatus } from "../../src/service/types.js";
import type { CallerStep, PlannedCall } from "../../src/tools/analytics/traffic/plannedCall.js";
import { buildFlowGraph } from "../../src/tools/diagram/buildFlowGraph.js";
import { type FlowGraph, PERSON_NODE, START_NODE } from "../../src/tools/diagram/flowGraph.js";
import { createPathTracer, type PathStep, type TurnStep } from "../../src/tools/diagram/tracePath.js";
import { type CallerAction, simulateCall } from "../../src/tools/emulator/simulateCall.js";
import { runCalls } from "../analytics/runCalls.js";
import {
  type CallbackInstance,
  MEMBER,
  MONDAY_8AM,
  NORTHWEST,
  SATURDAY_10AM,
  startCallbackInstance,
  waitFor,
} from "../support/callbackLine.js";
import { OPEN_HOURS, sharedCallFlow, WEEKEND } from "../support/createTestApp.js";
import { REGIONS, UNKNOWN_TO } from "../support/regions.js";

const HOUR = 3_600_000;
const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*", "#"];
const WORDS = ["pharmacy", "farmacia", "representative", "español", "nurse", "banana", "vietnamese", "repeat"];
const DIALS: readonly DialStatus[] = ["completed", "busy", "no-answer", "failed"];
const MOMENTS = [OPEN_HOURS, WEEKEND, OPEN_HOURS + 12 * HOUR];

/** A fixed sequence of numbers in [0, 1): the same calls on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Calls of every kind: every region and an unknown number, open and closed hours, keys, words, silence, dials. */
function planCalls(count: number): PlannedCall[] {
  const next = seeded(16);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const step = (): CallerStep => {
    const roll = next();
    if (roll < 0.65) return { kind: "press", digits: pick(KEYS) };
    if (roll < 0.8) return { kind: "silence" };
    return { kind: "say", text: pick(WORDS), confidence: next() < 0.8 ? 0.9 : 0.2 };
  };
  return Array.from({ length: count }, (_, i) => ({
    callSid: `CA${(i + 1).toString(16).padStart(32, "0")}`,
    to: next() < 0.15 ? UNKNOWN_TO : pick(REGIONS).inbound,
    from: `+1503555${(100 + (i % 100)).toString().padStart(4, "0")}`,
    at: pick(MOMENTS) + i * 60_000,
    steps: Array.from({ length: 1 + Math.floor(next() * 8) }, step),
    dial: Array.from({ length: 4 }, () => pick(DIALS)),
    pace: { listen: 0, react: 10, ring: 5, talk: 60 },
  }));
}

type Record = TurnStep & { readonly callSid: string; readonly result: string; readonly inbound: string };

/** What is wrong with one traced turn: a node it does not end at, edges that do not join up. */
function checkTurn(graph: FlowGraph, before: string | undefined, turn: Record, path: PathStep): string[] {
  const problems: string[] = [];
  const edges = path.edges.map((id) => graph.edges.find((e) => e.id === id));
  if (edges.some((e) => e === undefined)) problems.push("an edge the graph does not have");
  const expected =
    turn.state === "ended"
      ? [before]
      : turn.state === "transfer"
        ? [`team:${turn.team}`, PERSON_NODE]
        : [`menu:${turn.state}`, turn.state];
  if (path.node === undefined || !expected.includes(path.node)) problems.push(`ends at ${path.node}`);
  if (turn.state === "ended" && !path.connected) problems.push("not put through");
  const walk = [before, ...edges.flatMap((e) => (e ? [e.to] : []))];
  if (edges.some((e, i) => e?.from !== walk[i])) problems.push(`edges that do not start where the call was`);
  if (walk.at(-1) !== path.node) problems.push("edges that do not end where the call is");
  if (edges.length === 0 && turn.state !== "ended") problems.push("no edge");
  return problems;
}

describe("every turn of simulated calls is a step along the edges of the graph", () => {
  const line = sharedCallFlow();
  const everyRegion = buildFlowGraph(line);
  const byRegion = new Map(line.directory.regions.map((r) => [r.id, buildFlowGraph(line, { region: r.id })]));
  let calls: Map<string, Record[]>;

  beforeAll(async () => {
    const { lines } = await runCalls(planCalls(120));
    calls = new Map();
    for (const text of lines) {
      const record = JSON.parse(text) as Record & { msg: string };
      if (record.msg !== "turn" || record.result === "replayed") continue;
      calls.set(record.callSid, [...(calls.get(record.callSid) ?? []), record]);
    }
  }, 120_000);

  test("the calls took many turns, through every menu and to every end", () => {
    const turns = [...calls.values()].flat();
    expect(turns.length).toBeGreaterThan(400);
    expect(new Set(turns.filter((t) => !isCallbackState(t.state)).map((t) => t.state))).toEqual(
      new Set(["main", "region", "language", "interpreterClosed", "transfer", "ended", "goodbye"]),
    );
    // Callers who found a team closed or not reached pressed 5 (the call-back's questions: below).
    expect(turns.some((t) => isCallbackState(t.state))).toBe(true);
  });

  test.each([
    ["the graph of the caller's region (the unknown number's: every region)", false],
    ["the graph of every region", true],
  ])("on %s", (_name, always) => {
    const graphOf = (first: Record) => (always ? everyRegion : (byRegion.get(first.inbound) ?? everyRegion));
    expect(traceCalls(graphOf, calls)).toEqual([]);
  });
});

/** Follows each call's turn records on a graph; what is wrong, by call and turn. */
function traceCalls(graph: (first: Record) => FlowGraph, calls: ReadonlyMap<string, readonly Record[]>): string[] {
  const problems: string[] = [];
  for (const [callSid, turns] of calls) {
    const drawn = graph(turns[0] as Record);
    const trace = createPathTracer(drawn);
    let at: string | undefined = START_NODE;
    for (const turn of turns) {
      const path = trace(turn);
      for (const problem of checkTurn(drawn, at, turn, path))
        problems.push(`${callSid} turn ${turn.from} → ${turn.state} (${turn.event} ${turn.key ?? ""}): ${problem}`);
      at = path.node;
    }
  }
  return problems;
}

describe("every turn of a call-back, asked for and placed, is a step along the edges of the graph", () => {
  const line = sharedCallFlow();
  const press = (digits: string) => ({ kind: "press" as const, digits });
  const quiet = { kind: "silence" as const };
  let instance: CallbackInstance;
  const calls = new Map<string, Record[]>();

  beforeAll(async () => {
    const clock = { now: SATURDAY_10AM };
    instance = await startCallbackInstance({
      queue: new MemoryCallbackQueue(),
      clock,
      standIn: { answered: { inputs: [press("7"), press("1")] } },
    });
    // Saturday: member services is closed. Confirmed; another number read back; a withheld caller ID; asked again.
    const asks: Array<{ from: string; inputs: CallerAction[] }> = [
      { from: MEMBER, inputs: [press("1"), press("5"), press("9"), quiet, press("1")] },
      {
        from: "+15035550142",
        inputs: [
          press("1"),
          press("5"),
          press("2"),
          press("5035550199#"),
          press("2"),
          press("5035550177#"),
          press("1"),
        ],
      },
      { from: "anonymous", inputs: [press("1"), press("5"), press("5035550188#"), press("1")] },
      { from: MEMBER, inputs: [press("1"), press("5"), press("1")] },
    ];
    for (const ask of asks) {
      const script: CallerAction[] = [...ask.inputs];
      const caller = async (): Promise<CallerAction> => script.shift() ?? { kind: "hangup" };
      await simulateCall(instance.line, { to: NORTHWEST, from: ask.from, caller });
    }
    clock.now = MONDAY_8AM;
    expect((await instance.desk.queue.list()).length).toBe(3);
    await waitFor("the call-backs placed", () => instance.standIn.calls.length >= 3, 20_000);
    await instance.standIn.idle();
    for (const entry of instance.logs.turns()) {
      const record = entry as unknown as Record;
      if (record.result === "replayed") continue;
      calls.set(record.callSid, [...(calls.get(record.callSid) ?? []), record]);
    }
  }, 60_000);
  afterAll(() => instance?.close());

  test("the calls went through every state of a call-back, and the placed ones to the team", () => {
    const states = new Set([...calls.values()].flat().map((t) => t.state));
    for (const state of ["callbackConfirm", "callbackNumber", "callbackReadBack", "callbackDone", "callbackGreeting"])
      expect(states).toContain(state);
    const placed = [...calls.values()].filter((turns) => turns[0]?.state === "callbackGreeting");
    expect(placed.length).toBeGreaterThanOrEqual(3);
    for (const turns of placed) expect(turns.at(-1)?.state).toBe("ended");
  });

  test.each([
    ["the Northwest's graph", buildFlowGraph(line, { region: "northwest" })],
    ["the graph of every region", buildFlowGraph(line)],
  ])("on %s", (_name, graph) => {
    expect(traceCalls(() => graph, calls)).toEqual([]);
  });

  test("the placed call is drawn from the start to its greeting, then to the team it was asked for", () => {
    const graph = buildFlowGraph(line, { region: "northwest" });
    const trace = createPathTracer(graph);
    const placed = [...calls.values()].find((turns) => turns[0]?.state === "callbackGreeting") ?? [];
    expect(placed.map((t) => trace(t).edges)).toEqual([
      ["start>callbackGreeting:callback"],
      ["callbackGreeting>callbackGreeting:invalid"],
      ["callbackGreeting>team:memberServices:connect"],
      [],
    ]);
  });
});
