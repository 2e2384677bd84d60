/**
 * `npm run tls -- --host hall-server.lan --ip 192.168.1.10 [--out dir] [--days 825]`
 * Makes a local certificate authority (kept and reused, so tablets trust it once) and a server
 * certificate for a hall network without public DNS, with OpenSSL. Prints TLS_CERT / TLS_KEY.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface TlsOptions {
  hosts: string[];
  ips: string[];
  out: string;
  /** Server certificate lifetime; Apple devices refuse server certificates valid for more than 825 days. */
  days: number;
}

export interface TlsFiles { caCert: string; caKey: string; cert: string; key: string; createdCa: boolean }

/** The CA certificate's file name, also what the setup page offers for download. */
export const CA_CERT_FILE = 'hall-ca.crt';

const HOST_RE = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Parses the CLI flags; a bad value throws with the flag named. */
export function parseTlsArgs(argv: readonly string[], dataDir: string): TlsOptions {
  const opts: TlsOptions = { hosts: [], ips: [], out: join(dataDir, 'tls'), days: 825 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === '--host') {
      if (!HOST_RE.test(value)) throw new Error(`--host: "${value}" is not a host name`);
      opts.hosts.push(value.toLowerCase());
    } else if (flag === '--ip') {
      if (!isIP(value)) throw new Error(`--ip: "${value}" is not an IP address`);
      opts.ips.push(value);
    } else if (flag === '--out') opts.out = resolve(value);
    else if (flag === '--days') {
      const days = Number(value);
      if (!Number.isInteger(days) || days < 1 || days > 825) throw new Error('--days: a whole number from 1 to 825');
      opts.days = days;
    } else throw new Error(`unknown flag ${flag} (use --host, --ip, --out, --days)`);
  }
  if (opts.hosts.length === 0 && opts.ips.length === 0) throw new Error('give at least one --host or --ip');
  return opts;
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Makes (or reuses) the CA and issues a fresh server certificate for the given names. */
export function makeHallCertificates(opts: TlsOptions): TlsFiles {
  mkdirSync(opts.out, { recursive: true });
  const caCert = join(opts.out, CA_CERT_FILE);
  const caKey = join(opts.out, 'hall-ca.key');
  const cert = join(opts.out, 'server.crt');
  const key = join(opts.out, 'server.key');
  const createdCa = !(existsSync(caCert) && existsSync(caKey));
  if (createdCa) {
    const name = opts.hosts[0] ?? opts.ips[0]!;
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', caKey, '-out', caCert,
      '-days', '3650', '-sha256', '-subj', `/O=Window feedback kiosk/CN=Hall local CA ${name}`,
      '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    chmodSync(caKey, 0o600);
  }
  const work = mkdtempSync(join(tmpdir(), 'fk-tls-'));
  try {
    const san = [...opts.hosts.map((h) => `DNS:${h}`), ...opts.ips.map((ip) => `IP:${ip}`)].join(',');
    const ext = join(work, 'ext.cnf');
    writeFileSync(ext, [
      'basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=serverAuth',
      `subjectAltName=${san}`, 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid',
    ].join('\n'));
    const csr = join(work, 'server.csr');
    openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', csr,
      '-subj', `/CN=${opts.hosts[0] ?? opts.ips[0]}`]);
    chmodSync(key, 0o600);
    openssl(['x509', '-req', '-in', csr, '-CA', caCert, '-CAkey', caKey, '-set_serial', `0x${Date.now().toString(16)}`,
      '-days', String(opts.days), '-sha256', '-extfile', ext, '-out', cert]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { caCert, caKey, cert, key, createdCa };
}

/** SHA-256 of the CA certificate, as tablets show it when installing (colon-separated hex). */
export function caFingerprint(caCertPem: string): string {
  return new X509Certificate(caCertPem).fingerprint256;
}

function main(): void {
  const dataDir = resolve(process.env.DATA_DIR ?? 'data');
  let opts: TlsOptions;
  try {
    opts = parseTlsArgs(process.argv.slice(2), dataDir);
  } catch (e) {
    console.error(`tls: ${(e as Error).message}`);
    process.exit(2);
  }
  const files = makeHallCertificates(opts);
  console.log(files.createdCa ? `Made a new hall CA: ${files.caCert}` : `Reused the hall CA: ${files.caCert}`);
  console.log(`  fingerprint (SHA-256): ${caFingerprint(readFileSync(files.caCert, 'utf8'))}`);
  console.log(`  keep ${files.caKey} secret and backed up: it signs the server certificates tablets trust`);
  console.log(`Server certificate for ${[...opts.hosts, ...opts.ips].join(', ')}, valid ${opts.days} days.`);
  console.log('Start the endpoint with:');
  // HOST=0.0.0.0: the tablets reach it over the hall's network (the default 127.0.0.1 answers this machine only).
  // DATA_DIR and PUBLIC_URL as well: copied without them, the endpoint would start on an empty ./data (a new admin, a
  // new QR secret), and its alert links would name this machine's first LAN address instead of the certificate's name.
  const port = process.env.PORT ?? '8080';
  const publicUrl = opts.hosts[0] ? ` PUBLIC_URL=https://${opts.hosts[0]}:${port}` : '';
  console.log(`  DATA_DIR=${dataDir} HOST=0.0.0.0${process.env.PORT ? ` PORT=${port}` : ''}${publicUrl} TLS_CERT=${files.cert} TLS_KEY=${files.key} npm start`);
  console.log(`Then open https://${opts.hosts[0] ?? opts.ips[0]}:${port}/setup on each tablet to install the CA.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
