import { assertNever } from "../assertNever.js";
import { fillPlaceholders } from "../fillPlaceholders.js";
import type { Lang, Localized, RegionId } from "../types.js";
import { listFullLanguages } from "./languages.js";
import { INTERPRETER_CLOSED, OTHER_LANGUAGE } from "./machine/deps.js";
import type { FlowAction, FlowFile } from "./schema.js";

/** What a compiled option does: a flow action, or (in the region menu) choosing a region. */
export type OptionAction = FlowAction | { readonly kind: "region"; readonly region: RegionId };

/** An option ready for matching: its key, words and action, with its place in the menu. */
export interface CompiledOption {
  /** Index in the menu's `options`, used by the machine's guards. */
  readonly index: number;
  readonly key: string;
  /** Label for diagrams and logs, e.g. `3 pharmacy`. */
  readonly label: string;
  /** How the option is announced, per caller language (empty when it is announced by `offers`). */
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
  readonly options: readonly CompiledOption[];
  /** Index of the option that silence chooses, when silence is not a failed answer here. */
  readonly silence?: number;
  /** Speech hints for `<Gather hints>`, per language. */
  readonly hints: Localized;
}

/** Builds every menu's option list once at start, and the generated interpreter menu. */
export function compileMenus(flow: FlowFile): ReadonlyMap<string, CompiledMenu> {
  const full = listFullLanguages(flow);
  const menus = new Map<string, CompiledMenu>();
  const build = (
    id: string,
    kind: CompiledMenu["kind"],
    sensitive: boolean,
    silenceKey: string | undefined,
    add: (push: (o: Omit<CompiledOption, "index" | "phrases">) => void) => void,
  ) => {
    const options: CompiledOption[] = [];
    add((o) => {
      const phrases = Object.values(o.speech)
        .flat()
        .map(normalizeSpeech)
        .filter((p) => p.length > 0);
      options.push({ ...o, index: options.length, phrases });
    });
    const hints = Object.fromEntries(
      Object.keys(flow.languages).map((l) => [
        l,
        [...new Set(options.filter((o) => o.languages.includes(l)).flatMap((o) => o.speech[l] ?? []))].join(", "),
      ]),
    );
    const silence = silenceKey === undefined ? undefined : options.find((o) => o.key === silenceKey)?.index;
    menus.set(id, { id, kind, sensitive, options, hints, ...(silence === undefined ? {} : { silence }) });
  };

  for (const [id, menu] of Object.entries(flow.menus))
    build(id, menu.kind, menu.sensitive, menu.silence, (push) => {
      if (menu.kind === "regions")
        for (const entry of menu.regions ?? []) {
          const template = flow.messages.regionOption ?? {};
          push({
            key: entry.key,
            label: `${entry.key} ${entry.region}`,
            say: Object.fromEntries(
              full.map((l) => [
                l,
                fillPlaceholders(template[l] ?? "", { region: entry.name[l] ?? "", key: entry.key }),
              ]),
            ),
            languages: full,
            speech: { ...entry.speech },
            action: { kind: "region", region: entry.region },
          });
        }
      for (const o of [...menu.options, ...(menu.anytime ? flow.anytime : [])])
        push({
          key: o.key,
          label: `${o.key} ${describeAction(o.do)}`,
          say: o.say ?? {},
          ...(o.offer ? { offers: o.offer } : {}),
          languages: o.languages ?? full,
          speech: o.speech ?? {},
          action: o.do,
        });
    });

  const { whenClosed, whenClosedKey } = flow.interpreters;
  // 0 puts the caller through to a person in every menu: here, the team open around the clock, as its key does.
  build(INTERPRETER_CLOSED, "interpreterClosed", false, whenClosedKey, (push) => {
    for (const key of new Set([whenClosedKey, "0"]))
      push({
        key,
        label: `${key} ${whenClosed}`,
        say: {},
        languages: Object.keys(flow.languages),
        speech: {},
        action: { kind: "transfer", team: whenClosed },
      });
  });
  return menus;
}

function describeAction(action: OptionAction): string {
  switch (action.kind) {
    case "transfer":
      return action.team;
    case "menu":
      return `menu ${action.menu}`;
    case "language":
      return `language ${action.language}`;
    case "interpreter":
      return `interpreter ${action.language ?? OTHER_LANGUAGE}`;
    case "region":
      return action.region;
    case "repeat":
      return "repeat";
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
