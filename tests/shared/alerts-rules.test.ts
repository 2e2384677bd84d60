import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALERT_RULES as R, autoCloses, badStreak, badWithPhone, earlyWarningAlert, kioskSilent, kioskUnhealthy, raisedOnce, reconcile, type RecentRating,
} from '../../src/shared/alerts/rules';
import { formatAlert } from '../../src/shared/alerts/messages';

const MIN = 60_000;
const t0 = Date.UTC(2026, 10, 23, 1, 0);
let n = 0;
const rating = (score: number, at = t0, windowId = 'w1', phone: string | null = null): RecentRating =>
  ({ id: `r${++n}`, windowId, score, at, phone });

describe('alert rules', () => {
  it('a bad review with a phone number raises at once; a good one or one without phone does not', () => {
    expect(badWithPhone(rating(1, t0, 'w1', '13812345678'))?.kind).toBe('bad_with_phone');
    expect(badWithPhone(rating(2, t0, 'w1', null))).toBeNull();
    expect(badWithPhone(rating(5, t0, 'w1', '13812345678'))).toBeNull();
  });

  it('the facts of an alert never carry the phone number', () => {
    const c = badWithPhone(rating(1, t0, 'w1', '13812345678'))!;
    expect(JSON.stringify(c)).not.toContain('13812345678');
  });

  it('three bad among the last ten ratings of a window raises by default; two do not', () => {
    const two = [rating(1), rating(5), rating(2), ...Array.from({ length: 7 }, () => rating(5))];
    expect(badStreak('w1', two, R, t0)).toBeNull();
    const three = [...two.slice(0, 9), rating(1)];
    expect(badStreak('w1', three, R, t0)).toMatchObject({ key: 'bad_streak:w1', facts: { bad: 3, of: 10 } });
  });

  it('bad reviews older than the last ten ratings no longer count', () => {
    const old = [rating(1), rating(1), rating(1), ...Array.from({ length: 10 }, () => rating(5))];
    expect(badStreak('w1', old, R, t0)).toBeNull();
  });

  it('other windows’ ratings do not count towards a window', () => {
    const mixed = [rating(1, t0, 'w2'), rating(1, t0, 'w2'), rating(1, t0, 'w1'), rating(1, t0, 'w1')];
    expect(badStreak('w1', mixed, R, t0)).toBeNull();
    expect(badStreak('w2', [...mixed, rating(2, t0, 'w2')], R, t0)?.windowId).toBe('w2');
  });

  it('with a time window, only ratings from the last M minutes count', () => {
    const rules = { ...R, withinMinutes: 30 };
    const rs = [rating(1, t0 - 45 * MIN), rating(1, t0 - 10 * MIN), rating(1, t0 - MIN)];
    expect(badStreak('w1', rs, rules, t0)).toBeNull();
    expect(badStreak('w1', rs, rules, t0 - 20 * MIN)?.facts.bad).toBe(3);
  });

  it('a share rule raises when the bad share reaches it even below the count', () => {
    const rules = { ...R, badCount: 99, badShare: 0.5 };
    expect(badStreak('w1', [rating(1), rating(5)], rules, t0)?.facts).toEqual({ bad: 1, of: 2 });
    expect(badStreak('w1', [rating(1), rating(5), rating(4)], rules, t0)).toBeNull();
  });

  it('a kiosk silent for 15 minutes raises only while the hall is open', () => {
    const k = { kioskId: 'k1', lastSeen: t0 - 16 * MIN, deadLetters: 0, storageWarning: false };
    expect(kioskSilent(k, R, t0, true)?.facts.minutes).toBe(16);
    expect(kioskSilent(k, R, t0, false)).toBeNull();
    expect(kioskSilent({ ...k, lastSeen: t0 - 14 * MIN }, R, t0, true)).toBeNull();
  });

  it('dead letters or a storage warning on a kiosk raise a health alert', () => {
    const k = { kioskId: 'k1', lastSeen: t0, deadLetters: 0, storageWarning: false };
    expect(kioskUnhealthy(k)).toBeNull();
    expect(kioskUnhealthy({ ...k, deadLetters: 2 })?.facts.deadLetters).toBe(2);
    expect(kioskUnhealthy({ ...k, storageWarning: true })?.kind).toBe('kiosk_unhealthy');
  });

  it('an open alert is not raised again, and closes by itself when its condition clears', () => {
    const streak = badStreak('w1', [rating(1), rating(1), rating(1)], R, t0)!;
    const first = reconcile([], [streak], ['bad_streak']);
    expect(first.raise.map((c) => c.key)).toEqual(['bad_streak:w1']);
    const again = reconcile([{ key: streak.key, kind: 'bad_streak' }], [streak], ['bad_streak']);
    expect(again).toEqual({ raise: [], close: [] });
    const cleared = reconcile([{ key: streak.key, kind: 'bad_streak' }], [], ['bad_streak']);
    expect(cleared.close).toEqual(['bad_streak:w1']);
  });

  it('a pass over ratings does not close kiosk alerts, and a bad review with a phone waits for acknowledgement', () => {
    const open = [{ key: 'kiosk_silent:k1', kind: 'kiosk_silent' as const }, { key: 'bad_with_phone:r1', kind: 'bad_with_phone' as const }];
    expect(reconcile(open, [], ['bad_streak', 'bad_with_phone']).close).toEqual([]);
  });
});

describe('early-warning alert rule', () => {
  const fall = { subject: 'window', id: 'w03', label: '03 社保', labelEn: '03 Social Insurance', asOf: '2026-11-20', since: '2026-11-12', baseline: 0.9125, recent: 0.8 } as const;

  it('one alert per fall: keyed by where it started, so the next night of the same fall is not a new alert but a new fall is', () => {
    const c = earlyWarningAlert({ ...fall, windowId: 'w03' });
    expect(c).toEqual({
      key: 'early_warning:window:w03:2026-11-12', kind: 'early_warning', windowId: 'w03',
      facts: { subject: 'window', label: '03 社保', labelEn: '03 Social Insurance', since: '2026-11-12', asOf: '2026-11-20', baseline: '91.3%', recent: '80.0%' },
    });
    expect(earlyWarningAlert({ ...fall, asOf: '2026-11-21', windowId: 'w03' }).key).toBe(c.key);
    expect(earlyWarningAlert({ ...fall, since: '2026-11-25', windowId: 'w03' }).key).not.toBe(c.key);
  });

  it('names its window in English to an English channel and in Chinese to a Chinese one', () => {
    const c = earlyWarningAlert({ ...fall, windowId: 'w03' });
    const view = { id: 'a1', kind: c.kind, hall: { zh: '市民中心', en: 'Citizen Centre' }, place: { zh: '03 社保', en: '03 Social Insurance' }, facts: c.facts, link: 'https://hall.example/x' };
    expect(formatAlert(view, 'en', false).lines[0]).toBe('Satisfaction of 03 Social Insurance has fallen below its baseline since 2026-11-12: recently 80.0%, baseline 91.3%.');
    expect(formatAlert(view, 'zh-CN', false).lines[0]).toBe('03 社保满意率自 2026-11-12 起明显低于基线：近期 80.0%，基线 91.3%。');
  });

  it('is closed only by a person and never raised again for the same fall', () => {
    expect(autoCloses('early_warning')).toBe(false);
    expect(raisedOnce('early_warning')).toBe(true);
    expect(raisedOnce('bad_streak')).toBe(false);
  });
});
