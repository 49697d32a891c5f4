import type { Server } from "node:http";
import { createApp } from "./app.js";
import { loadConfig } from "./config/loadConfig.js";
import { StartupError } from "./errors.js";
import { closeGracefully } from "./http/closeGracefully.js";
import { loadCallFlow } from "./line/loadCallFlow.js";
import { createLogger } from "./log/createLogger.js";
import { createStore } from "./session/createStore.js";

const started = performance.now();
let config: ReturnType<typeof loadConfig>;
let callFlow: ReturnType<typeof loadCallFlow>;
try {
  config = loadConfig();
  callFlow = loadCallFlow(config.FLOW_FILE, config.DIRECTORY_FILE);
} catch (error) {
  if (!(error instanceof StartupError)) throw error;
  process.stderr.write(`member-line cannot start.\n${error.message}\n`);
  process.exit(1);
}

const logger = createLogger(config.LOG_LEVEL);
if (!config.TWILIO_AUTH_TOKEN)
  logger.warn(
    "ALLOW_UNSIGNED_WEBHOOKS is set: Twilio signatures are NOT checked and anyone can drive this line. Local development only; set TWILIO_AUTH_TOKEN in production.",
  );
const store = await createStore(config);
if (config.SESSION_STORE === "redis") {
  // Calls arriving before the first connection would get the safe answer: wait for Redis briefly.
  const connected = await waitForStore(store, 5_000);
  if (!connected) logger.warn("Redis is not reachable yet; calls get the safe answer until it is");
}
const app = createApp({
  callFlow,
  store,
  logger,
  authToken: config.TWILIO_AUTH_TOKEN,
  publicBaseUrl: config.PUBLIC_BASE_URL,
  trustProxy: config.TRUST_PROXY,
  sessionTtlSeconds: config.SESSION_TTL_SECONDS,
});

const server: Server = app.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  logger.info(
    {
      port: typeof address === "object" && address ? address.port : config.PORT,
      store: config.SESSION_STORE,
      flow: config.FLOW_FILE,
      directory: config.DIRECTORY_FILE,
      signatures: config.TWILIO_AUTH_TOKEN ? "checked" : "NOT checked",
      startupMs: Math.round(performance.now() - started),
    },
    "member line listening",
  );
});
server.keepAliveTimeout = 65_000;

/** Pings the store until it answers or `withinMs` passes. */
async function waitForStore(s: typeof store, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  for (;;) {
    if (
      await s.ping().then(
        () => true,
        () => false,
      )
    )
      return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down: finishing in-flight requests");
  void closeGracefully(server, store, config.SHUTDOWN_GRACE_MS, logger).then((how) => {
    logger.info({ how }, "stopped");
    logger.flush(() => process.exit(how === "clean" ? 0 : 1));
  });
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
