import { z } from "zod";
import { parseCallbackKey } from "../callbacks/sealNumber.js";
import { StartupError } from "../errors.js";
import { MAX_REPLICA_WAIT_MS, sentinelListSchema } from "../redis/redisTarget.js";
import { LINE_FILES } from "./lineFiles.js";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const METRICS_PORT_RANGE = "must be a port from 1 to 65535 for GET /metrics, e.g. 9464 (unset it to serve no metrics)";

/** Variables whose empty value is a mistake rather than "use the default". */
const EMPTY_IS_INVALID = new Set(["PORT"]);

/** How long a write waits for a replica by default with Sentinels (a replica nearby acknowledges in about 1 ms). */
const DEFAULT_SENTINEL_REPLICA_WAIT_MS = 100;

const fieldsSchema = z.object({
  PORT: z.coerce
    .number()
    .int()
    .min(1, "must be a port from 1 to 65535 (empty or 0 would listen on a random port), e.g. 3000")
    .max(65535, "must be a port from 1 to 65535, e.g. 3000")
    .default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  TWILIO_AUTH_TOKEN: z.string().min(16, "must be the 32-character auth token from the Twilio console").optional(),
  ALLOW_UNSIGNED_WEBHOOKS: flag.default(false),
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://abc123.ngrok.app" })
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),
  ALLOW_HOST_HEADER_URL: flag.default(false),
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((v): boolean | number | string =>
      v === "true" ? true : v === "false" ? false : /^\d+$/.test(v) ? Number(v) : v,
    ),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_STORE: z.enum(["memory", "redis"]).default("memory"),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
  REDIS_SENTINELS: sentinelListSchema.optional(),
  REDIS_SENTINEL_MASTER: z
    .string()
    .regex(
      /^\S+$/,
      "must be the name the Sentinels monitor the primary under (`sentinel monitor <name> …`), e.g. mymaster",
    )
    .optional(),
  REDIS_PASSWORD: z.string().optional(),
  REDIS_SENTINEL_PASSWORD: z.string().optional(),
  /** Default: 100 ms with Sentinels, 0 (no wait) with REDIS_URL. */
  REDIS_REPLICA_WAIT_MS: z.coerce
    .number()
    .int()
    .min(0, `must be a whole number of ms from 0 (no wait) to ${MAX_REPLICA_WAIT_MS}, e.g. 100`)
    .max(
      MAX_REPLICA_WAIT_MS,
      `must be at most ${MAX_REPLICA_WAIT_MS} ms (the wait must end within one 500 ms try), e.g. 100`,
    )
    .optional(),
  SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(14_400),
  MEMORY_STORE_MAX_CALLS: z.coerce
    .number()
    .int()
    .min(1, "must be a whole number of calls of at least 1, e.g. 100000")
    .default(100_000),
  MAX_CONNECTIONS: z.coerce
    .number()
    .int()
    .min(1, "must be a whole number of connections of at least 1, e.g. 1000")
    .default(1_000),
  FLOW_FILE: z.string().min(1).default(LINE_FILES.flow),
  /** Reload the line when its files change (what `npm run dev` sets); SIGHUP reloads it in any case. */
  RELOAD_ON_CHANGE: flag.default(false),
  DIRECTORY_FILE: z.string().min(1).default(LINE_FILES.directory),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
  ANALYTICS_SALT: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .min(16, "must be a random secret of at least 16 characters, e.g. the output of `openssl rand -hex 32`")
      .optional(),
  ),
  /** Prometheus metrics at GET /metrics on their own port (unset: none), never on the webhook port. */
  METRICS_PORT: z.coerce
    .number({ error: METRICS_PORT_RANGE })
    .int(METRICS_PORT_RANGE)
    .min(1, METRICS_PORT_RANGE)
    .max(65535, METRICS_PORT_RANGE)
    .optional(),
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  /** The account call-backs are placed from (Twilio's REST API, with TWILIO_AUTH_TOKEN). */
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, "must be the account SID from the Twilio console: AC followed by 32 hex digits")
    .optional(),
  /** Where the REST client sends its requests: Twilio's API, or a local stand-in (the emulator's). */
  TWILIO_API_BASE_URL: z
    .url({
      protocol: /^https?$/,
      error: "must be an http(s) URL, e.g. https://api.twilio.com or http://127.0.0.1:4010",
    })
    .default("https://api.twilio.com"),
  /** 32 random bytes (hex or base64) that seal the numbers of call-backs at rest (AES-256-GCM). */
  CALLBACK_ENCRYPTION_KEY: z
    .string()
    .refine((v) => {
      try {
        parseCallbackKey(v);
        return true;
      } catch {
        return false;
      }
    }, "must be 32 random bytes as 64 hex digits or base64, e.g. the output of `openssl rand -hex 32`")
    .optional(),
  /** Run the call-back worker in this instance (`off`: an instance that only answers webhooks). */
  CALLBACK_WORKER: z.enum(["on", "off"]).default("on"),
});

