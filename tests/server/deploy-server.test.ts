import { describe, it, expect, afterAll } from 'vitest';
import { request as httpsRequest } from 'node:https';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeHallCertificates } from '../../src/server/cli/tls';
import { startEndpoint, ROOT, type Endpoint } from './deploy-kit';

const running: Endpoint[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(running.map((e) => e.stop()));
  for (const d of [...dirs, ...running.map((e) => e.dataDir)]) rmSync(d, { recursive: true, force: true });
});

async function endpoint(env: Record<string, string> = {}): Promise<Endpoint> {
  const e = await startEndpoint({ env });
  running.push(e);
  return e;
}

/** GET over HTTPS trusting only the hall CA (as a tablet that installed it), with the host name the certificate names. */
function getTrusting(ca: string, port: number, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((ok, fail) => {
    const req = httpsRequest({ host: '127.0.0.1', servername: 'hall-server.lan', port, path, ca, headers: { host: `hall-server.lan:${port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { body += d; });
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the endpoint in a hall', { timeout: 90_000 }, () => {
  it('serves HTTPS with TLS_CERT and TLS_KEY, verified by the hall CA, and offers that CA on the setup page', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fk-tls-'));
    dirs.push(out);
    const files = makeHallCertificates({ hosts: ['hall-server.lan'], ips: ['127.0.0.1'], out, days: 30 });
    const e = await endpoint({ TLS_CERT: files.cert, TLS_KEY: files.key });
    expect(e.url).toMatch(/^https:\/\//);
    const ca = readFileSync(files.caCert, 'utf8');
    const health = await getTrusting(ca, e.port, '/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toMatch(/max-age=/);
    const download = await getTrusting(ca, e.port, '/setup/hall-ca.crt');
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/x-x509-ca-cert');
    expect(download.body).toBe(ca);
    const info = JSON.parse((await getTrusting(ca, e.port, '/api/v1/setup/ca')).body) as { available: boolean; fingerprint: string };
    expect(info.available).toBe(true);
    expect(info.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const page = await getTrusting(ca, e.port, '/setup');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="app">');
  });

  it('refuses to start with only one of TLS_CERT and TLS_KEY, naming the missing one', async () => {
    await expect(startEndpoint({ env: { TLS_CERT: join(ROOT, 'package.json') } })).rejects.toThrow(/exited \(2\)[\s\S]*TLS_KEY is not/);
  });

  it('logs one structured line per request with route, status and time, never the query string or a token', async () => {
    const e = await endpoint({ LOG_LEVEL: 'info' });
    await fetch(`${e.url}/api/v1/config/w01?secret=13812341234`);
    await fetch(`${e.url}/api/v1/sync`, { method: 'POST', headers: { authorization: 'Bearer not-a-token', 'content-type': 'application/json' }, body: '{"records":[]}' });
    await expect.poll(() => e.output().split('\n').filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThanOrEqual(2);
    const lines = e.output().split('\n').filter((l) => l.includes('"msg":"request"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ method: 'GET', route: '/api/v1/config/:windowId', status: 200, level: 'info' }));
    expect(lines).toContainEqual(expect.objectContaining({ method: 'POST', route: '/api/v1/sync', status: 401 }));
    for (const l of lines) expect(typeof l.ms).toBe('number');
    expect(e.output()).not.toContain('13812341234');
    expect(e.output()).not.toContain('not-a-token');
  });

  it('LOG_LEVEL=warn keeps successful requests out of the log', async () => {
    const e = await endpoint({ LOG_LEVEL: 'warn' });
    expect((await fetch(`${e.url}/api/v1/windows`)).status).toBe(200);
    expect((await fetch(`${e.url}/api/v1/export/responses.csv?from=x`)).status).toBe(401);
    expect((await fetch(`${e.url}/api/v1/stats/daily`, { headers: { cookie: 'fk_session=forged' } })).status).toBe(401);
    const r = await fetch(`${e.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(r.status).toBe(400);
    await expect.poll(() => e.output()).toContain('"status":400');
    expect(e.output()).not.toContain('"route":"/api/v1/windows"');
  });

  it('compressed responses carry Content-Encoding: pre-compressed assets and JSON', async () => {
    const e = await endpoint();
    const asset = readdirSync(join(ROOT, 'dist/app/assets')).find((f) => f.endsWith('.js') && !f.endsWith('.gz') && !f.endsWith('.br'))!;
    const br = await fetch(`${e.url}/assets/${asset}`, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(await br.text()).toBe(readFileSync(join(ROOT, 'dist/app/assets', asset), 'utf8'));
    const gz = await fetch(`${e.url}/kiosk/w01`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const json = await fetch(`${e.url}/api/v1/config/w01`, { headers: { 'accept-encoding': 'gzip' } });
    expect(json.headers.get('content-encoding')).toBe('gzip');
    expect(((await json.json()) as { window: { id: string } }).window.id).toBe('w01');
    const plain = await fetch(`${e.url}/api/v1/config/w01`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('health reads the database; readiness is a separate answer', async () => {
    const e = await endpoint();
    const health = await fetch(`${e.url}/api/v1/health`);
    expect(await health.json()).toMatchObject({ ok: true, database: 'ok' });
    expect(await (await fetch(`${e.url}/api/v1/ready`)).json()).toEqual({ ready: true });
  });
});
