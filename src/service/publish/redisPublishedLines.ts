import type { Redis } from "ioredis";
import type { RedisConnection } from "../redis/redisConnection.js";
import { parseLine, serializeLine } from "../session/lineRecord.js";
import type { LineSource } from "../types.js";
import { type LineNotices, type Publication, type PublishOutcome, parsePublication } from "./publication.js";
import type { PublishedLines } from "./publishedLines.js";

/** Most publications the history keeps (the oldest are dropped past it). */
const HISTORY_LENGTH = 1_000;

/**
 * The compare-and-set of a publication, run atomically by Redis. KEYS: the current pointer, the history,
 * the version's files. ARGV: the expected current version ("" none), the entry, the files ("" for a version
 * published before), the channel, the version, the history's length. Returns {1} when done, {0, current}
 * when another publication came first, {2} when the files of a version published before are gone.
 */
const PUBLISH_SCRIPT = `
local stored = redis.call('GET', KEYS[1])
local current = ''
if stored then
  local ok, entry = pcall(cjson.decode, stored)
  if ok and type(entry) == 'table' and type(entry.version) == 'string' then current = entry.version end
end
if current ~= ARGV[1] then return {0, current} end
if ARGV[3] ~= '' then redis.call('SET', KEYS[3], ARGV[3]) end
if redis.call('EXISTS', KEYS[3]) == 0 then return {2} end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('LPUSH', KEYS[2], ARGV[2])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[6]) - 1)
redis.call('PUBLISH', ARGV[4], ARGV[5])
return {1}
`;

/**
 * Puts back a publication after the store lost it: KEYS the current pointer, the history, the version's
 * files; ARGV the entry, the files. Only when no publication is current (another instance may have put
 * one back first). Returns 1 when put back.
 */
const RESTORE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[3], ARGV[2], 'NX')
redis.call('SET', KEYS[1], ARGV[1])
redis.call('LPUSH', KEYS[2], ARGV[1])
return 1
`;

/** Options of the published line on Redis. */
export interface RedisPublishedLinesOptions {
  /** Prefix of its keys and channels, so several lines can share one Redis; defaults to `ivr:published:`. */
  readonly keyPrefix?: string;
}

/**
 * The published line on Redis: `<prefix>current` (the current publication), `<prefix>history` (a list,
 * newest first), `<prefix>line:<version>` (each published version's files, kept without expiry so a
 * rollback can return to it), and two channels, `<prefix>published` and `<prefix>wanted`. Listening
 * takes a second connection (a subscribed client runs nothing else); it resubscribes when it reconnects.
 */
export class RedisPublishedLines implements PublishedLines {
  readonly #redis: RedisConnection;
  readonly #prefix: string;
  #subscriber: Redis | undefined;

  /** Uses `connection` (and closes it with this). */
  constructor(connection: RedisConnection, options: RedisPublishedLinesOptions = {}) {
    this.#redis = connection;
    this.#prefix = options.keyPrefix ?? "ivr:published:";
    connection.client.defineCommand("publishLine", { numberOfKeys: 3, lua: PUBLISH_SCRIPT });
    connection.client.defineCommand("restoreLine", { numberOfKeys: 3, lua: RESTORE_SCRIPT });
  }

  async current(): Promise<Publication | undefined> {
    return parsePublication(await this.#redis.read((redis) => redis.get(this.#key("current"))));
  }

  async history(): Promise<Publication[]> {
    const entries = await this.#redis.read((redis) => redis.lrange(this.#key("history"), 0, -1));
    return entries.flatMap((json) => parsePublication(json) ?? []);
  }

  async sourceOf(version: string): Promise<LineSource | undefined> {
    const json = await this.#redis.read((redis) => redis.get(this.#lineKey(version)));
    return json === null ? undefined : parseLine(json);
  }

  async publish(entry: Publication, source: LineSource | undefined, expected: string | null): Promise<PublishOutcome> {
    const [done, current] = await this.#redis.write((redis) =>
      scriptOn<[number, string?]>(redis, "publishLine")(
        this.#key("current"),
        this.#key("history"),
        this.#lineKey(entry.version),
        expected ?? "",
        JSON.stringify(entry),
        source ? serializeLine(source) : "",
        this.#key("published"),
        entry.version,
        HISTORY_LENGTH,
      ),
    );
    if (done === 1) return { ok: true };
    if (done === 2) return { ok: false, reason: "gone" };
    return { ok: false, reason: "moved", current: current ? current : null };
  }

  async restore(entry: Publication, source: LineSource): Promise<boolean> {
    const done = await this.#redis.write((redis) =>
      scriptOn<number>(redis, "restoreLine")(
        this.#key("current"),
        this.#key("history"),
        this.#lineKey(entry.version),
        JSON.stringify(entry),
        serializeLine(source),
      ),
    );
    return done === 1;
  }

  async want(version: string): Promise<void> {
    await this.#redis.write((redis) => redis.publish(this.#key("wanted"), version));
  }

  async listen(notices: LineNotices): Promise<void> {
    if (this.#subscriber) throw new Error("already listening: one listener per connection");
    // Subscribed again on every (re)connection: a subscription refused while Redis was away is not lost.
    const subscriber = this.#redis.client.duplicate({ autoResubscribe: false });
    this.#subscriber = subscriber;
    const channels = [this.#key("published"), this.#key("wanted")];
    let lost = false;
    let subscribed: () => void = () => {};
    const first = new Promise<void>((resolve) => {
      subscribed = resolve;
    });
    subscriber.on("error", () => {
      // Reported by the commands of the main connection; the subscriber reconnects on its own.
    });
    subscriber.on("close", () => {
      lost = true;
    });
    subscriber.on("ready", () => {
      void subscriber.subscribe(...channels).then(
        () => {
          subscribed();
          if (!lost) return;
          lost = false;
          notices.reconnected();
        },
        () => subscriber.disconnect(true),
      );
    });
    subscriber.on("message", (channel: string, version: string) => {
      if (channel === channels[0]) notices.published(version);
      else if (channel === channels[1]) notices.wanted(version);
    });
    await first;
  }

  ping(): Promise<void> {
    return this.#redis.ping();
  }

  async close(): Promise<void> {
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
    await this.#redis.close();
  }

  #key(name: string): string {
    return this.#prefix + name;
  }

  #lineKey(version: string): string {
    return `${this.#prefix}line:${version}`;
  }
}

/** A script command `defineCommand` added to the client, bound to it. */
function scriptOn<T>(client: Redis, name: string): (...args: Array<string | number>) => Promise<T> {
  const command = (client as unknown as Record<string, (...args: Array<string | number>) => Promise<T>>)[name];
  if (!command) throw new Error(`the ${name} script is not defined on this client`);
  return command.bind(client);
}
