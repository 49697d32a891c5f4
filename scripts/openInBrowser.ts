import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";

/** Where Debian's `chromium` package puts the browser; `CHROMIUM` overrides it. */
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Chromium's switches for a headless run that reaches nothing on the network by itself. */
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A page opened in headless Chromium, with every problem it reported. */
export interface OpenedPage {
  readonly page: Page;
  /** Console errors, uncaught exceptions, and requests that left the file (a self-contained page makes none). */
  readonly problems: readonly string[];
  close(): Promise<void>;
}

/** Whether a browser is installed to open pages with. */
export function hasBrowser(): boolean {
  return existsSync(CHROMIUM);
}

/**
 * Opens an HTML file in headless Chromium (driven by playwright-core, loaded only when called), at the given
 * width, and collects what went wrong while it loaded.
 */
export async function openInBrowser(file: string, width = 1400): Promise<OpenedPage> {
  const { chromium } = await import("playwright-core");
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const problems: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
    page.on("request", (request) => {
      if (!request.url().startsWith("file:") && !request.url().startsWith("data:"))
        problems.push(`network request: ${request.url()}`);
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    return { page, problems, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
