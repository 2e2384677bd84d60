/** Why a rating is suspect is kept with it: stored, shown to supervisors and exported. */
import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, signIn, response, syncRequest } from './testkit';

describe('suspect reasons', () => {
  it('a rating the kiosk flagged as too soon after the last thank-you keeps that reason in the export and the comment list', async () => {
    const ep = await makeEndpoint();
    const { cookie } = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const kiosk = await enrol(ep.app, 'w01');
    const flagged = response({ suspect: true, suspectReason: 'too_soon_after_thanks', score: 1, reasons: ['slow'], comment: '太慢了' });
    const plain = response({ score: 5 });
    await ep.app.request('/api/v1/sync', syncRequest(kiosk, { records: [flagged, plain] }));
    const jsonl = await (await ep.app.request('/api/v1/export/responses.jsonl?site=demo&suspect=1', { headers: { cookie } })).text();
    const rows = new Map(jsonl.trim().split('\n').map((l) => JSON.parse(l) as { id: string; suspect: boolean; flags: string }).map((r) => [r.id, r]));
    expect(rows.get(flagged.id)).toMatchObject({ suspect: true, flags: 'too_soon_after_thanks' });
    expect(rows.get(plain.id)).toMatchObject({ suspect: false, flags: '' });
    const csv = await (await ep.app.request('/api/v1/export/responses.csv?site=demo&suspect=1', { headers: { cookie } })).text();
    expect(csv).toContain('too_soon_after_thanks');
    const feedback = (await (await ep.app.request('/api/v1/stats/feedback?site=demo&suspect=1', { headers: { cookie } })).json()) as { items: Array<{ id: string; flags: string[] }> };
    expect(feedback.items.find((i) => i.id === flagged.id)!.flags).toEqual(['too_soon_after_thanks']);
  });

  it('a reason that is not a plain code is kept as "device_flagged", never as free text', async () => {
    const ep = await makeEndpoint();
    const { cookie } = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const kiosk = await enrol(ep.app, 'w01');
    const rec = response({ suspect: true, suspectReason: '=HYPERLINK("x")' });
    await ep.app.request('/api/v1/sync', syncRequest(kiosk, { records: [rec] }));
    const jsonl = await (await ep.app.request('/api/v1/export/responses.jsonl?site=demo&suspect=1', { headers: { cookie } })).text();
    expect((JSON.parse(jsonl.trim()) as { flags: string }).flags).toBe('device_flagged');
  });
});
