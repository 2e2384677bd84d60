import { describe, it, expect, afterAll } from 'vitest';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeHallCertificates, parseTlsArgs, caFingerprint } from '../../src/server/cli/tls';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'fk-tls-test-'));
  dirs.push(d);
  return d;
}
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('npm run tls', () => {
  it('makes a local CA and a server certificate for the hall name and address that the CA verifies', () => {
    const out = tmp();
    const files = makeHallCertificates(parseTlsArgs(['--host', 'hall-server.lan', '--ip', '192.168.1.10', '--out', out], '/unused'));
    const ca = new X509Certificate(readFileSync(files.caCert));
    const cert = new X509Certificate(readFileSync(files.cert));
    expect(files.createdCa).toBe(true);
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.checkHost('hall-server.lan')).toBe('hall-server.lan');
    expect(cert.checkIP('192.168.1.10')).toBe('192.168.1.10');
    expect(cert.checkHost('other.lan')).toBeUndefined();
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // serverAuth, which iOS and Chrome require
    // Apple devices refuse server certificates valid for more than 825 days.
    expect((Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86_400_000).toBeLessThanOrEqual(825);
    expect(cert.checkPrivateKey(createPrivateKey(readFileSync(files.key)))).toBe(true);
    expect(statSync(files.caKey).mode & 0o077).toBe(0); // the CA key is readable by its owner only
  });

  it('reuses the CA on a second run, so tablets that trust it keep trusting the renewed certificate', () => {
    const out = tmp();
    const first = makeHallCertificates(parseTlsArgs(['--host', 'hall-server.lan', '--out', out], '/unused'));
    const fp = caFingerprint(readFileSync(first.caCert, 'utf8'));
    const oldCert = readFileSync(first.cert, 'utf8');
    const second = makeHallCertificates(parseTlsArgs(['--host', 'hall-server.lan', '--ip', '10.0.0.5', '--out', out], '/unused'));
    expect(second.createdCa).toBe(false);
    expect(caFingerprint(readFileSync(second.caCert, 'utf8'))).toBe(fp);
    const renewed = new X509Certificate(readFileSync(second.cert));
    expect(readFileSync(second.cert, 'utf8')).not.toBe(oldCert);
    expect(renewed.checkIP('10.0.0.5')).toBe('10.0.0.5');
    expect(renewed.verify(new X509Certificate(readFileSync(first.caCert)).publicKey)).toBe(true);
  });

  it('refuses bad flags by name and writes into DATA_DIR/tls by default', () => {
    expect(() => parseTlsArgs([], '/d')).toThrow(/--host or --ip/);
    expect(() => parseTlsArgs(['--host', 'bad name'], '/d')).toThrow(/--host/);
    expect(() => parseTlsArgs(['--ip', '999.1.1.1'], '/d')).toThrow(/--ip/);
    expect(() => parseTlsArgs(['--host', 'a.lan', '--days', '3650'], '/d')).toThrow(/--days/);
    expect(() => parseTlsArgs(['--host'], '/d')).toThrow(/--host needs a value/);
    expect(() => parseTlsArgs(['--hots', 'a.lan'], '/d')).toThrow(/unknown flag --hots/);
    expect(parseTlsArgs(['--host', 'Hall-Server.LAN'], '/d')).toEqual({ hosts: ['hall-server.lan'], ips: [], out: '/d/tls', days: 825 });
  });
});
