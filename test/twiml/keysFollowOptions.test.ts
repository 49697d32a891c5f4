import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { formatAction } from "../../src/service/contract/optionIdentity.js";
import { INTERPRETER_CLOSED } from "../../src/service/contract/stateIds.js";
import { matchOption } from "../../src/service/flow/matchOption.js";
import { compileLine } from "../../src/service/line/lineSource.js";
import { composeSpeech } from "../../src/service/twiml/composeSpeech.js";
import type { RenderInput } from "../../src/service/twiml/renderInput.js";
import { renderTwiml } from "../../src/service/twiml/renderTwiml.js";
import {
  DIRECTORY_FILE,
  defined,
  directoryJson,
  FLOW_FILE,
  type FlowJson,
  key,
  THREE_LANGUAGES_FLOW_FILE,
  WEEKDAY_OPEN,
} from "../fixtures/flowFixtures.js";
import { expectValidTwiml, saysOf } from "../support/parseTwiml.js";

/** The options of a menu (or the anytime ones) with this key, as written, for edits. */
function withKey(json: FlowJson, menu: string | "anytime", k: string) {
  const options = menu === "anytime" ? (json.anytime ?? []) : (defined(json.menus[menu]).options ?? []);
  const found = options.filter((o) => o.key === k);
  expect(found.length, `${menu} key ${k}`).toBeGreaterThan(0);
  return found;
}

/** Moves every option of a menu with key `a` to key `b` and back: what a line owner does to swap two keys. */
function swapKeys(menu: string, a: string, b: string) {
  return (json: FlowJson) => {
    const [first, second] = [withKey(json, menu, a), withKey(json, menu, b)];
    for (const o of first) o.key = b;
    for (const o of second) o.key = a;
  };
}

/** Swaps two regions' keys in the region menu. */
function swapRegionKeys(a: string, b: string) {
  return (json: FlowJson) => {
    const regions = defined(json.menus.region?.regions);
    const [ra, rb] = [defined(regions.find((r) => r.region === a)), defined(regions.find((r) => r.region === b))];
    [ra.key, rb.key] = [rb.key, ra.key];
  };
}

/** The words for # (the keypad's pound key) the tests give a line before moving an option to it. */
function withPound(json: FlowJson) {
  const words: Record<string, string> = { en: "pound", es: "numeral", fr: "dièse" };
  json.messages.keyPound = Object.fromEntries(
    Object.keys(json.languages)
      .filter((l) => json.languages[l]?.support === "full")
      .map((l) => [l, defined(words[l], l)]),
  );
}

/** The line of a flow file with an edit made to a copy, validated and compiled as at start. */
function compileEdited(flowFile: string, edit: (json: FlowJson) => void) {
  const flow = JSON.parse(readFileSync(flowFile, "utf8")) as FlowJson;
  edit(flow);
  const callFlow = compileLine({ flowFile, directoryFile: DIRECTORY_FILE, flow, directory: directoryJson() });
  return { callFlow, speech: composeSpeech(callFlow) };
}

interface Row {
  readonly name: string;
  readonly flowFile?: string;
  readonly edit: (json: FlowJson) => void;
  readonly menu: string;
  readonly language: string;
  readonly prompt?: "full" | "short";
  /** Sentences the caller hears, each in one `<Say>`. */
  readonly hears: readonly string[];
  /** What pressing a key then does (`formatAction`): a caller is put through where the words said. */
  readonly presses: Readonly<Record<string, string>>;
}

