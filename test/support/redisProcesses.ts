import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";

/** Whether Debian's `redis-server` (which also runs Sentinels, with `--sentinel`) is on this machine. */
export const HAS_REDIS_SERVER = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;

/** Why the suites that start their own Redis processes are skipped when they are. */
export const NO_REDIS_SERVER = "skipped: no redis-server on this machine (apt-get install redis-server)";

/** Processes still running, killed when the test process exits whatever happened to the test. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** A TCP port on 127.0.0.1 that was free a moment ago (never Redis's own 6379 or 26379: the kernel picks it). */
export async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A `redis-server` (or Sentinel) this test process started on a loopback port. */
export class RedisProcess {
  readonly #child: ChildProcess;
  readonly #dir: string;
  readonly #exited: Promise<void>;
  #output = "";

  private constructor(
    readonly port: number,
    child: ChildProcess,
    dir: string,
  ) {
    this.#child = child;
    this.#dir = dir;
    running.add(child);
    child.stdout?.on("data", (d) => {
      this.#output += String(d);
    });
    this.#exited = new Promise((resolve) =>
      child.once("exit", () => {
        running.delete(child);
        resolve();
      }),
    );
  }

  /**
   * Starts `redis-server` on a free loopback port, without persistence (`--save "" --appendonly no`), with
   * `args` added, and waits until it answers PING.
   */
  static async server(args: readonly string[] = []): Promise<RedisProcess> {
    const port = await freeLoopbackPort();
    const dir = mkdtempSync(join(tmpdir(), "redis-test-"));
    const child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, ...args],
      { stdio: ["ignore", "pipe", "ignore"] },
    );
    return new RedisProcess(port, child, dir).#ready();
  }

  /**
   * Starts a Sentinel (`redis-server <conf> --sentinel`) watching the primary at `primaryPort` under
   * `master`, with short timeouts so a failover takes seconds, not minutes.
   */
  static async sentinel(options: SentinelOptions): Promise<RedisProcess> {
    const port = await freeLoopbackPort();
    const dir = mkdtempSync(join(tmpdir(), "sentinel-test-"));
    const conf = join(dir, "sentinel.conf");
    // A Sentinel rewrites its configuration file as it learns: it must be its own and writable.
    writeFileSync(
      conf,
      [
        `port ${port}`,
        "bind 127.0.0.1",
        `dir ${dir}`,
        `sentinel monitor ${options.master} 127.0.0.1 ${options.primaryPort} ${options.quorum}`,
        `sentinel down-after-milliseconds ${options.master} ${options.downAfterMs}`,
        `sentinel failover-timeout ${options.master} ${options.failoverTimeoutMs}`,
        `sentinel parallel-syncs ${options.master} 1`,
        "",
      ].join("\n"),
    );
    const child = spawn("redis-server", [conf, "--sentinel"], { stdio: ["ignore", "pipe", "ignore"] });
    return new RedisProcess(port, child, dir).#ready();
  }

  /** `redis://127.0.0.1:<port>`. */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** What the process has logged (for a failing test's message). */
  output(): string {
    return this.#output;
  }

  /** Sends `signal` (SIGKILL: the machine lost power) and resolves when the process is gone. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill(signal);
    await this.#exited;
  }

  /** Stops the process (SIGKILL: nothing of it is kept) and removes its directory. */
  async stop(): Promise<void> {
    await this.kill("SIGKILL");
    rmSync(this.#dir, { recursive: true, force: true });
  }

  /** Runs one command on this process with a client of its own. */
  command(...args: [string, ...Array<string | number>]): Promise<unknown> {
    return this.#withClient((client) => client.call(...args));
  }

  /**
   * Whether a replica acknowledges a write to this primary within 100 ms. A replica that has just synced
   * reports its link up before the primary counts its acknowledgements: wait for this, not for the link.
   */
  acknowledgedByReplica(): Promise<boolean> {
    return this.#withClient(async (client) => {
      await client.set("replica-probe", String(Date.now()));
      return (await client.wait(1, 100)) >= 1;
    });
  }

  async #withClient<T>(work: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis(this.port, "127.0.0.1", {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on("error", () => {});
    try {
      await client.connect();
      return await work(client);
    } finally {
      client.disconnect();
    }
  }

  async #ready(): Promise<this> {
    const until = Date.now() + 10_000;
    let last: unknown;
    while (Date.now() < until) {
      if (this.#child.exitCode !== null) break;
      try {
        if ((await this.command("PING")) === "PONG") return this;
      } catch (error) {
        last = error;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    await this.stop();
    throw new Error(`redis-server on 127.0.0.1:${this.port} did not answer PING (${String(last)}):\n${this.#output}`);
  }
}

/** How a test Sentinel watches its primary. */
export interface SentinelOptions {
  readonly master: string;
  readonly primaryPort: number;
  readonly quorum: number;
  readonly downAfterMs: number;
  readonly failoverTimeoutMs: number;
}

/** Polls `check` every `everyMs` until it holds; rejects naming `what` after `withinMs`. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  withinMs: number,
  everyMs = 50,
): Promise<void> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${what}: not within ${withinMs} ms`);
}

/** A primary, its replica and three Sentinels watching them, on loopback ports. */
export interface SentinelGroup {
  readonly primary: RedisProcess;
  readonly replica: RedisProcess;
  readonly sentinels: readonly RedisProcess[];
  /** `host:port,…` of the Sentinels, as REDIS_SENTINELS takes them. */
  readonly addresses: string;
  stop(): Promise<void>;
}

/**
 * Starts a primary, a replica and three Sentinels (quorum 2) watching it under `master`, and waits until a
 * failover could happen: the replica acknowledges the primary's writes and every Sentinel knows the
 * replica and the two others.
 */
export async function startSentinelGroup(master: string, downAfterMs: number): Promise<SentinelGroup> {
  // No delay before a replica's first sync (the default waits 5 s for more replicas).
  const noDelay = ["--repl-diskless-sync-delay", "0"];
  const primary = await RedisProcess.server(noDelay);
  const started: RedisProcess[] = [primary];
  const stop = async () => {
    await Promise.all(started.map((p) => p.stop()));
  };
  try {
    const replica = await RedisProcess.server(["--replicaof", "127.0.0.1", String(primary.port), ...noDelay]);
    started.push(replica);
    const options = { master, primaryPort: primary.port, quorum: 2, downAfterMs, failoverTimeoutMs: 3_000 };
    const sentinels = await Promise.all([1, 2, 3].map(() => RedisProcess.sentinel(options)));
    started.push(...sentinels);
    await waitUntil("the replica acknowledges the primary's writes", () => primary.acknowledgedByReplica(), 10_000);
    const knowsAll = async (s: RedisProcess) =>
      ((await s.command("SENTINEL", "REPLICAS", master)) as unknown[]).length >= 1 &&
      ((await s.command("SENTINEL", "SENTINELS", master)) as unknown[]).length >= 2;
    await waitUntil(
      "every Sentinel knows the replica and the two other Sentinels",
      async () => (await Promise.all(sentinels.map(knowsAll))).every(Boolean),
      15_000,
      100,
    );
    const addresses = sentinels.map((s) => `127.0.0.1:${s.port}`).join(",");
    return { primary, replica, sentinels, addresses, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
