/** A record belongs to the device that made it, and the endpoint — not the client — decides channel, token kind and follow-up. */
import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, signIn, response, syncRequest } from './testkit';

type Endpoint = Awaited<ReturnType<typeof makeEndpoint>>;

async function posterToken(ep: Endpoint, cookie: string, windowId: string): Promise<string> {
  const { posters } = (await (await ep.app.request('/api/v1/qr/posters', { headers: { cookie } })).json()) as { posters: { windowId: string; url: string }[] };
  return new URL(posters.find((p) => p.windowId === windowId)!.url).searchParams.get('t')!;
}

async function phone(ep: Endpoint, deviceId: string, records: unknown[]) {
  const r = await ep.app.request('/api/v1/q/sync', syncRequest(null, { deviceId, records }));
  return ((await r.json()) as { results: Array<{ status: string; reason?: string }> }).results;
}

async function rows(ep: Endpoint, cookie: string) {
  const r = await ep.app.request('/api/v1/export/responses.jsonl?site=demo&suspect=1', { headers: { cookie } });
  return (await r.text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; score: number; comment: string | null; channel: string; token_kind: string | null; follow_up: boolean });
}

describe('who owns a record', () => {
  it('another phone re-sending a phone\'s record id with a higher revision is rejected as a conflict and changes nothing', async () => {
    const ep = await makeEndpoint();
    const { cookie } = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const token = await posterToken(ep, cookie, 'w01');
    const rec = response({ channel: 'qr', token, staffId: null, score: 5, comment: '很好' });
    expect((await phone(ep, 'phone-owner-0001', [rec]))[0]!.status).toBe('stored');
    const [r] = await phone(ep, 'phone-thief-0002', [{ ...rec, rev: 3, score: 1, comment: '很差' }]);
    expect(r).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^conflict/) });
    expect((await rows(ep, cookie)).find((x) => x.id === rec.id)).toMatchObject({ score: 5, comment: '很好' });
    expect((await phone(ep, 'phone-owner-0001', [{ ...rec, rev: 1, comment: '很好，谢谢' }]))[0]!.status).toBe('stored'); // its own device may
  });
});

describe('changing a rating later (改选评价)', () => {
  it('a phone may change its score for 30 minutes after its rating arrived; later the score stands, though a later step that keeps it is taken; a kiosk\'s queued step may change it later', async () => {
    let clock = Date.parse('2026-11-24T02:00:00Z');
    const ep = await makeEndpoint({ now: () => clock });
    const { cookie } = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const token = await posterToken(ep, cookie, 'w01');
    const at = new Date(clock).toISOString();
    const rec = response({ channel: 'qr', token, staffId: null, score: 2, reasons: ['slow'], deviceTime: at });
    expect((await phone(ep, 'phone-rescore-0001', [rec]))[0]!.status).toBe('stored');
    clock += 10 * 60_000;
    expect((await phone(ep, 'phone-rescore-0001', [{ ...rec, rev: 1, score: 4, reasons: [] }]))[0]!.status).toBe('stored');
    clock += 21 * 60_000; // 31 minutes after the rating arrived
    const [late] = await phone(ep, 'phone-rescore-0001', [{ ...rec, rev: 2, score: 1, reasons: ['attitude'] }]);
    expect(late).toMatchObject({ status: 'rejected', code: 'rating_change_too_late', field: 'score' });
    expect((await rows(ep, cookie)).find((x) => x.id === rec.id)).toMatchObject({ score: 4 });
    expect((await phone(ep, 'phone-rescore-0001', [{ ...rec, rev: 2, score: 4, reasons: [], comment: '后来办好了' }]))[0]!.status).toBe('stored');
    expect((await rows(ep, cookie)).find((x) => x.id === rec.id)).toMatchObject({ score: 4, comment: '后来办好了' });

    const kiosk = await enrol(ep.app, 'w02');
    const k = response({ windowId: 'w02', staffId: null, score: 5, deviceTime: new Date(clock).toISOString() });
    expect(((await (await ep.app.request('/api/v1/sync', syncRequest(kiosk, { records: [k] }))).json()) as { results: Array<{ status: string }> }).results[0]!.status).toBe('stored');
    clock += 2 * 3_600_000; // the tablet was offline between two steps of one survey
    const later = (await (await ep.app.request('/api/v1/sync', syncRequest(kiosk, { records: [{ ...k, rev: 1, score: 2, reasons: ['slow'] }] }))).json()) as { results: Array<{ status: string }> };
    expect(later.results[0]!.status).toBe('stored');
    expect((await rows(ep, cookie)).find((x) => x.id === k.id)).toMatchObject({ score: 2 });
  });
});

describe('fields the endpoint decides', () => {
  it('a kiosk claiming channel "qr" and a follow-up without a case is stored as a kiosk rating, not a follow-up', async () => {
    const ep = await makeEndpoint();
    const { cookie } = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const kiosk = await enrol(ep.app, 'w01');
    const rec = response({ channel: 'qr', followUp: true });
    const r = await ep.app.request('/api/v1/sync', syncRequest(kiosk, { records: [rec] }));
    expect(((await r.json()) as { results: Array<{ status: string }> }).results[0]!.status).toBe('stored');
    expect((await rows(ep, cookie)).find((x) => x.id === rec.id)).toMatchObject({ channel: 'kiosk', token_kind: null, follow_up: false });
  });

  it('a phone\'s channel, token kind and follow-up come from its signed code, whatever the record says', async () => {
    const ep = await makeEndpoint();
    const { cookie } = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const token = await posterToken(ep, cookie, 'w02');
    const rec = response({ windowId: 'w02', channel: 'kiosk', token, staffId: null });
    expect((await phone(ep, 'phone-claims-0001', [rec]))[0]!.status).toBe('stored');
    expect((await rows(ep, cookie)).find((x) => x.id === rec.id)).toMatchObject({ channel: 'qr', token_kind: 'poster', follow_up: false });
  });
});
