import type { Server } from "node:http";
import type { CallFlow } from "./service/index.js";
import {
  type Config,
  chooseCallbackQueue,
  closeGracefully,
  compileLine,
  countCallEvent,
  countReload,
  createApp,
  createCallbackDesk,
  createLineRegistry,
  createLogger,
  createMetrics,
  createStdoutDestination,
  createStore,
  describeRedisTarget,
  followPublished,
  listCautions,
  loadConfig,
  measureStore,
  openPublishedLines,
  readEnvFile,
  readLineSource,
  redisTargetOf,
  StartupError,
  startCallbackWorker,
  startMetricsServer,
  startServer,
  watchLineFiles,
} from "./service/index.js";

/**
 * Stops the start with the reason on stderr, written at once (log lines still buffered are dropped:
 * the reason is what matters, and a stuck log reader must not hold the exit).
 */
function failToStart(error: unknown): never {
  if (!(error instanceof StartupError)) throw error;
  process.stderr.write(`member-line cannot start.\n${error.message}\n`);
  process.exit(1);
}

const started = performance.now();
let config: Config;
let callFlow: CallFlow;
try {
  config = loadConfig(readEnvFile(".env"));
  callFlow = compileLine(readLineSource(config.FLOW_FILE, config.DIRECTORY_FILE));
} catch (error) {
  failToStart(error);
}

const logStream = createStdoutDestination();
const logger = createLogger(config.LOG_LEVEL, logStream);
if (!config.TWILIO_AUTH_TOKEN)
  logger.warn(
    "ALLOW_UNSIGNED_WEBHOOKS is set: Twilio signatures are NOT checked and anyone can drive this line. Local development only; set TWILIO_AUTH_TOKEN in production.",
  );
else if (!config.PUBLIC_BASE_URL)
  logger.warn(
    "ALLOW_HOST_HEADER_URL is set: signatures are checked against the Host header each request claims. Only safe behind a proxy that sets the Host itself; set PUBLIC_BASE_URL instead.",
  );
// Metrics only when asked for (METRICS_PORT): every store operation is then timed.
const metrics = config.METRICS_PORT === undefined ? undefined : createMetrics({ processMetrics: true });
const unmeasured = await createStore(config, logger);
const store = metrics ? measureStore(unmeasured, metrics) : unmeasured;
/** Where the Redis store is (password hidden), for the log. */
const redis = config.SESSION_STORE === "redis" ? describeRedisTarget(redisTargetOf(config)) : undefined;
let storeFailure: Error | undefined;
if (redis) {
  // Calls arriving before the first connection would get the safe answer: wait for Redis briefly.
  const failure = await waitForStore(store, 5_000);
  storeFailure = failure;
  if (failure)
    logger.warn(
      { redis, cause: failure.message },
      `Redis at ${redis} is not reachable yet (${failure.message}); calls get the safe answer and /healthz answers 503 until it is`,
    );
}
for (const caution of listCautions(callFlow.directory))
  logger.warn(
    { where: caution.where, file: config.DIRECTORY_FILE },
    `to confirm before going live: ${caution.message}`,
  );

