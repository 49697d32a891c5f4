/// <reference lib="dom" />
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { call, classesOf, listening, press, SHOTS, transcript, useConsole } from "./consolePage.js";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const { openConsole } = useConsole();

/** What axe finds serious or critical on the page as it is. */
async function seriousViolations(page: Page) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: Array<Record<string, unknown>> }> } })
      .axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: (v.nodes as Array<{ target: unknown }>).map((n) => String(n.target)),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** How far the page is wider than the window (it must never scroll sideways). */
const overflowOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The call-back panel, and its item for the member's masked number. */
function callbackPanel(page: Page) {
  const panel = page.getByRole("region", { name: "Call-backs" });
  return { panel, item: panel.getByRole("listitem").filter({ hasText: "***0123" }) };
}

/**
 * A Northwest caller on Saturday 10:00 presses 1 (member services, closed), 5 (call me back) and 1 (confirm): a
 * call-back is queued, or the one an earlier test left is found (the console, and its queue, last the file).
 */
async function askForCallback(page: Page): Promise<void> {
  await call(page, { number: /^Northwest/, at: "2026-11-28T10:00" });
  for (const key of ["1", "5", "1"]) await press(page, key);
  await expect
    .poll(() => transcript(page))
    .toMatch(
      /Member services will call you back Monday after 8 AM\.|A call back from member services is already planned/,
    );
  await expect.poll(() => callbackPanel(page).item.count()).toBe(1);
}

