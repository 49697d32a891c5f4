import { describe, expect, test } from "vitest";
import { loadDirectory } from "../../src/directory/loadDirectory.js";
import { StartupError } from "../../src/errors.js";
import { loadFlow, parseFlow } from "../../src/flow/loadFlow.js";
import { REQUIRED_MESSAGES } from "../../src/flow/schema.js";
import { DIRECTORY_FILE, defined, FLOW_FILE, type FlowJson, flowJson } from "../fixtures/flowFixtures.js";

const directory = loadDirectory(DIRECTORY_FILE);

describe("the bundled flow", () => {
  const flow = loadFlow(FLOW_FILE, directory);

  test("loads, speaks English and Spanish, and starts in main (region menu for unknown regions)", () => {
    expect(flow.id).toBe("memberLine");
    expect(Object.keys(flow.languages)).toEqual(["en", "es"]);
    expect(flow.defaultLanguage).toBe("en");
    expect(flow.start).toBe("main");
    expect(flow.regionMenu).toBe("region");
    expect(flow.menus.region?.kind).toBe("regions");
    expect(flow.menus.main?.kind).toBe("options");
  });

  test("has its limits, speech threshold and escalation teams", () => {
    expect(flow.limits).toEqual({ maxFailures: 3, maxMenuTurns: 12, maxFailedTransfers: 3 });
    expect(flow.speech.minConfidence).toBe(0.4);
    expect(flow.representative).toEqual({ team: "representative", whenClosed: "nurseAdvice" });
  });

  test("defines every required message in both languages", () => {
    for (const key of REQUIRED_MESSAGES)
      expect(Object.keys(defined(flow.messages[key], key)).sort()).toEqual(["en", "es"]);
  });

  test("the main menu offers 1-4, 9 (per language), * and, anytime, 0", () => {
    const main = defined(flow.menus.main);
    expect(main.options.map((o) => [o.key, o.languages ?? ["en", "es"]])).toEqual([
      ["1", ["en", "es"]],
      ["2", ["en", "es"]],
      ["3", ["en", "es"]],
      ["4", ["en", "es"]],
      ["9", ["en"]],
      ["9", ["es"]],
      ["*", ["en", "es"]],
    ]);
    expect(flow.anytime.map((o) => [o.key, o.do])).toEqual([["0", { kind: "transfer", team: "representative" }]]);
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
      delete menu(j, "region").shortPrompt.en;
    },
    names: ["menus.region.shortPrompt.en", "missing translation"],
  },
  {
    name: "an option's say missing Spanish",
    mutate: (j) => {
      delete option(j, "main", 2).say.es;
    },
    names: ["menus.main.options[2].say.es", "missing translation"],
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
      menu(j, "main").prompt.fr = "Veuillez écouter les options suivantes.";
    },
    names: ["menus.main.prompt.fr", '"fr" is not one of languages'],
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
    names: ["menus.main.options[0].do.team", '"billing"', DIRECTORY_FILE],
  },
  {
    name: "an anytime transfer to an unknown team",
    mutate: (j) => {
      defined(j.anytime?.[0]).do = { kind: "transfer", team: "operator" };
    },
    names: ["anytime[0].do.team", '"operator"'],
  },
  {
    name: "a directory team the flow cannot name to callers",
    mutate: (j) => {
      delete j.teams.pharmacy;
    },
    names: ["menus.main.options[2].do.team", '"pharmacy" has no entry in teams'],
  },
  {
    name: "an announcement of an unknown message",
    mutate: (j) => {
      option(j, "main", 3).do = { kind: "transfer", team: "behavioralHealth", announce: "hotline" };
    },
    names: ["menus.main.options[3].do.announce", '"hotline"'],
  },
  {
    name: "an option going to an unknown menu",
    mutate: (j) => {
      option(j, "main", 0).do = { kind: "menu", menu: "billingMenu" };
    },
    names: ["menus.main.options[0].do.menu", '"billingMenu"'],
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
      j.defaultLanguage = "fr";
    },
    names: ["defaultLanguage", '"fr"'],
  },
  {
    name: "a language switch to a language the flow does not speak",
    mutate: (j) => {
      option(j, "main", 4).do = { kind: "language", language: "fr" };
    },
    names: ["menus.main.options[4].do.language", '"fr"'],
  },
  {
    name: "a key that is not on a keypad",
    mutate: (j) => {
      option(j, "main", 0).key = "10";
    },
    names: ["menus.main.options[0].key", "keypad"],
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
      /menus\.main\.prompt\.es[\s\S]*menus\.main\.options\[0\]\.do\.team/,
    );
  });

  test("a file that cannot be read names the file", () => {
    expect(() => loadFlow("flows/no-such-flow.json", directory)).toThrow(StartupError);
    expect(() => loadFlow("flows/no-such-flow.json", directory)).toThrow("flows/no-such-flow.json: cannot be read");
  });
});
