/**
 * A call-back as the queue keeps it. The number is only ever kept sealed (`sealed`, AES-256-GCM); `lastDigits`
 * are what the caller heard read back, enough for an operator to tell call-backs apart.
 */
export interface QueuedCallback {
  /** One per number and team (a keyed hash of both): asking again finds the same one. */
  readonly id: string;
  readonly team: string;
  readonly region: string;
  readonly language: string;
  /** The interpreter the member asked for, if any: the call-back brings one. */
  readonly interpreter: string | null;
  readonly sealed: string;
  readonly lastDigits: string;
  /** When it was asked for, epoch ms (the line's clock). */
  readonly requestedAt: number;
  /** When it is due, epoch ms (the line's clock): never placed before. */
  readonly due: number;
  /** The end of the window promised to the caller, when the pace spread the queue over one. */
  readonly dueBy?: number | undefined;
  /** Tries placed so far. */
  readonly attempts: number;
  /** A try placed and waiting for its outcome: its Call SID, and when it counts as failed without one. */
  readonly placed?: { readonly callSid: string; readonly until: number } | undefined;
}

/** What asking for a call-back did: queued a new one, or found one pending (nothing changed). */
export interface RequestOutcome {
  readonly kind: "requested" | "pending";
  readonly callback: QueuedCallback;
}

/** A new call-back, before the queue takes it: everything but the tries. */
export type NewCallback = Omit<QueuedCallback, "attempts" | "placed">;

/**
 * A task of the worker: `place` the call-back's try number `attempt` (due), or `check` a placed try whose
 * outcome never came by its time (Twilio's status callback lost).
 */
export interface CallbackTask {
  readonly kind: "place" | "check";
  readonly id: string;
  readonly attempt: number;
  /** When it is due, epoch ms (the line's clock). */
  readonly at: number;
}

/** Does one task of the worker with the call-back as queued; resolves once done. */
export type WorkCallback = (task: CallbackTask, callback: QueuedCallback) => Promise<void>;

/** A running worker: stop it to let the process exit. */
export interface CallbackWorker {
  close(): Promise<void>;
}

/** How the worker runs. */
export interface WorkerOptions {
  /** How often due call-backs are looked for, by the line's clock, in real ms. */
  readonly pollMs: number;
  /**
   * After this long (line's clock, ms) a try's `check` runs: before a try is placed its check is queued, so a
   * worker killed between claiming and placing, or a status callback that never comes, still ends in a
   * retry or a give-up.
   */
  readonly checkAfterMs: number;
  /** Called with a failure of `work` (the task is tried again by the queue when it can). */
  readonly onError?: (error: unknown, id: string) => void;
}

/**
 * The durable queue of call-backs (memory for one process, Redis for several), behind one contract
 * (`test/callbacks/queueContract.ts`). Due times are the line's clock (the injectable clock of the hours),
 * never the store's: the worker asks `now()` what is due.
 */
export interface CallbackQueue {
  /**
   * Queues `callback` unless one with its id is pending: then nothing changes and the pending one is told.
   * `slot` picks the due time given how many are queued per window (`countSlot`).
   */
  request(callback: NewCallback, slot: SlotPicker): Promise<RequestOutcome>;
  /** The call-back with this id, if queued. */
  find(id: string): Promise<QueuedCallback | undefined>;
  /** Every queued call-back, soonest first. */
  list(): Promise<QueuedCallback[]>;
  /** Marks try `attempt` placed (its Call SID), waiting for its outcome until `until`. False when it is not queued. */
  markPlaced(id: string, callSid: string, attempt: number, until: number): Promise<boolean>;
  /** Puts the next try off to `due` (a try not answered, or a team closed when it came due). False when not queued. */
  reschedule(id: string, due: number): Promise<boolean>;
  /** Removes the call-back and its sealed number (done, given up or cancelled). False when it was not queued. */
  remove(id: string): Promise<boolean>;
  /**
   * Runs `work` for each task due by `now()`, each task once, even across workers and crashes: a task is
   * claimed before it runs, and a claimed task never runs again (a worker killed after claiming leaves a
   * placed try to its `check`, or a try not placed to the next worker only when it had not claimed it).
   */
  startWorker(now: () => number, work: WorkCallback, options: WorkerOptions): CallbackWorker;
  close(): Promise<void>;
}

/** Reserves a place for one more call-back in a pace window; false when the window is full. */
export type SlotCounter = (team: string, region: string, windowStart: number, perWindow: number) => Promise<boolean>;

/** Picks the due time of a new call-back, reserving its place with `reserve`. */
export type SlotPicker = (reserve: SlotCounter) => Promise<{ readonly due: number; readonly dueBy?: number }>;

/** A task's key: one per call-back, kind, try and due time (a try put off to another time is another task). */
export function taskKey(task: CallbackTask): string {
  return `${task.id}.${task.kind}.${task.attempt}.${task.at}`;
}
