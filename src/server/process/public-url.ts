/**
 * The address links are made with where no request gives one: alert and report messages, and the URLs printed at
 * start. PUBLIC_URL when set; else this endpoint's scheme, host and port, a wildcard host (0.0.0.0, ::) named by the
 * machine's first LAN address, since a link to 0.0.0.0 opens nothing on a phone.
 */
import { networkInterfaces } from 'node:os';

export interface LinkBase {
  /** Origin without a trailing slash, e.g. https://192.168.1.20:8443. */
  base: string;
  /** True when PUBLIC_URL was not set and a wildcard host was named by a guessed address. */
  guessed: boolean;
}

const WILDCARD = new Set(['0.0.0.0', '::', '[::]', '']);

/** The first non-internal IPv4 address of this machine, else its first non-internal IPv6 one, else null. */
export function lanAddress(interfaces = networkInterfaces()): string | null {
  const all = Object.values(interfaces).flatMap((list) => list ?? []).filter((a) => !a.internal);
  const v4 = all.find((a) => a.family === 'IPv4');
  if (v4) return v4.address;
  const v6 = all.find((a) => a.family === 'IPv6' && !a.address.startsWith('fe80:'));
  return v6 ? `[${v6.address}]` : null;
}

/** PUBLIC_URL checked (an http or https origin, a path kept), or the endpoint's own address. */
export function linkBase(env: NodeJS.ProcessEnv, listen: { host: string; port: number; tls: boolean }, lan: () => string | null = lanAddress): LinkBase {
  const set = env.PUBLIC_URL?.trim();
  if (set) {
    let url: URL;
    try {
      url = new URL(set);
    } catch {
      throw new Error(`PUBLIC_URL must be an http or https address, such as https://hall-server.lan (got "${set}")`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PUBLIC_URL must be an http or https address (got "${set}")`);
    return { base: set.replace(/\/+$/, ''), guessed: false };
  }
  const scheme = listen.tls ? 'https' : 'http';
  const wildcard = WILDCARD.has(listen.host);
  const host = wildcard ? lan() ?? '127.0.0.1' : listen.host.includes(':') && !listen.host.startsWith('[') ? `[${listen.host}]` : listen.host;
  const port = (scheme === 'https' && listen.port === 443) || (scheme === 'http' && listen.port === 80) ? '' : `:${listen.port}`;
  return { base: `${scheme}://${host}${port}`, guessed: wildcard };
}

/** Where links a request makes point (QR codes, a channel's test message): PUBLIC_URL when set, else the request's own origin. */
export function requestOrigin(reqUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env.PUBLIC_URL?.trim() || new URL(reqUrl).origin).replace(/\/+$/, '');
}
