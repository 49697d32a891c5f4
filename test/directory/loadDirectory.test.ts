import { describe, expect, test } from "vitest";
import { loadDirectory, parseDirectory, reviewDirectory } from "../../src/service/directory/loadDirectory.js";
import { StartupError } from "../../src/service/errors.js";
import {
  DIRECTORY_FILE,
  type DirectoryJson,
  defined,
  directoryJson,
  EXPECTED_REGIONS,
  expectedNumbers,
} from "../fixtures/flowFixtures.js";

const directory = loadDirectory(DIRECTORY_FILE);
const TEAMS = ["memberServices", "nurseAdvice", "pharmacy", "behavioralHealth", "representative"] as const;
const ROUTED = ["nurseAdvice", "pharmacy", "behavioralHealth", "representative"] as const;
const E164 = /^\+[1-9]\d{7,14}$/;

const regionOf = (id: string) => defined(directory.regionById.get(id), `region ${id}`);
const lineOf = (region: string, team: string) => defined(regionOf(region).teams.get(team), `${region} ${team}`);

describe("the bundled directory", () => {
  test("loads with the five teams, the seven regions in file order and California for unknown regions", () => {
    expect(directory.file).toBe(DIRECTORY_FILE);
    expect(directory.teams).toEqual(TEAMS);
    expect(directory.regions.map((r) => r.id)).toEqual(EXPECTED_REGIONS.map((r) => r.id));
    expect(directory.unknownRegionRepresentative).toBe("california");
  });

  describe.each(EXPECTED_REGIONS)("$id", (expected) => {
    const region = regionOf(expected.id);

    test("has every team, and no other", () => {
      expect([...region.teams.keys()].sort()).toEqual([...TEAMS].sort());
    });

    test(`is in ${expected.timeZone} and is dialed on ${expected.inbound}`, () => {
      expect(region.timeZone).toBe(expected.timeZone);
      expect(region.inbound).toEqual([expected.inbound]);
      expect(directory.regionByInbound.get(expected.inbound)?.id).toBe(expected.id);
    });

    test(`member services dials ${expected.memberServices.join(" then ")}`, () => {
      const line = lineOf(expected.id, "memberServices");
      expect(line.numbers.map((n) => n.e164)).toEqual(expected.memberServices);
      expect(line.routedVia).toBeUndefined();
      expect(line.hours.id).toBe("memberServicesHours");
    });

    test.each(ROUTED)("%s dials its own line or member services", (team) => {
      const line = lineOf(expected.id, team);
      expect(line.team).toBe(team);
      expect(line.numbers.map((n) => n.e164)).toEqual(expectedNumbers(expected, team));
      const ownLine = team in expected.ownLines;
      expect(line.routedVia).toBe(ownLine ? undefined : "memberServices");
    });

    test("every number is E.164 and names a source that exists", () => {
      for (const line of region.teams.values())
        for (const number of line.numbers) {
          expect(number.e164).toMatch(E164);
          expect(Object.keys(directory.sources)).toContain(number.source);
        }
    });
  });

  test.each([
    ["nurseAdvice", "+18004644000", "kpPortlandHotline", true],
    ["pharmacy", "+18009720700", "kpPortlandHotline", false],
    ["behavioralHealth", "+18008542763", "kpPortlandHotline", false],
    ["memberServices", "+18008132000", "kpCustomerCare", false],
  ] as const)("the Northwest %s line is %s from %s (needs verification: %s)", (team, e164, source, flagged) => {
    const [number, ...others] = lineOf("northwest", team).numbers;
    expect(others).toEqual([]);
    expect(number?.e164).toBe(e164);
    expect(number?.source).toBe(source);
    if (flagged) expect(number?.needsVerification).toMatch(/\S/);
    else expect(number?.needsVerification).toBeUndefined();
  });

  test("only the Northwest nurse advice number is marked as needing verification", () => {
    const flagged = directory.regions.flatMap((r) =>
      [...r.teams.values()]
        .filter((line) => line.routedVia === undefined)
        .flatMap((line) => line.numbers.filter((n) => n.needsVerification).map(() => `${r.id}.${line.team}`)),
    );
    expect(flagged).toEqual(["northwest.nurseAdvice"]);
  });

  test("the inbound index holds exactly the seven inbound numbers", () => {
    expect(new Map([...directory.regionByInbound].map(([n, r]) => [n, r.id]))).toEqual(
      new Map(EXPECTED_REGIONS.map((r) => [r.inbound, r.id])),
    );
  });

  test("every source cited names a seed document and a title", () => {
    for (const source of Object.values(directory.sources)) {
      expect(source.seed).toMatch(/\.txt$/);
      expect(source.title).toMatch(/\S/);
    }
  });
});