describe("the console in a browser", () => {
  test("a Northwest caller pressing 3 is put through to the Northwest pharmacy, lit on the diagram", async () => {
    const page = await openConsole();
    await call(page, { number: /^Northwest/ });
    await press(page, "3");
    await expect.poll(() => transcript(page)).toMatch(/Transfer: pharmacy · Northwest · \+1 800 972 0700/);
    expect(await transcript(page)).toContain("Put through: pharmacy · Northwest · +1 800 972 0700");
    expect(await classesOf(page, "team:pharmacy")).toEqual(expect.arrayContaining(["current", "connected"]));
    expect(await classesOf(page, "menu:main>team:pharmacy:3")).toContain("taken");
    expect(await classesOf(page, "start>menu:main:known")).toContain("taken");
    expect(await classesOf(page, "menu:main>team:nurseAdvice:2")).not.toContain("taken");
    await page.screenshot({ path: `${SHOTS}/northwest-pharmacy.png`, fullPage: true });
    await page.close();
  });

  test("a caller on a Saturday pressing 1 hears member services' hours, and the closed branch is lit", async () => {
    const page = await openConsole();
    await call(page, { number: /^Northwest/, at: "2026-11-28T10:00" });
    expect(await transcript(page)).toContain("Saturday, November 28, 2026 at 10:00 AM PST");
    await press(page, "1");
    const heard = await transcript(page);
    expect(heard).toContain(
      "Sorry, member services is not available right now. Hours are Monday through Friday, from 8 AM to 5 PM, Pacific Time.",
    );
    expect(heard).not.toContain("Transfer:");
    for (const id of ["menu:main>team:memberServices:1", "team:memberServices>closed:closed", "closed>menu:main:back"])
      expect(await classesOf(page, id)).toContain("taken");
    expect(await classesOf(page, "menu:main")).toContain("current");
    await page.screenshot({ path: `${SHOTS}/saturday-hours.png`, fullPage: true });
    await page.close();
  });

  test("a busy transfer in Colorado tries the second number", async () => {
    const page = await openConsole();
    await call(page, { number: /^Colorado/, at: "2026-11-25T10:00", dial: "busy" });
    await press(page, "1");
    const heard = await transcript(page);
    expect(heard).toContain("Transfer: member services · Colorado · +1 303 338 3800");
    expect(heard).toContain("+1 303 338 3800: busy");
    expect(heard).toContain("Transfer: member services · Colorado · +1 800 632 9700");
    expect(heard).toContain("Sorry, we could not reach member services.");
    expect(await classesOf(page, "team:memberServices>team:memberServices:next")).toContain("taken");
    expect(await classesOf(page, "unreachable>menu:main:back")).toContain("taken");
    await page.screenshot({ path: `${SHOTS}/colorado-busy.png`, fullPage: true });
    // `UPDATE_SCREENSHOT=1 npm run test:browser` refreshes the README's picture.
    if (process.env.UPDATE_SCREENSHOT === "1") await page.screenshot({ path: "docs/console.png", fullPage: true });
    await page.close();
  });

  test("the dial result chosen during the call plays at the next transfer", async () => {
    const page = await openConsole();
    await call(page, { number: /^Northwest/, dial: "busy" });
    await press(page, "3");
    expect(await transcript(page)).toContain("+1 800 972 0700: busy");
    await page.getByLabel(/When a transfer happens/).selectOption("answered");
    await press(page, "3");
    await expect.poll(() => transcript(page)).toContain("Put through: pharmacy · Northwest · +1 800 972 0700");
    await page.close();
  });

  test("a number the sources disagree on is shown with a caution", async () => {
    const page = await openConsole();
    await call(page, { number: /^Northwest/ });
    await press(page, "2");
    expect(await transcript(page)).toMatch(
      /Transfer: the nurse advice line · Northwest · \+1 800 464 4000Caution: this number needs verification: \S/,
    );
    await page.close();
  });

  test("two calls in two tabs at once do not mix", async () => {
    const [first, second] = await Promise.all([openConsole(), openConsole()]);
    if (!first || !second) throw new Error("two tabs expected");
    await Promise.all([call(first, { number: /^Northwest/ }), call(second, { number: /^Georgia/ })]);
    await Promise.all([press(first, "3"), press(second, "2")]);
    const [one, two] = await Promise.all([transcript(first), transcript(second)]);
    expect(one).toContain("Transfer: pharmacy · Northwest · +1 800 972 0700");
    expect(one).not.toMatch(/Georgia|nurse advice line via/);
    expect(two).toContain("Transfer: the nurse advice line via member services · Georgia · +1 888 865 5813");
    expect(one).not.toContain("Caution:");
    expect(two).not.toContain("Northwest");
    expect(await classesOf(first, "team:pharmacy")).toContain("current");
    expect(await classesOf(second, "team:nurseAdvice")).toContain("current");
    expect(await classesOf(second, "team:pharmacy")).not.toContain("visited");
    await Promise.all([first.close(), second.close()]);
  });

  test("keyboard: Enter calls, 9 switches to Spanish, Escape hangs up", async () => {
    const page = await openConsole();
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Enter");
    await listening(page);
    await press(page, "9");
    const spanish = page.locator('.entry.line span[lang="es-US"]', { hasText: "Por favor, escuche las siguientes" });
    expect(await spanish.count()).toBeGreaterThan(0);
    expect(await classesOf(page, "menu:main>menu:main:9-es")).toContain("taken");
    await page.keyboard.press("Escape");
    await expect.poll(() => transcript(page)).toContain("You hung up.");
    expect(await page.getByRole("button", { name: "Call", exact: true }).isEnabled()).toBe(true);
    await page.close();
  });

  test("an unknown number chooses its region first", async () => {
    const page = await openConsole();
    await call(page, { number: /not in the directory/ });
    expect(await transcript(page)).toContain("We could not tell which region you are calling about.");
    await press(page, "6");
    expect(await classesOf(page, "menu:region>menu:main:6")).toContain("taken");
    await page.getByRole("button", { name: "Hang up" }).click();
    await expect.poll(() => transcript(page)).toContain("You hung up.");
    await page.close();
  });

  test("speech from the text box chooses an option", async () => {
    const page = await openConsole();
    await call(page, { number: /^Northwest/ });
    await page.getByLabel("Say something").fill("farmacia");
    await page.getByRole("button", { name: "Say", exact: true }).click();
    await expect.poll(() => transcript(page)).toContain("Transfer: pharmacy · Northwest · +1 800 972 0700");
    expect(await transcript(page)).toContain("You say “farmacia”");
    await page.close();
  });
});

