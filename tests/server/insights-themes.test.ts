import { describe, it, expect, beforeAll } from 'vitest';
import { loadConfig } from '../../src/server/config/load';
import { seedResponses } from '../../src/server/cli/seed';
import type { CommentRow } from '../../src/server/store/insights';
import { themes } from '../../src/shared/insights/themes';
import { stopWords } from '../../src/shared/insights/site';
import { categorise } from '../../src/shared/insights/categories';
import { CONFIG_DIR, freshStore } from './testkit';

describe('themes on the seed data', () => {
  const config = loadConfig(CONFIG_DIR);
  const site = config.sites[0]!;
  let rows: CommentRow[] = [];
  let bad: CommentRow[] = [];
  beforeAll(async () => {
    const store = await freshStore();
    await seedResponses(store, config, { responses: 20_000, days: 60, end: '2026-11-20' });
    // The seed's comments of ratings (suggestions have no score) as the insights read them.
    rows = (await store.insights.comments({ siteId: site.id, from: '2026-09-22', to: '2026-11-20', limit: 100_000 })).filter((r) => r.kind === 'response');
    bad = rows.filter((r) => r.score !== null && r.score <= 2);
  });

  it('finds the recurring complaints of the bad reviews, each with its count and examples', () => {
    const t0 = performance.now();
    const list = themes(bad, stopWords(site), { top: 10 });
    const ms = performance.now() - t0;
    console.log(`${bad.length} bad-review comments → themes in ${ms.toFixed(0)} ms:\n${list.map((t) => `${t.term} ${t.count}`).join('\n')}`);
    const terms = list.map((t) => t.term);
    expect(bad.length).toBeGreaterThan(200);
    for (const expected of ['材料', '排队']) expect(terms).toContain(expected);
    // A theme's count is the number of comments that contain it.
    for (const t of list.filter((x) => /^\p{Script=Han}+$/u.test(x.term))) {
      expect(t.count, t.term).toBe(bad.filter((r) => r.text.includes(t.term)).length);
    }
    expect(list[0]!.examples.length).toBeGreaterThan(0);
  });

  it('the site\'s stop words keep 窗口 and 工作人员 out', () => {
    const terms = themes(bad, stopWords(site)).map((t) => t.term);
    expect(terms).not.toContain('窗口');
    expect(terms).not.toContain('工作人员');
  });

  it('every seed comment gets at least one category, and none is taken for spam', () => {
    const cats = rows.map((r) => categorise(r.text, site.insights.categories).codes);
    expect(cats.every((c) => c.length > 0)).toBe(true);
    expect(cats.some((c) => c.includes('spam'))).toBe(false);
  });
});
