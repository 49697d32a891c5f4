/**
 * Writes the JSON Schemas of the flow, directory and cases files to schemas/, so editors can check
 * flows/*.json and data/*.json as they are typed. `npm run schemas`; a test fails when they are stale.
 */
import { writeFileSync } from "node:fs";
import { renderSchemas } from "../src/tools/schemas/renderSchemas.js";

for (const [file, text] of Object.entries(renderSchemas())) {
  writeFileSync(file, text);
  process.stdout.write(`wrote ${file}\n`);
}
