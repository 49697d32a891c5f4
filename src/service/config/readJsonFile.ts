import { readFileSync } from "node:fs";
import { type ParseError, parse, printParseErrorCode } from "jsonc-parser";
import { StartupError } from "../errors.js";

/** What each syntax error means, in words an editor of the file can act on. */
const REASONS: Partial<Record<ReturnType<typeof printParseErrorCode>, string>> = {
  InvalidSymbol: "unexpected character (strings and names take double quotes; true, false and null are lowercase)",
  InvalidNumberFormat: "not a valid number",
  PropertyNameExpected: 'a property name in double quotes is expected (is there a comma before a "}"?)',
  ValueExpected: "a value is expected (is there a comma before a ']' or '}', or nothing after a ':'?)",
  ColonExpected: "a ':' is expected after the property name",
  CommaExpected: "a ',' is expected between two entries",
  CloseBraceExpected: "a '}' is expected to close the object",
  CloseBracketExpected: "a ']' is expected to close the list",
  EndOfFileExpected: "the JSON has ended, yet more follows",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "comments are not allowed in JSON",
  UnexpectedEndOfString: "a string is not closed (a missing '\"', or a line break inside it)",
  UnexpectedEndOfNumber: "a number ends too early",
  InvalidUnicode: "an invalid \\u escape",
  InvalidEscapeCharacter: 'an invalid escape: a backslash in a string must be \\\\ or one of \\n \\t \\" \\/ \\uXXXX',
  InvalidCharacter: "a control character (e.g. a tab or line break) inside a string; write it as \\t or \\n",
};

/**
 * Reads and parses a JSON file, failing with a `StartupError` that names the file and, for a syntax
 * error, the line and column with the offending line shown. A leading byte-order mark is ignored.
 */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const detail = `cannot be read (${(error as Error).message}). Check the path.`;
    throw new StartupError(`${file}: ${detail}`, { file, summary: "cannot be read", detail });
  }
  return parseJsonText(text, file);
}

/**
 * Parses JSON text read from `file` (a file, or a file at a git revision for the review tools), failing as
 * `readJsonFile` does: a `StartupError` naming the file, the line and column, with the offending line shown.
 */
export function parseJsonText(text: string, file: string): unknown {
  const content = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(content);
  } catch (error) {
    const { where, detail } = describeSyntaxError(content, (error as Error).message);
    throw new StartupError(`${file}: ${detail}`, { file, summary: `is not valid JSON${where}`, detail });
  }
}

/**
 * Locates the first syntax error (the built-in parser does not always say where) and describes it: where
 * (` at line 3, column 25`, or nothing when it cannot be told) and the detail, the offending line shown.
 */
function describeSyntaxError(text: string, fallback: string): { where: string; detail: string } {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { where: "", detail: `is not valid JSON (${fallback}).` };
  const code = printParseErrorCode(first.error);
  const reason = text.trim() === "" ? "the file is empty" : (REASONS[code] ?? code);
  const before = text.slice(0, first.offset);
  const line = before.split("\n").length;
  const column = first.offset - (before.lastIndexOf("\n") + 1) + 1;
  const source = (text.split("\n")[line - 1] ?? "").replace(/\r$/, "");
  const shown = source.length > 100 ? `${source.slice(0, 100)}…` : source;
  const gutter = `${line} | `;
  const caret = column <= 101 ? `\n${" ".repeat(gutter.length + column - 1)}^` : "";
  const where = ` at line ${line}, column ${column}`;
  return { where, detail: `is not valid JSON${where}: ${reason}.\n${gutter}${shown}${caret}` };
}
