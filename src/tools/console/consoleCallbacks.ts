import {
  type CallbackRecord,
  type CallFlow,
  createCallbackKey,
  MemoryCallbackQueue,
  type QueuedCallback,
} from "../../service/index.js";
import { type CallbackNote, type CallbackView, describeCallback, noteRecord } from "./callbackView.js";
import type { SharedCallbacks } from "./callEngine.js";
import { watchQueue } from "./watchQueue.js";

/** Notes kept of call-backs that left the queue unanswered, newest first. */
const MAX_NOTES = 5;

/** What the page's call-back panel shows: the queue, soonest first, and the latest call-backs given up or cancelled. */
export interface CallbackPanel {
  readonly callbacks: readonly CallbackView[];
  readonly notes: readonly CallbackNote[];
}

/** The console's call-backs: one queue for every call placed from it, kept as long as it runs. */
export interface ConsoleCallbacks {
  /** The queue and the key numbers are sealed with, for the lines the console's calls run on. */
  readonly shared: SharedCallbacks;
  /** Takes a record the desk wrote: a call-back given up or cancelled becomes a note. */
  record(record: CallbackRecord): void;
  find(id: string): Promise<QueuedCallback | undefined>;
  panel(): Promise<CallbackPanel>;
  /** Sends the panel to `listener` now and after each change; returns the function that stops it. */
  watch(listener: (panel: CallbackPanel) => void): () => void;
  /** Marks a call-back as being played; false when it already is (one play at a time). */
  claim(id: string): boolean;
  release(id: string): void;
}

/**
 * Keeps the console's call-backs: a memory queue and a random key (as `npm run call -- --callback` does), shared
 * by every call's line so a call-back asked for in one call can be played later; the page is told of each change.
 */
export function createConsoleCallbacks(callFlow: CallFlow): ConsoleCallbacks {
  const listeners = new Set<(panel: CallbackPanel) => void>();
  const playing = new Set<string>();
  /** Call-backs just taken out of the queue, to name the note of the record that follows. */
  const removed = new Map<string, QueuedCallback>();
  let notes: CallbackNote[] = [];
  let pending: Promise<void> | undefined;
  const queue = watchQueue(new MemoryCallbackQueue(), (gone) => {
    if (gone) {
      removed.set(gone.id, gone);
      if (removed.size > 50) removed.delete(removed.keys().next().value as string);
    }
    tell();
  });
  const panel = async (): Promise<CallbackPanel> => {
    const queued = await queue.list();
    return {
      callbacks: queued.map((c) => describeCallback(c, callFlow, playing.has(c.id))),
      // A call-back asked for again is listed, no longer noted.
      notes: notes.filter((n) => !queued.some((c) => c.id === n.id)),
    };
  };
  /** Tells every listener, once for the changes of one moment. */
  function tell(): void {
    if (pending || listeners.size === 0) return;
    pending = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      pending = undefined;
      const now = await panel();
      for (const listener of listeners) listener(now);
    });
  }
  return {
    shared: { queue, key: createCallbackKey() },
    record(record) {
      const note = noteRecord(record, record.id ? removed.get(record.id) : undefined, callFlow);
      if (!note) return;
      notes = [note, ...notes.filter((n) => n.id !== note.id)].slice(0, MAX_NOTES);
      tell();
    },
    find: (id) => queue.find(id),
    panel,
    watch(listener) {
      listeners.add(listener);
      void panel().then((now) => {
        if (listeners.has(listener)) listener(now);
      });
      return () => listeners.delete(listener);
    },
    claim(id) {
      if (playing.has(id)) return false;
      playing.add(id);
      tell();
      return true;
    },
    release(id) {
      playing.delete(id);
      tell();
    },
  };
}
