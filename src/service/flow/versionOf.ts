import { createHash } from "node:crypto";

/**
 * The version of a line: a content hash of its flow and directory (as parsed JSON), so the same files
 * give the same version on every instance. 16 hex digits.
 */
export function hashLine(flowJson: unknown, directoryJson: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify([flowJson, directoryJson]))
    .digest("hex")
    .slice(0, 16);
}
