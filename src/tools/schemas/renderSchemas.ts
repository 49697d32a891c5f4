import { z } from "zod";
import { directoryFileSchema, flowFileSchema, looseEventSchema } from "../../service/index.js";
import { casesFileSchema } from "../review/casesSchema.js";

/** The JSON Schema documents of the editable files and of the event record, keyed by the path they are written to. */
export function renderSchemas(): Record<string, string> {
  const render = (schema: z.ZodType, title: string) =>
    `${JSON.stringify({ title, ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) }, null, 2)}\n`;
  return {
    "schemas/flow.schema.json": render(flowFileSchema, "Call flow (flows/*.json)"),
    "schemas/directory.schema.json": render(directoryFileSchema, "Regional phone directory (data/directory.json)"),
    "schemas/cases.schema.json": render(casesFileSchema, "The line's own cases (flows/*.cases.json)"),
    "schemas/turn-event.schema.json": render(
      looseEventSchema,
      "Call event record (log lines with msg turn or call ended)",
    ),
  };
}
