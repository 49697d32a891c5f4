import { describe, expect, test } from "vitest";
import { buildFlowGraph } from "../../src/tools/diagram/buildFlowGraph.js";
import type { FlowGraph } from "../../src/tools/diagram/flowGraph.js";
import { sharedCallFlow } from "../support/createTestApp.js";

const northwest = buildFlowGraph(sharedCallFlow(), { region: "northwest" });
const colorado = buildFlowGraph(sharedCallFlow(), { region: "colorado" });
const everyRegion = buildFlowGraph(sharedCallFlow());
const spanish = buildFlowGraph(sharedCallFlow(), { region: "california", language: "es" });

const node = (graph: FlowGraph, id: string) => graph.nodes.find((n) => n.id === id);
const edge = (graph: FlowGraph, id: string) => graph.edges.find((e) => e.id === id);

describe("the Northwest caller's flow", () => {
  test.each([
    ["start", "start", "Incoming call", ["Northwest · +1 503 555 0100"]],
    ["menu:main", "menu", "Main menu", undefined],
    [
      "team:memberServices",
      "team",
      "Member services",
      ["+1 800 813 2000", "Monday through Friday, from 8 AM to 5 PM", "Pacific Time"],
    ],
    ["team:nurseAdvice", "team", "Nurse advice line", ["+1 800 464 4000 (to verify)", "open 24/7"]],
    ["team:pharmacy", "team", "Pharmacy", ["+1 800 972 0700", "open 24/7"]],
    [
      "team:behavioralHealth",
      "team",
      "Behavioral health",
      ["+1 800 854 2763", "open 24/7", "first: the crisis line notice"],
    ],
    [
      "team:representative",
      "team",
      "Representative",
      ["via member services", "+1 800 813 2000", "Monday through Friday, from 8 AM to 5 PM", "Pacific Time"],
    ],
    [
      "person",
      "person",
      "A person",
      ["representative via member services +1 800 813 2000", "when closed: nurse advice line +1 800 464 4000"],
    ],
    ["closed", "closed", "Closed now", ["its hours, and what is open"]],
    ["unreachable", "unreachable", "Not reached", ["“sorry, we could not reach…”"]],
    ["goodbye", "goodbye", "Goodbye", ["the line hangs up on purpose"]],
    [
      "callbackConfirm",
      "callback",
      "Call-back: caller's number",
      ["“…the number ending in…”", "1 confirm, 2 another number"],
    ],
    [
      "callbackNumber",
      "callback",
      "Call-back: another number",
      ["10 digits, # to finish", "a US number, not the line's own"],
    ],
    ["callbackReadBack", "callback", "Call-back: read back", ["digit by digit", "1 confirm, 2 another number"]],
    ["callbackDone", "callback", "Call-back queued", ["when it is due; goodbye", "the line hangs up on purpose"]],
    [
      "callbackGreeting",
      "callback",
      "Call-back placed",
      ["at the opening, from +1 503 555 0100", "3 retries 20 min apart while open", "1 or silence: put through"],
    ],
  ])("node %s: %s %s", (id, kind, label, detail) => {
    expect(node(northwest, id)).toEqual({ id, kind, label, ...(detail ? { detail } : {}) });
  });

  test("has those nodes and no others (the region menu is for unknown numbers)", () => {
    // With the language menu (8), the interpreter menu (member services closed or not answering), and the five
    // of a call-back.
    expect(northwest.nodes).toHaveLength(18);
    expect(node(northwest, "menu:region")).toBeUndefined();
  });

  test.each([
    ["start>menu:main:known", "start", "greeting"],
    ["menu:main>team:memberServices:1", "option", "1 member services"],
    ["menu:main>team:nurseAdvice:2", "option", "2 nurse advice line"],
    ["menu:main>team:pharmacy:3", "option", "3 pharmacy"],
    ["menu:main>team:behavioralHealth:4", "option", "4 behavioral health"],
    ["menu:main>team:representative:0", "option", "0 representative"],
    ["menu:main>menu:main:9-es", "language", "9 español"],
    ["menu:main>menu:main:9-en", "language", "9 English"],
    ["menu:main>menu:main:*", "repeat", "* repeat"],
    ["menu:main>menu:main:invalid", "invalid", "wrong key: shorter prompt"],
    ["menu:main>menu:main:silence", "silence", "silence: shorter prompt"],
    ["menu:main>person:escalate", "escalate", "3 failures in a row"],
    ["team:memberServices>closed:closed", "closed", "closed now"],
    ["team:representative>closed:closed", "closed", "closed now"],
    ["closed>menu:main:back", "back", "back to menu"],
    ["team:memberServices>unreachable:failed", "failed", "busy, no answer, failed"],
    ["team:nurseAdvice>unreachable:failed", "failed", "busy, no answer, failed"],
    ["team:pharmacy>unreachable:failed", "failed", "busy, no answer, failed"],
    ["team:behavioralHealth>unreachable:failed", "failed", "busy, no answer, failed"],
    ["team:representative>unreachable:failed", "failed", "busy, no answer, failed"],
    ["person>unreachable:failed", "failed", "busy, no answer, failed"],
    ["unreachable>menu:main:back", "back", "back to menu"],
    ["unreachable>goodbye:exhausted", "exhausted", "3rd failed transfer"],
    ["menu:main>menu:language:8", "menu", "8 Language menu"],
    ["menu:language>menu:main:1-es", "language", "1 español"],
    ["menu:language>team:memberServices:4", "option", "4 Tiếng Việt, with an interpreter"],
    ["menu:language>team:memberServices:0", "option", "0 any other language, with an interpreter"],
    ["menu:language>team:memberServices:silence", "silence", "silence: as 0"],
    ["team:memberServices>menu:interpreterClosed:interpreter", "closed", "closed or no answer"],
    ["menu:interpreterClosed>team:nurseAdvice:2", "option", "2 nurse advice line"],
    ["menu:interpreterClosed>team:nurseAdvice:silence", "silence", "silence: as 2"],
    ["menu:interpreterClosed>team:nurseAdvice:0", "option", "0 nurse advice line"],
    // A caller who asked for an interpreter goes back to the interpreter menu when any transfer fails.
    ["team:nurseAdvice>menu:interpreterClosed:interpreter", "closed", "closed or no answer"],
    ["person>menu:interpreterClosed:interpreter", "closed", "closed or no answer"],
    // A call-back offered after a closed or not-reached notice, or in the interpreter menu, taken with its key.
    ["menu:main>callbackConfirm:callback", "callback", "5 call-back"],
    ["menu:main>callbackNumber:callback", "callback", "5 call-back, caller ID withheld"],
    ["menu:interpreterClosed>callbackConfirm:callback", "callback", "5 call-back"],
    ["callbackConfirm>callbackDone:confirm", "callback", "1 confirm"],
    ["callbackConfirm>callbackNumber:change", "callback", "2 another number"],
    ["callbackConfirm>callbackConfirm:invalid", "invalid", "wrong answer: asked again"],
    ["callbackNumber>callbackReadBack:number", "callback", "a number keyed in, #"],
    ["callbackNumber>callbackNumber:silence", "silence", "silence: asked again"],
    ["callbackReadBack>callbackDone:confirm", "callback", "1 confirm"],
    ["callbackReadBack>callbackNumber:change", "callback", "2 another number"],
    ["callbackReadBack>goodbye:exhausted", "exhausted", "3 failures in a row"],
    // The call the line places at the opening: the greeting, and the member put through to the team asked for.
    ["start>callbackGreeting:callback", "start", "the line calls back at the opening"],
    ["callbackGreeting>team:memberServices:connect", "callback", "1 or silence: put through"],
    ["callbackGreeting>team:pharmacy:connect", "callback", "1 or silence: put through"],
    ["callbackGreeting>team:behavioralHealth:connect", "callback", "1 or silence: put through"],
    ["callbackGreeting>callbackGreeting:invalid", "invalid", "wrong answer: asked again"],
  ])("edge %s (%s): %s", (id, kind, label) => {
    const [ends] = id.split(/:(?=[^:>]*$)/);
    const [from, to] = (ends as string).split(">");
    expect(edge(northwest, id)).toMatchObject({ id, from, to, kind, label });
  });

  test("has those edges and no others: one number per team, so no next-number loop", () => {
    expect(northwest.edges).toHaveLength(67);
    // The nurse advice line offers no call-backs: no call-back is placed to it.
    expect(edge(northwest, "callbackGreeting>team:nurseAdvice:connect")).toBeUndefined();
    expect(northwest.edges.filter((e) => e.kind === "next")).toEqual([]);
  });

  test("ids are unique", () => {
    for (const graph of [northwest, colorado, everyRegion, spanish]) {
      expect(new Set(graph.nodes.map((n) => n.id)).size).toBe(graph.nodes.length);
      expect(new Set(graph.edges.map((e) => e.id)).size).toBe(graph.edges.length);
    }
  });

  test("every edge joins two nodes of the graph", () => {
    for (const graph of [northwest, colorado, everyRegion, spanish]) {
      const ids = new Set(graph.nodes.map((n) => n.id));
      for (const e of graph.edges) expect([ids.has(e.from), ids.has(e.to), e.id]).toEqual([true, true, e.id]);
    }
  });
});

