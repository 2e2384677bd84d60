/** Where the links in alerts and reports, and the URLs printed at start, point; the hall CA offered behind a proxy. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lanAddress, linkBase } from '../../src/server/process/public-url';
import { hallCaFromEnv } from '../../src/server/process/listen';

const lan = () => '192.168.1.20';

describe('the address links are made with', () => {
  it('PUBLIC_URL when set, without a trailing slash', () => {
    expect(linkBase({ PUBLIC_URL: 'https://hall-server.lan:8443/' }, { host: '0.0.0.0', port: 8443, tls: true }, lan)).toEqual({ base: 'https://hall-server.lan:8443', guessed: false });
  });

  it('an endpoint serving HTTPS on every address links to https and this machine\'s LAN address, never to 0.0.0.0', () => {
    expect(linkBase({}, { host: '0.0.0.0', port: 8443, tls: true }, lan)).toEqual({ base: 'https://192.168.1.20:8443', guessed: true });
    expect(linkBase({}, { host: '::', port: 443, tls: true }, lan)).toEqual({ base: 'https://192.168.1.20', guessed: true });
  });

  it('a named host is kept as it is, with its scheme and port', () => {
    expect(linkBase({}, { host: '127.0.0.1', port: 8080, tls: false }, lan)).toEqual({ base: 'http://127.0.0.1:8080', guessed: false });
    expect(linkBase({}, { host: 'fd00::5', port: 8443, tls: true }, lan)).toEqual({ base: 'https://[fd00::5]:8443', guessed: false });
  });

  it('a PUBLIC_URL that is not an http or https address stops the start, naming it', () => {
    expect(() => linkBase({ PUBLIC_URL: 'hall-server.lan' }, { host: '0.0.0.0', port: 8443, tls: true }, lan)).toThrow(/PUBLIC_URL/);
    expect(() => linkBase({ PUBLIC_URL: 'ftp://hall-server.lan' }, { host: '0.0.0.0', port: 8443, tls: true }, lan)).toThrow(/PUBLIC_URL/);
  });

  it('the LAN address is the first IPv4 address that is not loopback', () => {
    const iface = (address: string, family: 'IPv4' | 'IPv6', internal: boolean) => ({ address, family, internal, netmask: '', mac: '', cidr: null });
    expect(lanAddress({ lo: [iface('127.0.0.1', 'IPv4', true)], eth0: [iface('fe80::1', 'IPv6', false), iface('10.0.0.7', 'IPv4', false)] } as never)).toBe('10.0.0.7');
    expect(lanAddress({ lo: [iface('127.0.0.1', 'IPv4', true)] } as never)).toBeNull();
  });
});

describe('the hall CA the setup page offers', () => {
  it('is read from TLS_CA behind a proxy too, where the endpoint has no certificate of its own; a path with no file is refused by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fk-ca-'));
    writeFileSync(join(dir, 'hall-ca.crt'), '-----BEGIN CERTIFICATE-----\n');
    expect(hallCaFromEnv({ TLS_CA: join(dir, 'hall-ca.crt') })).toBe(join(dir, 'hall-ca.crt'));
    expect(hallCaFromEnv({})).toBeUndefined();
    expect(() => hallCaFromEnv({ TLS_CA: join(dir, 'missing.crt') })).toThrow(/TLS_CA: no file at/);
  });
});
