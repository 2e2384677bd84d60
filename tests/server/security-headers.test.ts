import { describe, it, expect } from 'vitest';
import { makeEndpoint } from './testkit';

describe('security headers on every answer', () => {
  it('the content security policy forbids a <base> tag and forms posting to another origin', async () => {
    const { app } = await makeEndpoint();
    const csp = (await app.request('/api/v1/health')).headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v.join(' ')]));
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'self'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('default-src')).toBe("'self'");
  });

  it('a Permissions-Policy allows only the pairing page\'s camera, and nothing else a kiosk does not use', async () => {
    const { app } = await makeEndpoint();
    const policy = (await app.request('/api/v1/health')).headers.get('permissions-policy') ?? '';
    expect(policy).toContain('camera=(self)');
    for (const feature of ['microphone', 'geolocation', 'payment', 'usb']) expect(policy).toContain(`${feature}=()`);
  });

  it('no page may be framed, and the old header says the same as the CSP (DENY, not SAMEORIGIN)', async () => {
    const { app } = await makeEndpoint();
    const res = await app.request('/api/v1/health');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
