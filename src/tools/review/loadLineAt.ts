import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { LINE_FILES } from "../../service/index.js";
import { type LineFiles, parseJsonInput, readInputFile, readLineFiles, UnusableInput } from "./loadLine.js";

/**
 * Reads the flow and directory files as they were at a git revision (`git show REV:./path`), paths taken
 * relative to `cwd`, which must be inside the repository. A file given from outside the repository (an
 * edited copy) is compared with the bundled file of that kind at the revision.
 */
export function readLineAt(revision: string, flowFile: string, directoryFile: string, cwd = process.cwd()): LineFiles {
  const flowAt = insideOf(cwd, flowFile) ? flowFile : LINE_FILES.flow;
  const directoryAt = insideOf(cwd, directoryFile) ? directoryFile : LINE_FILES.directory;
  const named = { flow: `${revision}:${flowAt}`, directory: `${revision}:${directoryAt}` };
  return {
    label: revision,
    source: {
      flowFile: named.flow,
      directoryFile: named.directory,
      flow: parseJsonInput(showAt(revision, flowAt, cwd), named.flow),
      directory: parseJsonInput(showAt(revision, directoryAt, cwd), named.directory),
    },
  };
}

/**
 * The line to compare with, as `--base` names it: `FLOW,DIRECTORY` (two files), one file (a flow or a
 * directory, told apart by its content; the other comes from `current`), or a git revision.
 */
export function readBaseLine(spec: string, current: LineFiles, cwd = process.cwd()): LineFiles {
  if (spec.includes(",")) {
    const [flowFile = "", directoryFile = "", ...rest] = spec.split(",");
    if (rest.length > 0 || flowFile === "" || directoryFile === "")
      throw new UnusableInput(`--base ${spec}: give two files, FLOW,DIRECTORY, or a git revision`);
    return readLineFiles(flowFile, directoryFile, `${flowFile} + ${directoryFile}`);
  }
  if (spec.endsWith(".json") || existsSync(path.resolve(cwd, spec))) {
    const json = parseJsonInput(readInputFile(path.resolve(cwd, spec)), spec);
    const has = (key: string) => typeof json === "object" && json !== null && key in json;
    if (has("menus")) return { label: spec, source: { ...current.source, flowFile: spec, flow: json } };
    if (has("regions")) return { label: spec, source: { ...current.source, directoryFile: spec, directory: json } };
    throw new UnusableInput(`--base ${spec}: is neither a flow (no "menus") nor a directory (no "regions")`);
  }
  return readLineAt(spec, current.source.flowFile, current.source.directoryFile, cwd);
}

function showAt(revision: string, file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join("/");
  try {
    // After --end-of-options, git reads the revision as one even when it starts with "-".
    return execFileSync("git", ["show", "--end-of-options", `${revision}:./${relative}`], {
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
