import type { CallbackQueue, QueuedCallback } from "../../service/index.js";

/** What changed in a queue: `removed` is the call-back taken out (done, given up or cancelled), if any. */
export type QueueChange = (removed?: QueuedCallback) => void;

/**
 * The queue, telling `changed` after each change (a call-back queued, placed, put off or removed), so a
 * page can be shown the queue as it is. Reads and the worker pass through untouched.
 */
export function watchQueue(queue: CallbackQueue, changed: QueueChange): CallbackQueue {
  return {
    async request(callback, slot) {
      const outcome = await queue.request(callback, slot);
      if (outcome.kind === "requested") changed();
      return outcome;
    },
    find: (id) => queue.find(id),
    list: () => queue.list(),
    async markPlaced(id, callSid, attempt, until) {
      const marked = await queue.markPlaced(id, callSid, attempt, until);
      if (marked) changed();
      return marked;
    },
    async reschedule(id, due) {
      const moved = await queue.reschedule(id, due);
      if (moved) changed();
      return moved;
    },
    async remove(id) {
      const gone = await queue.find(id);
      const removed = await queue.remove(id);
      if (removed) changed(gone);
      return removed;
    },
    startWorker: (now, work, options) => queue.startWorker(now, work, options),
    close: () => queue.close(),
  };
}
