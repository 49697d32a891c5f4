import { type DestinationStream, type LevelWithSilent, type Logger, pino } from "pino";
import { createStdoutDestination } from "./stdoutDestination.js";

/**
 * The service's structured JSON logger. Callers' numbers and speech are never passed to it in full:
 * routes mask numbers first, and these paths are redacted as a second guard. Without a destination it
 * writes to stdout asynchronously (see `createStdoutDestination`).
 */
export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "member-line" },
      // Event records carry their own `time` (the line's clock, the time of the call); every other line gets now.
      timestamp: false,
      mixin: (fields) => ("time" in fields ? {} : { time: Date.now() }),
      redact: {
        paths: ["From", "Caller", "SpeechResult", "*.From", "*.Caller", "*.SpeechResult", "*.UnstableSpeechResult"],
        censor: "[redacted]",
      },
    },
    destination ?? createStdoutDestination(),
  );
}
