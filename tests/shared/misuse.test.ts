import { describe, it, expect } from 'vitest';
import { judgeRating, pruneRatingTimes, DEFAULT_MISUSE } from '../../src/shared/misuse';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);

describe('misuse on one kiosk', () => {
  it('a rating within 3 s of the previous thank-you is suspect', () => {
    expect(judgeRating(T0 + 2_999, { lastThanksAt: T0, ratingTimes: [T0 - 1000] })).toEqual({ suspect: true, reason: 'too_soon_after_thanks' });
  });

  it('a rating 3 s or more after the thank-you is not suspect', () => {
    expect(judgeRating(T0 + 3_000, { lastThanksAt: T0, ratingTimes: [T0 - 1000] })).toEqual({ suspect: false });
  });

  it('the first rating of the day is never suspect', () => {
    expect(judgeRating(T0, { lastThanksAt: null, ratingTimes: [] })).toEqual({ suspect: false });
  });

  it('the 21st rating within 10 minutes is suspect, the 20th is not', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => T0 + i * 25_000);
    const nineteen = twenty.slice(0, 19);
    const now = T0 + 20 * 25_000;
    expect(judgeRating(now, { lastThanksAt: null, ratingTimes: nineteen })).toEqual({ suspect: false });
    expect(judgeRating(now, { lastThanksAt: null, ratingTimes: twenty })).toEqual({ suspect: true, reason: 'too_many_ratings' });
  });

  it('ratings older than the window no longer count', () => {
    const old = Array.from({ length: 20 }, (_, i) => T0 + i * 1000);
    const now = T0 + 19_000 + 10 * 60_000;
    expect(judgeRating(now, { lastThanksAt: null, ratingTimes: old })).toEqual({ suspect: false });
  });

  it('thresholds come from the site configuration', () => {
    const rules = { minSecondsAfterThanks: 10, maxRatingsPerWindow: 2, windowMinutes: 1 };
    expect(judgeRating(T0 + 9_000, { lastThanksAt: T0, ratingTimes: [] }, rules)).toEqual({ suspect: true, reason: 'too_soon_after_thanks' });
    expect(judgeRating(T0 + 30_000, { lastThanksAt: null, ratingTimes: [T0, T0 + 10_000] }, rules)).toEqual({ suspect: true, reason: 'too_many_ratings' });
    expect(judgeRating(T0 + 61_000, { lastThanksAt: null, ratingTimes: [T0, T0 + 10_000] }, rules)).toEqual({ suspect: false });
  });

  it('pruning keeps only the ratings inside the window', () => {
    expect(pruneRatingTimes([T0 - 11 * 60_000, T0 - 60_000, T0], T0, DEFAULT_MISUSE)).toEqual([T0 - 60_000, T0]);
  });
});
