import type { Lang, Region } from "../types.js";

/** An article a region's name may start with, in the line's languages: "the Northwest", "el Noroeste". */
const ARTICLE = /^(the|a|an|el|la|los|las|un|una)\s+/i;

/** A name without its article, to read as a label: "the nurse advice line" → "nurse advice line". */
export function withoutArticle(name: string): string {
  return name.replace(ARTICLE, "");
}

/**
 * The short name of a region for people, as a label: "Northwest" for "the Northwest: Oregon and Southwest
 * Washington", "Noroeste" for "el Noroeste: Oregón y el suroeste de Washington". Read from the region's name
 * in `lang`, else in English, else its id.
 */
export function shortenRegionName(region: Pick<Region, "id" | "name">, lang: Lang = "en"): string {
  const name = region.name[lang] ?? region.name.en ?? region.id;
  const short = withoutArticle((name.split(":")[0] ?? name).trim());
  return short.charAt(0).toUpperCase() + short.slice(1);
}
