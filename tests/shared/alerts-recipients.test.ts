import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTES, deliveryFor, parseRecipients, resolveAudience, type Person } from '../../src/shared/alerts/recipients';

const people: Person[] = [
  { username: 'zhang', role: 'supervisor', sites: ['demo'], disabled: false },
  { username: 'qian', role: 'supervisor', sites: ['east'], disabled: false },
  { username: 'zhao', role: 'supervisor', sites: ['demo'], disabled: true },
  { username: 'root', role: 'admin', sites: [], disabled: false },
  { username: 'li', role: 'staff', sites: ['demo'], disabled: false },
];

describe('who an alert is for', () => {
  it("a bad review with a phone goes to the hall's supervisors and the case's assignee, not to other halls or disabled accounts", () => {
    const a = resolveAudience(DEFAULT_ROUTES.bad_with_phone, people, 'demo', 'li');
    expect([...a].sort()).toEqual(['@li', '@zhang', 'assignee', 'supervisor']);
  });

  it('kiosk health goes to admins only', () => {
    expect([...resolveAudience(DEFAULT_ROUTES.kiosk_unhealthy, people, 'demo', null)].sort()).toEqual(['@root', 'admin']);
    expect([...resolveAudience(DEFAULT_ROUTES.kiosk_silent, people, 'demo', null)].sort()).toEqual(['@root', 'admin']);
  });

  it('a case not yet assigned names no assignee; a route may name one person', () => {
    expect([...resolveAudience(['assignee'], people, 'demo', null)]).toEqual(['assignee']);
    expect([...resolveAudience(['@qian', '@nobody'], people, 'demo', null)]).toEqual(['@qian']);
  });
});

describe("a channel's recipients", () => {
  it('reads addresses, roles, people and addresses for a role or person; refuses anything else by name', () => {
    expect(parseRecipients('chief@hall.cn; supervisor\n@li:li@hall.cn, admin:ops@hall.cn')).toEqual({
      ok: true,
      entries: [
        { audience: '*', address: 'chief@hall.cn' }, { audience: 'supervisor', address: null },
        { audience: '@li', address: 'li@hall.cn' }, { audience: 'admin', address: 'ops@hall.cn' },
      ],
    });
    expect(parseRecipients('supervisor, boss')).toEqual({ ok: false, entry: 'boss' });
    expect(parseRecipients('admin:not-an-address')).toEqual({ ok: false, entry: 'admin:not-an-address' });
  });

  it('e-mail goes to the addresses of the roles and people the alert is for, plus plain addresses', () => {
    const mail = { kind: 'email', recipients: 'chief@hall.cn, supervisor:office@hall.cn, admin:ops@hall.cn, @li:li@hall.cn' };
    const bad = resolveAudience(DEFAULT_ROUTES.bad_with_phone, people, 'demo', 'li');
    expect(deliveryFor(mail, bad)).toEqual({ kind: 'send', to: ['chief@hall.cn', 'office@hall.cn', 'li@hall.cn'] });
    const kiosk = resolveAudience(DEFAULT_ROUTES.kiosk_unhealthy, people, 'demo', null);
    expect(deliveryFor(mail, kiosk)).toEqual({ kind: 'send', to: ['chief@hall.cn', 'ops@hall.cn'] });
    expect(deliveryFor({ kind: 'email', recipients: 'admin:ops@hall.cn' }, bad)).toEqual({ kind: 'skip' });
  });

  it('a robot group serving admins skips a bad review; one serving no one in particular takes everything', () => {
    const bad = resolveAudience(DEFAULT_ROUTES.bad_with_phone, people, 'demo', null);
    expect(deliveryFor({ kind: 'wecom', recipients: 'admin' }, bad)).toEqual({ kind: 'skip' });
    expect(deliveryFor({ kind: 'wecom', recipients: '@zhang' }, bad)).toEqual({ kind: 'send', to: null });
    expect(deliveryFor({ kind: 'dingtalk', recipients: null }, bad)).toEqual({ kind: 'send', to: null });
  });
});
