import { describe, expect, test } from "vitest";
import { loadDirectory } from "../../src/service/directory/loadDirectory.js";
import { StartupError } from "../../src/service/errors.js";
import { loadFlow, parseFlow, reviewFlow } from "../../src/service/flow/loadFlow.js";
import { INTERPRETER_MESSAGES, REQUIRED_MESSAGES } from "../../src/service/flow/schema.js";
import { DIRECTORY_FILE, defined, FLOW_FILE, type FlowJson, flowJson } from "../fixtures/flowFixtures.js";

const directory = loadDirectory(DIRECTORY_FILE);

describe("the bundled flow", () => {
  const flow = loadFlow(FLOW_FILE, directory);
  const full = ["en", "es"];
  const interpreter = ["cmn", "yue", "vi", "tl", "fr"];

  test("loads, speaks English and Spanish in full and five more languages through interpreters", () => {
    expect(flow.id).toBe("memberLine");
    expect(Object.entries(flow.languages).map(([code, l]) => [code, l.support])).toEqual([
      ...full.map((code) => [code, "full"]),
      ...interpreter.map((code) => [code, "interpreter"]),
    ]);
    expect(flow.defaultLanguage).toBe("en");
    expect(flow.start).toBe("main");
    expect(flow.regionMenu).toBe("region");
    expect(flow.menus.region?.kind).toBe("regions");
    expect(flow.menus.main?.kind).toBe("options");
    expect(flow.interpreters).toEqual({ team: "memberServices", whenClosed: "nurseAdvice", whenClosedKey: "2" });
  });

  test("has its limits, speech threshold and escalation teams", () => {
    expect(flow.limits).toEqual({ maxFailures: 3, maxMenuTurns: 12, maxFailedTransfers: 3 });
    expect(flow.speech.minConfidence).toBe(0.4);
    expect(flow.representative).toEqual({ team: "representative", whenClosed: "nurseAdvice" });
  });

  test.each(REQUIRED_MESSAGES)("defines message %s in both full languages", (key) => {
    expect(Object.keys(defined(flow.messages[key], key))).toEqual(expect.arrayContaining(full));
  });

  test.each(INTERPRETER_MESSAGES)("defines message %s in every interpreter language", (key) => {
    expect(Object.keys(defined(flow.messages[key], key))).toEqual(expect.arrayContaining(interpreter));
  });

  test("the main menu offers 1-4, 9 (per language), 8, * and, anytime, 0", () => {
    const main = defined(flow.menus.main);
    expect(main.options.map((o) => [o.key, o.languages ?? full, o.offer ?? null])).toEqual([
      ["1", full, null],
      ["2", full, null],
      ["3", full, null],
      ["4", full, null],
      ["9", ["en"], ["es"]],
      ["9", ["es"], ["en"]],
      ["8", full, interpreter],
      ["*", full, null],
    ]);
    expect(flow.anytime.map((o) => [o.key, o.do])).toEqual([["0", { kind: "transfer", team: "representative" }]]);
  });

  test("the region menu keeps the keys callers know, in the data", () => {
    const region = defined(flow.menus.region);
    expect(region.regions?.map((r) => [r.key, r.region])).toEqual([
      ["1", "california"],
      ["2", "colorado"],
      ["3", "georgia"],
      ["4", "hawaii"],
      ["5", "midAtlantic"],
      ["6", "northwest"],
      ["7", "washington"],
    ]);
    expect(region.options.map((o) => o.key)).toEqual(["9", "9", "8"]);
  });

  test("the language menu: 1 Spanish (English in Spanish), 2-6 interpreters, 0 or silence any other language", () => {
    const menu = defined(flow.menus.language);
    expect(menu.anytime).toBe(false);
    expect(menu.silence).toBe("0");
    expect(menu.options.map((o) => [o.key, o.do])).toEqual([
      ["1", { kind: "language", language: "es" }],
      ["1", { kind: "language", language: "en" }],
      ["2", { kind: "interpreter", language: "cmn" }],
      ["3", { kind: "interpreter", language: "yue" }],
      ["4", { kind: "interpreter", language: "vi" }],
      ["5", { kind: "interpreter", language: "tl" }],
      ["6", { kind: "interpreter", language: "fr" }],
      ["0", { kind: "interpreter" }],
    ]);
  });
});

