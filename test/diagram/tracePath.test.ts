import { describe, expect, test } from "vitest";
import { buildFlowGraph } from "../../src/tools/diagram/buildFlowGraph.js";
import { createPathTracer, type PathStep, type TurnStep } from "../../src/tools/diagram/tracePath.js";
import { sharedCallFlow } from "../support/createTestApp.js";

const northwest = buildFlowGraph(sharedCallFlow(), { region: "northwest" });
const everyRegion = buildFlowGraph(sharedCallFlow());

const incoming: TurnStep = { event: "INCOMING", from: null, state: "main" };
const toLanguageMenu: TurnStep[] = [incoming, { event: "KEY", from: "main", state: "language", key: "8" }];

/** Plays a call's turn records through one tracer and returns every step. */
function trace(graph = northwest, turns: readonly TurnStep[]): PathStep[] {
  const tracer = createPathTracer(graph);
  return turns.map(tracer);
}

describe("a call's turn records, placed on the diagram", () => {
  test.each<[string, readonly TurnStep[], PathStep]>([
    ["the call comes in", [incoming], { node: "menu:main", edges: ["start>menu:main:known"], connected: false }],
    [
      "3: pharmacy",
      [incoming, { event: "KEY", from: "main", state: "transfer", key: "3", team: "pharmacy" }],
      { node: "team:pharmacy", edges: ["menu:main>team:pharmacy:3"], connected: false },
    ],
    [
      "pharmacy said",
      [incoming, { event: "SPEECH", from: "main", state: "transfer", team: "pharmacy" }],
      { node: "team:pharmacy", edges: ["menu:main>team:pharmacy:3"], connected: false },
    ],
    [
      "the pharmacy answers",
      [
        incoming,
        { event: "KEY", from: "main", state: "transfer", key: "3", team: "pharmacy" },
        { event: "DIAL_RESULT", from: "transfer", state: "ended" },
      ],
      { node: "team:pharmacy", edges: [], connected: true },
    ],
    [
      "the pharmacy is busy: back to the menu",
      [
        incoming,
        { event: "KEY", from: "main", state: "transfer", key: "3", team: "pharmacy" },
        { event: "DIAL_RESULT", from: "transfer", state: "main" },
      ],
      {
        node: "menu:main",
        edges: ["team:pharmacy>unreachable:failed", "unreachable>menu:main:back"],
        connected: false,
      },
    ],
    [
      "1 on a Saturday: closed, hours, back",
      [incoming, { event: "KEY", from: "main", state: "main", key: "1" }],
      {
        node: "menu:main",
        edges: ["menu:main>team:memberServices:1", "team:memberServices>closed:closed", "closed>menu:main:back"],
        connected: false,
      },
    ],
    [
      "7: not an option",
      [incoming, { event: "KEY", from: "main", state: "main", key: "7" }],
      { node: "menu:main", edges: ["menu:main>menu:main:invalid"], connected: false },
    ],
    [
      "silence",
      [incoming, { event: "SILENCE", from: "main", state: "main" }],
      { node: "menu:main", edges: ["menu:main>menu:main:silence"], connected: false },
    ],
    [
      "9: español",
      [incoming, { event: "KEY", from: "main", state: "main", key: "9", language: "es" }],
      { node: "menu:main", edges: ["menu:main>menu:main:9-es"], connected: false },
    ],
    [
      "*: repeat",
      [incoming, { event: "KEY", from: "main", state: "main", key: "*" }],
      { node: "menu:main", edges: ["menu:main>menu:main:*"], connected: false },
    ],
    [
      "a third wrong key: a person",
      [incoming, { event: "KEY", from: "main", state: "transfer", key: "7", team: "representative" }],
      {
        node: "person",
        edges: ["menu:main>menu:main:invalid", "menu:main>person:escalate"],
        connected: false,
      },
    ],
    [
      "0: a representative",
      [incoming, { event: "KEY", from: "main", state: "transfer", key: "0", team: "representative" }],
      { node: "team:representative", edges: ["menu:main>team:representative:0"], connected: false },
    ],
    [
      "the person is not reached a third time: goodbye",
      [
        incoming,
        { event: "SILENCE", from: "main", state: "transfer", team: "nurseAdvice" },
        { event: "DIAL_RESULT", from: "transfer", state: "goodbye" },
      ],
      { node: "goodbye", edges: ["person>unreachable:failed", "unreachable>goodbye:exhausted"], connected: false },
    ],
    [
      "member services said on a Saturday: closed, hours, back (the key from the option chosen)",
      [
        incoming,
        {
          event: "SPEECH",
          from: "main",
          state: "main",
          input: "chose",
          option: { menu: "main", key: "1", action: { kind: "transfer", team: "memberServices" } },
        },
      ],
      {
        node: "menu:main",
        edges: ["menu:main>team:memberServices:1", "team:memberServices>closed:closed", "closed>menu:main:back"],
        connected: false,
      },
    ],
    [
      "words no option has (or heard too faintly)",
      [incoming, { event: "SPEECH", from: "main", state: "main", input: "invalid" }],
      { node: "menu:main", edges: ["menu:main>menu:main:invalid"], connected: false },
    ],
    [
      "a third answer that is no option, by speech: a person (not the representative's 0)",
      [incoming, { event: "SPEECH", from: "main", state: "transfer", input: "invalid", team: "representative" }],
      { node: "person", edges: ["menu:main>menu:main:invalid", "menu:main>person:escalate"], connected: false },
    ],
    [
      "8: the language menu",
      [incoming, { event: "KEY", from: "main", state: "language", key: "8" }],
      { node: "menu:language", edges: ["menu:main>menu:language:8"], connected: false },
    ],
    [
      "8, then 1: español, the main menu in Spanish",
      [...toLanguageMenu, { event: "KEY", from: "language", state: "main", key: "1", language: "es" }],
      { node: "menu:main", edges: ["menu:language>menu:main:1-es"], connected: false },
    ],
    [
      "8, then 4: an interpreter at member services",
      [...toLanguageMenu, { event: "KEY", from: "language", state: "transfer", key: "4", team: "memberServices" }],
      { node: "team:memberServices", edges: ["menu:language>team:memberServices:4"], connected: false },
    ],
    [
      "8, then 4 on a Saturday: member services closed, the interpreter menu",
      [...toLanguageMenu, { event: "KEY", from: "language", state: "interpreterClosed", key: "4", language: "vi" }],
      {
        node: "menu:interpreterClosed",
        edges: ["menu:language>team:memberServices:4", "team:memberServices>menu:interpreterClosed:interpreter"],
        connected: false,
      },
    ],
    [
      "8, then 4, member services does not answer: the interpreter menu (no apology)",
      [
        ...toLanguageMenu,
        { event: "KEY", from: "language", state: "transfer", key: "4", team: "memberServices" },
        { event: "DIAL_RESULT", from: "transfer", state: "interpreterClosed" },
      ],
      {
        node: "menu:interpreterClosed",
        edges: ["team:memberServices>menu:interpreterClosed:interpreter"],
        connected: false,
      },
    ],
    [
      "8, then silence: any other language (silence chooses 0)",
      [
        ...toLanguageMenu,
        { event: "SILENCE", from: "language", state: "transfer", input: "silent", team: "memberServices" },
      ],
      { node: "team:memberServices", edges: ["menu:language>team:memberServices:silence"], connected: false },
    ],
    [
      "8, 4, member services does not answer, 2, the nurse line does not answer: the interpreter menu again",
      [
        ...toLanguageMenu,
        { event: "KEY", from: "language", state: "transfer", key: "4", team: "memberServices" },
        { event: "DIAL_RESULT", from: "transfer", state: "interpreterClosed" },
        { event: "KEY", from: "interpreterClosed", state: "transfer", key: "2", team: "nurseAdvice" },
        { event: "DIAL_RESULT", from: "transfer", state: "interpreterClosed" },
      ],
      {
        node: "menu:interpreterClosed",
        edges: ["team:nurseAdvice>menu:interpreterClosed:interpreter"],
        connected: false,
      },
    ],
    [
      "silence in the interpreter menu: the nurse line (as 2)",
      [
        ...toLanguageMenu,
        { event: "KEY", from: "language", state: "interpreterClosed", key: "4", language: "vi" },
        { event: "SILENCE", from: "interpreterClosed", state: "transfer", input: "silent", team: "nurseAdvice" },
      ],
      { node: "team:nurseAdvice", edges: ["menu:interpreterClosed>team:nurseAdvice:silence"], connected: false },
    ],
  ])("%s", (_name, turns, last) => {
    expect(trace(northwest, turns).at(-1)).toEqual(last);
  });

  test.each<[string, readonly TurnStep[], PathStep]>([
    [
      "an unknown number",
      [{ event: "INCOMING", from: null, state: "region" }],
      { node: "menu:region", edges: ["start>menu:region:unknown"], connected: false },
    ],
    [
      "6: the Northwest",
      [
        { event: "INCOMING", from: null, state: "region" },
        { event: "KEY", from: "region", state: "main", key: "6" },
      ],
      { node: "menu:main", edges: ["menu:region>menu:main:6"], connected: false },
    ],
    [
      "an unknown number, 8, then 1: español, the region menu again",
      [
        { event: "INCOMING", from: null, state: "region" },
        { event: "KEY", from: "region", state: "language", key: "8" },
        { event: "KEY", from: "language", state: "region", key: "1", language: "es" },
      ],
      { node: "menu:region", edges: ["menu:language>menu:region:1-es"], connected: false },
    ],
    [
      "a busy line with another number",
      [
        incoming,
        { event: "KEY", from: "main", state: "transfer", key: "1", team: "memberServices" },
        { event: "DIAL_RESULT", from: "transfer", state: "transfer", team: "memberServices" },
      ],
      { node: "team:memberServices", edges: ["team:memberServices>team:memberServices:next"], connected: false },
    ],
    [
      "a state the graph does not know",
      [incoming, { event: "KEY", from: "nowhere", state: "elsewhere", key: "1" }],
      { node: undefined, edges: [], connected: false },
    ],
  ])("every region: %s", (_name, turns, last) => {
    expect(trace(everyRegion, turns).at(-1)).toEqual(last);
  });

  test.each<[string, TurnStep, readonly string[]]>([
    [
      "the option named by a spoken choice gives its key",
      {
        event: "SPEECH",
        from: "main",
        state: "transfer",
        input: "chose",
        option: { menu: "main", key: "3", action: { kind: "transfer", team: "pharmacy" } },
        team: "pharmacy",
      },
      ["menu:main>team:pharmacy:3"],
    ],
    [
      "an option the menu does not have gives no key, so no option is lit",
      {
        event: "SPEECH",
        from: "main",
        state: "main",
        input: "chose",
        option: { menu: "main", key: "7", action: { kind: "transfer", team: "bakery" } },
      },
      [],
    ],
  ])("%s", (_name, turn, edges) => {
    expect(trace(northwest, [incoming, turn]).at(-1)?.edges).toEqual(edges);
  });

  test("9 without the language lights both language switches", () => {
    expect(trace(northwest, [incoming, { event: "KEY", from: "main", state: "main", key: "9" }]).at(-1)?.edges).toEqual(
      ["menu:main>menu:main:9-es", "menu:main>menu:main:9-en"],
    );
  });
});
