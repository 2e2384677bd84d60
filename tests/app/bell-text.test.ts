/** What the dashboard's bell says of an alert, for whoever is signed in. */
import { describe, expect, it } from 'vitest';
import { ALERTS_DICTS } from '../../src/app/i18n/alerts';
import { alertBody, alertCase, bellTime } from '../../src/app/dashboard/bell/text';

const assigned = { kind: 'case_assigned', facts: { case: 'DEMO-2026-12-0004', assignee: 'wangli', due: '12-09 23:59' } };

describe('the bell\'s words', () => {
  it('an assignment reads "to you" to its assignee, and names the assignee to a supervisor watching the hall', () => {
    expect(alertBody(ALERTS_DICTS['zh-CN'], assigned, 'wangli')).toBe('工单 DEMO-2026-12-0004 已分派给您，办结期限 12-09 23:59。');
    expect(alertBody(ALERTS_DICTS['zh-CN'], assigned, 'zhang-sup')).toBe('工单 DEMO-2026-12-0004 已分派给 wangli，办结期限 12-09 23:59。');
    expect(alertBody(ALERTS_DICTS.en, assigned, 'zhang-sup')).toBe('Case DEMO-2026-12-0004 has been assigned to wangli; close by 12-09 23:59.');
    // A call-back still owed: both deadlines, each named (one word named either before).
    const owed = { kind: 'case_assigned', facts: { ...assigned.facts, callBackBy: '12-07 23:59' } };
    expect(alertBody(ALERTS_DICTS['zh-CN'], owed, 'wangli')).toBe('工单 DEMO-2026-12-0004 已分派给您，回访期限 12-07 23:59，办结期限 12-09 23:59。');
    expect(alertBody(ALERTS_DICTS.en, owed, 'zhang-sup')).toBe('Case DEMO-2026-12-0004 has been assigned to wangli; call back by 12-07 23:59, close by 12-09 23:59.');
  });

  it('a satisfaction warning names its window in the bell\'s language; one raised before English names were kept reads the Chinese name', () => {
    const facts = { subject: 'window', label: '03 社保医保', labelEn: '03 Social & Medical Insurance', since: '2026-11-12', asOf: '2026-11-20', baseline: '91.3%', recent: '80.0%' };
    const warning = { kind: 'early_warning', facts };
    expect(alertBody(ALERTS_DICTS.en, warning, 'sup')).toBe('Satisfaction of 03 Social & Medical Insurance has fallen below its baseline since 2026-11-12: recently 80.0%, baseline 91.3%.');
    expect(alertBody(ALERTS_DICTS['zh-CN'], warning, 'sup')).toBe('03 社保医保满意率自 2026-11-12 起明显低于基线：近期 80.0%，基线 91.3%。');
    const { labelEn: _, ...older } = facts;
    expect(alertBody(ALERTS_DICTS.en, { kind: 'early_warning', facts: older }, 'sup')).toContain('Satisfaction of 03 社保医保 has fallen');
  });

  it('an overdue case says which deadline passed, the call-back\'s or the fix\'s; one raised before it was told reads as before', () => {
    const overdue = (stage?: string) => ({ kind: 'case_overdue', facts: { case: 'DEMO-2026-12-0001', ...(stage ? { stage } : {}) } });
    expect(alertBody(ALERTS_DICTS['zh-CN'], overdue('callback'), 'sup')).toBe('工单 DEMO-2026-12-0001 已超过回访期限。');
    expect(alertBody(ALERTS_DICTS['zh-CN'], overdue('due'), 'sup')).toBe('工单 DEMO-2026-12-0001 已超过办结期限。');
    expect(alertBody(ALERTS_DICTS.en, overdue('due'), 'sup')).toBe('Case DEMO-2026-12-0001 is past its closing deadline.');
    expect(alertBody(ALERTS_DICTS['zh-CN'], overdue(), 'sup')).toBe('工单 DEMO-2026-12-0001 已超期。');
  });

  it('an alert about a case names the case; one about a window does not invent one', () => {
    expect(alertCase(ALERTS_DICTS['zh-CN'], { facts: { case: 'DEMO-2026-12-0007', score: 1 } })).toBe('工单 DEMO-2026-12-0007');
    expect(alertCase(ALERTS_DICTS.en, { facts: { of: 10, bad: 4 } })).toBeNull();
  });
});

describe('the bell\'s times', () => {
  it('an alert raised at 01:30 UTC reads 09:30 in a Shanghai hall and 20:30 the day before in a New York hall, whatever the browser\'s zone', () => {
    const raised = Date.parse('2026-11-24T01:30:00.000Z');
    expect(bellTime(raised, 'Asia/Shanghai')).toBe('2026/11/24 09:30:00');
    expect(bellTime(raised, 'America/New_York')).toBe('2026/11/23 20:30:00');
    expect(bellTime(raised, 'Asia/Urumqi')).toBe('2026/11/24 07:30:00');
    expect(bellTime(raised, 'Asia/Shanghai', 'en')).toBe('24 Nov 2026, 09:30:00'); // in English, as English readers write dates
  });
});
