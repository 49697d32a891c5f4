import { assertNever } from "../assertNever.js";
import { type ActionIdentity, type OptionIdentity, OTHER_LANGUAGE } from "../contract/optionIdentity.js";
import { INTERPRETER_CLOSED } from "../contract/stateIds.js";
import { fillPlaceholders } from "../fillPlaceholders.js";
import type { Lang, Localized } from "../types.js";
import { fillKeys, listKeyedOptions, listKeysByName, nameOf, nameOption, speakKey } from "./keyPlaceholders.js";
import { listFullLanguages } from "./languages.js";
import type { OptionAction } from "./optionAction.js";
import type { FlowFile, FlowMenu } from "./schema.js";

export type { OptionAction } from "./optionAction.js";

/** An option ready for matching: its key, words and action, with its place in the menu. */
export interface CompiledOption {
  /** Index in the menu's `options`, used by the machine's guards. */
  readonly index: number;
  readonly key: string;
  /** How the menu's prompts name its key (`{key:name}`): its `name`, or what it does (`nameOption`). */
  readonly name: string;
  /** The option as data (its menu, key and what it does): what turn records and tools name it by. */
  readonly identity: OptionIdentity;
  /**
   * How the option is announced, per caller language, its key filled in (empty when it is announced by
   * `offers`).
   */
  readonly say: Localized;
  /**
   * Languages whose `languageOption` message announces the option, each in its own voice (e.g. the offer
   * of Spanish in the English menu), instead of `say`.
   */
  readonly offers?: readonly Lang[];
  /** Caller languages the option is offered in. */
  readonly languages: readonly Lang[];
  /** Words that choose this option, per language, as written (used for speech hints). */
  readonly speech: Readonly<Record<Lang, readonly string[]>>;
  /** Normalised phrases (every language) that choose this option when said. */
  readonly phrases: readonly string[];
  readonly action: OptionAction;
}

/** A menu ready to run: every option it offers, including the anytime ones and the region options. */
export interface CompiledMenu {
  readonly id: string;
  /** `interpreterClosed` is the menu generated from the flow's `interpreters`. */
  readonly kind: "options" | "regions" | "interpreterClosed";
  readonly sensitive: boolean;
  /** Said before the options, per language, every key it names filled in (empty for the interpreter menu). */
  readonly prompt: Localized;
  /** Said instead of the whole menu after a failed answer, keys filled in; absent: the whole menu again. */
  readonly shortPrompt?: Localized;
  readonly options: readonly CompiledOption[];
  /** Index of the option that silence chooses, when silence is not a failed answer here. */
  readonly silence?: number;
  /** Speech hints for `<Gather hints>`, per language. */
  readonly hints: Localized;
}

/** An option as a menu lists it, before it takes its place (`index`), its identity and its phrases. */
type OptionDraft = Omit<CompiledOption, "index" | "phrases" | "identity">;

/** Builds every menu's option list once at start, and the generated interpreter menu. */
export function compileMenus(flow: FlowFile): ReadonlyMap<string, CompiledMenu> {
  const menus = new Map<string, CompiledMenu>();
  for (const [id, menu] of Object.entries(flow.menus))
    menus.set(id, {
      ...buildMenu(flow, id, menu.kind, menu.sensitive, menu.silence, listMenuOptions(flow, menu)),
      ...fillMenuPrompts(flow, menu),
    });
  const { whenClosed, whenClosedKey } = flow.interpreters;
  // 0 puts the caller through to a person in every menu: here, the team open around the clock, as its key does.
  const interpreterOptions = [...new Set([whenClosedKey, "0"])].map(
    (key): OptionDraft => ({
      key,
      name: nameOption({ kind: "transfer", team: whenClosed }),
      say: {},
      languages: Object.keys(flow.languages),
      speech: {},
      action: { kind: "transfer", team: whenClosed },
    }),
  );
  menus.set(
    INTERPRETER_CLOSED,
    buildMenu(flow, INTERPRETER_CLOSED, "interpreterClosed", false, whenClosedKey, interpreterOptions),
  );
  return menus;
}

