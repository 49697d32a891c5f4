import type { Lang, Schedule } from "../../service/index.js";

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "crisisLine" → "crisis line". */
export function splitCamel(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** "main" → "Main menu". */
export function nameMenu(menuId: string): string {
  return `${capitalize(splitCamel(menuId))} menu`;
}

/** A language's own name, e.g. "español" for `es`. */
export function nameLanguage(lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang], { type: "language" }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}

/** 1 → "1st", 3 → "3rd", 11 → "11th". */
export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** "Monday through Friday, from 8 AM to 5 PM, Pacific Time" as two lines: the days and times, the zone. */
export function splitHours(text: string): string[] {
  const cut = text.lastIndexOf(", ");
  return cut < 0 ? [text] : [text.slice(0, cut), text.slice(cut + 2)];
}

/** Whether a line with these hours can be closed at some moment. */
export function canClose(hours: Schedule): boolean {
  return !hours.always || hours.closures.size > 0;
}
