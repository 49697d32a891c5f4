/**
 * Writes the list of translations awaiting review into README.md (between its translation marks), from
 * flows/member-line.json. `npm run translations`; `npm run flow -- check` fails when the list is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { LINE_FILES } from "../src/service/index.js";
import { REVIEW_END, REVIEW_START, renderTranslationReview } from "../src/tools/review/renderTranslationReview.js";

const README = "README.md";
const readme = readFileSync(README, "utf8");
const start = readme.indexOf(REVIEW_START);
const end = readme.indexOf(REVIEW_END);
if (start === -1 || end === -1) throw new Error(`${README}: add the marks ${REVIEW_START} and ${REVIEW_END} first`);
const review = renderTranslationReview(JSON.parse(readFileSync(LINE_FILES.flow, "utf8")), LINE_FILES.flow);
writeFileSync(README, readme.slice(0, start) + review + readme.slice(end + REVIEW_END.length));
process.stdout.write(`wrote the translations to review into ${README}\n`);
