/**
 * The client's address behind a reverse proxy. Only when TRUST_PROXY names the proxies (addresses, or `loopback`)
 * is X-Forwarded-For believed, and then only its right-most hop that is not itself a trusted proxy: anything
 * to the left of that was written by the client and proves nothing.
 */
import { isIP } from 'node:net';

export interface ProxyTrust {
  /** Proxy addresses whose X-Forwarded-For is believed; empty: none. */
  readonly proxies: ReadonlySet<string>;
}

const LOOPBACK = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

/** Reads TRUST_PROXY: a comma-separated list of proxy addresses, `loopback` for a proxy on the same machine. */
export function parseTrustProxy(value: string | undefined): ProxyTrust {
  const proxies = new Set<string>();
  for (const part of (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (part === 'loopback') LOOPBACK.forEach((a) => proxies.add(a));
    else if (isIP(part)) proxies.add(part);
  }
  return { proxies };
}

/** The real client address, or null when no trusted proxy gave one (the socket peer alone may be a whole hall's NAT). */
export function forwardedClient(peer: string | undefined, forwardedFor: string | undefined, trust: ProxyTrust): string | null {
  if (!peer || !trust.proxies.has(peer) || !forwardedFor) return null;
  const hops = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!isIP(hop)) return null;
    if (!trust.proxies.has(hop)) return hop;
  }
  return null;
}
