import type { LineSource } from "../types.js";
import type { LineNotices, Publication, PublishOutcome } from "./publication.js";

/**
 * The line every instance serves, kept where they all read it (Redis): the published versions' files, the
 * history of publications, the pointer to the current one, and the notices between instances (a version
 * published, a version wanted). Every method may reject while the store is unreachable.
 */
export interface PublishedLines {
  /** The publication new calls follow, or undefined when nothing is published (instances serve their files). */
  current(): Promise<Publication | undefined>;
  /** Every publication, newest first. */
  history(): Promise<Publication[]>;
  /** The files of a published version, or undefined when it was never published (or the store lost it). */
  sourceOf(version: string): Promise<LineSource | undefined>;
  /**
   * Makes `entry.version` current, atomically, if the current version is still `expected` (null: nothing
   * published): stores `source` (none: a version published before, for a rollback), adds the entry to the
   * history and tells every instance.
   */
  publish(entry: Publication, source: LineSource | undefined, expected: string | null): Promise<PublishOutcome>;
  /**
   * After the store lost its data: puts back the publication an instance serves (and its files), unless
   * another instance did first. Resolves whether this call put it back.
   */
  restore(entry: Publication, source: LineSource): Promise<boolean>;
  /** Asks every instance to keep `version` in the store again (this one could not find it there). */
  want(version: string): Promise<void>;
  /** Starts telling `notices` what other instances publish and want; resolves once listening. */
  listen(notices: LineNotices): Promise<void>;
  /** Rejects with why the store is unreachable when it is. */
  ping(): Promise<void>;
  /** Stops listening and closes the connections. */
  close(): Promise<void>;
}