/** A way to break the bundled directory, and the field path the error must name. */
interface Breakage {
  readonly name: string;
  readonly mutate: (json: DirectoryJson) => void;
  /** Field path (and words) the message must contain, e.g. `regions[0].timeZone`. */
  readonly names: readonly string[];
}

const region = (json: DirectoryJson, i: number) => defined(json.regions[i], `regions[${i}]`);
const ownLine = (json: DirectoryJson, i: number, team: string) => {
  const line = defined(region(json, i).teams[team], `regions[${i}].teams.${team}`);
  if (!("numbers" in line)) throw new Error(`fixture: regions[${i}].teams.${team} has no numbers`);
  return line;
};
const routedLine = (json: DirectoryJson, i: number, team: string) => {
  const line = defined(region(json, i).teams[team], `regions[${i}].teams.${team}`);
  if (!("routeTo" in line)) throw new Error(`fixture: regions[${i}].teams.${team} is not routed`);
  return line;
};
const firstNumber = (json: DirectoryJson, i: number, team: string) => defined(ownLine(json, i, team).numbers[0]);
const memberServicesWindow = (json: DirectoryJson) =>
  defined(defined(json.schedules.memberServicesHours).weekly?.[0], "memberServicesHours.weekly[0]");

const BREAKAGES: readonly Breakage[] = [
  {
    name: "a number that is not E.164",
    mutate: (j) => {
      firstNumber(j, 0, "memberServices").number = "1-800-464-4000";
    },
    names: ["regions[0].teams.memberServices.numbers[0].number", "E.164"],
  },
  {
    name: "a number without its country code",
    mutate: (j) => {
      firstNumber(j, 5, "pharmacy").number = "8009720700";
    },
    names: ["regions[5].teams.pharmacy.numbers[0].number", "E.164"],
  },
  {
    name: "a number citing an unknown source",
    mutate: (j) => {
      firstNumber(j, 1, "memberServices").source = "someBlog";
    },
    names: ["regions[1] (colorado).teams.memberServices.numbers[0].source", '"someBlog"', "sources"],
  },
  {
    name: "a number missing a digit (+1800972070)",
    mutate: (j) => {
      firstNumber(j, 5, "pharmacy").number = "+1800972070";
    },
    names: ["regions[5].teams.pharmacy.numbers[0].number", "not a valid phone number"],
  },
  {
    name: "a number with an extra digit",
    mutate: (j) => {
      firstNumber(j, 5, "pharmacy").number = "+180097207000";
    },
    names: ["regions[5].teams.pharmacy.numbers[0].number", "not a valid phone number"],
  },
  {
    name: "a number whose area code does not exist",
    mutate: (j) => {
      firstNumber(j, 0, "memberServices").number = "+15555550000";
    },
    names: ["regions[0].teams.memberServices.numbers[0].number", "not a valid phone number"],
  },
  {
    name: "an inbound number missing a digit",
    mutate: (j) => {
      region(j, 5).inbound = ["+1503555010"];
    },
    names: ["regions[5].inbound[0]", "not a valid phone number"],
  },
  {
    name: "a number with a wrong last digit",
    mutate: (j) => {
      firstNumber(j, 5, "pharmacy").number = "+18009720701";
    },
    names: ["regions[5] (northwest).teams.pharmacy.numbers[0].quote", "+18009720701", "+18009720700"],
  },
  {
    name: "a wrong number whose digits run on inside the quote (888-655-8137 in 1-888-865-5813)",
    mutate: (j) => {
      firstNumber(j, 2, "memberServices").number = "+18886558137";
    },
    names: ["regions[2] (georgia).teams.memberServices.numbers[0].quote", "+18886558137", "+18888655813"],
  },
  {
    name: "a number spanning the two numbers of a quote",
    mutate: (j) => {
      firstNumber(j, 3, "memberServices").number = "+14325955180";
    },
    names: ["regions[3] (hawaii).teams.memberServices.numbers[0].quote", "+14325955180"],
  },
  {
    name: "a quote that does not contain the number",
    mutate: (j) => {
      firstNumber(j, 5, "behavioralHealth").number = "+18008542764";
    },
    names: ["regions[5] (northwest).teams.behavioralHealth.numbers[0].quote", "+18008542764"],
  },
  {
    name: "routeTo an unknown team",
    mutate: (j) => {
      routedLine(j, 2, "pharmacy").routeTo = "billing";
    },
    names: ["regions[2] (georgia).teams.pharmacy.routeTo", '"billing"'],
  },
  {
    name: "routeTo a team that has no numbers of its own",
    mutate: (j) => {
      routedLine(j, 3, "pharmacy").routeTo = "nurseAdvice";
    },
    names: ["regions[3] (hawaii).teams.pharmacy.routeTo", '"nurseAdvice"'],
  },
  {
    name: "a team missing in a region",
    mutate: (j) => {
      delete region(j, 4).teams.behavioralHealth;
    },
    names: ["regions[4] (midAtlantic).teams.behavioralHealth", "missing"],
  },
  {
    name: "a region team the directory does not list",
    mutate: (j) => {
      region(j, 0).teams.billing = { routeTo: "memberServices", why: "test" };
    },
    names: ["regions[0] (california).teams.billing", "unknown team"],
  },
  {
    name: "the same inbound number in two regions",
    mutate: (j) => {
      region(j, 6).inbound = ["+15105550100"];
    },
    names: ["regions[6] (washington).inbound", "+15105550100", "california"],
  },
  {
    name: "two regions with the same id",
    mutate: (j) => {
      region(j, 6).id = "northwest";
    },
    names: ["regions[6] (northwest).id", "unique"],
  },
  {
    name: "hours naming an unknown schedule",
    mutate: (j) => {
      ownLine(j, 0, "memberServices").hours = "businessHours";
    },
    names: ["regions[0] (california).teams.memberServices.hours", '"businessHours"', "schedules"],
  },
  {
    name: "routed hours naming an unknown schedule",
    mutate: (j) => {
      routedLine(j, 1, "nurseAdvice").hours = "allDay";
    },
    names: ["regions[1] (colorado).teams.nurseAdvice.hours", '"allDay"'],
  },
  {
    name: "a time zone that does not exist",
    mutate: (j) => {
      region(j, 3).timeZone = "Pacific/Atlantis";
    },
    names: ["regions[3].timeZone", "IANA time zone"],
  },
  {
    name: "a time zone given as an abbreviation",
    mutate: (j) => {
      region(j, 0).timeZone = "PST8PDT-ish";
    },
    names: ["regions[0].timeZone", "IANA time zone"],
  },
  {
    name: "a window that closes before it opens",
    mutate: (j) => {
      memberServicesWindow(j).close = "07:00";
    },
    names: ["schedules.memberServicesHours.weekly[0]", "close 07:00", "open 08:00"],
  },
  {
    name: "a window that closes when it opens",
    mutate: (j) => {
      memberServicesWindow(j).close = "08:00";
    },
    names: ["schedules.memberServicesHours.weekly[0]", "close 08:00"],
  },
  {
    name: "a time that is not HH:MM",
    mutate: (j) => {
      memberServicesWindow(j).open = "8am";
    },
    names: ["schedules.memberServicesHours.weekly[0].open", "HH:MM"],
  },
  {
    name: "a closure date that is not a date",
    mutate: (j) => {
      defined(defined(j.schedules.memberServicesHours).closures?.[0]).date = "2026-11-31";
    },
    names: ["schedules.memberServicesHours.closures[0].date", "YYYY-MM-DD"],
  },
  {
    name: "a schedule both always open and weekly",
    mutate: (j) => {
      defined(j.schedules.memberServicesHours).always = true;
    },
    names: ["schedules.memberServicesHours", "always"],
  },
  {
    name: "a schedule citing an unknown source",
    mutate: (j) => {
      defined(j.schedules.pharmacyLineHours).source = "rumour";
    },
    names: ["schedules.pharmacyLineHours.source", '"rumour"'],
  },
  {
    name: "an unknown region for callers who choose none",
    mutate: (j) => {
      j.unknownRegion.representativeRegion = "texas";
    },
    names: ["unknownRegion.representativeRegion", '"texas"'],
  },
];