const configSchema = fieldsSchema
  .superRefine((c, ctx) => {
    for (const issue of redisIssues(c)) ctx.addIssue({ code: "custom", ...issue });
    if (c.METRICS_PORT !== undefined && c.METRICS_PORT === c.PORT)
      ctx.addIssue({
        code: "custom",
        path: ["METRICS_PORT"],
        message: `is PORT (${c.PORT}): metrics are never served on the webhook port. Set another port, e.g. 9464`,
      });
    if (!c.TWILIO_AUTH_TOKEN && !c.ALLOW_UNSIGNED_WEBHOOKS)
      ctx.addIssue({
        code: "custom",
        path: ["TWILIO_AUTH_TOKEN"],
        message:
          "is not set, so webhooks could be forged. Set it to your Twilio auth token, or set ALLOW_UNSIGNED_WEBHOOKS=1 for local development only",
      });
    if (c.TWILIO_AUTH_TOKEN && !c.PUBLIC_BASE_URL && !c.ALLOW_HOST_HEADER_URL)
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_BASE_URL"],
        message:
          "is required when TWILIO_AUTH_TOKEN is set: without it signatures are checked against the Host header the client sends, so a request Twilio signed for another app of the account on the same path would pass. Set it to the https URL Twilio calls, or set ALLOW_HOST_HEADER_URL=1 if a proxy you trust sets the Host",
      });
  })
  .transform((c) => ({
    ...c,
    REDIS_REPLICA_WAIT_MS: c.REDIS_REPLICA_WAIT_MS ?? (c.REDIS_SENTINELS ? DEFAULT_SENTINEL_REPLICA_WAIT_MS : 0),
  }));

/** What is wrong with the Redis settings: Sentinels and a URL are alternatives, and each needs its partner. */
function redisIssues(c: z.infer<typeof fieldsSchema>): Array<{ path: [string]; message: string }> {
  const issues: Array<{ path: [string]; message: string }> = [];
  if (c.SESSION_STORE === "redis" && !c.REDIS_URL && !c.REDIS_SENTINELS)
    issues.push({
      path: ["REDIS_URL"],
      message:
        "is required when SESSION_STORE=redis, e.g. redis://127.0.0.1:6379 (or, for a primary that can fail over, REDIS_SENTINELS with REDIS_SENTINEL_MASTER)",
    });
  if (c.REDIS_URL && c.REDIS_SENTINELS)
    issues.push({
      path: ["REDIS_SENTINELS"],
      message:
        "and REDIS_URL are both set: set one. REDIS_SENTINELS (with REDIS_SENTINEL_MASTER) follows a primary Sentinel can replace; REDIS_URL names one Redis or a managed Redis's endpoint",
    });
  if (c.REDIS_SENTINELS && !c.REDIS_SENTINEL_MASTER)
    issues.push({
      path: ["REDIS_SENTINEL_MASTER"],
      message: "is required with REDIS_SENTINELS: the name the Sentinels monitor the primary under, e.g. mymaster",
    });
  if (!c.REDIS_SENTINELS && (c.REDIS_SENTINEL_MASTER || c.REDIS_SENTINEL_PASSWORD))
    issues.push({
      path: ["REDIS_SENTINELS"],
      message: `is required with ${c.REDIS_SENTINEL_MASTER ? "REDIS_SENTINEL_MASTER" : "REDIS_SENTINEL_PASSWORD"}: the Sentinels' host:port list, e.g. 10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379`,
    });
  return issues;
}

/** The service's configuration, parsed once from the environment at start. */
export type Config = z.infer<typeof configSchema>;

/**
 * Parses the environment; throws a `StartupError` naming each bad variable and how to fix it.
 * An empty variable (as `.env.example` leaves them) counts as unset, except where empty is a mistake (`PORT`).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const given = Object.fromEntries(
    Object.entries(env).filter(
      ([name, value]) => value !== undefined && (value.trim() !== "" || EMPTY_IS_INVALID.has(name)),
    ),
  );
  const parsed = configSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ✖ ${issue.path.join(".") || "environment"}: ${issue.message}`);
  throw new StartupError(`Invalid configuration:\n${lines.join("\n")}`);
}
