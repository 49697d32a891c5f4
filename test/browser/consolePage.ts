/// <reference lib="dom" />
import { existsSync, mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { type RunningConsole, startConsole } from "../../src/tools/console/startConsole.js";
import { sharedCallFlow } from "../support/createTestApp.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Where the pages' screenshots go. */
export const SHOTS = "test-results/browser";

/** The console and the browser a test file drives, started before its tests and stopped after them. */
export interface ConsoleSession {
  /** The console's address. */
  url(): string;
  /** A fresh tab on the console, watched for errors and for any request that leaves it (it works offline). */
  openConsole(width?: number, height?: number, prepare?: (page: Page) => Promise<void>): Promise<Page>;
}

/**
 * Starts a console and Debian's chromium for the test file that calls it; after each test, fails it if a
 * page reported a problem (a console error, an uncaught exception, a request that left the console).
 */
export function useConsole(): ConsoleSession {
  let consoleServer: RunningConsole;
  let browser: Browser;
  let problems: string[] = [];
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`No browser at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH to one.`);
    mkdirSync(SHOTS, { recursive: true });
    consoleServer = await startConsole({ callFlow: sharedCallFlow(), port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await consoleServer?.close();
  });
  afterEach(() => {
    expect(problems).toEqual([]);
    problems = [];
  });
  return {
    url: () => consoleServer.url,
    async openConsole(width = 1366, height = 900, prepare) {
      const page = await browser.newPage({ viewport: { width, height } });
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`console: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page: ${e.message}`));
      page.on("request", (r) => {
        if (!r.url().startsWith(consoleServer.url) && !r.url().startsWith("data:"))
          problems.push(`request: ${r.url()}`);
      });
      await prepare?.(page);
      await page.goto(consoleServer.url);
      await page.locator("#diagram svg").waitFor();
      return page;
    },
  };
}

/** The transcript's text. */
export const transcript = (page: Page) =>
  page
    .getByRole("log")
    .textContent()
    .then((t) => t ?? "");

/** The classes of an element of the page, e.g. a node of the diagram. */
export const classesOf = (page: Page, id: string) =>
  page.evaluate((i) => Array.from(document.getElementById(i)?.classList ?? []), id);

/** Calls with the Call button and waits for the line to ask for a key. */
export async function call(page: Page, options: { number?: RegExp; at?: string; dial?: string } = {}): Promise<void> {
  if (options.number)
    await page.getByLabel("Number dialed").selectOption({ label: await labelOf(page, options.number) });
  if (options.at) await page.getByLabel(/Moment of the call/).fill(options.at);
  if (options.dial) await page.getByLabel(/When a transfer happens/).selectOption(options.dial);
  await page.getByRole("button", { name: "Call", exact: true }).click();
  await listening(page);
}

async function labelOf(page: Page, pattern: RegExp): Promise<string> {
  const labels = await page.getByLabel("Number dialed").locator("option").allInnerTexts();
  const label = labels.find((l) => pattern.test(l));
  if (!label) throw new Error(`No number dialed matches ${pattern}: ${labels.join(", ")}`);
  return label;
}

/** Waits until the line waits for the caller (after the keys sent so far have been taken). */
export async function listening(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page
          .getByRole("status")
          .textContent()
          .then((t) => t ?? ""),
      { timeout: 10_000 },
    )
    .toMatch(/Your turn|Call over/);
}

/** Presses a key on the computer's keyboard and waits for the line's answer. */
export async function press(page: Page, key: string): Promise<void> {
  await page.getByRole("status").evaluate((el) => {
    el.textContent = "…";
  });
  await page.keyboard.press(key);
  await listening(page);
}