describe("numbers are valid for their country and quoted exactly", () => {
  test.each([
    ["toll-free", "northwest", "pharmacy", "+18009720700", "1-800-972-0700"],
    ["toll-free, the second of two in the quote", "colorado", "memberServices", "+18006329700", "1-800-632-9700"],
    ["local, the first of two in the quote", "colorado", "memberServices", "+13033383800", "303-338-3800"],
    ["local, Hawaii", "hawaii", "memberServices", "+18084325955", "808-432-5955"],
  ])("%s: %s %s %s is accepted", (_kind, regionId, team, e164) => {
    expect(lineOf(regionId, team).numbers.map((n) => n.e164)).toContain(e164);
  });

  test.each([
    ["a quote in another layout", "Call (800) 972-0700 for refills.", "+18009720700"],
    ["a quote in E.164", "Refills: +1 800 972 0700.", "+18009720700"],
    ["a quote with dots", "Refills: 800.972.0700", "+18009720700"],
  ])("%s is accepted: %s", (_name, quote, number) => {
    const json = directoryJson();
    Object.assign(firstNumber(json, 5, "pharmacy"), { number, quote });
    expect(
      parseDirectory(json, DIRECTORY_FILE).regionById.get("northwest")?.teams.get("pharmacy")?.numbers[0]?.e164,
    ).toBe(number);
  });
});

