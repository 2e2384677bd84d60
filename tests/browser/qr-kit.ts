/** Shared steps of the QR browser suite: poster URLs, phone-sized contexts, and reading QR codes from pixels. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { adminCookie } from './harness';

export const PHONE = { width: 390, height: 844 };

/** The survey URL printed on window `windowId`'s poster. */
export async function posterUrl(url: string, windowId: string): Promise<string> {
  const cookie = await adminCookie(url);
  const res = await fetch(`${url}/api/v1/qr/posters`, { headers: { cookie } });
  if (!res.ok) throw new Error(`posters failed: ${res.status}`);
  const { posters } = (await res.json()) as { posters: { windowId: string; url: string }[] };
  const p = posters.find((x) => x.windowId === windowId);
  if (!p) throw new Error(`no poster for ${windowId}`);
  return p.url;
}

/** A fresh phone-sized browser context (its own IndexedDB), as a citizen's phone. */
export async function openPhone(browser: Browser, surveyUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(surveyUrl);
  return { context, page };
}

/** Decodes the QR code in a PNG image; null when none is found. */
export function decodeQr(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data ?? null;
}
