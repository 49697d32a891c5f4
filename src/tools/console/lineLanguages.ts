import type { CallFlow, Lang } from "../../service/index.js";

type FlowLanguage = CallFlow["flow"]["languages"][Lang];

/** A language the line speaks, as the console's page receives it from `/api/line`. */
export interface LineLanguage {
  /** The flow's code, e.g. `cmn`. */
  readonly code: Lang;
  /** Its English name, as the flow gives it, e.g. `Mandarin Chinese`. */
  readonly name: string;
  /** What marks its lines in the transcript: its own name (`Tiếng Việt`), else its full `<Say>` code (`cmn-CN`). */
  readonly mark: string;
  /** Twilio's `<Say>` language, e.g. `cmn-CN`: how the transcript's lines name their language. */
  readonly language: string;
  /** Twilio's `<Say>` voice, e.g. `Polly.Zhiyu-Neural`. */
  readonly voice: string;
  /** Twilio's `<Gather>` speech language, or null when callers use keys only. */
  readonly speech: string | null;
  readonly support: FlowLanguage["support"];
}

/** The line's languages, in the flow's order. */
export function describeLanguages(callFlow: CallFlow): LineLanguage[] {
  return Object.entries(callFlow.flow.languages).map(([code, l]) => ({
    code,
    name: l.label,
    mark: findOwnName(l.language) ?? l.language,
    language: l.language,
    voice: l.voice,
    speech: l.speech ?? null,
    support: l.support,
  }));
}

/**
 * A language's name in that language, as a label ("Tiếng Việt", "Español", "粵語"), from the Unicode data
 * `Intl` carries; undefined when `Intl` cannot name that very language. ICU folds some codes into another
 * language (Mandarin `cmn` into Chinese `zh`): such a name would not be this language's, so none is given.
 */
export function findOwnName(language: string): string | undefined {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(Intl.getCanonicalLocales(language)[0] ?? language);
  } catch {
    return undefined;
  }
  const written = language.split("-")[0]?.toLowerCase();
  if (locale.language !== written) return undefined;
  const name = new Intl.DisplayNames([locale.baseName], { type: "language", fallback: "none" }).of(locale.language);
  if (!name) return undefined;
  return name.charAt(0).toLocaleUpperCase(locale.baseName) + name.slice(1);
}
