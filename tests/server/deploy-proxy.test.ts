import { describe, it, expect } from 'vitest';
import { loadConfig, ConfigIndex } from '../../src/server/config/load';
import { createApp } from '../../src/server/app';
import { createUser } from '../../src/server/auth/users';
import { forwardedAddress, parseTrustProxy } from '../../src/server/http/client';
import { PAIRING_POLICY } from '../../src/server/auth/ratelimit';
import { CONFIG_DIR, freshStore } from './testkit';

/** The endpoint in process as main.ts builds it, with TRUST_PROXY as given; requests arrive from `peer`. */
async function endpoint(trustProxy: string | undefined) {
  const store = await freshStore();
  const app = createApp({ store, config: new ConfigIndex(loadConfig(CONFIG_DIR)), now: Date.now, version: 'test', production: false, deploy: { trustProxy: parseTrustProxy(trustProxy) } });
  await createUser(store, { username: 'chen', password: 'pw-123456', role: 'admin', sites: [] });
  const request = (url: string, init: RequestInit = {}, peer = '127.0.0.1') => app.request(url, init, { incoming: { socket: { remoteAddress: peer } } });
  return { store, request };
}

const login = (headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username: 'chen', password: 'pw-123456' }),
});
const wrongCode = (forwardedFor: string): RequestInit => ({
  method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: JSON.stringify({ code: 'ZZZZ-ZZZZ', windowId: 'w01' }),
});

describe('behind a reverse proxy', () => {
  it('with TRUST_PROXY unset, X-Forwarded-Proto does not make the cookie Secure and no HSTS is sent over plain HTTP', async () => {
    const { request } = await endpoint(undefined);
    const r = await request('http://hall.lan/api/v1/auth/login', login({ 'x-forwarded-proto': 'https' }));
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    expect(r.headers.get('strict-transport-security')).toBeNull();
  });

  it('with TRUST_PROXY set, a request the proxy received over HTTPS gets a Secure cookie and HSTS', async () => {
    const { request } = await endpoint('loopback');
    const r = await request('http://hall.lan/api/v1/auth/login', login({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '192.168.1.23' }));
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('forwarded headers from a peer that is not the trusted proxy are ignored', async () => {
    const { request } = await endpoint('10.0.0.2');
    const r = await request('http://hall.lan/api/v1/auth/login', login({ 'x-forwarded-proto': 'https' }), '192.168.1.50');
    expect(r.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    expect(r.headers.get('strict-transport-security')).toBeNull();
  });

  it('the endpoint serving HTTPS itself sends HSTS and a Secure cookie', async () => {
    const { request } = await endpoint(undefined);
    const r = await request('https://hall.lan/api/v1/auth/login', login());
    expect(r.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('with TRUST_PROXY unset, a forged X-Forwarded-For does not dodge the per-address limit on pairing codes', async () => {
    const { request } = await endpoint(undefined);
    for (let i = 0; i < PAIRING_POLICY.maxFailures; i++) expect((await request('http://hall.lan/api/v1/enrol', wrongCode(`10.9.0.${i}`))).status).not.toBe(429);
    expect((await request('http://hall.lan/api/v1/enrol', wrongCode('10.9.1.1'))).status).toBe(429);
  });

  it('with TRUST_PROXY set, one tablet\'s wrong codes do not lock out the other tablets behind the proxy', async () => {
    const { request } = await endpoint('loopback');
    for (let i = 0; i < PAIRING_POLICY.maxFailures; i++) expect((await request('http://hall.lan/api/v1/enrol', wrongCode('192.168.1.23'))).status).not.toBe(429);
    expect((await request('http://hall.lan/api/v1/enrol', wrongCode('192.168.1.23'))).status).toBe(429);
    const other = await request('http://hall.lan/api/v1/enrol', wrongCode('192.168.1.24'));
    expect(other.status).not.toBe(429);
    expect([400, 401, 403, 404]).toContain(other.status);
  });

  it('a client cannot prepend its own X-Forwarded-For entry: the address the proxy appended counts', async () => {
    const { request } = await endpoint('loopback');
    for (let i = 0; i < PAIRING_POLICY.maxFailures; i++) await request('http://hall.lan/api/v1/enrol', wrongCode(`172.16.0.${i}, 192.168.1.23`));
    expect((await request('http://hall.lan/api/v1/enrol', wrongCode('172.16.9.9, 192.168.1.23'))).status).toBe(429);
  });

  it('TRUST_PROXY refuses a value that is not an address by name', () => {
    expect(() => parseTrustProxy('proxy.lan')).toThrow(/TRUST_PROXY/);
    expect(parseTrustProxy('')).toEqual({ kind: 'off' });
    expect(parseTrustProxy('true')).toEqual({ kind: 'any' });
  });
});

describe('the client address behind a proxy', () => {
  const trust = parseTrustProxy('loopback, 10.0.0.2');

  it('without TRUST_PROXY, X-Forwarded-For is ignored: a phone cannot choose its own address', () => {
    expect(forwardedAddress(parseTrustProxy(undefined), '127.0.0.1', '198.51.100.7')).toBeNull();
  });

  it('behind a trusted proxy, the right-most hop that is not a proxy is the client', () => {
    expect(forwardedAddress(trust, '127.0.0.1', '198.51.100.7')).toBe('198.51.100.7');
    expect(forwardedAddress(trust, '127.0.0.1', '203.0.113.1, 198.51.100.7, 10.0.0.2')).toBe('198.51.100.7');
  });

  it('a forged left-most hop written by the client does not count', () => {
    expect(forwardedAddress(trust, '10.0.0.2', '1.2.3.4, 198.51.100.7')).toBe('198.51.100.7');
  });

  it('a request that did not come through a trusted proxy, or names no real address, gives none', () => {
    expect(forwardedAddress(trust, '192.0.2.50', '198.51.100.7')).toBeNull();
    expect(forwardedAddress(trust, '127.0.0.1', 'not-an-address')).toBeNull();
    expect(forwardedAddress(trust, '127.0.0.1', undefined)).toBeNull();
  });

  it('TRUST_PROXY=true takes the hop the proxy appended, whatever it is', () => {
    expect(forwardedAddress(parseTrustProxy('true'), '192.0.2.50', '1.2.3.4, 198.51.100.7')).toBe('198.51.100.7');
  });
});
