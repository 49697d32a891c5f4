import type {
  CallbackQueue,
  CallbackTask,
  CallbackWorker,
  NewCallback,
  QueuedCallback,
  RequestOutcome,
  SlotPicker,
  WorkCallback,
  WorkerOptions,
} from "./callbackQueue.js";
import { taskKey } from "./callbackQueue.js";

/**
 * The call-back queue of one process: what it holds is lost when the process stops (use the Redis queue
 * with several instances or to survive restarts). Tasks run by the line's clock, polled.
 */
export class MemoryCallbackQueue implements CallbackQueue {
  readonly #records = new Map<string, QueuedCallback>();
  readonly #tasks = new Map<string, CallbackTask>();
  readonly #claimed = new Set<string>();
  readonly #slots = new Map<string, number>();
  readonly #workers = new Set<CallbackWorker>();

  async request(callback: NewCallback, slot: SlotPicker): Promise<RequestOutcome> {
    const pending = this.#records.get(callback.id);
    if (pending) return { kind: "pending", callback: pending };
    const { due, dueBy } = await slot(async (team, region, windowStart, perWindow) => {
      const key = `${team}|${region}|${windowStart}`;
      const taken = this.#slots.get(key) ?? 0;
      if (taken >= perWindow) return false;
      this.#slots.set(key, taken + 1);
      return true;
    });
    const queued: QueuedCallback = { ...callback, due, dueBy, attempts: 0 };
    this.#records.set(callback.id, queued);
    this.#addTask({ kind: "place", id: callback.id, attempt: 1, at: due });
    return { kind: "requested", callback: queued };
  }

  async find(id: string): Promise<QueuedCallback | undefined> {
    return this.#records.get(id);
  }

  async list(): Promise<QueuedCallback[]> {
    return [...this.#records.values()].sort((a, b) => a.due - b.due);
  }

  async markPlaced(id: string, callSid: string, attempt: number, until: number): Promise<boolean> {
    const record = this.#records.get(id);
    if (!record) return false;
    this.#records.set(id, { ...record, attempts: attempt, placed: { callSid, until } });
    return true;
  }

  async reschedule(id: string, due: number): Promise<boolean> {
    const record = this.#records.get(id);
    if (!record) return false;
    this.#records.set(id, { ...record, due, placed: undefined });
    this.#addTask({ kind: "place", id, attempt: record.attempts + 1, at: due });
    return true;
  }

  async remove(id: string): Promise<boolean> {
    for (const [key, task] of this.#tasks) if (task.id === id) this.#tasks.delete(key);
    return this.#records.delete(id);
  }

  startWorker(now: () => number, work: WorkCallback, options: WorkerOptions): CallbackWorker {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        for (const [key, task] of [...this.#tasks].sort((a, b) => a[1].at - b[1].at)) {
          if (task.at > now()) continue;
          this.#tasks.delete(key);
          if (this.#claimed.has(key)) continue;
          this.#claimed.add(key);
          const record = this.#records.get(task.id);
          if (!record) continue;
          if (task.kind === "place")
            this.#addTask({ kind: "check", id: task.id, attempt: task.attempt, at: now() + options.checkAfterMs });
          await work(task, record).catch((error: unknown) => options.onError?.(error, task.id));
        }
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), options.pollMs);
    timer.unref();
    const worker: CallbackWorker = {
      close: async () => {
        clearInterval(timer);
        this.#workers.delete(worker);
      },
    };
    this.#workers.add(worker);
    return worker;
  }

  async close(): Promise<void> {
    for (const worker of [...this.#workers]) await worker.close();
  }

  #addTask(task: CallbackTask): void {
    this.#tasks.set(taskKey(task), task);
  }
}
