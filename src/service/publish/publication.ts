import { z } from "zod";

/** How a version became the published line: published from files, rolled back to, or restored by an instance. */
export const publicationKindSchema = z.enum(["publish", "rollback", "restore"]);

/** One entry of the published line's history: which version, when, who, why, and what it changed. */
export const publicationSchema = z.object({
  /** The version (content hash) every instance serves to new calls from then on. */
  version: z.string().min(1),
  kind: publicationKindSchema,
  /** When, ISO 8601. */
  at: z.string(),
  /** Who published (`--by`, else the user's login). */
  by: z.string(),
  /** Why (`--message`), empty when none was given. */
  message: z.string(),
  /** One line: which callers' journeys the change moves, compared with the version it replaced. */
  summary: z.string(),
  /** The version it replaced, null for the first publication. */
  replaced: z.string().nullable(),
});

/** One entry of the published line's history. */
export type Publication = z.infer<typeof publicationSchema>;

/** Reads a stored entry; anything else (corrupt, another shape) reads as none. */
export function parsePublication(json: string | null): Publication | undefined {
  if (json === null) return undefined;
  try {
    const parsed = publicationSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What a publication did: made current, or refused because another changed the line first or the version is gone. */
export type PublishOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: "moved"; readonly current: string | null }
  | { readonly ok: false; readonly reason: "gone" };

/** What an instance is told by the others. */
export interface LineNotices {
  /** A version was published (or rolled back to): serve it to new calls. */
  published(version: string): void;
  /** An instance could not find this version in the store: keep it again if calls here may be on it. */
  wanted(version: string): void;
  /** The connection came back after a loss: the store may have lost what it held. */
  reconnected(): void;
}
