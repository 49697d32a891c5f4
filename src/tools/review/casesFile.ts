import type { z } from "zod";
import { type CasesFile, casesFileSchema, type Expectation, type LineCase } from "./casesSchema.js";
import { parseJsonInput, readInputFile, UnusableInput } from "./loadLine.js";
import { orderExpectation } from "./runCases.js";

/** The cases file of a flow: beside it, `flows/member-line.json` → `flows/member-line.cases.json`. */
export function casesFileOf(flowFile: string): string {
  return flowFile.replace(/(\.json)?$/i, ".cases.json");
}

/**
 * Reads and validates a cases file. Throws `UnusableInput` naming the file, and every problem with the case
 * (its index and name) and the field, when it cannot be read, is not JSON or does not validate.
 */
export function readCasesFile(file: string): CasesFile {
  const json = parseJsonInput(readInputFile(file), file);
  const parsed = casesFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  ${describeIssue(issue, json)}`);
  throw new UnusableInput(
    `${file} is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.join("\n")}\nFix the file (its schema: schemas/cases.schema.json).`,
  );
}

/** `cases[3] ("northwest 3").at: must be …`: where the problem is, with the case's name when it has one. */
function describeIssue(issue: z.core.$ZodIssue, json: unknown): string {
  const [first, index, ...rest] = issue.path;
  if (first !== "cases" || typeof index !== "number")
    return `${issue.path.join(".") || "(the file)"}: ${issue.message}`;
  const name = (json as { cases?: { name?: unknown }[] }).cases?.[index]?.name;
  const where = `cases[${index}]${typeof name === "string" && name.trim() !== "" ? ` ("${name}")` : ""}`;
  return `${[where, ...rest.map(String)].join(".")}: ${issue.message}`;
}

/**
 * The cases file's text with the expectations given (by case name) written in: the cases in their order,
 * each with its fields in one order (name, region or to, at, inputs, dial, expect), so that writing twice
 * writes the same bytes and a review in git shows only expectations that changed.
 */
export function writeCasesText(file: CasesFile, expectations: ReadonlyMap<string, Expectation>): string {
  const cases = file.cases.map((c) => renderCase(c, expectations.get(c.name) ?? c.expect));
  const head = file.$schema === undefined ? [] : [`  "$schema": ${JSON.stringify(file.$schema)},`];
  return `{\n${[...head, `  "cases": [\n${cases.join(",\n")}\n  ]`].join("\n")}\n}\n`;
}

/** One case, as Biome formats it: one field a line, short lists and the expectation inline. */
function renderCase(c: LineCase, expect: Expectation | undefined): string {
  const fields: [string, unknown][] = [
    ["name", c.name],
    ...(c.region === undefined ? [] : [["region", c.region] as [string, unknown]]),
    ...(c.to === undefined ? [] : [["to", c.to] as [string, unknown]]),
    ["at", c.at],
    ...(c.inputs.length === 0 ? [] : [["inputs", c.inputs] as [string, unknown]]),
    ...(c.dial.length === 0 ? [] : [["dial", c.dial] as [string, unknown]]),
    ...(expect === undefined ? [] : [["expect", orderExpectation(expect)] as [string, unknown]]),
  ];
  const lines = fields.map(([key, value]) => renderField(key, value, "      "));
  return `    {\n${lines.join(",\n")}\n    }`;
}

/** A field on one line when it fits in 120 columns, as Biome keeps it; else one entry a line. */
function renderField(key: string, value: unknown, indent: string): string {
  const inline = `${indent}${JSON.stringify(key)}: ${renderInline(value)}`;
  if (inline.length <= 120 || typeof value !== "object" || value === null) return inline;
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((v) => `${inner}${JSON.stringify(v)}`)
    : Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${indent}${JSON.stringify(key)}: ${open}\n${entries.join(",\n")}\n${indent}${close}`;
}

function renderInline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
  if (typeof value === "object" && value !== null)
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(", ")} }`;
  return JSON.stringify(value);
}
