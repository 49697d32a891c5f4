import { describeFault } from "../errors.js";
import type { CallFlow } from "../flow/compileFlow.js";
import type { SessionStore } from "../session/sessionStore.js";
import type { LineSource } from "../types.js";
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
   * The version served, and the last reload's error (null when it succeeded or none was tried) as anyone may
   * be told it: the file relative to the working directory and what is wrong, never its path nor its content.
   */
  status(): { readonly version: string; readonly lastReloadError: string | null };
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
}

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
  let lastReloadError: string | null = null;

  const remember = (callFlow: CallFlow) => {
    compiled.set(callFlow.version, { callFlow, lastUsed: Date.now() });
  };
  const keep = async (callFlow: CallFlow) => {
    if (!callFlow.source) return;
    await store.saveLine(callFlow.version, callFlow.source, keepSeconds).catch((error: unknown) => {
      options.onStoreError?.(error, callFlow.version);
    });
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
        loading = store
          .loadLine(version)
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
    status: () => ({ version: current.version, lastReloadError }),
    close: () => clearInterval(timer),
  };
}
