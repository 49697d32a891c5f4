import { z } from "zod";
import { readJsonFile } from "../config/readJsonFile.js";
import { failWith, listIssues } from "../errors.js";
import type { Directory } from "../types.js";
import { checkFlow } from "./checkFlow.js";
import { type FlowFile, flowFileSchema } from "./schema.js";

/** Reads and validates a flow file against its schema and the directory it routes into. */
export function loadFlow(file: string, directory: Directory): FlowFile {
  return parseFlow(readJsonFile(file), file, directory);
}

/** Validates flow JSON already in memory; `file` is only used in messages. */
export function parseFlow(json: unknown, file: string, directory: Directory): FlowFile {
  const parsed = flowFileSchema.safeParse(json);
  if (!parsed.success) failWith(file, [nameOptionKeys(z.prettifyError(parsed.error), json)]);
  const problems = checkFlow(parsed.data, directory);
  if (problems.length > 0)
    failWith(
      file,
      problems.map((p) => nameOptionKeys(p, json)),
    );
  return parsed.data;
}

/**
 * Reviews flow JSON without failing (as `parseFlow` does at start): every problem, one line each naming the
 * field and the fix, none when the flow is valid. Without a directory (one that does not load), what
 * depends on it is not checked, so that the rest of the flow still is.
 */
export function reviewFlow(json: unknown, directory: Directory | undefined): string[] {
  const parsed = flowFileSchema.safeParse(json);
  const problems = parsed.success ? checkFlow(parsed.data, directory) : listIssues(parsed.error);
  return problems.map((p) => nameOptionKeys(p, json));
}

/**
 * Names an option by the key callers press beside its place in the file, e.g.
 * `menus.main.options[2] (key 3)`, so the option is found at a glance.
 */
function nameOptionKeys(message: string, json: unknown): string {
  const flow = json as { menus?: Record<string, { options?: unknown[] }>; anytime?: unknown[] } | null;
  const keyAt = (options: unknown[] | undefined, index: string) => {
    const key = (options?.[Number(index)] as { key?: unknown } | undefined)?.key;
    return typeof key === "string" ? key : undefined;
  };
  return message
    .replace(/menus\.(\w+)\.options\[(\d+)\]/g, (place, menu: string, index: string) => {
      const key = keyAt(flow?.menus?.[menu]?.options, index);
      return key === undefined ? place : `${place} (key ${key})`;
    })
    .replace(/\banytime\[(\d+)\]/g, (place, index: string) => {
      const key = keyAt(flow?.anytime, index);
      return key === undefined ? place : `${place} (key ${key})`;
    });
}
