import type { OptionAction } from "../flow/compileMenus.js";
import type { RegionId, TeamId } from "../types.js";

/** What an option does, as the diagram reads it. */
export type ActionView =
  | { readonly kind: "transfer"; readonly team: TeamId; readonly announce?: string }
  | { readonly kind: "menu"; readonly menu: string }
  | { readonly kind: "language"; readonly language: string }
  | { readonly kind: "repeat" }
  | { readonly kind: "region"; readonly region: RegionId };

/** Reads a compiled option's action: the one place that knows the shape of actions. */
export function readAction(action: OptionAction): ActionView {
  switch (action.kind) {
    case "transfer":
      return { kind: "transfer", team: action.team, ...(action.announce ? { announce: action.announce } : {}) };
    case "menu":
      return { kind: "menu", menu: action.menu };
    case "language":
      return { kind: "language", language: action.language };
    case "region":
      return { kind: "region", region: action.region };
    case "repeat":
      return { kind: "repeat" };
  }
}
