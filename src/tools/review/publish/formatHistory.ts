import type { Publication } from "../../../service/index.js";

/** The history as people read it: newest first, the current publication marked with `*`. */
export function formatHistory(publications: readonly Publication[], current: string | null): string {
  if (publications.length === 0) return "Nothing published yet: every instance serves its own files.\n";
  const lines = publications.map((p, i) => {
    const mark = i === 0 && p.version === current ? "*" : " ";
    const message = p.message === "" ? "" : `  "${p.message}"`;
    const replaced = p.replaced === null ? "" : ` (replaced ${p.replaced})`;
    return `${mark} ${p.version}  ${p.at}  ${p.kind.padEnd(8)} by ${p.by}${message}\n    ${p.summary}${replaced}`;
  });
  return `${lines.join("\n")}\n`;
}

/** What a publication or rollback says once done. */
export function formatPublished(entry: Publication): string {
  const what = entry.kind === "rollback" ? "Rolled back to" : "Published";
  const replaced = entry.replaced === null ? "" : `, replacing ${entry.replaced}`;
  return `${what} version ${entry.version}${replaced}, by ${entry.by} at ${entry.at}.
  ${entry.summary}
Every instance serves it to new calls within 5 seconds; calls in progress finish on their version.
${entry.kind === "rollback" ? "See npm run flow -- history." : "Undo with npm run flow -- rollback."}
`;
}
