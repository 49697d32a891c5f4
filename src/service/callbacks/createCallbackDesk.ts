import type { Logger } from "pino";
import type { Config } from "../config/loadConfig.js";
import { StartupError } from "../errors.js";
import type { CallFlow } from "../flow/compileFlow.js";
import { CallbackDesk, type CallbackDeskDeps } from "./callbackDesk.js";
import { createCallbackQueue } from "./createCallbackQueue.js";
import { createCallPlacer } from "./placeCall.js";
import { type CallbackKey, createCallbackKey, parseCallbackKey } from "./sealNumber.js";

/** What the desk is built from besides the configuration. */
export interface CallbackDeskSetup {
  readonly line: () => CallFlow;
  readonly clock: () => number;
  readonly logger: Logger;
  /** Told of every call-back record the desk writes (the metrics count them). */
  readonly onRecord?: CallbackDeskDeps["onRecord"];
}

/**
 * The call-backs the configuration asks for, or undefined when the line offers none (no `callbacks` in the
 * flow). The queue is on the session store's Redis (BullMQ, at `REDIS_URL` or the primary `REDIS_SENTINELS`
 * name) with `SESSION_STORE=redis`, else this process's memory (see `chooseCallbackQueue`). Refuses to start,
 * saying why, without `CALLBACK_ENCRYPTION_KEY` when a real Twilio account places the calls; without it
 * otherwise, a random key of this process (announced).
 */
export function createCallbackDesk(config: Config, setup: CallbackDeskSetup): CallbackDesk | undefined {
  if (!setup.line().flow.callbacks) return undefined;
  const key = readKey(config, setup.logger);
  const queue = createCallbackQueue(config, setup);
  const placeCall =
    config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN
      ? createCallPlacer({
          accountSid: config.TWILIO_ACCOUNT_SID,
          authToken: config.TWILIO_AUTH_TOKEN,
          apiBaseUrl: config.TWILIO_API_BASE_URL,
        })
      : undefined;
  return new CallbackDesk({
    queue,
    key,
    clock: setup.clock,
    line: setup.line,
    placeCall,
    publicBaseUrl: config.PUBLIC_BASE_URL ?? `http://127.0.0.1:${config.PORT}`,
    logger: setup.logger,
    onRecord: setup.onRecord,
  });
}

function readKey(config: Config, logger: Logger): CallbackKey {
  if (config.CALLBACK_ENCRYPTION_KEY) return parseCallbackKey(config.CALLBACK_ENCRYPTION_KEY);
  if (config.TWILIO_AUTH_TOKEN && config.TWILIO_ACCOUNT_SID)
    throw new StartupError(
      "Invalid configuration:\n  ✖ CALLBACK_ENCRYPTION_KEY: is required when the line offers call-backs and a real Twilio account places them: members' numbers must be sealed with a key you keep. Set it to 32 random bytes, e.g. `openssl rand -hex 32` (keep it secret and stable)",
    );
  logger.warn(
    config.SESSION_STORE === "redis"
      ? "CALLBACK_ENCRYPTION_KEY is not set: call-back numbers are sealed with a random key of this process, which no other instance (nor this one, restarted) can open; set it on every instance"
      : "CALLBACK_ENCRYPTION_KEY is not set: call-back numbers are sealed with a random key of this process (local development only)",
  );
  return createCallbackKey();
}
