import { describe, it, expect, vi, afterEach } from 'vitest';
import {
  stepAfterRating, reasonsComplete, offersCallBack, toggleReason, checkCommentAndPhone, nextRevision, rechosen,
  timeoutFor, startInactivityTimer, DEFAULT_TIMERS,
} from '../../src/shared/survey';

afterEach(() => { vi.useRealTimers(); });

describe('the survey after a tap', () => {
  it('a bad rating (2 or 1) asks for reasons; 3 and above go straight to the thank-you', () => {
    expect(stepAfterRating(1)).toBe('reasons');
    expect(stepAfterRating(2)).toBe('reasons');
    expect(stepAfterRating(3)).toBe('thanks');
    expect(stepAfterRating(5)).toBe('thanks');
  });

  it('a bad rating cannot be submitted without at least one reason', () => {
    expect(reasonsComplete(2, [])).toBe(false);
    expect(reasonsComplete(2, ['slow'])).toBe(true);
    expect(reasonsComplete(4, [])).toBe(true);
  });

  it('only a bad rating offers a call back', () => {
    expect(offersCallBack(1)).toBe(true);
    expect(offersCallBack(3)).toBe(false);
  });

  it('reasons are kept in the order of the site list whatever order they were tapped in', () => {
    const order = ['attitude', 'slow', 'other'];
    let sel = toggleReason([], 'other', order);
    sel = toggleReason(sel, 'attitude', order);
    expect(sel).toEqual(['attitude', 'other']);
    expect(toggleReason(sel, 'attitude', order)).toEqual(['other']);
  });
});

describe('comment and phone', () => {
  it('empty comment and phone are left out', () => {
    expect(checkCommentAndPhone('  ', '')).toEqual({ ok: true });
  });

  it('a mainland mobile number is accepted with spaces, dashes or +86', () => {
    expect(checkCommentAndPhone('', '+86 138-0013-8000')).toEqual({ ok: true, phone: '13800138000' });
  });

  it('a number that is not a mainland mobile is refused, naming the field', () => {
    expect(checkCommentAndPhone('ok', '12345')).toEqual({ ok: false, field: 'phone', code: 'not_mobile' });
    expect(checkCommentAndPhone('', '12800138000')).toEqual({ ok: false, field: 'phone', code: 'not_mobile' });
  });

  it('a comment over 500 characters is refused', () => {
    expect(checkCommentAndPhone('字'.repeat(501), '')).toEqual({ ok: false, field: 'comment', code: 'too_long' });
  });
});

describe('revisions', () => {
  it('each later step keeps the id and raises the revision by one', () => {
    const first = { id: 'r1', rev: 0, score: 2, reasons: [] as string[] };
    const second = nextRevision(first, { reasons: ['slow'] });
    const third = nextRevision(second, { comment: '排队太久', phone: '13800138000' });
    expect(second).toEqual({ id: 'r1', rev: 1, score: 2, reasons: ['slow'] });
    expect(third).toEqual({ id: 'r1', rev: 2, score: 2, reasons: ['slow'], comment: '排队太久', phone: '13800138000' });
  });

  it('a face chosen again replaces the score of the same response, drops the old reasons and keeps its tracking code and misuse verdict', () => {
    const tapped = { id: 'r1', rev: 1, score: 1, reasons: ['attitude'], suspect: false, trackingCode: '0123456789ABCDEF' };
    expect(nextRevision(tapped, rechosen(5))).toEqual({ id: 'r1', rev: 2, score: 5, reasons: [], suspect: false, trackingCode: '0123456789ABCDEF' });
  });
});

/** An inactivity timer of `ms` on the fake clock, and the call it makes when the wait is over. */
function armed(ms: number) {
  vi.useFakeTimers();
  const onTimeout = vi.fn();
  return { onTimeout, timer: startInactivityTimer(ms, onTimeout) };
}

describe('timers', () => {
  it('the thank-you lasts 8 s and an unfinished survey waits 45 s by default', () => {
    expect(timeoutFor('thanks', DEFAULT_TIMERS)).toBe(8_000);
    expect(timeoutFor('reasons', DEFAULT_TIMERS)).toBe(45_000);
    expect(timeoutFor('comment', { thanksSeconds: 5, inactivitySeconds: 20 })).toBe(20_000);
  });

  it('a walk-away returns to idle once the inactivity time has passed', () => {
    const { onTimeout } = armed(45_000);
    vi.advanceTimersByTime(44_999);
    expect(onTimeout).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onTimeout).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100_000);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('every touch starts the wait again', () => {
    const { onTimeout, timer } = armed(45_000);
    vi.advanceTimersByTime(40_000);
    timer.touch();
    vi.advanceTimersByTime(40_000);
    expect(onTimeout).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5_000);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('a stopped timer never fires', () => {
    const { onTimeout, timer } = armed(1_000);
    timer.stop();
    vi.advanceTimersByTime(5_000);
    expect(onTimeout).not.toHaveBeenCalled();
  });
});
