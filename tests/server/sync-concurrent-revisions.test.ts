/** The same revision arriving in batches at the same moment (a kiosk's retry reaching a second endpoint): counted once. */
import { describe, expect, it } from 'vitest';
import { enrol, makeEndpoint, response, signIn, syncRequest } from './testkit';
import type { DailyStats } from '../../src/shared/api';

describe('a revision sent again while the first copy is still being written', () => {
  it('three copies of a changed rating sent at once move it once: the day counts the new score once and the old score not at all', async () => {
    const ep = await makeEndpoint();
    const token = await enrol(ep.app);
    const sync = (records: unknown[]) => ep.app.request('/api/v1/sync', syncRequest(token, { records }));
    const first = response({ score: 1, reasons: ['slow'] });
    expect((await sync([first])).status).toBe(200);
    const changed = { ...first, rev: 1, score: 4, reasons: [] };
    const answers = await Promise.all([1, 2, 3].map(async () => (await (await sync([changed])).json()) as { results: Array<{ status: string }> }));
    expect(answers.map((a) => a.results[0]!.status).sort()).toEqual(['duplicate', 'duplicate', 'stored']);
    const { cookie } = await signIn(ep.app, ep.store, 'admin');
    const stats = (await (await ep.app.request('/api/v1/stats/daily?site=demo', { headers: { cookie } })).json()) as DailyStats;
    const counted = stats.days.filter((d) => d.total > 0);
    expect(counted.map((d) => [d.total, [...d.counts]])).toEqual([[1, [0, 0, 0, 1, 0]]]); // one rating: 满意 (4), none at 1
  });
});
