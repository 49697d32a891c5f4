import { describe, expect, test } from "vitest";
import { fillPlaceholders } from "../../src/service/fillPlaceholders.js";

describe("placeholders filled in a template", () => {
  test.each([
    [
      "{team} will call you back {moment}. Goodbye.",
      { team: "Pharmacy", moment: "today after 12:20 PM" },
      "Pharmacy will call you back today after 12:20 PM. Goodbye.",
    ],
    // A value with its own full stop takes the template's: one full stop, never two.
    [
      "le devolverá la llamada {moment}. Adiós.",
      { moment: "lunes después de las 8 a.m." },
      "le devolverá la llamada lunes después de las 8 a.m. Adiós.",
    ],
    // Inside a sentence the value's own stop stays, and so does the comma after it.
    [
      "cuando abra, {moment}, oprima {key}.",
      { moment: "lunes a las 8 a.m.", key: "5" },
      "cuando abra, lunes a las 8 a.m., oprima 5.",
    ],
    ["press {key}.", { key: "5" }, "press 5."],
    // A placeholder without a value is left as it is, its full stop too.
    ["press {key}.", {}, "press {key}."],
  ])("%s", (template, values, expected) => {
    expect(fillPlaceholders(template, values)).toBe(expected);
  });
});
