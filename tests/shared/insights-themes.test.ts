import { describe, it, expect } from 'vitest';
import { compareThemes, termsOf, themes } from '../../src/shared/insights/themes';
import { DEFAULT_STOP_WORDS } from '../../src/shared/insights/defaults';

const stop = new Set(DEFAULT_STOP_WORDS);
const c = (text: string, i = 0) => ({ id: `c${i}`, text });

describe('themes', () => {
  it('segments Chinese into words and keeps adjacent pairs as phrases, without stop words or punctuation', () => {
    const t = termsOf('工作人员态度生硬，问两句就不耐烦。', stop);
    expect(t.has('态度生硬')).toBe(true);
    expect(t.has('不耐烦')).toBe(true);
    expect(t.has('就')).toBe(false);
    expect([...t].some((x) => x.includes('，'))).toBe(false);
  });

  it('a theme neither starts nor ends with a particle: 讲得很清楚 gives 清楚, not 得很清楚', () => {
    const list = themes([c('材料讲得很清楚', 1), c('解释得很清楚', 2), c('耐心地讲解，讲得很清楚', 3)], stop);
    expect(list.map((t) => t.term)).toContain('清楚');
    expect(list.filter((t) => /[得地着过]/.test(t.term))).toEqual([]);
  });

  it('reads English words and phrases too, leaving out short and stop words', () => {
    const t = termsOf('The waiting area is too cold.', stop);
    expect(t.has('waiting area')).toBe(true);
    expect(t.has('the')).toBe(false);
    expect(t.has('is')).toBe(false);
  });

  it('ranks terms by how many comments use them, a comment counting once', () => {
    const list = themes([c('排队排队排队', 1), c('排队太久', 2), c('材料太多', 3), c('材料不全，排队', 4)], stop);
    expect(list.find((t) => t.term === '排队')?.count).toBe(3);
    expect(list.find((t) => t.term === '材料')?.count).toBe(2);
    expect(list[0]!.term).toBe('排队');
  });

  it('prefers a recurring phrase to its words when the phrase carries them', () => {
    const list = themes([c('态度生硬', 1), c('工作人员态度生硬', 2), c('态度生硬，不耐烦', 3)], stop);
    expect(list.map((t) => t.term)).toContain('态度生硬');
    expect(list.map((t) => t.term)).not.toContain('生硬');
  });

  it('a word said once is no theme', () => {
    expect(themes([c('停车难', 1), c('空调冷', 2)], stop)).toEqual([]);
  });

  it('gives example comments for each theme, each text once', () => {
    const list = themes([c('排队太久', 1), c('排队太久', 2), c('排队一小时', 3)], stop, { examples: 3 });
    expect(list.find((t) => t.term === '排队')!.examples.map((e) => e.text)).toEqual(['排队太久', '排队一小时']);
  });

  it('a site\'s stop words leave its own name out of the themes', () => {
    const comments = [c('大厅太冷', 1), c('大厅太吵', 2)];
    expect(themes(comments, stop).map((t) => t.term)).toContain('大厅');
    expect(themes(comments, new Set([...stop, '大厅'])).map((t) => t.term)).not.toContain('大厅');
  });

  it('compares a period with the one before: counts, change in points of share, and new themes', () => {
    const now = [c('排队太久', 1), c('排队一小时', 2), c('空调太冷', 3), c('空调坏了', 4)];
    const before = [c('排队太久', 5), c('材料太多', 6), c('材料不全', 7), c('态度好', 8)];
    const changes = compareThemes(now, before, stop);
    const queue = changes.find((t) => t.term === '排队')!;
    expect(queue).toMatchObject({ count: 2, before: 1, isNew: false });
    expect(queue.changePoints).toBeCloseTo(25, 10); // 2/4 now against 1/4 before
    expect(changes.find((t) => t.term === '空调')).toMatchObject({ count: 2, before: 0, isNew: true });
  });
});
