import sonicBoom, { type SonicBoom } from "sonic-boom";

/** Log bytes buffered while stdout does not take them; past it new lines are dropped, not held in memory. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/**
 * Standard output for the logs, written asynchronously, that never holds the process up. Unlike
 * `pino.destination()` it does not flush synchronously on exit: when the reader of a pipe (e.g.
 * `| pino-pretty`) stops reading or goes away, that flush retries forever and the process never exits.
 * Whoever exits on purpose ends the stream and exits on its `close`, with a time limit of their own.
 */
export function createStdoutDestination(): SonicBoom {
  const stream = new sonicBoom.SonicBoom({
    // process.stdout's descriptor, which Node has made non-blocking, so a full pipe never blocks a thread.
    fd: process.stdout.fd,
    sync: false,
    maxLength: MAX_BUFFERED_BYTES,
  });
  // A reader that has gone away (EPIPE): the lines are lost, and the service goes on.
  stream.on("error", () => {});
  return stream;
}
