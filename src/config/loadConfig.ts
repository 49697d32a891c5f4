import { z } from "zod";
import { StartupError } from "../errors.js";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    TWILIO_AUTH_TOKEN: z.string().min(16, "must be the 32-character auth token from the Twilio console").optional(),
    ALLOW_UNSIGNED_WEBHOOKS: flag.default(false),
    PUBLIC_BASE_URL: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://abc123.ngrok.app" })
      .transform((u) => u.replace(/\/+$/, ""))
      .optional(),
    TRUST_PROXY: z
      .string()
      .default("false")
      .transform((v): boolean | number | string =>
        v === "true" ? true : v === "false" ? false : /^\d+$/.test(v) ? Number(v) : v,
      ),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SESSION_STORE: z.enum(["memory", "redis"]).default("memory"),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
    SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(14_400),
    FLOW_FILE: z.string().min(1).default("flows/member-line.json"),
    DIRECTORY_FILE: z.string().min(1).default("data/directory.json"),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
    ANALYTICS_SALT: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .min(16, "must be a random secret of at least 16 characters, e.g. the output of `openssl rand -hex 32`")
        .optional(),
    ),
  })
  .superRefine((c, ctx) => {
    if (c.SESSION_STORE === "redis" && !c.REDIS_URL)
      ctx.addIssue({
        code: "custom",
        path: ["REDIS_URL"],
        message: "is required when SESSION_STORE=redis, e.g. redis://127.0.0.1:6379",
      });
    if (!c.TWILIO_AUTH_TOKEN && !c.ALLOW_UNSIGNED_WEBHOOKS)
      ctx.addIssue({
        code: "custom",
        path: ["TWILIO_AUTH_TOKEN"],
        message:
          "is not set, so webhooks could be forged. Set it to your Twilio auth token, or set ALLOW_UNSIGNED_WEBHOOKS=1 for local development only",
      });
  });

/** The service's configuration, parsed once from the environment at start. */
export type Config = z.infer<typeof configSchema>;

/** Parses the environment; throws a `StartupError` naming each bad variable and how to fix it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ✖ ${issue.path.join(".") || "environment"}: ${issue.message}`);
  throw new StartupError(`Invalid configuration:\n${lines.join("\n")}`);
}
