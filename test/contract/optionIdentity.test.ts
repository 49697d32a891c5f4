import { describe, expect, test } from "vitest";
import {
  type ActionIdentity,
  formatAction,
  formatOption,
  isSameAction,
  type OptionIdentity,
  optionIdentitySchema,
} from "../../src/service/contract/optionIdentity.js";
import { INTERPRETER_CLOSED } from "../../src/service/contract/stateIds.js";
import { sharedCallFlow } from "../support/createTestApp.js";

const pharmacy: OptionIdentity = { menu: "main", key: "3", action: { kind: "transfer", team: "pharmacy" } };

describe("an option's identity", () => {
  test.each([
    [{ kind: "transfer", team: "pharmacy" }, "pharmacy"],
    [{ kind: "menu", menu: "billing" }, "menu billing"],
    [{ kind: "language", language: "es" }, "language es"],
    [{ kind: "interpreter", language: "vi" }, "interpreter vi"],
    [{ kind: "interpreter", language: "other" }, "interpreter other"],
    [{ kind: "region", region: "colorado" }, "colorado"],
    [{ kind: "repeat" }, "repeat"],
  ] as const)("%j is printed %s", (action, printed) => {
    expect(formatAction(action)).toBe(printed);
    expect(optionIdentitySchema.parse({ menu: "main", key: "3", action })).toEqual({ menu: "main", key: "3", action });
  });

  test("an option is printed with its key first, from its data", () => {
    expect(formatOption(pharmacy)).toBe("3 pharmacy");
  });

  test.each([
    ["a label", "3 pharmacy"],
    ["no action", { menu: "main", key: "3" }],
    ["an action of no kind the line has", { ...pharmacy, action: { kind: "hangUp" } }],
    ["a field besides", { ...pharmacy, label: "3 pharmacy" }],
    ["an action field besides", { ...pharmacy, action: { kind: "transfer", team: "pharmacy", announce: "x" } }],
    ["two keys", { ...pharmacy, key: "33" }],
    ["no menu", { key: "3", action: pharmacy.action }],
  ])("%s is not an option", (_what, value) => {
    expect(optionIdentitySchema.safeParse(value).success).toBe(false);
  });

  test.each([
    [{ kind: "transfer", team: "pharmacy" }, { kind: "transfer", team: "pharmacy" }, true],
    [{ kind: "transfer", team: "pharmacy" }, { kind: "transfer", team: "nurseAdvice" }, false],
    [{ kind: "region", region: "colorado" }, { kind: "transfer", team: "colorado" }, false],
    [{ kind: "language", language: "es" }, { kind: "interpreter", language: "es" }, false],
    [{ kind: "interpreter", language: "vi" }, { kind: "interpreter", language: "vi" }, true],
    [{ kind: "menu", menu: "a" }, { kind: "menu", menu: "b" }, false],
    [{ kind: "repeat" }, { kind: "repeat" }, true],
  ] as const)("%j does what %j does: %s", (a: ActionIdentity, b: ActionIdentity, same) => {
    expect(isSameAction(a, b)).toBe(same);
    expect(isSameAction(b, a)).toBe(same);
  });
});

describe("the compiled menus name each option by its identity", () => {
  const { menus, flow } = sharedCallFlow();
  const options = [...menus.values()].flatMap((menu) => menu.options.map((option) => ({ menu, option })));

  test.each(options.map(({ menu, option }) => [menu.id, option.key, option] as const))(
    "%s key %s: its menu, its key, what it does",
    (menu, key, option) => {
      expect(optionIdentitySchema.parse(option.identity)).toEqual(option.identity);
      expect(option.identity.menu).toBe(menu);
      expect(option.identity.key).toBe(key);
      expect(option.identity.action.kind).toBe(option.action.kind);
    },
  );

  test("what the main menu's options do, as data", () => {
    const main = menus.get(flow.start);
    expect(main?.options.find((o) => o.key === "3")?.identity).toEqual(pharmacy);
    expect(main?.options.find((o) => o.key === "9")?.identity.action).toEqual({ kind: "language", language: "es" });
    expect(menus.get(flow.regionMenu)?.options.find((o) => o.key === "2")?.identity).toEqual({
      menu: flow.regionMenu,
      key: "2",
      action: { kind: "region", region: "colorado" },
    });
    expect(menus.get(INTERPRETER_CLOSED)?.options.map((o) => formatOption(o.identity))).toEqual([
      `${flow.interpreters.whenClosedKey} ${flow.interpreters.whenClosed}`,
      `0 ${flow.interpreters.whenClosed}`,
    ]);
  });
});