describe("other regions, every region, one language", () => {
  test.each([
    [colorado, "team:memberServices>team:memberServices:next", "busy, no answer: next number"],
    [colorado, "person>person:next", "busy, no answer: next number"],
    [everyRegion, "start>menu:region:unknown", "greeting, number not in the directory"],
    [everyRegion, "menu:region>menu:main:6", "6 Northwest"],
    [everyRegion, "menu:region>menu:main:5", "5 Mid-Atlantic States"],
    [everyRegion, "menu:region>team:representative:0", "0 representative"],
    [everyRegion, "unreachable>menu:region:back", "back to menu"],
    [everyRegion, "team:pharmacy>team:pharmacy:next", "busy, no answer: next number"],
    // From the language menu, a caller whose region is unknown starts over at the region menu.
    [everyRegion, "menu:language>menu:region:1-es", "1 español"],
    [everyRegion, "menu:language>menu:main:1-es", "1 español"],
    [spanish, "menu:main>team:pharmacy:3", "3 farmacia"],
    [spanish, "menu:main>menu:main:9-en", "9 English"],
  ])("%#: has %s, %s", (graph, id, label) => {
    expect(edge(graph, id)?.label).toBe(label);
  });

  test.each([
    [colorado, "team:memberServices", ["+1 303 338 3800, +1 800 632 9700"]],
    [colorado, "team:pharmacy", ["via member services", "+1 303 338 3800, +1 800 632 9700"]],
    [everyRegion, "team:pharmacy", ["own line in 1 of 7 regions", "elsewhere via member services"]],
    [everyRegion, "team:representative", ["via member services in every region"]],
    [spanish, "team:pharmacy", ["via servicios para miembros", "+1 800 464 4000"]],
  ])("%#: %s says %j first", (graph, id, lines) => {
    expect(node(graph, id)?.detail?.slice(0, lines.length)).toEqual(lines);
  });

  test.each([
    [spanish, "menu:main>menu:main:9-es"],
    [everyRegion, "menu:main>team:pharmacy:9"],
    [colorado, "start>menu:region:unknown"],
    // Every transfer from the interpreter menu is an interpreter call: a failed one comes back by the team.
    [northwest, "unreachable>menu:interpreterClosed:back"],
    [everyRegion, "unreachable>menu:interpreterClosed:back"],
  ])("%#: has no %s", (graph, id) => {
    expect(edge(graph, id)).toBeUndefined();
  });
});

describe("bad options", () => {
  test.each([
    [{ region: "atlantis" }, /No region "atlantis" in .*directory\.json: choose one of california, colorado/],
    [{ language: "de" }, /No language "de" in the flow "memberLine": choose one of en, es, cmn, yue, vi, tl, fr/],
  ])("%j fails naming the file and the choices", (options, message) => {
    expect(() => buildFlowGraph(sharedCallFlow(), options)).toThrow(message);
  });
});