// With Redis, the line is published to every instance (npm run flow -- publish): opened beside the store.
const published = config.SESSION_STORE === "redis" ? openPublishedLines(config) : undefined;
const lines = createLineRegistry({
  initial: callFlow,
  store,
  sessionTtlSeconds: config.SESSION_TTL_SECONDS,
  read: () => readLineSource(config.FLOW_FILE, config.DIRECTORY_FILE),
  onStoreError: (error, version) =>
    logger.warn(
      { version, err: error },
      "could not keep this version of the line in the store; instances started on another version cannot finish its calls until it can",
    ),
  ...(metrics ? { onReload: (result) => countReload(metrics, result, lines.current()) } : {}),
  ...(published ? { ask: (version: string) => published.want(version) } : {}),
});
// The published line, when there is one, is served instead of the files, before the first call.
const follower = published ? followPublished({ published, lines, logger }) : undefined;
if (follower && !storeFailure) {
  await Promise.race([follower.listening, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  await follower.ready();
}
let callbacks: ReturnType<typeof createCallbackDesk>;
try {
  callbacks = createCallbackDesk(config, {
    line: () => lines.current(),
    clock: Date.now,
    logger,
    ...(metrics ? { onRecord: (record) => countCallEvent(metrics, record, "callback") } : {}),
  });
} catch (error) {
  failToStart(error);
}
if (callbacks && !(config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN))
  logger.warn(
    "call-backs are offered and queued, but TWILIO_ACCOUNT_SID or TWILIO_AUTH_TOKEN is not set: none can be placed (each is given up when due)",
  );
// Every instance places the call-backs that come due, unless told not to (CALLBACK_WORKER=off).
const callbackWorker =
  callbacks && config.CALLBACK_WORKER === "on"
    ? startCallbackWorker(callbacks, {
        clock: Date.now,
        onError: (err, id) => logger.warn({ err, id }, "call-back task failed; the queue tries it again"),
      })
    : undefined;
const app = createApp({
  callbacks,
  lines,
  store,
  logger,
  authToken: config.TWILIO_AUTH_TOKEN,
  publicBaseUrl: config.PUBLIC_BASE_URL,
  trustProxy: config.TRUST_PROXY,
  sessionTtlSeconds: config.SESSION_TTL_SECONDS,
  analyticsSalt: config.ANALYTICS_SALT,
  metrics,
});

let server: Server;
let metricsServer: Server | undefined;
try {
  // Metrics first: a METRICS_PORT that cannot be served stops the start before the webhooks listen.
  if (metrics && config.METRICS_PORT !== undefined)
    metricsServer = await startMetricsServer(
      metrics.registry,
      { port: config.METRICS_PORT, host: config.METRICS_HOST },
      logger,
    );
  server = await startServer(app, { port: config.PORT, host: config.HOST }, logger, {
    maxConnections: config.MAX_CONNECTIONS,
  });
} catch (error) {
  failToStart(error);
}
const address = server.address();
logger.info(
  {
    port: typeof address === "object" && address ? address.port : config.PORT,
    store: config.SESSION_STORE,
    ...(redis ? { redis, replicaWaitMs: config.REDIS_REPLICA_WAIT_MS } : {}),
    flow: config.FLOW_FILE,
    directory: config.DIRECTORY_FILE,
    version: lines.current().version,
    origin: lines.origin().from,
    signatures: config.TWILIO_AUTH_TOKEN ? "checked" : "NOT checked",
    metrics: metricsServer ? `http://${config.METRICS_HOST}:${config.METRICS_PORT}/metrics` : "off",
    callbacks: callbacks
      ? `on (queue ${chooseCallbackQueue(config).kind}, worker ${callbackWorker ? "on" : "off"})`
      : "off",
    startupMs: Math.round(performance.now() - started),
  },
  "member line listening",
);

/** Pings the store until it answers or `withinMs` passes; resolves the last failure, or undefined once it answers. */
async function waitForStore(s: typeof store, withinMs: number): Promise<Error | undefined> {
  const until = Date.now() + withinMs;
  for (;;) {
    const failure = await s.ping().then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    if (!failure || Date.now() > until) return failure;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Re-reads the flow and the directory: a valid change is served to new calls at once (calls in progress
 * finish on their version); an invalid one is refused with the message start-up would give, and the line
 * keeps serving what it served.
 */
async function reload(why: string): Promise<void> {
  const result = await lines.reload();
  if (result.ok) logger.info({ why, version: result.version, changed: result.changed }, "line reloaded");
  else
    logger.error(
      { why, version: result.version, err: result.error.message },
      `line reload refused; still serving version ${result.version}\n${result.error.message}`,
    );
}
process.on("SIGHUP", () => void reload("SIGHUP"));
const stopWatching = config.RELOAD_ON_CHANGE
  ? watchLineFiles([config.FLOW_FILE, config.DIRECTORY_FILE], () => void reload("file changed"))
  : undefined;

let stopping = false;
/**
 * First signal: stop accepting, let in-flight turns finish for most of SHUTDOWN_GRACE_MS, close the store,
 * exit. A hard timer exits within SHUTDOWN_GRACE_MS whatever happens (a log reader that stopped reading
 * would otherwise hold the flush forever); the exit's own log flush is bounded too. A second signal exits at once.
 */
function shutdown(signal: string): void {
  if (stopping) process.exit(1);
  stopping = true;
  stopWatching?.();
  follower?.stop();
  void published?.close();
  lines.close();
  const graceMs = config.SHUTDOWN_GRACE_MS;
  setTimeout(() => process.exit(1), graceMs).unref();
  logger.info({ signal, graceMs }, "shutting down: finishing in-flight requests");
  // The call-back worker stops taking tasks at once (a task it was placing is another worker's, or its check's).
  const callbacksClosed = Promise.race([
    (async () => {
      await callbackWorker?.close();
      await callbacks?.queue.close();
    })().catch(() => undefined),
    new Promise((r) => setTimeout(r, Math.floor(graceMs * 0.2)).unref()),
  ]);
  void closeGracefully(server, store, Math.floor(graceMs * 0.8), logger).then(async (how) => {
    await callbacksClosed;
    // Metrics are served while in-flight turns finish, then closed with the rest.
    metricsServer?.close();
    metricsServer?.closeAllConnections();
    logger.info({ how }, "stopped");
    // Exit once the last lines are written (or stdout is gone); the hard timer covers a reader that never reads.
    const code = how === "clean" ? 0 : 1;
    logStream.once("close", () => process.exit(code));
    logStream.once("error", () => process.exit(code));
    logStream.end();
  });
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
