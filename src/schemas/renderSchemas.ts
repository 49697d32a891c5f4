import { z } from "zod";
import { directoryFileSchema } from "../directory/schema.js";
import { flowFileSchema } from "../flow/schema.js";

/** The JSON Schema documents of the editable files, keyed by the path they are written to. */
export function renderSchemas(): Record<string, string> {
  const render = (schema: z.ZodType, title: string) =>
    `${JSON.stringify({ title, ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) }, null, 2)}\n`;
  return {
    "schemas/flow.schema.json": render(flowFileSchema, "Call flow (flows/*.json)"),
    "schemas/directory.schema.json": render(directoryFileSchema, "Regional phone directory (data/directory.json)"),
  };
}
