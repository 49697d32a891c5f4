import type { Publication } from "../publish/publication.js";

/**
 * Where the line new calls start on came from: the instance's own files (read at start, or again on SIGHUP
 * or a file change), or the line published to every instance (`npm run flow -- publish`).
 */
export type LineOrigin =
  | { readonly from: "files" }
  | {
      readonly from: "published";
      readonly kind: Publication["kind"];
      readonly by: string;
      readonly at: string;
    };

/** The line read from the instance's files. */
export const FROM_FILES: LineOrigin = { from: "files" };

/** Where a publication's line came from, as /healthz tells it. */
export function originOf(publication: Publication): LineOrigin {
  return { from: "published", kind: publication.kind, by: publication.by, at: publication.at };
}