describe("call-backs in the console", () => {
  test("a Saturday caller's call-back is listed; Play calls the member on Monday and 1 puts them through", async () => {
    const page = await openConsole(1400, 900);
    const { panel, item } = callbackPanel(page);
    expect(await panel.textContent()).toContain("None scheduled.");
    await askForCallback(page);
    // The diagram lit the call-back asked for: 5 from the main menu to the caller's number, 1 to the goodbye.
    expect(await classesOf(page, "callbackDone")).toContain("current");
    expect(await classesOf(page, "menu:main>callbackConfirm:callback")).toContain("taken");
    const listed = (await item.textContent()) ?? "";
    for (const shown of [
      "member services",
      "Northwest · ***0123",
      "Monday, November 30, 2026 at 8:00 AM PST",
      "English",
      "0 of 4",
    ])
      expect(listed).toContain(shown);
    expect(await panel.getByText("None scheduled.").isVisible()).toBe(false);
    expect(await page.content()).not.toMatch(/503\D?555\D?0123/);
    await page.screenshot({ path: `${SHOTS}/callback-scheduled.png`, fullPage: true });

    await item.getByLabel("The member").selectOption("answered");
    await item.getByRole("button", { name: /^Play/ }).click();
    await listening(page);
    const heard = await transcript(page);
    expect(heard).toContain("The line calls the member back: ***0123, from +1 503 555 0100 (Northwest)");
    expect(heard).toContain("the line's clock: Monday, November 30, 2026 at 8:00 AM PST");
    expect(heard).toContain("Hello, this is your health plan returning your call to member services. To be connected");
    await expect.poll(() => item.count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/callback-played.png`, fullPage: true });
    await press(page, "1");
    await expect.poll(() => transcript(page)).toContain("Put through: member services · Northwest · +1 800 813 2000");
    // The placed call is lit from the start to its greeting, then to the team.
    expect(await classesOf(page, "start>callbackGreeting:callback")).toContain("taken");
    expect(await classesOf(page, "callbackGreeting>team:memberServices:connect")).toContain("taken");
    expect(await classesOf(page, "team:memberServices")).toEqual(expect.arrayContaining(["current", "connected"]));
    expect(await transcript(page)).toContain("Transfer: member services · Northwest · +1 800 813 2000");
    expect(await page.content()).not.toMatch(/503\D?555\D?0123/);
    await page.close();
  });

  test("the panel with a call-back fits a phone 390 px wide, and axe finds nothing serious in it", async () => {
    const page = await openConsole(390, 844);
    await askForCallback(page);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await callbackPanel(page).panel.screenshot({ path: `${SHOTS}/callback-narrow.png` });
    await page.close();
  });
  test("played busy: the transcript and the panel show the next try, 20 minutes later", async () => {
    const page = await openConsole(1400, 900);
    await askForCallback(page);
    const { item } = callbackPanel(page);
    await item.getByLabel("The member").selectOption("busy");
    await item.getByRole("button", { name: /^Play/ }).click();
    await expect
      .poll(() => transcript(page))
      .toContain("No one picked up (busy). The line tries again Monday, November 30");
    await expect.poll(() => item.textContent()).toMatch(/Next try.*8:20 AM PST.*1 of 4/);
    await page.close();
  });
});

describe("accessible", () => {
  test.each([
    ["button", "1"],
    ["button", "9"],
    ["button", "0"],
    ["button", "star"],
    ["button", "pound"],
    ["button", "Call"],
    ["button", "Hang up"],
    ["combobox", "Number dialed"],
    ["log", "What the caller hears"],
  ] as const)("a %s named %s", async (role, name) => {
    const page = await openConsole();
    expect(await page.getByRole(role, { name, exact: true }).count()).toBe(1);
    await page.close();
  });

  test("the transcript is a polite live log", async () => {
    const page = await openConsole();
    expect(await page.getByRole("log").getAttribute("aria-live")).toBe("polite");
    await page.close();
  });

  test.each([
    ["a laptop", 1366, 900],
    ["a phone 390 px wide", 390, 844],
  ])("axe finds no serious or critical violation, on %s, in a call", async (name, width, height) => {
    const page = await openConsole(width, height);
    await call(page, { number: /^Northwest/ });
    await press(page, "2");
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/${name.replace(/\W+/g, "-")}.png`, fullPage: true });
    await page.close();
  });
});
