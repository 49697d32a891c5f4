import type { CallbackDesk } from "./callbackDesk.js";
import type { CallbackWorker } from "./callbackQueue.js";

/** How the worker runs. */
export interface CallbackWorkerOptions {
  /** The line's clock: what is due. */
  readonly clock: () => number;
  /** How often due call-backs are looked for, real ms; 1 s by default. */
  readonly pollMs?: number;
  /** After how long (line's clock) a try's check runs; 15 minutes by default. */
  readonly checkAfterMs?: number;
  /** Told of a failure of a task (the queue tries it again). */
  readonly onError?: (error: unknown, id: string) => void;
}

/** Starts placing the desk's call-backs as they come due (every instance runs one unless `CALLBACK_WORKER=off`). */
export function startCallbackWorker(desk: CallbackDesk, options: CallbackWorkerOptions): CallbackWorker {
  return desk.queue.startWorker(options.clock, (task, pending) => desk.work(task, pending), {
    pollMs: options.pollMs ?? 1_000,
    checkAfterMs: options.checkAfterMs ?? 15 * 60_000,
    ...(options.onError ? { onError: options.onError } : {}),
  });
}
