import { describeFault } from "../errors.js";
import type { CallFlow } from "../flow/compileFlow.js";
import type { SessionStore } from "../session/sessionStore.js";
import type { LineSource } from "../types.js";
import { FROM_FILES, type LineOrigin } from "./lineOrigin.js";
import { compileLine } from "./lineSource.js";

/** What a reload did: the version now served to new calls, or why the new files were refused. */
export type ReloadResult =
  | { readonly ok: true; readonly version: string; readonly changed: boolean }
  | { readonly ok: false; readonly version: string; readonly error: Error };

/** The versions of the line an instance serves. */
export interface LineRegistry {
  /** The version new calls start on. */
  current(): CallFlow;
  /**
   * A version calls may be on: the current one, one compiled here before, or one another instance kept
   * in the store (compiled once, then cached). Undefined when no instance kept it.
   */
  find(version: string): Promise<CallFlow | undefined>;
  /**
   * Re-reads the line and serves it to new calls; calls in progress stay on their version. Files that
   * do not validate are refused with the message start-up would give, and the current version stays.
   */
  reload(): Promise<ReloadResult>;
  /**
   * Serves `callFlow` to new calls (the published line); calls in progress stay on their version. From then
   * on `reload` refuses the files: the published line wins until the next publication.
   */
  serve(callFlow: CallFlow, origin: LineOrigin): Promise<void>;
  /** Where the line served to new calls came from. */
  origin(): LineOrigin;
  /** The compiled version `version` when this instance has it (no store read). */
  known(version: string): CallFlow | undefined;
  /**
   * Keeps in the store again every version calls here may be on (the store lost them, or another instance
   * wants one): `version` alone when given and known here. Resolves whether all were kept.
   */
  keepAgain(version?: string): Promise<boolean>;
  /**
   * The version served, where it came from, and the last reload's error (null when it succeeded or none was
   * tried) as anyone may be told it: the file relative to the working directory and what is wrong, never its
   * path nor its content.
   */
  status(): { readonly version: string; readonly origin: LineOrigin; readonly lastReloadError: string | null };
  /** Stops keeping the current version alive in the store. */
  close(): void;
}

/** How the registry is built. */
export interface LineRegistryOptions {
  /** The version served at start. */
  readonly initial: CallFlow;
  readonly store: SessionStore;
  /** How long a call's session lives; versions are kept twice as long, and refreshed while served. */
  readonly sessionTtlSeconds: number;
  /** Reads the line's files again (for `reload`); without it, reload keeps the current version. */
  readonly read?: () => LineSource;
  /** Told when keeping a version in the store fails (it is retried). */
  readonly onStoreError?: (error: unknown, version: string) => void;
  /** Told how each reload went (the metrics count them). */
  readonly onReload?: (result: ReloadResult) => void;
  /** Where `initial` came from; defaults to the files. */
  readonly origin?: LineOrigin;
  /**
   * Asks the other instances to keep a version again, when the store does not have one a call is on
   * (`PublishedLines.want`); `find` then looks again for up to `askWaitMs`.
   */
  readonly ask?: (version: string) => Promise<void>;
  /** How long `find` looks again after asking, in ms; defaults to 1 000 (a turn's store deadline is 2 s). */
  readonly askWaitMs?: number;
}

/** Pauses between two looks for a version asked for, in ms. */
const ASK_PAUSES_MS = [50, 100, 150, 200, 250, 250];

/**
 * Builds the registry. A version is kept in the store (for `2 × sessionTtlSeconds`, refreshed every
 * quarter of a session's TTL while it is the current one) so that an instance started on another
 * version can still finish calls begun on this one. Versions compiled here stay cached while calls may
 * be on them: dropped when unused for longer than a session lives.
 */
