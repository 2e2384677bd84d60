/**
 * JSON answers gzipped when the client takes it: whole, with their length, their cookies and Vary kept; small
 * answers and clients that do not take gzip get them as they are.
 */
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip } from '../../src/server/http/json-gzip';
import { enrol, makeEndpoint, response, syncRequest, testPasswordHash } from './testkit';

describe('gzip of JSON answers', () => {
  it('a 200-record sync answer comes gzipped to a kiosk that takes gzip, with its compressed length, and reads the same as the plain one', async () => {
    const { app } = await makeEndpoint();
    const token = await enrol(app);
    const records = Array.from({ length: 200 }, () => response({ staffId: null }));
    const gz = await app.request('/api/v1/sync', { ...syncRequest(token, { records }), headers: { ...(syncRequest(token, {}).headers as Record<string, string>), 'accept-encoding': 'gzip, deflate, br' } });
    expect(gz.status).toBe(200);
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toMatch(/accept-encoding/i);
    const zipped = Buffer.from(await gz.arrayBuffer());
    expect(Number(gz.headers.get('content-length'))).toBe(zipped.byteLength);
    const answer = JSON.parse(gunzipSync(zipped).toString('utf8')) as { results: Array<{ id: string; status: string }> };
    expect(answer.results.map((r) => r.status)).toEqual(records.map(() => 'stored'));
    expect(zipped.byteLength).toBeLessThan(JSON.stringify(answer).length / 2);

    // the same batch again, from a client that takes no gzip: plain, and every record a duplicate
    const plain = await app.request('/api/v1/sync', { ...syncRequest(token, { records }), headers: { ...(syncRequest(token, {}).headers as Record<string, string>), 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(((await plain.json()) as { results: Array<{ status: string }> }).results.every((r) => r.status === 'duplicate')).toBe(true);
  });

  it('a small answer goes as it is, and a signed-in answer keeps its cookie', async () => {
    const { app, store } = await makeEndpoint();
    const health = await app.request('/api/v1/health', { headers: { 'accept-encoding': 'gzip' } });
    expect(health.headers.get('content-encoding')).toBeNull();
    expect(health.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(((await health.json()) as { ok: boolean }).ok).toBe(true);
    await store.users.create({ username: 'gz-admin', role: 'admin', passwordHash: await testPasswordHash(), sites: [], staffId: null, createdAt: Date.now() });
    const login = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' }, body: JSON.stringify({ username: 'gz-admin', password: 'pw-123456' }) });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/^\S+=\S+/);
    expect(((await login.json()) as { csrf: string }).csrf).toBeTruthy();
  });

  it('the kiosk\'s configuration is answered 304 when the browser holds the weak tag of the gzipped answer', async () => {
    const { app } = await makeEndpoint();
    const first = await app.request('/api/v1/config/w01', { headers: { 'accept-encoding': 'gzip' } });
    expect(first.headers.get('content-encoding')).toBe('gzip');
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^W\/"/);
    expect((await app.request('/api/v1/config/w01', { headers: { 'accept-encoding': 'gzip', 'if-none-match': tag } })).status).toBe(304);
    expect((await app.request('/api/v1/config/w01', { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('reads Accept-Encoding as HTTP says: q=0 refuses, * takes', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('deflate, gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('br')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*, gzip;q=0')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
