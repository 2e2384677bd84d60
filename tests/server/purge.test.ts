import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, signIn, syncRequest, response } from './testkit';
import { purgePersonalData } from '../../src/server/cli/purge';
import { uuidv7 } from '../../src/shared/ids';

const DAY = 86_400_000;

describe('retention of personal data', () => {
  it('phone numbers and contacts older than the retention period are erased; ratings and comments stay', async () => {
    let now = Date.parse('2026-05-01T02:00:00Z');
    const { app, db, config } = makeEndpoint({ now: () => now });
    const token = await enrol(app);
    await app.request('/api/v1/sync', syncRequest(token, {
      records: [
        response({ score: 1, reasons: ['slow'], comment: '等太久', phone: '13812345678', deviceTime: new Date(now).toISOString() }),
        { type: 'suggestion', id: uuidv7(), rev: 0, seq: 77, windowId: 'w01', staffId: null, category: 'complaint', text: '空调太冷', contact: '13900001111', deviceTime: new Date(now).toISOString(), channel: 'kiosk' },
      ],
    }));
    now += 100 * DAY;
    await app.request('/api/v1/sync', syncRequest(token, { records: [response({ score: 2, reasons: ['slow'], phone: '13700000000', deviceTime: new Date(now).toISOString() })] }));

    now += 100 * DAY; // the first batch is 200 days old, the second 100 (default retention: 180 days)
    const r = purgePersonalData(db, config, now);
    expect(r.sites).toEqual([expect.objectContaining({ siteId: 'demo', phones: 1, contacts: 1 })]);
    expect(db.prepare('SELECT score, comment, phone FROM responses ORDER BY received_at').all()).toEqual([
      { score: 1, comment: '等太久', phone: null },
      { score: 2, comment: null, phone: '13700000000' },
    ]);
    expect(db.prepare('SELECT text, contact FROM suggestions').all()).toEqual([{ text: '空调太冷', contact: null }]);
    expect(db.prepare("SELECT actor FROM audit WHERE action = 'purge'").all()).toEqual([{ actor: 'system' }]);
  });

  it('an admin can run the purge now from /admin, and it is written to the audit log under their name', async () => {
    const { app, db } = makeEndpoint();
    const admin = await signIn(app, db, 'admin');
    const r = await app.request('/api/v1/admin/purge', { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(r.status).toBe(200);
    const entry = db.prepare("SELECT actor FROM audit WHERE action = 'purge'").get() as { actor: string };
    expect(entry.actor).toMatch(/^admin-/);
  });
});
