import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { renderSchemas } from "../../src/tools/schemas/renderSchemas.js";

describe("JSON Schemas for editors", () => {
  const rendered = Object.entries(renderSchemas());

  test.each(rendered)("%s is up to date with the zod schema (run `npm run schemas` when this fails)", (file, text) => {
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  test.each([
    ["flows/member-line.json", "../schemas/flow.schema.json"],
    ["data/directory.json", "../schemas/directory.schema.json"],
    ["flows/member-line.cases.json", "../schemas/cases.schema.json"],
  ])("%s points editors at its schema", (file, schema) => {
    expect(JSON.parse(readFileSync(file, "utf8")).$schema).toBe(schema);
  });

  test.each(rendered)("%s documents its fields", (_file, text) => {
    type ObjectSchema = { type: string; properties: Record<string, unknown>; required: string[] };
    const schema = JSON.parse(text) as ObjectSchema | { oneOf: ObjectSchema[]; description: string };
    // The event record is one of two lines (a turn, the end of a call): each is an object of its own.
    const objects = "oneOf" in schema ? schema.oneOf : [schema];
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      expect(object.type).toBe("object");
      // The cases file is a list of cases: each is an object of many fields (most of them optional).
      const cases = (object.properties.cases as { items?: ObjectSchema } | undefined)?.items;
      expect(cases ? Object.keys(cases.properties).length : object.required.length).toBeGreaterThan(2);
    }
    expect(text).toContain('"description"');
  });
});
