import type { Redis } from "ioredis";
import type { RedisConnection } from "../redis/redisConnection.js";
import type { LineSource, StoredSession } from "../types.js";
import { parseLine, serializeLine } from "./lineRecord.js";
import { parseSession, SESSION_RECORD_VERSION, serializeSession } from "./sessionRecord.js";
import type { SessionStore } from "./sessionStore.js";

/** Options of the Redis store. */
export interface RedisStoreOptions {
  /** Prefix of every call's key, so several lines can share one Redis. */
  readonly keyPrefix?: string;
  /** Prefix of every version's key. */
  readonly lineKeyPrefix?: string;
}

/**
 * The compare-and-set of `commit`, run atomically by Redis: `mayOverwrite` of `sessionRecord.ts` (the
 * store contract tests hold the two together). KEYS[1] the call; ARGV: the new record, its TTL, the
 * expected turn (-1: no call in progress), the record shape's version, and a stored value the caller
 * found unreadable ("" when none). A record of another shape never blocks (it reads as no session); one
 * of this shape that zod cannot read either, once the caller names it (ARGV[5]) and it is still there.
 * Returns nothing when saved, or the stored record that won.
 */
const COMMIT_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current and current ~= ARGV[5] then
  local ok, stored = pcall(cjson.decode, current)
  if ok and type(stored) == 'table' and stored.v == tonumber(ARGV[4]) then
    if stored.ended == true then return current end
    if type(stored.turn) == 'number' and type(stored.call) == 'table' and stored.turn ~= tonumber(ARGV[3]) then
      return current
    end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return false
`;

/**
 * Sessions in Redis, one key per call with a TTL, so any instance behind a load balancer can serve any
 * turn; versions of the line, one key each. The connection retries a command while Redis fails over and
 * has a replica acknowledge each write when configured to; while Redis stays unreachable commands fail
 * (the turn answers safely), and the store works again when it returns.
 */
export class RedisStore implements SessionStore {
  readonly #redis: RedisConnection;
  readonly #prefix: string;
  readonly #linePrefix: string;

  /** Uses `connection` (and closes it with the store). */
  constructor(connection: RedisConnection, options: RedisStoreOptions = {}) {
    this.#redis = connection;
    this.#prefix = options.keyPrefix ?? "ivr:call:";
    this.#linePrefix = options.lineKeyPrefix ?? "ivr:line:";
    connection.client.defineCommand("commitSession", { numberOfKeys: 1, lua: COMMIT_SCRIPT });
  }

  async load(callSid: string): Promise<StoredSession | undefined> {
    const json = await this.#redis.read((redis) => redis.get(this.#prefix + callSid));
    return json === null ? undefined : parseSession(json);
  }

  async commit(
    callSid: string,
    record: StoredSession,
    ttlSeconds: number,
    expected: number | null,
  ): Promise<StoredSession | undefined> {
    const json = serializeSession(record);
    const commitOnce = (unreadable: string) =>
      this.#redis.write(async (redis, tries) => {
        const commitSession = commitSessionOn(redis);
        const stored = await commitSession(
          this.#prefix + callSid,
          json,
          ttlSeconds,
          expected ?? -1,
          SESSION_RECORD_VERSION,
          unreadable,
        );
        // A try whose answer was lost may have saved the record: finding it stored is this commit's success.
        return tries > 0 && stored === json ? null : stored;
      });
    let winner = await commitOnce("");
    // What the script could not tell from a readable record reads as no session, and never blocks.
    if (winner !== null && parseSession(winner) === undefined) winner = await commitOnce(winner);
    if (winner === null) return undefined;
    const stored = parseSession(winner);
    if (stored === undefined) throw new Error("the call's session changed during the turn and cannot be read");
    return stored;
  }

  async end(callSid: string, ttlSeconds: number): Promise<void> {
    await this.#redis.write((redis) =>
      redis.set(this.#prefix + callSid, serializeSession({ ended: true }), "EX", ttlSeconds),
    );
  }

  async saveLine(version: string, source: LineSource, ttlSeconds: number): Promise<void> {
    const json = serializeLine(source);
    await this.#redis.write((redis) => redis.set(this.#linePrefix + version, json, "EX", ttlSeconds));
  }

  async loadLine(version: string): Promise<LineSource | undefined> {
    const json = await this.#redis.read((redis) => redis.get(this.#linePrefix + version));
    return json === null ? undefined : parseLine(json);
  }

  /** Rejects with why the connection is down (e.g. `connect ECONNREFUSED 127.0.0.1:6379`) when it is. */
  ping(): Promise<void> {
    return this.#redis.ping();
  }

  close(): Promise<void> {
    return this.#redis.close();
  }
}

/** The script command `defineCommand` added to the client. */
type CommitSession = (
  key: string,
  record: string,
  ttlSeconds: number,
  expected: number,
  shape: number,
  unreadable: string,
) => Promise<string | null>;

/** The compare-and-set command of `client`, bound to it. */
function commitSessionOn(client: Redis): CommitSession {
  const command = (client as unknown as { commitSession: CommitSession }).commitSession;
  return command.bind(client);
}
