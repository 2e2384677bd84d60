/** Every single response is reachable from the comments list: paged without a cut, bad reviews without a comment included, each item opens. */
import { describe, expect, it } from 'vitest';
import { auditOf, makeEndpoint, response } from './testkit';
import { caseOf, complaint, get, json, kiosk, person, post } from './cases-kit';
import type { Feedback } from '../../src/server/stats/types';
import type { FeedbackRecord } from '../../src/server/stats/feedback-item';

const MON = Date.parse('2026-11-23T10:00:00+08:00');

describe('the comments list', () => {
  it('pages through 250 comments to the last one, each once, newest first, with bad reviews that have no comment', async () => {
    const ep = await makeEndpoint({ now: () => MON });
    const send = await kiosk(ep);
    const sup = await person(ep, 'supervisor', { sites: ['demo'] });
    const base = Date.parse('2026-11-20T09:00:00+08:00');
    const all = Array.from({ length: 250 }, (_, i) => response({ score: 4, comment: `留言 ${i}`, deviceTime: new Date(base + i * 60_000).toISOString() }));
    const silentBad = response({ score: 1, reasons: ['slow'], deviceTime: new Date(base + 300 * 60_000).toISOString() });
    for (let i = 0; i < all.length; i += 100) await send(...all.slice(i, i + 100));
    await send(silentBad, response({ score: 5, deviceTime: new Date(base).toISOString() })); // a good rating without a comment is not listed
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Feedback = await json<Feedback>(get(ep, sup, `/api/v1/stats/feedback?site=demo&from=2026-11-01&to=2026-11-30${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(251);
    expect(new Set(seen).size).toBe(251);
    expect(seen[0]).toBe(silentBad.id);
    expect(seen.at(-1)).toBe(all[0]!.id);
  });

  it('opens an item in full, phone masked, with its follow-up case; a bad cursor is a 400 naming it', async () => {
    const ep = await makeEndpoint({ now: () => MON });
    const send = await kiosk(ep);
    const sup = await person(ep, 'supervisor', { sites: ['demo'] });
    const bad = response({ score: 2, reasons: ['slow'], phone: '13812345678' });
    await send(bad);
    const rec = await json<FeedbackRecord>(get(ep, sup, `/api/v1/stats/feedback/response/${bad.id}`));
    expect(rec).toMatchObject({ id: bad.id, score: 2, reasons: ['slow'], phone: '138****5678', text: '', caseNumber: expect.stringMatching(/^DEMO-2026-11-/) });
    expect((await get(ep, sup, `/api/v1/stats/feedback/response/${'0'.repeat(8)}`)).status).toBe(404);
    const r = await get(ep, sup, '/api/v1/stats/feedback?site=demo&cursor=nonsense');
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ field: 'cursor' });
  });

  it('a suggestion opened in full masks its e-mail or WeChat contact as the list does; its case\'s supervisor still reveals it whole, audited', async () => {
    const ep = await makeEndpoint({ now: () => MON });
    const send = await kiosk(ep);
    const sup = await person(ep, 'supervisor', { sites: ['demo'] });
    const at = new Date(MON - 3_600_000).toISOString();
    const email = complaint({ contact: 'zhang.san@example.com', deviceTime: at });
    const wechat = complaint({ category: 'suggestion', contact: 'wxid_abcdef', deviceTime: at, trackingCode: undefined });
    const qq = complaint({ category: 'suggestion', contact: '123456789', deviceTime: at, trackingCode: undefined });
    await send(email, wechat, qq);
    const list = await json<Feedback>(get(ep, sup, '/api/v1/stats/feedback?site=demo&from=2026-11-01&to=2026-11-30'));
    const opened = async (rec: { id: unknown }) => (await json<FeedbackRecord>(get(ep, sup, `/api/v1/stats/feedback/suggestion/${rec.id as string}`))).phone;
    const listed = (rec: { id: unknown }) => list.items.find((i) => i.id === rec.id)?.phone;
    expect(await opened(email)).toBe('z***@e***.com');
    expect(await opened(wechat)).toBe('w******');
    for (const rec of [email, wechat, qq]) expect(await opened(rec)).toBe(listed(rec));
    const number = (await json<FeedbackRecord>(get(ep, sup, `/api/v1/stats/feedback/suggestion/${email.id}`))).caseNumber!;
    expect((await caseOf(ep, sup, number)).sources[0]!.phone).toBe('z***@e***.com');
    expect(await json(post(ep, sup, `/api/v1/cases/${number}/reveal`, {}))).toMatchObject({ phone: 'zhang.san@example.com' });
    expect((await auditOf(ep.store, 'case.phone_revealed')).map((a) => a.actor)).toEqual([sup.username]);
  });
});
