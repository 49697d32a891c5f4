import { createHash } from "node:crypto";
import { parseDirectory } from "../directory/loadDirectory.js";
import type { Directory } from "../types.js";
import type { CallFlow } from "./compileFlow.js";
import { parseFlow } from "./loadFlow.js";
import type { FlowFile } from "./schema.js";

/** Hex digits kept of the SHA-256: enough to tell versions of one line apart. */
const VERSION_LENGTH = 12;

const versions = new WeakMap<CallFlow, string>();

/**
 * The version of a line: a content hash of what its flow and directory make the line do, as validated.
 * Formatting, key order, `$schema` and what only documents the data (quotes, reasons, assumptions) leave
 * it unchanged; any prompt, option, number, hour or limit changes it. Throws the loaders' `StartupError`
 * when either file is invalid.
 */
export function hashLine(flowJson: unknown, directoryJson: unknown): string {
  const directory = parseDirectory(directoryJson, "directory");
  return hashOf(parseFlow(flowJson, "flow", directory), directory);
}

/** The version of a compiled line (the same as `hashLine` of its files), computed once per line. */
export function versionOf(callFlow: CallFlow): string {
  let version = versions.get(callFlow);
  if (version === undefined) {
    version = hashOf(callFlow.flow, callFlow.directory);
    versions.set(callFlow, version);
  }
  return version;
}

function hashOf(flow: FlowFile, directory: Directory): string {
  const { $schema: _schema, ...content } = flow;
  const text = canonicalJson({ flow: content, directory: plainDirectory(directory) });
  return createHash("sha256").update(text).digest("hex").slice(0, VERSION_LENGTH);
}

/** The directory as plain data, without its file name or the indexes derived from its regions. */
function plainDirectory(directory: Directory): unknown {
  return {
    teams: directory.teams,
    sources: directory.sources,
    unknownRegionRepresentative: directory.unknownRegionRepresentative,
    regions: directory.regions.map((r) => ({
      ...r,
      teams: Object.fromEntries(
        [...r.teams].map(([team, line]) => [
          team,
          { ...line, hours: { ...line.hours, closures: [...line.hours.closures].sort() } },
        ]),
      ),
    })),
  };
}

/** JSON with every object's keys sorted, so equal content gives equal text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
