import { describe, expect, test } from "vitest";
import { INTERPRETER_CLOSED } from "../../src/service/contract/stateIds.js";
import type { CallFlow } from "../../src/service/flow/compileFlow.js";
import { loadCallFlow } from "../../src/service/line/loadCallFlow.js";
import { DIRECTORY_FILE, FLOW_FILES } from "../fixtures/flowFixtures.js";
import { createTestApp, OPEN_HOURS, WEEKEND } from "../support/createTestApp.js";
import { findVerbs, gatherAttrsOf, type TwimlNode } from "../support/parseTwiml.js";
import { region } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";

/**
 * The language menu of any flow, driven by its data: every choice ends in its language, in that
 * language's voice, whether it runs the whole line (`full`) or brings an interpreter. Run against the
 * bundled flow and the fixture with three full languages.
 */

const northwest = region("northwest");

interface Choice {
  readonly key: string;
  readonly kind: "language" | "interpreter";
  /** The language the caller ends in. */
  readonly language: string;
}

/** The choices the language menu offers an English caller, from the compiled flow. */
function choicesOf(callFlow: CallFlow): Choice[] {
  const menu = callFlow.menus.get("language");
  return (menu?.options ?? []).flatMap((o): Choice[] => {
    if (!o.languages.includes("en")) return [];
    if (o.action.kind === "language") return [{ key: o.key, kind: "language", language: o.action.language }];
    if (o.action.kind === "interpreter")
      return [{ key: o.key, kind: "interpreter", language: o.action.language ?? "en" }];
    return [];
  });
}

const attrsOf = (callFlow: CallFlow, lang: string) => {
  const l = callFlow.flow.languages[lang];
  return { language: l?.language, voice: l?.voice };
};
const saysOf = (nodes: readonly TwimlNode[]) => findVerbs(nodes, "Say");

describe.each(FLOW_FILES)("%s", (flowFile) => {
  const callFlow = loadCallFlow(flowFile, DIRECTORY_FILE);
  const choices = choicesOf(callFlow);
  const offerLines = new Set(
    Object.keys(callFlow.flow.languages).flatMap((lang) =>
      ["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((key) =>
        (callFlow.flow.messages.languageOption?.[lang] ?? "").replace("{key}", key),
      ),
    ),
  );

  async function choose(choice: Choice, now: number) {
    const t = createTestApp({ callFlow, now });
    const call = new SimulatedCall({ target: t.app, to: northwest.inbound });
    await call.incoming();
    await call.press("8");
    return { t, call, answer: await call.press(choice.key) };
  }

  test("offers a full language and an interpreter at least", () => {
    expect(choices.some((c) => c.kind === "language")).toBe(true);
    expect(choices.some((c) => c.kind === "interpreter")).toBe(true);
  });

  test.each(choices)("$key ($kind $language) on a weekday ends in $language", async (choice) => {
    const { t, call, answer } = await choose(choice, OPEN_HOURS);
    const own = attrsOf(callFlow, choice.language);
    if (choice.kind === "language") {
      expect(answer.next?.kind).toBe("gather");
      expect(gatherAttrsOf(answer.nodes)?.language).toBe(callFlow.flow.languages[choice.language]?.speech);
      // Every <Say> in the language, but the offers of other languages (each in its own voice).
      for (const say of saysOf(answer.nodes))
        if (!offerLines.has(say.text)) expect({ text: say.text, ...say.attrs }).toEqual({ text: say.text, ...own });
    } else {
      expect(call.dialed()).toBe(northwest.memberServices[0]);
      expect(saysOf(answer.nodes).map((s) => ({ text: s.text, ...s.attrs }))).toEqual([
        { text: callFlow.flow.messages.interpreterHold?.[choice.language], ...own },
      ]);
      expect(t.logs.turns(call.callSid).at(-1)).toMatchObject({
        interpreter: expect.any(String),
        team: "memberServices",
      });
    }
  });

  test.each(choices.filter((c) => c.kind === "interpreter"))(
    "$key ($language) on a Saturday: the interpreter menu, all in $language",
    async (choice) => {
      const { t, call, answer } = await choose(choice, WEEKEND);
      expect(answer.next?.kind).toBe("gather");
      expect(t.logs.turns(call.callSid).at(-1)).toMatchObject({ state: INTERPRETER_CLOSED });
      const own = attrsOf(callFlow, choice.language);
      const heard = saysOf(answer.nodes);
      // The notice, then the call-back offer (every call-back word is in every language of the line).
      expect(heard).toHaveLength(callFlow.flow.callbacks ? 2 : 1);
      for (const said of heard) expect(said.attrs).toEqual(own);
      expect(heard[0]?.text).toContain(callFlow.flow.interpreters.whenClosedKey);
    },
  );
});
