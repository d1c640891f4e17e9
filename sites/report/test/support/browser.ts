import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Whether browser tests can run here; without Chromium they skip, except under CI where they must run. */
export const chromiumAvailable = existsSync(CHROMIUM);
export const browserTestsRequired = Boolean(process.env.CI);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

/** Relative luminance of a CSS rgb()/rgba() colour, 0 (black) to 1 (white). */
export function luminance(cssColour: string): number {
  const [r = 0, g = 0, b = 0] = (cssColour.match(/[\d.]+/g) ?? []).map(Number);
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}
