import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import {
  DEFAULT_DIRECTORY_FILE,
  DEFAULT_FLOW_FILE,
  type LineSource,
  readInputFile,
  readLineFiles,
  UnusableInput,
} from "./loadLine.js";

/**
 * Reads the flow and directory files as they were at a git revision (`git show REV:./path`), paths taken
 * relative to `cwd`, which must be inside the repository. A file given from outside the repository (an
 * edited copy) is compared with the bundled file of that kind at the revision.
 */
export function readLineAt(revision: string, flowFile: string, directoryFile: string, cwd = process.cwd()): LineSource {
  const flowAt = insideOf(cwd, flowFile) ? flowFile : DEFAULT_FLOW_FILE;
  const directoryAt = insideOf(cwd, directoryFile) ? directoryFile : DEFAULT_DIRECTORY_FILE;
  return {
    label: revision,
    flowFile: `${revision}:${flowAt}`,
    directoryFile: `${revision}:${directoryAt}`,
    flowText: showAt(revision, flowAt, cwd),
    directoryText: showAt(revision, directoryAt, cwd),
  };
}

/**
 * The line to compare with, as `--base` names it: `FLOW,DIRECTORY` (two files), one file (a flow or a
 * directory, told apart by its content; the other comes from `current`), or a git revision.
 */
export function readBaseLine(spec: string, current: LineSource, cwd = process.cwd()): LineSource {
  if (spec.includes(",")) {
    const [flowFile = "", directoryFile = "", ...rest] = spec.split(",");
    if (rest.length > 0 || flowFile === "" || directoryFile === "")
      throw new UnusableInput(`--base ${spec}: give two files, FLOW,DIRECTORY, or a git revision`);
    return readLineFiles(flowFile, directoryFile, `${flowFile} + ${directoryFile}`);
  }
  if (spec.endsWith(".json") || existsSync(path.resolve(cwd, spec))) {
    const text = readInputFile(path.resolve(cwd, spec));
    if (/"menus"\s*:/.test(text)) return { ...current, label: spec, flowFile: spec, flowText: text };
    if (/"regions"\s*:/.test(text)) return { ...current, label: spec, directoryFile: spec, directoryText: text };
    throw new UnusableInput(`--base ${spec}: is neither a flow (no "menus") nor a directory (no "regions")`);
  }
  return readLineAt(spec, current.flowFile, current.directoryFile, cwd);
}

function showAt(revision: string, file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join("/");
  try {
    return execFileSync("git", ["show", `${revision}:./${relative}`], {
      cwd,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim();
    throw new UnusableInput(
      `${revision}:${relative}: git cannot show it (${stderr || (error as Error).message}). ` +
        "Give a revision that has the file (e.g. HEAD~1), or two files: --base FLOW,DIRECTORY.",
    );
  }
}

/** Whether a file is under `cwd` (in the repository), not a copy elsewhere. */
function insideOf(cwd: string, file: string): boolean {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