describe("a broken directory is refused at start, naming the file and the field", () => {
  test.each(BREAKAGES)("$name", ({ mutate, names }) => {
    const json = directoryJson();
    mutate(json);
    let error: unknown;
    try {
      parseDirectory(json, DIRECTORY_FILE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StartupError);
    const message = (error as StartupError).message;
    expect(message.startsWith(`${DIRECTORY_FILE} is invalid:`)).toBe(true);
    for (const word of names) expect(message).toContain(word);
  });

  test("the unmutated copy parses (the failures above come from the mutation alone)", () => {
    expect(parseDirectory(directoryJson(), DIRECTORY_FILE).regions).toHaveLength(EXPECTED_REGIONS.length);
  });

  test("every problem is reported at once", () => {
    const json = directoryJson();
    firstNumber(json, 1, "memberServices").source = "someBlog";
    region(json, 6).inbound = ["+15105550100"];
    expect(() => parseDirectory(json, DIRECTORY_FILE)).toThrow(
      /numbers\[0\]\.source[\s\S]*regions\[6\] \(washington\)\.inbound/,
    );
  });

  test.each([
    ["a file that does not exist", "data/no-such-directory.json", "cannot be read"],
    ["a file that is not JSON", "README.md", "is not valid JSON"],
  ])("%s", (_, file, words) => {
    expect(() => loadDirectory(file)).toThrow(StartupError);
    expect(() => loadDirectory(file)).toThrow(`${file}: ${words}`);
  });
});

describe("reviewing a directory without failing at the first problem (what check reads)", () => {
  test("the bundled directory has no problem, and is indexed as start-up indexes it", () => {
    const review = reviewDirectory(directoryJson(), DIRECTORY_FILE);
    expect(review.problems).toEqual([]);
    expect(review.directory?.regions.map((r) => r.id)).toEqual(directory.regions.map((r) => r.id));
  });

  test("a schema problem: each issue once, one line, the field first, and no directory", () => {
    const json = directoryJson();
    firstNumber(json, 5, "pharmacy").number = "1-800-972-0700";
    expect(reviewDirectory(json, DIRECTORY_FILE)).toEqual({
      directory: undefined,
      problems: [
        "regions[5].teams.pharmacy.numbers[0].number: must be E.164, e.g. +18009720700 (a plus sign, country code, digits only)",
      ],
    });
  });

  test("problems past the schema: every one, and the directory indexed as far as they allow", () => {
    const json = directoryJson();
    firstNumber(json, 1, "memberServices").source = "someBlog";
    region(json, 6).inbound = ["+15105550100"];
    const review = reviewDirectory(json, DIRECTORY_FILE);
    expect(review.problems).toEqual([
      'regions[1] (colorado).teams.memberServices.numbers[0].source: "someBlog" is not a key of sources',
      "regions[6] (washington).inbound: +15105550100 is already the inbound number of california",
    ]);
    expect(review.directory?.regions).toHaveLength(EXPECTED_REGIONS.length);
  });
});
