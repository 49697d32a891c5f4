import { describe, expect, test } from "vitest";
import { checkLine } from "../../src/tools/review/checkLine.js";
import type { Line } from "../../src/tools/review/loadLine.js";
import { createRunner, type JourneyInput, runJourney } from "../../src/tools/review/runJourney.js";
import type { FlowJson } from "../fixtures/flowFixtures.js";
import { lineWith, onlyRegion } from "./lineFixtures.js";

/** Wednesday 2 December 2026, 12:00 in Portland: pharmacy is open. */
const NOON = Date.UTC(2026, 11, 2, 20);
const key = (k: string): JourneyInput => ({ kind: "key", key: k });
const busy: JourneyInput = { kind: "dial", status: "busy" };

/** The Northwest alone, with the open-but-not-answering offer's words left out in `languages` (all by default). */
function without(languages?: readonly string[]): Line {
  return lineWith(
    onlyRegion("northwest", {
      flow: (json: FlowJson) => {
        const words = json.messages.callbackOfferUnreachable ?? {};
        for (const lang of languages ?? Object.keys(words)) delete words[lang];
        if (Object.keys(words).length === 0) delete json.messages.callbackOfferUnreachable;
      },
    }),
    "northwest",
  );
}

/** What a Northwest caller hears who presses 3 at noon and finds pharmacy busy on every number. */
function offerHeard(line: Line): string | undefined {
  const run = runJourney(createRunner(line), { region: "northwest", at: NOON }, [key("3"), busy]);
  return run.turns.flatMap((t) => t.says).find((s) => s.startsWith("To get a call back"));
}

describe("the words of an offer after a team that did not answer, which a line may leave out", () => {
  test("written: the team's own words, after the retry spacing", () => {
    expect(offerHeard(lineWith(onlyRegion("northwest"), "northwest"))).toBe(
      "To get a call back from pharmacy, today after 12:20 PM, press 5.",
    );
  });

  test("left out in every language: the line still loads, says the closed team's offer, and check warns", () => {
    const line = without();
    expect(offerHeard(line)).toBe("To get a call back when pharmacy opens, today at 12:20 PM, press 5.");
    const warned = checkLine(line, NOON).warnings.filter((w) => w.rule === "callback-words");
    expect(warned.map((w) => w.where)).toEqual(["messages.callbackOfferUnreachable"]);
    expect(warned[0]?.message).toContain("callers hear callbackOffer in its place");
  });

  test("written: check has no such warning", () => {
    const report = checkLine(lineWith(onlyRegion("northwest"), "northwest"), NOON);
    expect(report.warnings.filter((w) => w.rule === "callback-words")).toEqual([]);
  });

  test.each([["vi"], ["es"]])(
    "written in every language but %s: refused, naming the field and the language",
    (lang) => {
      expect(() => without([lang])).toThrow(`messages.callbackOfferUnreachable.${lang}: missing; written in`);
    },
  );
});
