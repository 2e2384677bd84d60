import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { X509Certificate, createHash } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CHROMIUM, ROOT, saveShot } from './harness';
import { makeHallCertificates } from '../../src/server/cli/tls';
import { startEndpoint, adminSession, type Endpoint } from '../server/deploy-kit';

const HOST = 'hall-server.lan';
const certDir = mkdtempSync(join(tmpdir(), 'fk-https-'));
const files = makeHallCertificates({ hosts: [HOST], ips: [], out: certDir, days: 30 });
const ca = readFileSync(files.caCert, 'utf8');
let secure: Endpoint;
let plain: Endpoint;
let browser: Browser;

/** The SHA-256 of a certificate's public key, as Chromium's --ignore-certificate-errors-spki-list takes it. */
function spki(pem: string): string {
  return createHash('sha256').update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

beforeAll(async () => {
  secure = await startEndpoint({ env: { TLS_CERT: files.cert, TLS_KEY: files.key } });
  plain = await startEndpoint();
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1`, `--ignore-certificate-errors-spki-list=${spki(ca)},${spki(readFileSync(files.cert, 'utf8'))}`],
  });
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([secure?.stop(), plain?.stop()]);
  rmSync(certDir, { recursive: true, force: true });
});

/** Responses the endpoint stored, read over HTTPS trusting only the hall CA. */
async function storedOverHttps(): Promise<number> {
  const get = (path: string, headers: Record<string, string>, method = 'GET', body?: string) => new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((ok, fail) => {
    const req = httpsRequest({ host: '127.0.0.1', servername: HOST, port: secure.port, path, method, ca, headers: { host: `${HOST}:${secure.port}`, ...headers } }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { b += d; });
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: b }));
    });
    req.on('error', fail);
    req.end(body);
  });
  const r = await get('/api/v1/auth/login', { 'content-type': 'application/json' }, 'POST', JSON.stringify({ username: 'admin', password: 'admin-pass-123' }));
  const cookie = String((r.headers['set-cookie'] as string[])[0]).split(';')[0]!;
  const csv = await get('/api/v1/export/responses.csv', { cookie });
  return (parse(csv.body, { bom: true, columns: true }) as unknown[]).length;
}

describe('HTTPS on the hall network', () => {
  it('Chromium trusting the hall CA gets a secure context on https://hall-server.lan: service worker, WebCrypto, offline rating', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto(`https://${HOST}:${secure.port}/kiosk/w01`);
    await page.getByRole('button', { name: /非常满意/ }).waitFor();
    expect(await page.evaluate(() => ({ secure: isSecureContext, subtle: typeof crypto.subtle?.digest, sw: 'serviceWorker' in navigator }))).toEqual({ secure: true, subtle: 'function', sw: true });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: /^非常满意/ }).click();
    await page.getByRole('status').getByText(/感谢/).waitFor();
    await context.setOffline(false);
    await page.reload();
    await expect.poll(storedOverHttps, { timeout: 20_000 }).toBe(1);
    await context.close();
  }, 90_000);
});

describe('the setup page', () => {
  it('offers the hall CA with the fingerprint a tablet shows, and steps for an Android tablet and an iPad', async () => {
    const fingerprint = new X509Certificate(ca).fingerprint256;
    for (const [name, viewport, lang] of [['android', { width: 1280, height: 800 }, 'zh-CN'], ['ipad', { width: 820, height: 1180 }, 'en-US']] as const) {
      const context = await browser.newContext({ viewport, locale: lang, serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(`https://${HOST}:${secure.port}/setup`);
      await page.getByText(fingerprint).waitFor();
      const href = await page.getByRole('link', { name: /CA/ }).getAttribute('href');
      expect(href).toBe('/setup/hall-ca.crt');
      expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(lang === 'en-US'
        ? ['Android tablet (Chrome)', 'iPad (Safari)', 'Afterwards'] : ['Android 平板（Chrome）', 'iPad（Safari）', '完成后']);
      await expect.poll(() => page.getByRole('status').textContent()).toMatch(lang === 'en-US' ? /is secure/ : /连接安全/);
      await saveShot(page, join(ROOT, `docs/screenshots/setup-${name}.png`));
      await context.close();
    }
  }, 60_000);
});

describe('plain HTTP on the hall network', () => {
  it('http://hall-server.lan shows the insecure-context warning on the pairing page, and the kiosk still rates online', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`http://${HOST}:${plain.port}/kiosk`);
    const notice = page.getByTestId('insecure-notice');
    await notice.waitFor();
    expect(await page.evaluate(() => isSecureContext)).toBe(false);
    await expect.poll(() => notice.textContent()).toMatch(/不是安全连接[\s\S]*\/setup/);
    const kiosk = await context.newPage();
    await kiosk.goto(`http://${HOST}:${plain.port}/kiosk/w01`);
    await kiosk.getByRole('button', { name: /^满意/ }).click();
    await kiosk.getByRole('status').getByText(/感谢/).waitFor();
    const { cookie } = await adminSession(plain.url);
    await expect.poll(async () => {
      const csv = await (await fetch(`${plain.url}/api/v1/export/responses.csv`, { headers: { cookie } })).text();
      return (parse(csv, { bom: true, columns: true }) as Array<{ score: string }>).map((r) => r.score);
    }, { timeout: 20_000 }).toEqual(['4']);
    await context.close();
  }, 90_000);
});
