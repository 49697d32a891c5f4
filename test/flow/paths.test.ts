import {
  getAdjacencyMap,
  getShortestPaths,
  getStateNodes,
  type SerializedEvent,
  serializeSnapshot,
} from "@xstate/graph";
import { beforeAll, describe, expect, test } from "vitest";
import {
  CALLBACK_DONE,
  CALLBACK_STATES,
  ENDED,
  GOODBYE,
  INTERPRETER_CLOSED,
  isCallbackState,
  TRANSFER,
} from "../../src/service/contract/stateIds.js";
import { findLine } from "../../src/service/directory/queryDirectory.js";
import { applyEvent, startCall } from "../../src/service/flow/callSteps.js";
import { loadCallFlow } from "../../src/service/line/loadCallFlow.js";
import type { CallContext, DialStatus, MachineEvent, PersistedCall } from "../../src/service/types.js";
import { DIRECTORY_FILE, FLOW_FILE, FLOW_FILES, SATURDAY, WEEKDAY_OPEN } from "../fixtures/flowFixtures.js";

/**
 * Explores every call the line can have, from a call's first state, over an alphabet of inputs: each
 * key, silence, speech that matches and speech heard too faintly, and each dial outcome. The clock is
 * fixed per exploration (so the state space is finite); it is one of two: a weekday when every team
 * is open, and a Saturday when member services and the representatives are closed. Asking for a call-back
 * (the call-back key, the number's confirmation, its read-back) is not in this alphabet: its states are
 * explored in callbackStates.test.ts.
 */

