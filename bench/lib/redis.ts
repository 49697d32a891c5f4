import { Redis } from "ioredis";

/** Deletes the bench's own session keys (`ivr:call:CA<tag>…`) from Redis; returns how many. */
export async function deleteSeriesKeys(url: string, tag: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `ivr:call:CA${tag}*`, "COUNT", 5000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Whether Redis answers PING at `url` within a second. */
export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    retryStrategy: () => null,
  });
  redis.on("error", () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** How many replicas are connected to the Redis at `url` (0 when it does not answer). */
export async function replicasOf(url: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    await redis.connect();
    const info = await redis.info("replication");
    return Number(/^connected_slaves:(\d+)/m.exec(info)?.[1] ?? 0);
  } catch {
    return 0;
  } finally {
    redis.disconnect();
  }
}