/** A way to break the bundled flow, and the words (field path first) the error must contain. */
interface Breakage {
  readonly name: string;
  readonly mutate: (json: FlowJson) => void;
  readonly names: readonly string[];
}

const menu = (j: FlowJson, id: string) => defined(j.menus[id], `menus.${id}`);
const option = (j: FlowJson, id: string, i: number) => defined(menu(j, id).options?.[i], `menus.${id}.options[${i}]`);
const message = (j: FlowJson, id: string) => defined(j.messages[id], `messages.${id}`);

const BREAKAGES: readonly Breakage[] = [
  {
    name: "a prompt missing its Spanish translation",
    mutate: (j) => {
      delete menu(j, "main").prompt.es;
    },
    names: ["menus.main.prompt.es", "missing translation"],
  },
  {
    name: "a short prompt missing its English translation",
    mutate: (j) => {
      delete defined(menu(j, "region").shortPrompt).en;
    },
    names: ["menus.region.shortPrompt.en", "missing translation"],
  },
  {
    name: "an option's say missing Spanish",
    mutate: (j) => {
      delete defined(option(j, "main", 2).say).es;
    },
    names: ["menus.main.options[2] (key 3).say.es", "missing translation"],
  },
  {
    name: "a message missing Spanish",
    mutate: (j) => {
      delete message(j, "closed").es;
    },
    names: ["messages.closed.es", "missing translation"],
  },
  {
    name: "a team name missing Spanish",
    mutate: (j) => {
      delete defined(j.teams.pharmacy).name.es;
    },
    names: ["teams.pharmacy.name.es", "missing translation"],
  },
  {
    name: "a translation into a language the flow does not speak",
    mutate: (j) => {
      menu(j, "main").prompt.de = "Bitte hören Sie die folgenden Optionen.";
    },
    names: ["menus.main.prompt.de", '"de" is not one of languages'],
  },
  {
    name: "a required message missing",
    mutate: (j) => {
      delete j.messages.goodbye;
    },
    names: ["messages.goodbye", "missing"],
  },
  {
    name: "a transfer to a team the directory does not have",
    mutate: (j) => {
      option(j, "main", 0).do = { kind: "transfer", team: "billing" };
    },
    names: ["menus.main.options[0] (key 1).do.team", '"billing"', DIRECTORY_FILE],
  },
  {
    name: "an anytime transfer to an unknown team",
    mutate: (j) => {
      defined(j.anytime?.[0]).do = { kind: "transfer", team: "operator" };
    },
    names: ["anytime[0] (key 0).do.team", '"operator"'],
  },
  {
    name: "a directory team the flow cannot name to callers",
    mutate: (j) => {
      delete j.teams.pharmacy;
    },
    names: ["menus.main.options[2] (key 3).do.team", '"pharmacy" has no entry in teams'],
  },
  {
    name: "an announcement of an unknown message",
    mutate: (j) => {
      option(j, "main", 3).do = { kind: "transfer", team: "behavioralHealth", announce: "hotline" };
    },
    names: ["menus.main.options[3] (key 4).do.announce", '"hotline"'],
  },
  {
    name: "an option going to an unknown menu",
    mutate: (j) => {
      option(j, "main", 0).do = { kind: "menu", menu: "billingMenu" };
    },
    names: ["menus.main.options[0] (key 1).do.menu", '"billingMenu"'],
  },
  {
    name: "a start menu that does not exist",
    mutate: (j) => {
      j.start = "welcome";
    },
    names: ["start", '"welcome" is not defined in menus'],
  },
  {
    name: "a region menu that does not exist",
    mutate: (j) => {
      j.regionMenu = "regions";
    },
    names: ["regionMenu", '"regions" is not defined in menus'],
  },
  {
    name: "a key used twice in a menu",
    mutate: (j) => {
      option(j, "main", 1).key = "1";
    },
    names: ["menus.main", "key 1 is used twice in en"],
  },
  {
    name: "a Spanish-only option reusing a key",
    mutate: (j) => {
      option(j, "main", 5).key = "*";
    },
    names: ["menus.main", "key * is used twice in es"],
  },
  {
    name: "an anytime key that clashes with a generated region key",
    mutate: (j) => {
      defined(j.anytime?.[0]).key = "7";
    },
    names: ["menus.region", "key 7 is used twice"],
  },
  {
    name: "an unknown placeholder in a message",
    mutate: (j) => {
      message(j, "closed").en = "Sorry, {team} is closed. Hours are {openingHours}.";
    },
    names: ["messages.closed.en", "unknown placeholder {openingHours}"],
  },
  {
    name: "an unknown placeholder in a prompt",
    mutate: (j) => {
      menu(j, "main").prompt.es = "Hola {caller}.";
    },
    names: ["menus.main.prompt.es", "unknown placeholder {caller}"],
  },
  {
    name: "a representative fallback that is not open around the clock",
    mutate: (j) => {
      j.representative.whenClosed = "memberServices";
    },
    names: ["representative.whenClosed", '"memberServices" is not open around the clock'],
  },
  {
    name: "a representative fallback open around the clock in one region only",
    mutate: (j) => {
      j.representative.whenClosed = "pharmacy";
    },
    names: ["representative.whenClosed", "not open around the clock in california"],
  },
  {
    name: "a representative team the directory does not have",
    mutate: (j) => {
      j.representative.team = "supervisor";
    },
    names: ["representative.team", '"supervisor"'],
  },
  {
    name: "a region menu that is not of kind regions",
    mutate: (j) => {
      menu(j, "region").kind = "options";
    },
    names: ["menus.region.kind", 'kind "regions"'],
  },
  {
    name: "a region menu without a kind (defaults to options)",
    mutate: (j) => {
      delete menu(j, "region").kind;
    },
    names: ["menus.region.kind"],
  },
  {
    name: "a default language the flow does not speak",
    mutate: (j) => {
      j.defaultLanguage = "de";
    },
    names: ["defaultLanguage", '"de" is not one of languages'],
  },
  {
    name: "a language switch to a language the flow does not speak",
    mutate: (j) => {
      option(j, "main", 4).do = { kind: "language", language: "de" };
    },
    names: ["menus.main.options[4] (key 9).do.language", '"de" is not one of languages'],
  },
  {
    name: "a misspelt action kind",
    mutate: (j) => {
      (option(j, "main", 2).do as { kind: string }).kind = "transfr";
    },
    names: [
      "menus.main.options[2] (key 3).do.kind",
      '"kind" must be one of "transfer", "menu", "language", "interpreter", "repeat"',
    ],
  },
  {
    name: "a key that is not on a keypad",
    mutate: (j) => {
      option(j, "main", 0).key = "10";
    },
    names: ["menus.main.options[0] (key 10).key", "keypad"],
  },
  {
    name: "a speech threshold above 1",
    mutate: (j) => {
      j.speech.minConfidence = 1.5;
    },
    names: ["speech.minConfidence"],
  },
  {
    name: "an unknown property (a typo)",
    mutate: (j) => {
      (j.limits as Record<string, unknown>).maxFailure = 3;
    },
    names: ["limits", "maxFailure"],
  },
  {
    name: "a full language missing a prompt (French made full without translating)",
    mutate: (j) => {
      defined(j.languages.fr).support = "full";
    },
    names: ["menus.main.prompt.fr", "missing translation", "every prompt needs en, es, fr"],
  },
  {
    name: "an interpreter language missing its hand-off",
    mutate: (j) => {
      delete message(j, "interpreterHold").vi;
    },
    names: [
      "messages.interpreterHold.vi",
      "vi (support: interpreter) needs languageOption, interpreterHold, interpreterClosed, goodbye",
    ],
  },
  {
    name: "an interpreter language missing its language-menu line",
    mutate: (j) => {
      delete message(j, "languageOption").yue;
    },
    names: ["messages.languageOption.yue", "missing; yue (support: interpreter) needs"],
  },
  {
    name: "an interpreter language missing its closed notice",
    mutate: (j) => {
      delete message(j, "interpreterClosed").tl;
    },
    names: ["messages.interpreterClosed.tl", "missing; tl (support: interpreter) needs"],
  },
  {
    name: "an interpreter language missing the words of hours",
    mutate: (j) => {
      delete message(j, "hoursWindow").cmn;
    },
    names: ["messages.hoursWindow.cmn", "missing; cmn (support: interpreter) needs"],
  },
  {
    name: "the language-menu line without its key",
    mutate: (j) => {
      message(j, "languageOption").vi = { text: "Tiếng Việt.", reviewed: false };
    },
    names: ["messages.languageOption.vi", "must say {key}"],
  },
  {
    name: "the closed notice without the hours",
    mutate: (j) => {
      message(j, "interpreterClosed").fr = "Appuyez sur {key}.";
    },
    names: ["messages.interpreterClosed.fr", "must say {hours}"],
  },
  {
    name: "a voice Twilio does not offer",
    mutate: (j) => {
      defined(j.languages.vi).voice = "Polly.Linh";
    },
    names: ["languages.vi.voice", '"Polly.Linh" is not a Twilio <Say> voice', "Google.vi-VN-Standard-A"],
  },
  {
    name: "a voice given another language's code",
    mutate: (j) => {
      defined(j.languages.yue).language = "yue-CN";
    },
    names: ["languages.yue.language", "Twilio speaks Google.yue-HK-Standard-A in yue-HK, not yue-CN"],
  },
  {
    name: "speech in a language code Twilio's <Gather> does not take",
    mutate: (j) => {
      defined(j.languages.cmn).speech = "cmn-CN";
    },
    names: ["languages.cmn.speech", 'does not recognise speech in "cmn-CN"', "keys only"],
  },
  {
    name: "a locale Intl cannot format in",
    mutate: (j) => {
      defined(j.languages.tl).locale = "xx-YY";
    },
    names: ["languages.tl.locale", '"xx-YY" is not a locale'],
  },
  {
    name: "a language code that is not ISO 639",
    mutate: (j) => {
      j.languages.vietnamese = { ...defined(j.languages.vi) };
    },
    names: ["languages", "ISO 639"],
  },
  {
    name: "an interpreter language as the default",
    mutate: (j) => {
      j.defaultLanguage = "vi";
    },
    names: ["defaultLanguage", "must be a full language"],
  },
  {
    name: "an interpreter language chosen with kind language",
    mutate: (j) => {
      option(j, "language", 4).do = { kind: "language", language: "vi" };
    },
    names: [
      "menus.language.options[4] (key 4).do.language",
      '"vi" is an interpreter language',
      '"kind": "interpreter"',
    ],
  },
  {
    name: "an interpreter for a language the flow does not speak",
    mutate: (j) => {
      option(j, "language", 4).do = { kind: "interpreter", language: "ko" };
    },
    names: ["menus.language.options[4] (key 4).do.language", '"ko" is not one of languages'],
  },
  {
    name: "an offer in a language the flow does not speak",
    mutate: (j) => {
      option(j, "main", 6).offer = ["vi", "ko"];
    },
    names: ["menus.main.options[6] (key 8).offer[1]", '"ko" is not one of languages'],
  },
  {
    name: "an option offered only to callers of an interpreter language",
    mutate: (j) => {
      option(j, "main", 0).languages = ["vi"];
    },
    names: [
      "menus.main.options[0] (key 1).languages",
      '"vi" is an interpreter language; its callers never hear a menu',
    ],
  },
  {
    name: "an option with neither say nor offer",
    mutate: (j) => {
      delete option(j, "main", 0).say;
    },
    names: ["menus.main.options[0] (key 1)", "give say"],
  },
  {
    name: "an option with both say and offer",
    mutate: (j) => {
      option(j, "main", 0).offer = ["es"];
    },
    names: ["menus.main.options[0] (key 1)", "give say or offer, not both"],
  },
  {
    name: "silence choosing a key the menu does not have",
    mutate: (j) => {
      menu(j, "language").silence = "9";
    },
    names: ["menus.language.silence", "no option of this menu has key 9"],
  },
  {
    name: "a menu named like the generated interpreter menu",
    mutate: (j) => {
      j.menus.interpreterClosed = structuredClone(menu(j, "language"));
    },
    names: ["menus.interpreterClosed", "taken by the menu generated from interpreters"],
  },
  {
    name: "a menu named like the call's start state",
    mutate: (j) => {
      j.menus.start = structuredClone(menu(j, "language"));
    },
    names: ["menus.start", "taken by a state of the call that is not a menu"],
  },
  {
    name: "a menu named like the call's transfer state",
    mutate: (j) => {
      j.menus.transfer = structuredClone(menu(j, "language"));
    },
    names: ["menus.transfer", "taken by a state of the call that is not a menu"],
  },
  {
    name: "a menu named like the call's ended state",
    mutate: (j) => {
      j.menus.ended = structuredClone(menu(j, "language"));
    },
    names: ["menus.ended", "taken by a state of the call that is not a menu"],
  },
  {
    name: "a menu named like the call's goodbye state",
    mutate: (j) => {
      j.menus.goodbye = structuredClone(menu(j, "language"));
    },
    names: ["menus.goodbye", "taken by a state of the call that is not a menu"],
  },
  {
    name: "an interpreters' fallback that is not open around the clock",
    mutate: (j) => {
      j.interpreters.whenClosed = "memberServices";
    },
    names: ["interpreters.whenClosed", '"memberServices" is not open around the clock'],
  },
  {
    name: "a region of the directory without a key in the region menu",
    mutate: (j) => {
      menu(j, "region").regions?.pop();
    },
    names: ["menus.region.regions", `region "washington" of ${DIRECTORY_FILE} has no key`],
  },
  {
    name: "a region key used twice",
    mutate: (j) => {
      defined(menu(j, "region").regions?.[1]).key = "1";
    },
    names: ["menus.region", "key 1 is used twice in en"],
  },
  {
    name: "a region the directory does not have",
    mutate: (j) => {
      defined(menu(j, "region").regions?.[0]).region = "alaska";
    },
    names: ["menus.region.regions[0].region", `"alaska" is not a region of ${DIRECTORY_FILE}`],
  },
  {
    name: "a region named in English only",
    mutate: (j) => {
      delete defined(menu(j, "region").regions?.[3]).name.es;
    },
    names: ["menus.region.regions[3].name.es", "missing translation"],
  },
  {
    name: "a region menu without its regions",
    mutate: (j) => {
      delete menu(j, "region").regions;
    },
    names: ["menus.region.regions", 'a menu of kind "regions" lists the regions'],
  },
  {
    name: "a review mark that is not true or false",
    mutate: (j) => {
      (message(j, "greeting") as Record<string, unknown>).es = { text: "Hola.", reviewed: "pending" };
    },
    names: ["messages.greeting.es"],
  },
];

