import { assertNever } from "../assertNever.js";
import type { Directory, Lang, Localized, RegionId } from "../types.js";
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
  readonly say: Localized;
  /** Language whose voice speaks `say`, when not the caller's (e.g. the offer of Spanish). */
  readonly sayIn?: Lang;
  readonly languages: readonly Lang[];
  /** Words that choose this option, per language, as written (used for speech hints). */
  readonly speech: Readonly<Record<Lang, readonly string[]>>;
  /** Normalised phrases (every language) that choose this option when said. */
  readonly phrases: readonly string[];
  readonly action: OptionAction;
}

/** A menu ready to run: every option it offers, including the anytime ones and generated region options. */
export interface CompiledMenu {
  readonly id: string;
  readonly kind: "options" | "regions";
  readonly sensitive: boolean;
  readonly options: readonly CompiledOption[];
  /** Speech hints for `<Gather hints>`, per language. */
  readonly hints: Localized;
}

/** Builds every menu's option list once at start. */
export function compileMenus(flow: FlowFile, directory: Directory): ReadonlyMap<string, CompiledMenu> {
  const languages = Object.keys(flow.languages);
  const menus = new Map<string, CompiledMenu>();
  for (const [id, menu] of Object.entries(flow.menus)) {
    const options: CompiledOption[] = [];
    const add = (o: Omit<CompiledOption, "index" | "phrases">) => {
      const phrases = Object.values(o.speech)
        .flat()
        .map(normalizeSpeech)
        .filter((p) => p.length > 0);
      options.push({ ...o, index: options.length, phrases });
    };
    if (menu.kind === "regions") {
      directory.regions.forEach((region, i) => {
        const key = String(i + 1);
        const template = flow.messages.regionOption ?? {};
        const say = Object.fromEntries(
          languages.map((l) => [l, fill(template[l] ?? "", { region: region.name[l] ?? region.id, key })]),
        );
        add({
          key,
          label: `${key} ${region.id}`,
          say,
          languages,
          speech: { ...region.speech },
          action: { kind: "region", region: region.id },
        });
      });
    }
    for (const o of [...menu.options, ...flow.anytime])
      add({
        key: o.key,
        label: `${o.key} ${describeAction(o.do)}`,
        say: o.say,
        ...(o.sayIn ? { sayIn: o.sayIn } : {}),
        languages: o.languages ?? languages,
        speech: o.speech ?? {},
        action: o.do,
      });
    const hints = Object.fromEntries(
      languages.map((l) => [
        l,
        [...new Set(options.filter((o) => o.languages.includes(l)).flatMap((o) => o.speech[l] ?? []))].join(", "),
      ]),
    );
    menus.set(id, { id, kind: menu.kind, sensitive: menu.sensitive, options, hints });
  }
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

/** Replaces `{name}` placeholders in a template. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
