import { Hono } from 'hono';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AppEnv } from '../http/context';
import type { SetupCa } from '../../shared/setup';
import { fail } from '../http/errors';

/** Path the setup page downloads the hall CA from; outside /api so a tablet's browser saves or installs it directly. */
export const CA_DOWNLOAD_PATH = '/setup/hall-ca.crt';

interface LoadedCa { pem: string; info: SetupCa & { available: true } }

/** Reads the CA certificate once; a missing or unreadable file means "no local CA" (public certificate or proxy). */
function loadCa(file: string | undefined): LoadedCa | null {
  if (!file) return null;
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    console.warn(`setup: no hall CA certificate at ${file} (${(e as Error).message}); /setup will say none is needed`);
    return null;
  }
  const x = new X509Certificate(pem);
  if (!x.ca) throw new Error(`${file} is not a CA certificate`);
  return { pem, info: { available: true, downloadPath: CA_DOWNLOAD_PATH, fingerprint: x.fingerprint256, subject: x.subject.replace(/\n/g, ', '), validTo: new Date(x.validTo).toISOString() } };
}

/** The CA download and its description. Accepts: anyone (a certificate is public; tablets fetch it before they are paired). */
export function setupRoutes(caCertFile: string | undefined) {
  const ca = loadCa(caCertFile);
  const app = new Hono<AppEnv>();
  // Accepts: public.
  app.get('/api/v1/setup/ca', (c) => c.json(ca ? ca.info : ({ available: false } satisfies SetupCa)));
  // Accepts: public.
  app.get(CA_DOWNLOAD_PATH, (c) => {
    if (!ca) throw fail(404, 'not_found', 'no local CA certificate is configured (TLS_CA)');
    // This type makes iOS Safari offer the certificate as a profile and Android offer to install it.
    return c.body(ca.pem, 200, { 'content-type': 'application/x-x509-ca-cert', 'content-disposition': 'attachment; filename="hall-ca.crt"', 'cache-control': 'no-cache' });
  });
  return app;
}