describe("a broken flow is refused at start, naming the file and the field", () => {
  test.each(BREAKAGES)("$name", ({ mutate, names }) => {
    const json = flowJson();
    mutate(json);
    let error: unknown;
    try {
      parseFlow(json, FLOW_FILE, directory);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StartupError);
    const text = (error as StartupError).message;
    expect(text.startsWith(`${FLOW_FILE} is invalid:`)).toBe(true);
    for (const word of names) expect(text).toContain(word);
  });

  test("the unmutated copy parses (the failures above come from the mutation alone)", () => {
    expect(parseFlow(flowJson(), FLOW_FILE, directory).id).toBe("memberLine");
  });

  test("every problem is reported at once", () => {
    const json = flowJson();
    delete menu(json, "main").prompt.es;
    option(json, "main", 0).do = { kind: "transfer", team: "billing" };
    expect(() => parseFlow(json, FLOW_FILE, directory)).toThrow(
      /menus\.main\.prompt\.es[\s\S]*menus\.main\.options\[0\] \(key 1\)\.do\.team/,
    );
  });

  test("a file that cannot be read names the file", () => {
    expect(() => loadFlow("flows/no-such-flow.json", directory)).toThrow(StartupError);
    expect(() => loadFlow("flows/no-such-flow.json", directory)).toThrow("flows/no-such-flow.json: cannot be read");
  });
});

