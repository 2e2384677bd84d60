/**
 * Who is at the other end: the client's address and whether it came over HTTPS. Behind nginx or Caddy
 * (TRUST_PROXY) both come from X-Forwarded-For / X-Forwarded-Proto, but only when the peer is a trusted
 * proxy; otherwise those headers are ignored, so nobody can forge an address to dodge a rate limit.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { isIP } from 'node:net';
import type { AppEnv } from './context';

/** `off`: ignore X-Forwarded-*; `any`: the direct peer is always the proxy; a list: only these peers are. */
export type TrustProxy = { kind: 'off' } | { kind: 'any' } | { kind: 'list'; addresses: ReadonlySet<string> };

/** `forwarded`: the address came from a trusted proxy's X-Forwarded-For, not from the socket peer (maybe a whole hall's NAT). */
export interface ClientInfo { address: string; https: boolean; forwarded: boolean }

const LOOPBACK = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

/** Parses TRUST_PROXY: unset/0/false → off; 1/true → any; `loopback` and/or addresses, comma-separated. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === '0' || v === 'false' || v === 'off') return { kind: 'off' };
  if (v === '1' || v === 'true' || v === 'any') return { kind: 'any' };
  const addresses = new Set<string>();
  for (const part of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (part === 'loopback') LOOPBACK.forEach((a) => addresses.add(a));
    else if (isIP(part)) addresses.add(part);
    else throw new Error(`TRUST_PROXY: "${part}" is not an IP address, "loopback", "true" or "false"`);
  }
  return { kind: 'list', addresses };
}

function peerAddress(c: Context<AppEnv>): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

function trusted(trust: TrustProxy, peer: string | null): boolean {
  if (trust.kind === 'off') return false;
  if (trust.kind === 'any') return true;
  return peer !== null && trust.addresses.has(peer);
}

/**
 * The client address a trusted proxy forwarded, or null when the peer is not a trusted proxy or named no real address.
 * The rightmost hop not itself a trusted proxy is the one our proxy saw; entries left of it are client-written.
 */
export function forwardedAddress(trust: TrustProxy, peer: string | null, forwardedFor: string | undefined): string | null {
  if (!trusted(trust, peer) || !forwardedFor) return null;
  const hops = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!isIP(hop)) return null; // a garbled chain proves nothing
    if (trust.kind === 'any' || !trusted(trust, hop)) return hop;
  }
  return null;
}

/** The client as this request shows it, honouring TRUST_PROXY. */
export function resolveClient(c: Context<AppEnv>, trust: TrustProxy): ClientInfo {
  const peer = peerAddress(c);
  const https = new URL(c.req.url).protocol === 'https:';
  if (!trusted(trust, peer)) return { address: peer ?? 'local', https, forwarded: false };
  const forwarded = forwardedAddress(trust, peer, c.req.header('x-forwarded-for'));
  const proto = (c.req.header('x-forwarded-proto') ?? '').split(',')[0]!.trim().toLowerCase();
  return { address: forwarded ?? peer ?? 'local', https: proto ? proto === 'https' : https, forwarded: forwarded !== null };
}

const HSTS = 'max-age=31536000; includeSubDomains';

/** Sets c.var.client for every request; sends HSTS only when the client came over HTTPS. */
export function clientMiddleware(trust: TrustProxy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const client = resolveClient(c, trust);
    c.set('client', client);
    await next();
    if (client.https) c.header('strict-transport-security', HSTS);
    else c.res.headers.delete('strict-transport-security');
  };
}
