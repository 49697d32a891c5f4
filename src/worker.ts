import {
  compileLine,
  createCallbackDesk,
  createLogger,
  createStdoutDestination,
  loadConfig,
  readEnvFile,
  readLineSource,
  requireSharedQueue,
  StartupError,
  startCallbackWorker,
} from "./service/index.js";

/**
 * `npm run worker`: places the call-backs that come due, alone (no webhooks), with the server's settings
 * (`.env` too). Useful with `CALLBACK_WORKER=off` on the instances that answer calls.
 */
let desk: ReturnType<typeof createCallbackDesk>;
const logger = createLogger("info", createStdoutDestination());
try {
  const config = loadConfig(readEnvFile(".env"));
  requireSharedQueue(config, "npm run worker");
  const callFlow = compileLine(readLineSource(config.FLOW_FILE, config.DIRECTORY_FILE));
  desk = createCallbackDesk(config, { line: () => callFlow, clock: Date.now, logger });
  if (!desk)
    throw new StartupError(`${config.FLOW_FILE} offers no call-backs (no "callbacks" section): nothing to place`);
} catch (error) {
  if (!(error instanceof StartupError)) throw error;
  process.stderr.write(`call-back worker cannot start.\n${error.message}\n`);
  process.exit(1);
}
const worker = startCallbackWorker(desk, {
  clock: Date.now,
  onError: (err, id) => logger.warn({ err, id }, "call-back task failed; the queue tries it again"),
});
logger.info("call-back worker running");
const stop = () => {
  void worker
    .close()
    .then(() => desk?.queue.close())
    .finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