const SWAP_3_4 = swapKeys("main", "3", "4");
const ROWS: readonly Row[] = [
  {
    name: "the bundled line with pharmacy (3) and behavioral health (4) swapped",
    edit: SWAP_3_4,
    menu: "main",
    language: "en",
    hears: ["For pharmacy and prescription refills, press 4.", "For behavioral health, press 3."],
    presses: { "4": "pharmacy", "3": "behavioralHealth" },
  },
  {
    name: "the bundled line with 3 and 4 swapped, in Spanish",
    edit: SWAP_3_4,
    menu: "main",
    language: "es",
    hears: ["Para farmacia y resurtido de recetas, oprima 4.", "Para salud mental, oprima 3."],
    presses: { "4": "pharmacy", "3": "behavioralHealth" },
  },
  {
    name: "the bundled line with 3 and 4 swapped: the short prompt after a wrong key",
    edit: SWAP_3_4,
    menu: "main",
    language: "en",
    prompt: "short",
    hears: [
      "Press 1 for member services, 2 for nurse advice, 4 for pharmacy, 3 for behavioral health, or 0 for a representative. To hear all the options, press star.",
    ],
    presses: { "4": "pharmacy", "3": "behavioralHealth", "*": "repeat" },
  },
  {
    name: "the bundled line with 3 and 4 swapped: the short prompt in Spanish",
    edit: SWAP_3_4,
    menu: "main",
    language: "es",
    prompt: "short",
    hears: [
      "Oprima 1 para servicios para miembros, 2 para consejos de enfermería, 4 para farmacia, 3 para salud mental, o 0 para un representante. Para escuchar todas las opciones, oprima asterisco.",
    ],
    presses: { "4": "pharmacy", "3": "behavioralHealth" },
  },
  {
    name: "three full languages, 3 and 4 swapped, in French",
    flowFile: THREE_LANGUAGES_FLOW_FILE,
    edit: SWAP_3_4,
    menu: "main",
    language: "fr",
    hears: [
      "Pour la pharmacie et le renouvellement d'ordonnances, appuyez sur 4.",
      "Pour la santé mentale, appuyez sur 3.",
    ],
    presses: { "4": "pharmacy", "3": "behavioralHealth" },
  },
  {
    name: "three full languages, 3 and 4 swapped: the French short prompt",
    flowFile: THREE_LANGUAGES_FLOW_FILE,
    edit: SWAP_3_4,
    menu: "main",
    language: "fr",
    prompt: "short",
    hears: [
      "Appuyez sur 1 pour le service aux membres, 2 pour les conseils infirmiers, 4 pour la pharmacie, 3 pour la santé mentale, ou 0 pour un conseiller. Pour réécouter toutes les options, appuyez sur étoile.",
    ],
    presses: { "4": "pharmacy", "3": "behavioralHealth" },
  },
  {
    name: "repeat moved from * to #: the word for the key follows, whole menu and short prompt",
    edit: (json) => {
      withPound(json);
      for (const o of withKey(json, "main", "*")) o.key = "#";
    },
    menu: "main",
    language: "es",
    hears: ["Para escuchar estas opciones de nuevo, oprima numeral."],
    presses: { "#": "repeat" },
  },
  {
    name: "repeat moved from * to #: the English short prompt",
    edit: (json) => {
      withPound(json);
      for (const o of withKey(json, "main", "*")) o.key = "#";
    },
    menu: "main",
    language: "en",
    prompt: "short",
    hears: [
      "Press 1 for member services, 2 for nurse advice, 3 for pharmacy, 4 for behavioral health, or 0 for a representative. To hear all the options, press pound.",
    ],
    presses: { "#": "repeat" },
  },
  {
    name: "the region menu with California (1) and Washington State (7) swapped",
    edit: swapRegionKeys("california", "washington"),
    menu: "region",
    language: "en",
    hears: ["For California, press 7.", "For Washington State, press 1."],
    presses: { "7": "california", "1": "washington" },
  },
  {
    name: "the region menu's short prompt when the representative moves to #",
    edit: (json) => {
      withPound(json);
      for (const o of withKey(json, "anytime", "0")) o.key = "#";
    },
    menu: "region",
    language: "es",
    prompt: "short",
    hears: ["Por favor, oprima el número de su región, o numeral para un representante."],
    presses: { "#": "representative" },
  },
  {
    name: "the region menu's short prompt when the representative moves to #, in English",
    edit: (json) => {
      withPound(json);
      for (const o of withKey(json, "anytime", "0")) o.key = "#";
    },
    menu: "region",
    language: "en",
    prompt: "short",
    hears: ["Please press the number for your region, or pound for a representative."],
    presses: { "#": "representative" },
  },
  {
    name: "the language menu with any other language (0) and French (6) swapped",
    edit: (json) => {
      swapKeys("language", "0", "6")(json);
      defined(json.menus.language).silence = "6";
    },
    menu: "language",
    language: "en",
    hears: [
      "For any other language, or to speak with a person, press 6, or stay on the line.",
      "Pour le français, appuyez sur 0.",
    ],
    presses: { "6": "interpreter other", "0": "interpreter fr" },
  },
  {
    name: "the language menu with 0 and 6 swapped, in Spanish",
    edit: (json) => {
      swapKeys("language", "0", "6")(json);
      defined(json.menus.language).silence = "6";
    },
    menu: "language",
    language: "es",
    hears: [
      "Para cualquier otro idioma, o para hablar con una persona, oprima 6, o permanezca en la línea.",
      "Pour le français, appuyez sur 0.",
    ],
    presses: { "6": "interpreter other", "0": "interpreter fr" },
  },
  {
    name: "the language menu with Mandarin (2) and Vietnamese (4) swapped: each offer in its own words",
    edit: swapKeys("language", "2", "4"),
    menu: "language",
    language: "en",
    hears: ["普通话请按4。", "Tiếng Việt, xin bấm số 2."],
    presses: { "4": "interpreter cmn", "2": "interpreter vi" },
  },
];

describe("moving an option moves every word that names its key", () => {
  test.each(ROWS)("$name ($menu · $language)", (row) => {
    const { callFlow, speech } = compileEdited(row.flowFile ?? FLOW_FILE, row.edit);
    const input: RenderInput = {
      state: row.menu,
      language: row.language,
      region: "georgia",
      menu: row.menu,
      greet: false,
      prompt: row.prompt ?? "full",
      notices: [],
      transfer: null,
    };
    const says = saysOf(expectValidTwiml(renderTwiml(callFlow, speech, input, "https://ivr.example.test/t")));
    for (const sentence of row.hears) expect(says.join("\n")).toContain(sentence);
    const menu = defined(callFlow.menus.get(row.menu));
    for (const [k, action] of Object.entries(row.presses)) {
      const chosen = matchOption(menu, row.language, key(k, WEEKDAY_OPEN), 0);
      expect(chosen && formatAction(chosen.identity.action), `press ${k}`).toBe(action);
    }
  });
});

describe("the nurse line offered when interpreters are closed follows interpreters.whenClosedKey", () => {
  test.each([
    ["vi", "xin bấm số 3"],
    ["cmn", "请按3"],
    ["yue", "請按3"],
    ["tl", "pindutin ang 3"],
    ["fr", "appuyez sur 3"],
    ["en", "press 3"],
    ["es", "oprima 3"],
  ])("%s hears %s", (language, words) => {
    const { callFlow, speech } = compileEdited(FLOW_FILE, (json) => {
      json.interpreters.whenClosedKey = "3";
    });
    const input: RenderInput = {
      state: INTERPRETER_CLOSED,
      language,
      region: "georgia",
      menu: INTERPRETER_CLOSED,
      greet: false,
      prompt: "full",
      notices: [],
      transfer: null,
    };
    const says = saysOf(expectValidTwiml(renderTwiml(callFlow, speech, input, "https://ivr.example.test/t")));
    expect(says.join(" ")).toContain(words);
  });
});
