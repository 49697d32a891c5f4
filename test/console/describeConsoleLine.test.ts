import { describe, expect, test } from "vitest";
import { shortenRegionName } from "../../src/service/index.js";
import { describeConsoleLine, UNKNOWN_NUMBER } from "../../src/tools/console/describeConsoleLine.js";
import { sharedCallFlow } from "../support/createTestApp.js";

describe("the line as the console's page sees it", () => {
  const callFlow = sharedCallFlow();

  test("each region's numbers are named by the region's short name; the number in no region by none", () => {
    const names = describeConsoleLine(callFlow).numbers.map((n) => [n.region, n.regionName]);
    expect(names).toContainEqual(["northwest", "Northwest"]);
    expect(names).toContainEqual(["midAtlantic", "Mid-Atlantic States"]);
    expect(names).toContainEqual(["washington", "Washington State"]);
    expect(names.at(-1)).toEqual([null, null]);
  });

  test("every number the page shows comes written for people: inbound, team lines and the console's own", () => {
    const { written } = describeConsoleLine(callFlow);
    const teamNumbers = callFlow.directory.regions.flatMap((r) => [...r.teams.values()].flatMap((l) => l.numbers));
    expect(teamNumbers.length).toBeGreaterThan(0);
    for (const { e164 } of teamNumbers) expect(written[e164]).toMatch(/^\+1 \d{3} \d{3} \d{4}$/);
    for (const { number } of describeConsoleLine(callFlow).numbers) expect(written[number]).toMatch(/^\+1 /);
    expect(written[UNKNOWN_NUMBER]).toBe("+1 555 555 0000");
  });

  test("a directory that lists the console's number not in the directory is refused, by file and number", () => {
    const northwest = callFlow.directory.regionById.get("northwest");
    if (!northwest) throw new Error("the bundled directory has a northwest region");
    const regionByInbound = new Map([...callFlow.directory.regionByInbound, [UNKNOWN_NUMBER, northwest]]);
    const listed = { ...callFlow, directory: { ...callFlow.directory, regionByInbound } };
    expect(() => describeConsoleLine(listed)).toThrow(
      `lists ${UNKNOWN_NUMBER}, the console's number "not in the directory"`,
    );
  });
});

describe("a region's short name", () => {
  test.each([
    [{ en: "the Northwest: Oregon and Southwest Washington" }, "en", "Northwest"],
    [{ en: "the Northwest: Oregon", es: "el Noroeste: Oregón y el suroeste de Washington" }, "es", "Noroeste"],
    [{ es: "los estados del Atlántico Medio: Maryland" }, "es", "Estados del Atlántico Medio"],
    [{ en: "Washington State" }, "en", "Washington State"],
    // A language the region has no name in: its English name; no name at all: its id.
    [{ en: "Hawaii" }, "vi", "Hawaii"],
    [{}, "en", "Somewhere"],
  ])("%j in %s is %s", (name, lang, short) => {
    expect(shortenRegionName({ id: "somewhere", name }, lang)).toBe(short);
  });
});