export function createLineRegistry(options: LineRegistryOptions): LineRegistry {
  const { store, sessionTtlSeconds } = options;
  const keepSeconds = sessionTtlSeconds * 2;
  const compiled = new Map<string, { readonly callFlow: CallFlow; lastUsed: number }>();
  const pending = new Map<string, Promise<CallFlow | undefined>>();
  let current = options.initial;
  let origin = options.origin ?? FROM_FILES;
  let lastReloadError: string | null = null;

  const remember = (callFlow: CallFlow) => {
    compiled.set(callFlow.version, { callFlow, lastUsed: Date.now() });
  };
  const keep = async (callFlow: CallFlow): Promise<boolean> => {
    if (!callFlow.source) return true;
    return store.saveLine(callFlow.version, callFlow.source, keepSeconds).then(
      () => true,
      (error: unknown) => {
        options.onStoreError?.(error, callFlow.version);
        return false;
      },
    );
  };
  const reported = (result: ReloadResult): ReloadResult => {
    options.onReload?.(result);
    return result;
  };
  const prune = () => {
    const before = Date.now() - sessionTtlSeconds * 1000;
    for (const [version, entry] of compiled)
      if (version !== current.version && entry.lastUsed < before) compiled.delete(version);
  };

  remember(current);
  void keep(current);
  const timer = setInterval(
    () => {
      prune();
      void keep(current);
    },
    Math.max(1_000, (sessionTtlSeconds * 1000) / 4),
  );
  timer.unref();

  return {
    current: () => current,
    async find(version) {
      if (version === current.version) return current;
      const known = compiled.get(version);
      if (known) {
        known.lastUsed = Date.now();
        return known.callFlow;
      }
      let loading = pending.get(version);
      if (!loading) {
        loading = loadOrAsk(store, version, options)
          .then((source) => {
            if (!source) return undefined;
            const callFlow = compileLine(source);
            // Another file set can only hash the same by a collision: never serve it as this version.
            if (callFlow.version !== version) return undefined;
            remember(callFlow);
            return callFlow;
          })
          .finally(() => pending.delete(version));
        pending.set(version, loading);
      }
      return loading;
    },
    async reload() {
      if (!options.read) return reported({ ok: true, version: current.version, changed: false });
      if (origin.from === "published") {
        const error = new Error(
          `the line is published (version ${current.version}, by ${origin.by} at ${origin.at}): every instance serves it, so this instance's files are not read. Publish the files instead: npm run flow -- publish`,
        );
        lastReloadError = "the line is published: files are not reloaded; publish them (npm run flow -- publish)";
        return reported({ ok: false, version: current.version, error });
      }
      try {
        const next = compileLine(options.read());
        const changed = next.version !== current.version;
        if (changed) {
          // A version served before keeps its compiled machine.
          if (!compiled.has(next.version)) remember(next);
          current = compiled.get(next.version)?.callFlow ?? next;
          await keep(current);
        }
        lastReloadError = null;
        return reported({ ok: true, version: current.version, changed });
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        lastReloadError = describeFault(e);
        return reported({ ok: false, version: current.version, error: e });
      }
    },
    async serve(callFlow, from) {
      const changed = callFlow.version !== current.version;
      current = compiled.get(callFlow.version)?.callFlow ?? callFlow;
      remember(current);
      origin = from;
      lastReloadError = null;
      await keep(current);
      if (changed) reported({ ok: true, version: current.version, changed });
    },
    origin: () => origin,
    known: (version) => (version === current.version ? current : compiled.get(version)?.callFlow),
    async keepAgain(version) {
      const versions =
        version === undefined ? [...compiled.values()].map((e) => e.callFlow) : [compiled.get(version)?.callFlow];
      const kept = await Promise.all(versions.map((callFlow) => (callFlow ? keep(callFlow) : true)));
      return kept.every(Boolean);
    },
    status: () => ({ version: current.version, origin, lastReloadError }),
    close: () => clearInterval(timer),
  };
}

/** A version from the store; when missing, asked of the other instances (`ask`) and looked for again a while. */
async function loadOrAsk(
  store: SessionStore,
  version: string,
  { ask, askWaitMs = 1_000 }: Pick<LineRegistryOptions, "ask" | "askWaitMs">,
): Promise<LineSource | undefined> {
  let source = await store.loadLine(version);
  if (source || !ask) return source;
  await ask(version).catch(() => undefined);
  const until = Date.now() + askWaitMs;
  for (const pause of ASK_PAUSES_MS) {
    if (Date.now() + pause > until) break;
    await new Promise((resolve) => setTimeout(resolve, pause));
    source = await store.loadLine(version);
    if (source) break;
  }
  return source;
}