describe.each(FLOW_FILES)("%s", (flowFile) => {
  const callFlow = loadCallFlow(flowFile, DIRECTORY_FILE);
  const { machine, flow } = callFlow;
  const { maxFailures, maxMenuTurns, maxFailedTransfers } = flow.limits;
  const MENUS = new Set(callFlow.menus.keys());
  const FINALS = new Set([ENDED, GOODBYE]);
  const DIAL_STATUSES: readonly DialStatus[] = ["completed", "answered", "busy", "no-answer", "failed", "canceled"];

  /**
   * The events a state can be sent at `at`: choosing each option of its menu (as `matchInput` turns a
   * key or matching speech into `CHOSE`), an answer that chooses nothing, silence, and each dial outcome.
   */
  function alphabet(value: unknown, at: number): MachineEvent[] {
    const options = callFlow.menus.get(String(value))?.options ?? [];
    return [
      ...options.map((o): MachineEvent => ({ type: "CHOSE", option: o.index, via: "key", now: at })),
      { type: "INVALID", now: at },
      { type: "SILENCE", now: at },
      ...DIAL_STATUSES.map((status): MachineEvent => ({ type: "DIAL_RESULT", status, now: at })),
    ];
  }

  interface Snap {
    readonly value: unknown;
    readonly context: CallContext;
  }
  interface Edge {
    readonly event: MachineEvent;
    readonly to: string;
  }
  /** The reachable graph: each state (serialised) with its snapshot and its edges, one per event of the alphabet. */
  interface Graph {
    readonly start: string;
    readonly nodes: ReadonlyMap<string, { readonly snap: Snap; readonly edges: readonly Edge[] }>;
  }

  const ownEvents = new Map<string, ReadonlySet<string>>();
  /** The event types a state node takes, as the machine declares them (`ownEvents`). */
  const takes = (value: unknown): ReadonlySet<string> => {
    const id = String(value);
    let events = ownEvents.get(id);
    if (!events) {
      events = new Set(machine.root.states[id]?.ownEvents.map(String) ?? []);
      ownEvents.set(id, events);
    }
    return events;
  };
  /**
   * The reachable graph over the alphabet. Each state is only sent the events of the alphabet it takes
   * (the traversal's cost grows with the events tried); that every other event leaves a state as it is
   * is checked on its own, over every reachable state.
   */
  function explore(region: string | null, at: number): Graph {
    const adjacency = getAdjacencyMap(machine, {
      input: { region, now: at },
      events: (state) => alphabet(state.value, at).filter((e) => takes(state.value).has(e.type)),
    });
    const nodes = new Map<string, { snap: Snap; edges: Edge[] }>();
    for (const [id, { state, transitions }] of Object.entries(adjacency))
      nodes.set(id, {
        snap: state,
        edges: (Object.values(transitions) as Array<(typeof transitions)[SerializedEvent]>).map((t) => ({
          event: t.event as MachineEvent,
          to: serializeSnapshot(t.state),
        })),
      });
    // The traversal records the first state first.
    const [start] = Object.keys(adjacency);
    if (start === undefined) throw new Error("the traversal found no state");
    return { start, nodes };
  }

  const stateOf = (g: Graph, id: string) => String(g.nodes.get(id)?.snap.value);
  /** Edges that change the call (all of them: see "each state takes the events it should"). */
  const moves = (g: Graph, id: string) => (g.nodes.get(id)?.edges ?? []).filter((e) => e.to !== id);

  /**
   * Longest paths (in events) following `moves`, not leaving states for which `stop` holds (they count as
   * terminals): returns the length from a state. Throws on a cycle, naming a state on it.
   */
  function longestPaths(g: Graph, stop: (value: string) => boolean): (from: string) => number {
    const memo = new Map<string, number>();
    const onStack = new Set<string>();
    const visit = (id: string): number => {
      const known = memo.get(id);
      if (known !== undefined) return known;
      if (onStack.has(id)) throw new Error(`cycle through ${id}`);
      let longest = 0;
      if (!stop(stateOf(g, id))) {
        onStack.add(id);
        for (const e of moves(g, id)) longest = Math.max(longest, 1 + visit(e.to));
        onStack.delete(id);
      }
      memo.set(id, longest);
      return longest;
    };
    return visit;
  }

  /** `fewestNumbers`: the fewest numbers any line the caller can reach has (each failed number is a failed transfer). */
  const SCENARIOS = [
    // Wednesday 10 June 2026 19:00 UTC = 13:00 MDT in Colorado: all open. Every Colorado line has two numbers.
    { name: "Colorado (two numbers), weekday open", region: "colorado", at: WEEKDAY_OPEN, fewestNumbers: 2 },
    // Saturday 13 June 2026 19:00 UTC = 13:00 MDT on a Saturday: member services and representative closed.
    { name: "Colorado, Saturday", region: "colorado", at: SATURDAY, fewestNumbers: 2 },
    // Same instants, 12:00 PDT: the Northwest has its own pharmacy, nurse and behavioral health lines.
    { name: "Northwest (own lines), weekday open", region: "northwest", at: WEEKDAY_OPEN, fewestNumbers: 1 },
    { name: "Northwest, Saturday", region: "northwest", at: SATURDAY, fewestNumbers: 1 },
    // Unknown region: the region menu, then every region's main menu.
    { name: "unknown region, weekday open", region: null, at: WEEKDAY_OPEN, fewestNumbers: 1 },
    { name: "unknown region, Saturday", region: null, at: SATURDAY, fewestNumbers: 1 },
  ] as const;

  const TRAVERSAL_TIMEOUT = 120_000;

  describe("state nodes", () => {
    test("the machine's state nodes are the start, the menus, transfer and the two endings", () => {
      const ids = getStateNodes(machine.root).map((n) => n.key);
      const callbacks = flow.callbacks ? CALLBACK_STATES : [];
      expect(ids.sort()).toEqual(["start", ...MENUS, TRANSFER, ENDED, GOODBYE, ...callbacks].sort());
      expect(
        getStateNodes(machine.root)
          .filter((n) => n.type === "final")
          .map((n) => n.key)
          .sort(),
      ).toEqual([...(flow.callbacks ? [CALLBACK_DONE] : []), ENDED, GOODBYE]);
    });
  });

  // The second flow explores the Northwest, where every state but the region menu is reached (the bundled
  // flow explores every scenario; the region menu of both is covered call by call in callFlow.test.ts).
  const scenarios = flowFile === FLOW_FILE ? SCENARIOS : SCENARIOS.filter((s) => s.region === "northwest");

  describe.each(scenarios)("$name", ({ region, at, fewestNumbers }) => {
    let g: Graph;
    beforeAll(() => {
      g = explore(region, at);
    }, TRAVERSAL_TIMEOUT);

    test("reaches every state node but the transient start (the region menu only when the region is unknown)", () => {
      const values = new Set([...g.nodes.values()].map((n) => String(n.snap.value)));
      const expected = getStateNodes(machine.root)
        .map((n) => n.key)
        .filter((k) => k !== "start" && !isCallbackState(k) && (region === null || k !== flow.regionMenu));
      expect([...values].sort()).toEqual(expected.sort());
    });

    test("the traversal starts from the call's first state, as startCall gives it", () => {
      const first = startCall(callFlow, { region, now: at });
      expect(g.nodes.get(g.start)?.snap).toMatchObject({ value: first.value, context: first.context });
    });

    test("every edge leads to a state of the graph", () => {
      const dangling = [...g.nodes.values()].flatMap(({ edges }) => edges.filter((e) => !g.nodes.has(e.to)));
      expect(dangling).toEqual([]);
    });

    test(
      "each state takes the events it should, and every other event of the alphabet leaves it as it is",
      () => {
        const menuEvents = ["CHOSE", "INVALID", "SILENCE", ...(flow.callbacks ? ["CALLBACK"] : [])].sort();
        const expected = (value: string): string[] =>
          FINALS.has(value) ? [] : value === TRANSFER ? ["DIAL_RESULT"] : menuEvents;
        for (const value of new Set([...g.nodes.values()].map((n) => String(n.snap.value))))
          expect([value, [...takes(value)].sort()]).toEqual([value, expected(value)]);
        const problems: string[] = [];
        for (const [id, { snap, edges }] of g.nodes) {
          const value = String(snap.value);
          // Every event a state takes changes the call: no silent self-loop in the graph.
          for (const e of edges) if (e.to === id) problems.push(`${id} ignores ${JSON.stringify(e.event)}`);
          const call = { value, context: snap.context };
          const same = JSON.stringify(call);
          for (const event of alphabet(value, at).filter((e) => !takes(value).has(e.type)))
            if (JSON.stringify(applyEvent(callFlow, call, event)) !== same)
              problems.push(`${id} changes on ${JSON.stringify(event)}`);
        }
        expect(problems).toEqual([]);
      },
      TRAVERSAL_TIMEOUT,
    );

    test(
      "every edge is what a turn gives: applyEvent with a fresh copy of the event, from the JSON state",
      () => {
        const problems: string[] = [];
        for (const [id, { snap, edges }] of g.nodes) {
          const call = JSON.parse(JSON.stringify({ value: snap.value, context: snap.context })) as PersistedCall;
          for (const e of edges) {
            const next = applyEvent(callFlow, call, { ...e.event });
            const expected = g.nodes.get(e.to)?.snap;
            if (JSON.stringify(next) !== JSON.stringify({ value: expected?.value, context: expected?.context }))
              problems.push(`${id} --${JSON.stringify(e.event)}--> ${e.to}, but a turn gives ${JSON.stringify(next)}`);
          }
        }
        expect(problems).toEqual([]);
      },
      TRAVERSAL_TIMEOUT,
    );

    test("invariants hold in every reachable state", () => {
      const problems: string[] = [];
      const check = (ok: boolean, id: string, what: string) => {
        if (!ok) problems.push(`${what}: ${id}`);
      };
      for (const [id, { snap }] of g.nodes) {
        const value = String(snap.value);
        const ctx = snap.context;
        check(value !== "start", id, "the transient start is never a resting state");
        check(ctx.failedTransfers <= maxFailedTransfers, id, "failedTransfers within the limit");
        check(ctx.now === at, id, "the clock is the events' clock");
        if (MENUS.has(value)) {
          check(ctx.menu === value, id, "context.menu names the menu state");
          check(ctx.transfer === null, id, "no transfer in a menu");
          check(ctx.failures < maxFailures, id, "failures below maxFailures in a menu");
          check(ctx.menuTurns < maxMenuTurns, id, "menuTurns below maxMenuTurns in a menu");
          check(ctx.failedTransfers < maxFailedTransfers, id, "failedTransfers below the limit in a menu");
          // The region menu only while the region is unknown; the first menu only once it is known.
          if (value === flow.regionMenu) check(ctx.region === null, id, "the region menu only without a region");
          if (value === flow.start) check(ctx.region !== null, id, "the first menu only with a region");
          // The interpreter menu is the only one an interpreter caller hears, and only they hear it.
          check(
            (value === INTERPRETER_CLOSED) === (ctx.interpreter !== null),
            id,
            "the interpreter menu iff an interpreter",
          );
        }
        if (value === TRANSFER) {
          const t = ctx.transfer;
          // The renderer can always find the number to dial.
          const number = t && findLine(callFlow.directory, t.region, t.team)?.numbers[t.attempt]?.e164;
          check(number !== undefined && /^\+[1-9]\d{7,14}$/.test(number ?? ""), id, "a number to dial");
          check(
            t?.region === (ctx.region ?? callFlow.directory.unknownRegionRepresentative),
            id,
            "the caller's region",
          );
        }
      }
      expect(problems).toEqual([]);
    });

    test("every menu answer that stays in the menus counts one menu turn", () => {
      const problems: string[] = [];
      for (const [id, { snap }] of g.nodes) {
        if (!MENUS.has(String(snap.value))) continue;
        for (const e of moves(g, id)) {
          const next = g.nodes.get(e.to)?.snap;
          if (next && MENUS.has(String(next.value)) && next.context.menuTurns !== snap.context.menuTurns + 1)
            problems.push(`${id} --${JSON.stringify(e.event)}--> ${e.to}`);
        }
      }
      expect(problems).toEqual([]);
    });

    test("every dial result ends the call or counts one failed transfer", () => {
      const problems: string[] = [];
      for (const [id, { snap }] of g.nodes) {
        if (snap.value !== TRANSFER) continue;
        for (const e of moves(g, id)) {
          const next = g.nodes.get(e.to)?.snap;
          const connected = e.event.type === "DIAL_RESULT" && ["completed", "answered"].includes(e.event.status);
          const counted = next?.context.failedTransfers === snap.context.failedTransfers + (connected ? 0 : 1);
          if (!counted || (next?.value === ENDED) !== connected)
            problems.push(`${id} --${JSON.stringify(e.event)}--> ${e.to}`);
        }
      }
      expect(problems).toEqual([]);
    });

    test(`the menus alone have no cycle: at most ${maxMenuTurns} answers before a transfer (limits.maxMenuTurns)`, () => {
      // Every answer that stays in the menus adds a menu turn, and the menus escalate at maxMenuTurns:
      // so from any menu state at most maxMenuTurns answers, the last one leaving the menus.
      const inMenus = longestPaths(g, (value) => !MENUS.has(value));
      let longest = 0;
      for (const [id, { snap }] of g.nodes) if (MENUS.has(String(snap.value))) longest = Math.max(longest, inMenus(id));
      expect(longest).toBeLessThanOrEqual(maxMenuTurns);
      // The bound is reached: pressing * over and over from the first state.
      expect(inMenus(g.start)).toBe(maxMenuTurns);
    });

    test("the whole graph has no cycle and every call ends in ended or goodbye", () => {
      // Each transfer ends in one dial result; a failed one counts a failed transfer, and the
      // maxFailedTransfers-th says goodbye. Before each transfer, at most maxMenuTurns menu answers.
      const bound = maxFailedTransfers * (maxMenuTurns + 1);
      const longest = longestPaths(g, () => false)(g.start);
      expect(longest).toBeLessThanOrEqual(bound);
      // The longest call: maxMenuTurns answers then an escalation (which resets the menu turns), and each
      // number of the line failing, again and again until goodbye. With one number per line that is the bound.
      const transfers = Math.ceil(maxFailedTransfers / fewestNumbers);
      expect(longest).toBe(transfers * maxMenuTurns + maxFailedTransfers);
      const deadEnds = [...g.nodes].filter(
        ([id, { snap }]) => moves(g, id).length === 0 && !FINALS.has(String(snap.value)),
      );
      expect(deadEnds.map(([id]) => id)).toEqual([]);
    });
  });

  describe("shortest paths (getShortestPaths), replayed through applyEvent", () => {
    // Wednesday 10 June 2026 19:00 UTC = 12:00 PDT in the Northwest: every line open.
    const options = {
      input: { region: "northwest", now: WEEKDAY_OPEN },
      events: (state: { value: unknown }) => alphabet(state.value, WEEKDAY_OPEN),
    };

    test.each([
      // 1 (or any team key), then answered.
      [ENDED, 2],
      // The Northwest has one number per team: three transfers, each failing.
      [GOODBYE, 2 * maxFailedTransfers],
    ])("to %s takes %i events", (target, length) => {
      const paths = getShortestPaths(machine, { ...options, toState: (s) => s.value === target });
      expect(paths.length).toBeGreaterThan(0);
      const shortest = Math.min(...paths.map((p) => p.weight));
      expect(shortest).toBe(length);
      for (const path of paths.filter((p) => p.weight === shortest)) {
        const events = path.steps.slice(1).map((s) => s.event as MachineEvent);
        const call = events.reduce(
          (c, e) => applyEvent(callFlow, c, e),
          startCall(callFlow, { region: "northwest", now: WEEKDAY_OPEN }),
        );
        expect(call.value).toBe(target);
        expect(call.context).toEqual(path.state.context);
      }
    });
  });
});
