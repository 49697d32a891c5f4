import type { Logger } from "pino";
import type { CallFlow } from "../flow/compileFlow.js";
import { originOf } from "../line/lineOrigin.js";
import type { LineRegistry } from "../line/lineRegistry.js";
import { compileLine } from "../line/lineSource.js";
import type { Publication } from "./publication.js";
import type { PublishedLines } from "./publishedLines.js";

/** How an instance follows the published line. */
export interface FollowOptions {
  readonly published: PublishedLines;
  readonly lines: LineRegistry;
  readonly logger: Logger;
  /**
   * How often the current publication is read again, in case a notice was missed (the subscriber was
   * reconnecting), in ms; defaults to 2 000, so every instance serves a publication within 5 s.
   */
  readonly checkEveryMs?: number;
  /** Clock in epoch ms, for the entry of a publication put back; defaults to `Date.now`. */
  readonly now?: () => number;
}

/** An instance following the published line. */
export interface Follower {
  /** Resolves once listening for notices (or when the first try failed: the checks go on). */
  readonly listening: Promise<void>;
  /** Reads the current publication and serves it when it changed; put back when the store lost it. */
  check(): Promise<void>;
  /**
   * Checks until the store has answered once, or `withinMs` (default 2 000) have passed: an instance starting
   * while Redis is slow still serves the published line before its first call. Resolves whether it answered.
   */
  ready(withinMs?: number): Promise<boolean>;
  /** Stops the checks (the connection is `published`'s, closed with it). */
  stop(): void;
}

/** What the steps of following need. */
type FollowDeps = Required<Pick<FollowOptions, "published" | "lines" | "logger" | "now">>;

/**
 * Makes this instance serve the published line to new calls: at once when told of a publication, and at
 * every check (calls in progress stay on their version). Keeps in the store again the versions calls here
 * may be on when another instance wants one or the connection comes back (the store may have lost them),
 * and puts the publication back when the store lost it, so an instance started later serves it too.
 */
export function followPublished(options: FollowOptions): Follower {
  const deps: FollowDeps = { ...options, now: options.now ?? Date.now };
  const { published, lines, logger } = deps;
  let failing = false;
  const check = runOneAtATime(async () => {
    try {
      await servePublished(deps);
      failing = false;
    } catch (error) {
      if (!failing)
        logger.warn(
          { err: error },
          "cannot read the published line from the store; serving the current line until it answers",
        );
      failing = true;
    }
  });
  const timer = setInterval(() => void check(), options.checkEveryMs ?? 2_000);
  timer.unref();
  const listening = published
    .listen({
      published: () => void check(),
      wanted: (version) => void lines.keepAgain(version),
      reconnected: () => void lines.keepAgain().then(check),
    })
    .catch((error: unknown) => {
      logger.warn({ err: error }, "cannot listen for publications; reading the published line every check instead");
    });
  const ready = async (withinMs = 2_000) => {
    const until = performance.now() + withinMs;
    for (;;) {
      await check();
      if (!failing) return true;
      if (performance.now() >= until) return false;
      await new Promise((r) => setTimeout(r, READY_RETRY_MS));
    }
  };
  return { listening, check, ready, stop: () => clearInterval(timer) };
}

/** Pause between two checks while an instance starts and the store does not answer. */
const READY_RETRY_MS = 100;

/** Serves the current publication when it is not what this instance serves; puts it back when the store lost it. */
async function servePublished(deps: FollowDeps): Promise<void> {
  const { published, lines, logger } = deps;
  const publication = await published.current();
  if (!publication) return restoreIfLost(deps);
  const origin = lines.origin();
  if (publication.version === lines.current().version && origin.from === "published" && origin.at === publication.at)
    return;
  const callFlow = lines.known(publication.version) ?? (await compilePublished(deps, publication));
  if (!callFlow) return;
  await lines.serve(callFlow, originOf(publication));
  logger.info(
    { version: callFlow.version, kind: publication.kind, by: publication.by, at: publication.at },
    "serving the published line to new calls; calls in progress finish on their version",
  );
}

/** The published version compiled, or undefined (and why, logged) when its files are gone or do not compile. */
async function compilePublished(deps: FollowDeps, publication: Publication): Promise<CallFlow | undefined> {
  const { published, logger } = deps;
  const source = await published.sourceOf(publication.version);
  if (!source) {
    logger.error(
      { version: publication.version },
      "the published version's files are not in the store: still serving the current line; publish again",
    );
    return undefined;
  }
  try {
    const callFlow = compileLine(source);
    if (callFlow.version === publication.version) return callFlow;
    logger.error(
      { version: publication.version, compiled: callFlow.version },
      "the published files hash to another version: not served",
    );
  } catch (error) {
    logger.error(
      { version: publication.version, err: error },
      "this instance cannot compile the published line (is its code older?): still serving the current line",
    );
  }
  return undefined;
}

/** The store has no publication: when this instance served one, the store lost it: put it back. */
async function restoreIfLost(deps: FollowDeps): Promise<void> {
  const { published, lines, logger } = deps;
  const origin = lines.origin();
  const source = lines.current().source;
  if (origin.from !== "published" || !source) return;
  const entry: Publication = {
    version: lines.current().version,
    kind: "restore",
    at: new Date(deps.now()).toISOString(),
    by: origin.by,
    message: "put back by an instance after the store lost the published line",
    summary: `the line published by ${origin.by} at ${origin.at}`,
    replaced: null,
  };
  if (!(await published.restore(entry, source))) return;
  logger.warn({ version: entry.version }, "the store had lost the published line: put it back");
  await lines.keepAgain();
  await lines.serve(lines.current(), originOf(entry));
}

/** `work`, never twice at once: a call while it runs runs it once more after (and resolves with that run). */
function runOneAtATime(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await work();
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
}
