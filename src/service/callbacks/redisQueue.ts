import { DelayedError, type Job, Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { buildRedisOptions, createRedisClient, type RedisCommandPolicy } from "../redis/createRedisClient.js";
import type { RedisTarget } from "../redis/redisTarget.js";
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

/** How the Redis queue is reached and kept. */
export interface RedisQueueOptions {
  /** The Redis the line uses: one address, or the primary named by Sentinels (followed through a failover). */
  readonly target: RedisTarget;
  /** The queue's name, and the prefix of its keys (its own per test). */
  readonly name?: string;
  readonly prefix?: string;
  /**
   * An ioredis client of the same Redis, for the records, claims and pace (BullMQ has its own connections);
   * without it the queue opens one of `target` and closes it with the queue.
   */
  readonly redis?: Redis;
  /** How long a record, claim or pace counter is kept at most, seconds (the flow's `keepDays`). */
  readonly keepSeconds: number;
  /** A worker that stops answering loses its task after this long, ms: another worker takes it (stalled). */
  readonly lockMs?: number;
  /** Told of the errors of the connections the queue opens (lost, refused, a failover under way). */
  readonly onConnectionError?: (error: Error) => void;
  /** The line's clock, epoch ms: what the jobs' delays are reckoned from. */
  readonly now: () => number;
}

/**
 * The call-back queue on Redis, with BullMQ: each task (a try to place, or the check of a placed try) is a
 * delayed job whose id names the call-back, the try and its time, so a task is queued once. Jobs are delayed
 * by the line's clock, not Redis's: a poller promotes those the line's clock says are due, and a job that
 * comes up early goes back to wait. A worker killed mid-job leaves its job stalled; BullMQ gives it to
 * another worker, and the claim (SET NX) taken before a try is placed keeps it from being placed twice.
 * The record of each call-back (one per number and team, with the number sealed) is a Redis key of its own.
 */
export class RedisCallbackQueue implements CallbackQueue {
  readonly #queue: Queue;
  readonly #redis: Redis;
  readonly #ownsRedis: boolean;
  readonly #keys: (what: string) => string;
  readonly #options: RedisQueueOptions;
  readonly #workers = new Set<CallbackWorker>();

  constructor(options: RedisQueueOptions) {
    this.#options = options;
    const name = options.name ?? "callbacks";
    const prefix = options.prefix ?? "member-line";
    this.#queue = new Queue(name, { connection: connectionOf(options.target), prefix });
    this.#ownsRedis = options.redis === undefined;
    this.#redis = options.redis ?? createRedisClient(options.target, RECORDS_POLICY);
    const onError = options.onConnectionError ?? (() => undefined);
    // Connection errors are told, never thrown: the failing commands report them to their callers too.
    this.#queue.on("error", onError);
    if (this.#ownsRedis) this.#redis.on("error", onError);
    this.#keys = (what) => `${prefix}:${name}:cb:${what}`;
  }

  async request(callback: NewCallback, slot: SlotPicker): Promise<RequestOutcome> {
    const pending = await this.find(callback.id);
    if (pending) return { kind: "pending", callback: pending };
    const reserved: string[] = [];
    const { due, dueBy } = await slot(async (team, region, windowStart, perWindow) => {
      const key = this.#keys(`pace:${team}:${region}:${windowStart}`);
      const taken = await this.#redis.incr(key);
      await this.#redis.expire(key, this.#options.keepSeconds);
      if (taken <= perWindow) {
        reserved.push(key);
        return true;
      }
      await this.#redis.decr(key);
      return false;
    });
    const queued: QueuedCallback = { ...callback, due, dueBy, attempts: 0 };
    const set = await this.#redis.set(
      this.#record(callback.id),
      JSON.stringify(queued),
      "EX",
      this.#options.keepSeconds,
      "NX",
    );
    if (set === null) {
      // Another request for the same number and team got there first: its place in the pace is the one kept.
      for (const key of reserved) await this.#redis.decr(key);
      const winner = await this.find(callback.id);
      if (winner) return { kind: "pending", callback: winner };
    }
    await this.#redis.zadd(this.#keys("due"), due, callback.id);
    await this.#addTask({ kind: "place", id: callback.id, attempt: 1, at: due });
    return { kind: "requested", callback: queued };
  }

  async find(id: string): Promise<QueuedCallback | undefined> {
    const text = await this.#redis.get(this.#record(id));
    return text === null ? undefined : (JSON.parse(text) as QueuedCallback);
  }

  async list(): Promise<QueuedCallback[]> {
    const ids = await this.#redis.zrange(this.#keys("due"), 0, -1);
    const found = await Promise.all(ids.map((id) => this.find(id)));
    const gone = ids.filter((_, i) => found[i] === undefined);
    if (gone.length > 0) await this.#redis.zrem(this.#keys("due"), ...gone);
    return found.filter((c): c is QueuedCallback => c !== undefined).sort((a, b) => a.due - b.due);
  }

  async markPlaced(id: string, callSid: string, attempt: number, until: number): Promise<boolean> {
    const record = await this.find(id);
    if (!record) return false;
    await this.#save({ ...record, attempts: attempt, placed: { callSid, until } });
    return true;
  }

  async reschedule(id: string, due: number): Promise<boolean> {
    const record = await this.find(id);
    if (!record) return false;
    await this.#save({ ...record, due, placed: undefined });
    await this.#redis.zadd(this.#keys("due"), due, id);
    await this.#addTask({ kind: "place", id, attempt: record.attempts + 1, at: due });
    return true;
  }

  async remove(id: string): Promise<boolean> {
    const removed = await this.#redis.del(this.#record(id));
    await this.#redis.zrem(this.#keys("due"), id);
    // Its tasks find no record and end; the delayed ones are removed now, so nothing of it is left.
    for (const job of await this.#queue.getDelayed())
      if ((job.data as CallbackTask).id === id) await job.remove().catch(() => undefined);
    return removed === 1;
  }

  startWorker(now: () => number, work: WorkCallback, options: WorkerOptions): CallbackWorker {
    const lockDuration = this.#options.lockMs ?? 30_000;
    const worker = new Worker(
      this.#queue.name,
      async (job: Job, token?: string) => {
        const task = job.data as CallbackTask;
        const early = task.at - now();
        if (early > 0) {
          // Up before the line's clock says so: back to wait, the poller promotes it when due.
          await job.moveToDelayed(Date.now() + early, token);
          throw new DelayedError();
        }
        const claimed = await this.#redis.set(
          this.#keys(`claim:${taskKey(task)}`),
          "1",
          "EX",
          this.#options.keepSeconds,
          "NX",
        );
        if (claimed === null) return;
        const record = await this.find(task.id);
        if (!record) return;
        if (task.kind === "place")
          await this.#addTask({ kind: "check", id: task.id, attempt: task.attempt, at: now() + options.checkAfterMs });
        await work(task, record);
      },
      {
        connection: connectionOf(this.#options.target),
        prefix: this.#queue.opts.prefix,
        lockDuration,
        stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
        maxStalledCount: 5,
        concurrency: 4,
      },
    );
    worker.on("failed", (job, error) => options.onError?.(error, (job?.data as CallbackTask | undefined)?.id ?? ""));
    worker.on("error", (error) => options.onError?.(error, ""));
    const promote = async () => {
      for (const job of await this.#queue.getDelayed(0, 999)) {
        const task = job.data as CallbackTask;
        if (task.at <= now()) await job.promote().catch(() => undefined);
      }
    };
    const timer = setInterval(
      () => void promote().catch((error: unknown) => options.onError?.(error, "")),
      options.pollMs,
    );
    timer.unref();
    const handle: CallbackWorker = {
      close: async () => {
        clearInterval(timer);
        this.#workers.delete(handle);
        await worker.close();
      },
    };
    this.#workers.add(handle);
    return handle;
  }

  async close(): Promise<void> {
    for (const worker of [...this.#workers]) await worker.close();
    await this.#queue.close();
    if (this.#ownsRedis) await this.#redis.quit().catch(() => this.#redis.disconnect());
  }

  #record(id: string): string {
    return this.#keys(`record:${id}`);
  }

  async #save(record: QueuedCallback): Promise<void> {
    await this.#redis.set(this.#record(record.id), JSON.stringify(record), "EX", this.#options.keepSeconds);
  }

  /**
   * Queues a task as a delayed job, one job per task. Its delay is reckoned by the line's clock; a clock
   * moved on (tests, faketime) is caught up by the worker's poller, which promotes what the line says is due.
   */
  async #addTask(task: CallbackTask): Promise<void> {
    await this.#queue.add(task.kind, task, {
      jobId: taskKey(task),
      delay: Math.max(0, task.at - this.#options.now()),
      removeOnComplete: true,
      removeOnFail: true,
      attempts: 5,
      backoff: { type: "fixed", delay: 5_000 },
    });
  }
}

/**
 * How the queue's own client waits for Redis: through a failover's few lost connections, and never longer
 * than 2 s a command (Sentinels that cannot be reached would otherwise hold a turn, or the CLI, forever).
 */
const RECORDS_POLICY: RedisCommandPolicy = { kind: "wait", retries: 3, timeoutMs: 2_000 };

/**
 * BullMQ's connection options for the target (BullMQ opens its connections with them: the worker's
 * blocking one too): workers block, so commands wait for the connection and are never given up on.
 */
function connectionOf(target: RedisTarget) {
  return buildRedisOptions(target, { kind: "wait", retries: null });
}
