import type { Lang, Region } from "../types.js";

/** An article a region's name may start with, in the line's languages: "the Northwest", "el Noroeste". */
const ARTICLE = /^(the|a|an|el|la|los|las|un|una)\s+/i;

/**
 * The short name of a region for people, as a label: "Northwest" for "the Northwest: Oregon and Southwest
 * Washington", "Noroeste" for "el Noroeste: Oregón y el suroeste de Washington". Read from the region's name
 * in `lang`, else in English, else its id.
 */
export function shortenRegionName(region: Pick<Region, "id" | "name">, lang: Lang = "en"): string {
  const name = region.name[lang] ?? region.name.en ?? region.id;
  const short = (name.split(":")[0] ?? name).trim().replace(ARTICLE, "");
  return short.charAt(0).toUpperCase() + short.slice(1);
}
