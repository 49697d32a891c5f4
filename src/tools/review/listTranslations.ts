/** One line of a flow in a language other than its default, with its review status. */
export interface TranslationLine {
  /** Where it is in the flow file, e.g. `messages.interpreterHold.vi`. */
  readonly path: string;
  readonly language: string;
  readonly text: string;
  /** What the line says in the default language, for the reviewer. */
  readonly source: string;
  /** Signed off by a qualified translator; `undefined` when the line does not say (a plain string). */
  readonly reviewed: boolean | undefined;
  /** For the reviewer, e.g. what the line means where it differs from `source`. */
  readonly note?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const textOf = (line: Json | undefined): string | undefined =>
  typeof line === "string"
    ? line
    : line !== null && typeof line === "object" && !Array.isArray(line) && typeof line.text === "string"
      ? line.text
      : undefined;

/**
 * Every translated line of a flow file as written (JSON, before validation), in file order: each text
 * given per language (an object with a `defaultLanguage` text) yields its other languages' lines.
 * Speech words (lists) are not lines the caller hears and are left out.
 */
export function listTranslations(json: unknown, defaultLanguage = "en"): TranslationLine[] {
  const lines: TranslationLine[] = [];
  const visit = (node: Json, path: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, `${path}[${i}]`);
      });
      return;
    }
    if (node === null || typeof node !== "object") return;
    const source = textOf(node[defaultLanguage]);
    for (const [key, value] of Object.entries(node)) {
      const where = path === "" ? key : `${path}.${key}`;
      const text = source === undefined || key === defaultLanguage ? undefined : textOf(value);
      if (text !== undefined && source !== undefined) {
        const marks = typeof value === "string" ? {} : (value as { reviewed?: boolean; note?: string });
        lines.push({
          path: where,
          language: key,
          text,
          source,
          reviewed: marks.reviewed,
          ...(marks.note === undefined ? {} : { note: marks.note }),
        });
      } else visit(value, where);
    }
  };
  visit(json as Json, "");
  return lines;
}