/** A menu's prompts with the keys they name filled in, per language. */
function fillMenuPrompts(flow: FlowFile, menu: FlowMenu): Pick<CompiledMenu, "prompt" | "shortPrompt"> {
  const options = listKeyedOptions(flow, menu);
  const fill = (text: Localized): Localized =>
    Object.fromEntries(
      Object.entries(text).map(([l, t]) => [l, fillKeys(flow, t, l, undefined, listKeysByName(options, l))]),
    );
  return { prompt: fill(menu.prompt), ...(menu.shortPrompt ? { shortPrompt: fill(menu.shortPrompt) } : {}) };
}

/** The options a menu of the flow offers: its regions (a region menu), its own options, then the anytime ones. */
function listMenuOptions(flow: FlowFile, menu: FlowMenu): OptionDraft[] {
  const full = listFullLanguages(flow);
  const template = flow.messages.regionOption ?? {};
  const regions = (menu.kind === "regions" ? (menu.regions ?? []) : []).map(
    (entry): OptionDraft => ({
      key: entry.key,
      name: entry.region,
      say: Object.fromEntries(
        full.map((l) => [
          l,
          fillPlaceholders(template[l] ?? "", { region: entry.name[l] ?? "", key: speakKey(flow, entry.key, l) }),
        ]),
      ),
      languages: full,
      speech: { ...entry.speech },
      action: { kind: "region", region: entry.region },
    }),
  );
  const options = [...menu.options, ...(menu.anytime ? flow.anytime : [])].map(
    (o): OptionDraft => ({
      key: o.key,
      name: nameOf(o),
      say: Object.fromEntries(Object.entries(o.say ?? {}).map(([l, t]) => [l, fillKeys(flow, t, l, o.key)])),
      ...(o.offer ? { offers: o.offer } : {}),
      languages: o.languages ?? full,
      speech: o.speech ?? {},
      action: o.do,
    }),
  );
  return [...regions, ...options];
}

/** A menu ready to run: its options in order, each with its index, identity and phrases, and its speech hints. */
function buildMenu(
  flow: FlowFile,
  id: string,
  kind: CompiledMenu["kind"],
  sensitive: boolean,
  silenceKey: string | undefined,
  drafts: readonly OptionDraft[],
): CompiledMenu {
  const options = drafts.map(
    (o, index): CompiledOption => ({
      ...o,
      index,
      identity: { menu: id, key: o.key, action: identifyAction(o.action) },
      phrases: Object.values(o.speech)
        .flat()
        .map(normalizeSpeech)
        .filter((p) => p.length > 0),
    }),
  );
  const hints = Object.fromEntries(
    Object.keys(flow.languages).map((l) => [
      l,
      [...new Set(options.filter((o) => o.languages.includes(l)).flatMap((o) => o.speech[l] ?? []))].join(", "),
    ]),
  );
  const silence = silenceKey === undefined ? undefined : options.find((o) => o.key === silenceKey)?.index;
  return { id, kind, sensitive, prompt: {}, options, hints, ...(silence === undefined ? {} : { silence }) };
}

/** What an option does, as the contract names it (`announce` and the words left out). */
function identifyAction(action: OptionAction): ActionIdentity {
  switch (action.kind) {
    case "transfer":
      return { kind: "transfer", team: action.team };
    case "menu":
      return { kind: "menu", menu: action.menu };
    case "language":
      return { kind: "language", language: action.language };
    case "interpreter":
      return { kind: "interpreter", language: action.language ?? OTHER_LANGUAGE };
    case "region":
      return { kind: "region", region: action.region };
    case "repeat":
      return { kind: "repeat" };
    default:
      return assertNever(action);
  }
}

/** Lower-cases, strips accents and punctuation, and folds spaces, so "¡Farmacia!" matches "farmacia". */
export function normalizeSpeech(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