describe("reviewing a flow without failing at the first problem (what check reads)", () => {
  test("the bundled flow has no problem", () => {
    expect(reviewFlow(flowJson(), directory)).toEqual([]);
  });

  test("a schema problem is one line, the field first, the option named by its key", () => {
    const json = flowJson();
    (option(json, "main", 2).do as { kind: string }).kind = "transfr";
    expect(reviewFlow(json, directory)).toEqual([
      'menus.main.options[2] (key 3).do.kind: unknown action: "kind" must be one of "transfer", "menu", "language", "interpreter", "repeat"',
    ]);
  });

  test.each([
    [
      "with the directory: every problem, the team checked against the directory too",
      directory,
      [
        "messages.greeting.es: missing translation; every prompt needs en, es (the full languages)",
        "menus.main.shortPrompt.en: {key:memberServices} names no option of menu main offered in en; name one of billing (1), nurseAdvice (2), pharmacy (3), behavioralHealth (4), es (9), language (8), repeat (*), representative (0)",
        "menus.main.shortPrompt.es: {key:memberServices} names no option of menu main offered in es; name one of billing (1), nurseAdvice (2), pharmacy (3), behavioralHealth (4), en (9), language (8), repeat (*), representative (0)",
        `menus.main.options[0] (key 1).do.team: team "billing" is not in ${DIRECTORY_FILE} teams (memberServices, nurseAdvice, pharmacy, behavioralHealth, representative)`,
        'menus.main.options[0] (key 1).do.team: team "billing" has no entry in teams (how callers hear its name)',
      ],
    ],
    [
      "without a directory (it does not load): all that does not depend on it",
      undefined,
      [
        "messages.greeting.es: missing translation; every prompt needs en, es (the full languages)",
        "menus.main.shortPrompt.en: {key:memberServices} names no option of menu main offered in en; name one of billing (1), nurseAdvice (2), pharmacy (3), behavioralHealth (4), es (9), language (8), repeat (*), representative (0)",
        "menus.main.shortPrompt.es: {key:memberServices} names no option of menu main offered in es; name one of billing (1), nurseAdvice (2), pharmacy (3), behavioralHealth (4), en (9), language (8), repeat (*), representative (0)",
        'menus.main.options[0] (key 1).do.team: team "billing" has no entry in teams (how callers hear its name)',
      ],
    ],
  ])("%s", (_name, against, problems) => {
    const json = flowJson();
    delete message(json, "greeting").es;
    option(json, "main", 0).do = { kind: "transfer", team: "billing" };
    expect(reviewFlow(json, against)).toEqual(problems);
  });
});
