import { z } from "zod";
import { assertNever } from "../assertNever.js";
import { redactUrl } from "../log/redactUrl.js";

/** The longest wait for a replica's acknowledgement of a write, in ms: it must end within the 500 ms of one try. */
export const MAX_REPLICA_WAIT_MS = 400;

const EXAMPLE = "e.g. 10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379";

/** One Sentinel's address. */
export const sentinelAddressSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
});

/** A Sentinel's address: where it listens. */
export type SentinelAddress = z.infer<typeof sentinelAddressSchema>;

/** `host:port` or `[ipv6]:port`. */
const ADDRESS = /^(?:\[(?<v6>[0-9A-Fa-f:.]+)\]|(?<host>[^\s:[\]]+)):(?<port>\d{1,5})$/;

/**
 * `REDIS_SENTINELS`: a comma-separated list of Sentinels, `host:port,host:port,…` (IPv6 in brackets), read
 * into addresses; an entry that is not `host:port`, a port out of range or an address given twice is refused.
 */
export const sentinelListSchema = z.string().transform((text, ctx): SentinelAddress[] => {
  const addresses: SentinelAddress[] = [];
  for (const entry of text.split(",").map((e) => e.trim())) {
    const match = ADDRESS.exec(entry)?.groups;
    const parsed = match && sentinelAddressSchema.safeParse({ host: match.v6 ?? match.host, port: Number(match.port) });
    if (!parsed?.success) {
      ctx.addIssue({ code: "custom", message: `"${entry}" is not a Sentinel's host:port (${EXAMPLE})` });
      return z.NEVER;
    }
    if (addresses.some((a) => a.host === parsed.data.host && a.port === parsed.data.port)) {
      ctx.addIssue({ code: "custom", message: `lists ${entry} twice (${EXAMPLE})` });
      return z.NEVER;
    }
    addresses.push(parsed.data);
  }
  return addresses;
});

/**
 * Where the line's Redis is: one address (a single Redis, or a managed Redis's failover endpoint), or the
 * primary a group of Sentinels names, which they replace by a replica when it fails.
 */
export type RedisTarget =
  | { readonly kind: "url"; readonly url: string; readonly password?: string | undefined }
  | {
      readonly kind: "sentinel";
      readonly sentinels: readonly SentinelAddress[];
      /** The name the Sentinels monitor the primary under (`sentinel monitor <name> …`). */
      readonly master: string;
      /** Password of the primary and its replicas. */
      readonly password?: string | undefined;
      /** Password of the Sentinels themselves. */
      readonly sentinelPassword?: string | undefined;
    };

/** The target as a log line may show it: its password hidden, e.g. `master mymaster via Sentinels 10.0.0.1:26379,…`. */
export function describeRedisTarget(target: RedisTarget): string {
  switch (target.kind) {
    case "url":
      return redactUrl(target.url);
    case "sentinel": {
      const sentinels = target.sentinels.map((s) =>
        s.host.includes(":") ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`,
      );
      return `master ${target.master} via Sentinels ${sentinels.join(",")}`;
    }
    default:
      return assertNever(target);
  }
}
