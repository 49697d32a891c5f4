/**
 * `npm run callbacks -- list [--json]` and `npm run callbacks -- cancel ID`: the operator's view of the
 * call-backs queued (the server's settings, `.env` too: SESSION_STORE=redis with REDIS_URL, or REDIS_SENTINELS
 * and REDIS_SENTINEL_MASTER, for the shared queue; CALLBACK_ENCRYPTION_KEY). Numbers are shown masked, by their
 * last digits only.
 */
import {
  compileLine,
  createCallbackDesk,
  createLogger,
  describeRedisTarget,
  loadConfig,
  type QueuedCallback,
  readEnvFile,
  readLineSource,
  redisTargetOf,
  requireSharedQueue,
  StartupError,
  toLocalTime,
} from "../../service/index.js";

const USAGE = `Usage:
  npm run callbacks -- list [--json]   the call-backs queued: id, team, region, masked number, due (region's time), tries
  npm run callbacks -- cancel ID       cancels a call-back (its number is deleted)`;

/** One call-back as the list shows it: never the number, only its last digits. */
export function describeCallback(c: QueuedCallback, timeZone: string | undefined) {
  const local = timeZone ? toLocalTime(c.due, timeZone) : undefined;
  const clock = local
    ? `${String(Math.floor(local.minutes / 60)).padStart(2, "0")}:${String(local.minutes % 60).padStart(2, "0")}`
    : "";
  return {
    id: c.id,
    team: c.team,
    region: c.region,
    language: c.language,
    number: `***${c.lastDigits}`,
    due: new Date(c.due).toISOString(),
    dueLocal: local ? `${local.weekday} ${local.date} ${clock}` : undefined,
    ...(c.dueBy === undefined ? {} : { dueBy: new Date(c.dueBy).toISOString() }),
    attempts: c.attempts,
    placed: c.placed !== undefined,
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== "list" && command !== "cancel") {
    process.stderr.write(`${USAGE}\n`);
    return command === "--help" || command === "-h" ? 0 : 2;
  }
  const config = loadConfig({ ALLOW_UNSIGNED_WEBHOOKS: "1", ...readEnvFile(".env") });
  requireSharedQueue(config, "npm run callbacks");
  const callFlow = compileLine(readLineSource(config.FLOW_FILE, config.DIRECTORY_FILE));
  const desk = createCallbackDesk(config, {
    line: () => callFlow,
    clock: Date.now,
    logger: createLogger("warn", process.stderr),
  });
  if (!desk) throw new StartupError(`${config.FLOW_FILE} offers no call-backs (no "callbacks" section)`);
  try {
    if (command === "cancel") {
      const id = rest[0];
      if (!id || !/^[0-9a-f]{32}$/.test(id)) {
        process.stderr.write(`cancel needs a call-back's id (32 hex digits, from list)\n\n${USAGE}\n`);
        return 2;
      }
      const cancelled = await desk.cancel(id);
      process.stdout.write(cancelled ? `Cancelled ${id}; its number is deleted.\n` : `No call-back ${id} is queued.\n`);
      return cancelled ? 0 : 1;
    }
    const zoneOf = (region: string) => callFlow.directory.regionById.get(region)?.timeZone;
    const listed = (await desk.queue.list()).map((c) => describeCallback(c, zoneOf(c.region)));
    if (rest.includes("--json")) process.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
    else if (listed.length === 0) process.stdout.write("No call-backs queued.\n");
    else
      for (const c of listed)
        process.stdout.write(
          `${c.id}  ${c.team.padEnd(16)} ${c.region.padEnd(12)} ${c.number}  due ${c.dueLocal ?? c.due}  ${c.language}  tries ${c.attempts}${c.placed ? " (placed, awaiting its outcome)" : ""}\n`,
        );
    return 0;
  } catch (error) {
    const redis = config.SESSION_STORE === "redis" ? ` at ${describeRedisTarget(redisTargetOf(config))}` : "";
    process.stderr.write(
      `The call-back queue${redis} did not answer (${(error as Error).message}). Check REDIS_URL (or REDIS_SENTINELS and REDIS_SENTINEL_MASTER) and that Redis is up.\n`,
    );
    return 1;
  } finally {
    await desk.queue.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof StartupError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  },
);
