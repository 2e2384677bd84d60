import { describe, it, expect } from 'vitest';
import { openDb } from '../../src/server/db/sqlite';
import { loadConfig } from '../../src/server/config/load';
import { seedResponses } from '../../src/server/cli/seed';
import { withoutRollupTriggers } from '../../src/server/stats/rollup';
import { themes } from '../../src/shared/insights/themes';
import { stopWords } from '../../src/shared/insights/site';
import { categorise } from '../../src/shared/insights/categories';
import { CONFIG_DIR } from './testkit';

describe('themes on the seed data', () => {
  const config = loadConfig(CONFIG_DIR);
  const site = config.sites[0]!;
  const db = openDb(':memory:');
  withoutRollupTriggers(db, () => seedResponses(db, config, { responses: 20_000, days: 60, end: '2026-11-20' }));
  const rows = db.prepare(`SELECT id, comment AS text, score FROM responses WHERE comment IS NOT NULL`).all() as { id: string; text: string; score: number }[];
  const bad = rows.filter((r) => r.score <= 2);

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
