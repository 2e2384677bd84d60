import { describe, it, expect } from 'vitest';
import { forwardedClient, parseTrustProxy } from '../../src/server/http/address';

describe('the client address behind a proxy', () => {
  const trust = parseTrustProxy('loopback, 10.0.0.2');

  it('without TRUST_PROXY, X-Forwarded-For is ignored: a phone cannot choose its own address', () => {
    expect(forwardedClient('127.0.0.1', '198.51.100.7', parseTrustProxy(undefined))).toBeNull();
  });

  it('behind a trusted proxy, the right-most hop that is not a proxy is the client', () => {
    expect(forwardedClient('127.0.0.1', '198.51.100.7', trust)).toBe('198.51.100.7');
    expect(forwardedClient('127.0.0.1', '203.0.113.1, 198.51.100.7, 10.0.0.2', trust)).toBe('198.51.100.7');
  });

  it('a forged left-most hop written by the client does not count', () => {
    expect(forwardedClient('10.0.0.2', '1.2.3.4, 198.51.100.7', trust)).toBe('198.51.100.7');
  });

  it('a request that did not come through a trusted proxy, or names no real address, gives none', () => {
    expect(forwardedClient('192.0.2.50', '198.51.100.7', trust)).toBeNull();
    expect(forwardedClient('127.0.0.1', 'not-an-address', trust)).toBeNull();
    expect(forwardedClient('127.0.0.1', undefined, trust)).toBeNull();
  });
});
