import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { LINE_FILES } from "../../service/index.js";
import type { Line } from "./loadLine.js";
import { COMMITTED_DIAGRAMS, type DiagramFormat, renderLineDiagram } from "./renderLineDiagram.js";
import { REVIEW_END, REVIEW_START, renderTranslationReview } from "./renderTranslationReview.js";
import type { Finding } from "./rules/checkContext.js";

/** What is committed beside the line and drawn or listed from it. */
export interface CommittedExports {
  /** Diagrams of the line (`flows/member-line.svg`, `.mmd`). */
  readonly diagrams: ReadonlyArray<{ readonly file: string; readonly format: DiagramFormat }>;
  /** A Markdown file listing the flow's translations awaiting review between its marks (the README). */
  readonly translations?: { readonly file: string; readonly flowFile: string; readonly flowJson: unknown };
}

/** The file whose list of translations `npm run translations` writes. */
export const TRANSLATIONS_LIST_FILE = "README.md";

/**
 * What is committed from the bundled line (its diagrams, the README's translations), when the files checked
 * are the bundled ones; nothing for other files (a copy elsewhere has no committed exports).
 */
export function committedExportsOf(flowFile: string, directoryFile: string, flowJson: unknown): CommittedExports {
  const same = (a: string, b: string) => path.resolve(a) === path.resolve(b);
  if (!same(flowFile, LINE_FILES.flow) || !same(directoryFile, LINE_FILES.directory)) return { diagrams: [] };
  return {
    diagrams: COMMITTED_DIAGRAMS,
    translations: { file: TRANSLATIONS_LIST_FILE, flowFile: LINE_FILES.flow, flowJson },
  };
}

/**
 * The committed exports of a line that no longer match it (rule `stale-export`, errors): a diagram that does not
 * draw the line as it is, or a list of translations to review that is not the flow's. Each names the command
 * that writes it again. A file that is not there is not committed, and is not checked.
 */
export async function findStaleExports(line: Line, committed: CommittedExports): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const { file, format } of committed.diagrams) {
    if (!existsSync(file)) continue;
    if (readFileSync(file, "utf8") !== (await renderLineDiagram(line, { format })))
      findings.push(stale(file, `does not draw the line as it is: run npm run flow -- diagram --out ${file}`));
  }
  const list = committed.translations;
  if (list !== undefined && existsSync(list.file)) {
    const text = readFileSync(list.file, "utf8");
    const start = text.indexOf(REVIEW_START);
    const end = text.indexOf(REVIEW_END);
    if (
      start !== -1 &&
      end !== -1 &&
      text.slice(start, end + REVIEW_END.length) !== renderTranslationReview(list.flowJson, list.flowFile)
    )
      findings.push(
        stale(
          list.file,
          `its list of translations awaiting review is not ${list.flowFile}'s: run npm run translations`,
        ),
      );
  }
  return findings;
}

function stale(where: string, message: string): Finding {
  return { rule: "stale-export", severity: "error", where, message };
}
