import { describe, expect, test } from "vitest";
import { loadDirectory } from "../../src/service/directory/loadDirectory.js";
import { StartupError } from "../../src/service/errors.js";
import { compileMenus } from "../../src/service/flow/compileMenus.js";
import { parseFlow, reviewFlow } from "../../src/service/flow/loadFlow.js";
import { DIRECTORY_FILE, defined, editText, FLOW_FILE, type FlowJson, flowJson } from "../fixtures/flowFixtures.js";

const directory = loadDirectory(DIRECTORY_FILE);

/** A menu of the flow, for edits. */
const menu = (json: FlowJson, id: string) => defined(json.menus[id], `menus.${id}`);
/** An option of a menu, for edits. */
const option = (json: FlowJson, id: string, index: number) => defined(menu(json, id).options?.[index]);

const MAIN_EN =
  "memberServices (1), nurseAdvice (2), pharmacy (3), behavioralHealth (4), es (9), language (8), repeat (*), representative (0)";

describe("placeholders that name keys: what the loader refuses", () => {
  test.each<[string, (json: FlowJson) => void, readonly string[]]>([
    [
      "a short prompt naming an option no menu offers (a typo)",
      (j) => {
        const short = defined(menu(j, "main").shortPrompt);
        short.es = editText(short.es, (t) => t.replace("{key:pharmacy}", "{key:farmacia}"));
      },
      [
        "menus.main.shortPrompt.es: {key:farmacia} names no option of menu main offered in es; name one of memberServices (1), nurseAdvice (2), pharmacy (3), behavioralHealth (4), en (9), language (8), repeat (*), representative (0)",
      ],
    ],
    [
      "a prompt naming an option by a language it is not offered in (9 switches to Spanish in English only)",
      (j) => {
        menu(j, "main").prompt.es = "Para español, oprima {key:es}.";
      },
      [
        "menus.main.prompt.es: {key:es} names no option of menu main offered in es; name one of memberServices (1), nurseAdvice (2), pharmacy (3), behavioralHealth (4), en (9), language (8), repeat (*), representative (0)",
      ],
    ],
    [
      "the region menu's short prompt naming the representative where anytime options are off",
      (j) => {
        menu(j, "region").anytime = false;
      },
      [
        "menus.region.shortPrompt.en: {key:representative} names no option of menu region offered in en; name one of california (1), colorado (2), georgia (3), hawaii (4), midAtlantic (5), northwest (6), washington (7), es (9), language (8)",
        "menus.region.shortPrompt.es: {key:representative} names no option of menu region offered in es; name one of california (1), colorado (2), georgia (3), hawaii (4), midAtlantic (5), northwest (6), washington (7), en (9), language (8)",
      ],
    ],
    [
      "a menu's prompt saying {key}, which has no key of its own",
      (j) => {
        menu(j, "language").prompt.en = "Please choose a language, or press {key}.";
      },
      [
        "menus.language.prompt.en: {key} names no key in a menu's prompt (it has none); name the option, {key:<name>}, one of es (1), cmn (2), yue (3), vi (4), tl (5), fr (6), interpreter (0)",
      ],
    ],
    [
      "an option's say naming another option's key",
      (j) => {
        option(j, "main", 2).say = {
          en: "For pharmacy, press {key}. For behavioral health, press {key:behavioralHealth}.",
          es: "Para farmacia, oprima {key}.",
        };
      },
      [
        "menus.main.options[2] (key 3).say.en: {key:behavioralHealth} names another option's key; an option's say names its own, {key} (say the other key in that option's say)",
      ],
    ],
    [
      "an option's say with its key written out, not filled from the option",
      (j) => {
        const say = defined(option(j, "main", 2).say);
        say.en = "For pharmacy and prescription refills, press 3.";
      },
      [
        `menus.main.options[2] (key 3).say.en: must say {key} where it names the option's key (e.g. "press {key}"), so what callers hear follows the key`,
      ],
    ],
    [
      "the language menu's option 0 with its key written out, in Spanish",
      (j) => {
        const say = defined(option(j, "language", 7).say);
        say.es = editText(say.es, (t) => t.replace("{key}", "0"));
      },
      [
        `menus.language.options[7] (key 0).say.es: must say {key} where it names the option's key (e.g. "press {key}"), so what callers hear follows the key`,
      ],
    ],
    [
      "a misspelt placeholder",
      (j) => {
        const say = defined(option(j, "main", 0).say);
        say.en = "For member services, press {kye}.";
      },
      [
        "menus.main.options[0] (key 1).say.en: unknown placeholder {kye}; use {key}",
        `menus.main.options[0] (key 1).say.en: must say {key} where it names the option's key (e.g. "press {key}"), so what callers hear follows the key`,
      ],
    ],
    [
      "a reference in a text that names no key",
      (j) => {
        defined(j.messages.greeting).en = "Thank you for calling. Dial 9 1 1 or 7 1 1, or press {key:representative}.";
      },
      [
        "messages.greeting.en: unknown placeholder {key:representative}; only a menu's prompt and shortPrompt name the keys of its options, e.g. {key:pharmacy}",
      ],
    ],
    [
      "a name shared by two keys (two options transfer to pharmacy)",
      (j) => {
        option(j, "main", 3).do = { kind: "transfer", team: "pharmacy" };
      },
      [
        'menus.main.shortPrompt.en: {key:pharmacy} is the name of keys 3 and 4 in menu main (en); give each of those options a "name" of its own (e.g. "name": "claims") and write {key:claims}',
        "menus.main.shortPrompt.en: {key:behavioralHealth} names no option of menu main offered in en; name one of memberServices (1), nurseAdvice (2), pharmacy (3, 4), es (9), language (8), repeat (*), representative (0)",
        'menus.main.shortPrompt.es: {key:pharmacy} is the name of keys 3 and 4 in menu main (es); give each of those options a "name" of its own (e.g. "name": "claims") and write {key:claims}',
        "menus.main.shortPrompt.es: {key:behavioralHealth} names no option of menu main offered in es; name one of memberServices (1), nurseAdvice (2), pharmacy (3, 4), en (9), language (8), repeat (*), representative (0)",
      ],
    ],
    [
      "* said in a language the flow gives no word for it",
      (j) => {
        delete defined(j.messages.keyStar).es;
      },
      [
        "messages.keyStar.es: missing translation; every prompt needs en, es (the full languages)",
        'menus.main.shortPrompt.es: says key *, which has no word in es; give it in messages.keyStar.es (in English "star")',
        'menus.main.options[7] (key *).say.es: says key *, which has no word in es; give it in messages.keyStar.es (in English "star")',
      ],
    ],
    [
      "the nurse line on * when interpreters are closed: the word for * in every language, interpreter ones too",
      (j) => {
        j.interpreters.whenClosedKey = "*";
        for (const o of menu(j, "main").options ?? []) if (o.key === "*") o.key = "#";
        j.messages.keyPound = { en: "pound", es: "numeral" };
      },
      ["cmn", "yue", "vi", "tl", "fr"].map(
        (l) =>
          `messages.interpreterClosed.${l}: says key *, which has no word in ${l}; give it in messages.keyStar.${l} (in English "star")`,
      ),
    ],
  ])("%s", (_name, edit, problems) => {
    const json = flowJson();
    edit(json);
    expect(reviewFlow(json, directory)).toEqual(problems);
  });

  test("the line does not start, naming the file, the menu, the language and the fix", () => {
    const json = flowJson();
    const short = defined(menu(json, "main").shortPrompt);
    short.en = editText(short.en, (t) => t.replace("{key:pharmacy}", "{key:pharmcy}"));
    expect(() => parseFlow(json, FLOW_FILE, directory)).toThrow(StartupError);
    expect(() => parseFlow(json, FLOW_FILE, directory)).toThrow(
      `${FLOW_FILE} is invalid:\n  ✖ menus.main.shortPrompt.en: {key:pharmcy} names no option of menu main offered in en; name one of ${MAIN_EN}`,
    );
  });

  test("two options to one team, each named, each named in the short prompt: loads, each key in its place", () => {
    const json = flowJson();
    menu(json, "main").options?.push({
      key: "5",
      name: "claims",
      say: { en: "For claims, press {key}.", es: "Para reclamos, oprima {key}." },
      do: { kind: "transfer", team: "memberServices" },
    });
    const short = defined(menu(json, "main").shortPrompt);
    short.en = editText(short.en, (t) => `${t} For claims, press {key:claims}.`);
    short.es = editText(short.es, (t) => `${t} Para reclamos, oprima {key:claims}.`);
    expect(reviewFlow(json, directory)).toEqual([]);
    const flow = parseFlow(json, FLOW_FILE, directory);
    const main = defined(compileMenus(flow).get("main"));
    expect(main.shortPrompt?.en).toMatch(/^Press 1 for member services, .* For claims, press 5\.$/);
    expect(main.shortPrompt?.es).toMatch(/^Oprima 1 para servicios para miembros, .* Para reclamos, oprima 5\.$/);
  });

  test("the bundled flow names every key it says by placeholder, and loads", () => {
    expect(reviewFlow(flowJson(), directory)).toEqual([]);
  });
});
