import { describe, it, expect } from 'vitest';
import { judgeQrRating, type QrCandidate, type QrUse } from '../../src/shared/qr-burst';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const MIN = 60_000;
let n = 0;
/** An earlier use, arrived when it was made unless it says otherwise. */
const use = (over: Partial<QrUse> = {}): QrUse => {
  const at = over.at ?? T0 - 5 * MIN;
  return { recordId: `r${++n}`, at, receivedAt: at, score: 4, tokenId: 'poster-w03', deviceId: `phone-${n}`, address: null, ...over };
};
const candidate = (over: Partial<QrCandidate> = {}): QrCandidate => ({
  recordId: 'new', at: T0, receivedAt: T0, score: 4, tokenId: 'poster-w03', tokenKind: 'poster', deviceId: 'phone-new', address: null, ...over,
});

describe('QR ballot stuffing', () => {
  it('a citizen scanning the poster at a quiet window is not suspect', () => {
    expect(judgeQrRating(candidate(), [use({ at: T0 - 4 * MIN, score: 5 })])).toEqual([]);
  });

  it('a script rating one window twenty times with 1 through a poster, with a fresh phone id each time, is caught after a few', () => {
    const earlier: QrUse[] = [];
    const counted: number[] = [];
    for (let i = 0; i < 20; i++) {
      const c = candidate({ recordId: `s${i}`, at: T0 + i * 10_000, receivedAt: T0 + i * 10_000, score: 1, deviceId: `fresh-${i}` });
      if (judgeQrRating(c, earlier).length === 0) counted.push(i);
      earlier.push({ ...c });
    }
    expect(counted.length).toBeLessThanOrEqual(3);
  });

  it('a presence code carries a small budget of ratings; the rest are suspect for the budget', () => {
    const earlier = [1, 2, 3].map((i) => use({ tokenId: 'presence-a', at: T0 - i * 20_000, score: 3 + (i % 2) }));
    expect(judgeQrRating(candidate({ tokenKind: 'presence', tokenId: 'presence-a' }), earlier)).toContain('qr_token_budget');
    expect(judgeQrRating(candidate({ tokenKind: 'presence', tokenId: 'presence-b' }), earlier)).not.toContain('qr_token_budget');
  });

  it('the same client address rating one window twice in ten minutes is suspect; an unknown address never is', () => {
    expect(judgeQrRating(candidate({ address: '203.0.113.9' }), [use({ address: '203.0.113.9' })])).toEqual(['qr_repeat_address']);
    expect(judgeQrRating(candidate({ address: null }), [use({ address: null })])).toEqual([]);
  });

  it('a busy window with mixed scores is flagged only for its rate, and only past the limit', () => {
    const mixed = [5, 4, 3, 4, 5, 2].map((score, i) => use({ score, at: T0 - (i + 1) * MIN }));
    expect(judgeQrRating(candidate({ score: 4 }), mixed.slice(0, 5))).toEqual([]);
    expect(judgeQrRating(candidate({ score: 4 }), mixed)).toEqual(['qr_burst_rate']);
  });

  it('ratings older than the detector\'s window do not count', () => {
    const old = Array.from({ length: 10 }, (_, i) => use({ score: 1, at: T0 - (11 + i) * MIN }));
    expect(judgeQrRating(candidate({ score: 1 }), old)).toEqual([]);
  });

  it('a script that dates each rating a little earlier than the last is caught after a few', () => {
    const earlier: QrUse[] = [];
    const counted: number[] = [];
    for (let i = 0; i < 20; i++) {
      const c = candidate({ recordId: `b${i}`, at: T0 - i * 10, receivedAt: T0 + i * 100, score: 5, deviceId: `fresh-${i}` });
      if (judgeQrRating(c, earlier).length === 0) counted.push(i);
      earlier.push({ ...c });
    }
    expect(counted.length).toBeLessThanOrEqual(3);
  });

  it('ratings dated eleven minutes apart over past days but all sent now are suspect for their arrival', () => {
    const earlier: QrUse[] = [];
    const counted: number[] = [];
    for (let i = 0; i < 20; i++) {
      const c = candidate({ recordId: `p${i}`, at: T0 - i * 11 * MIN, receivedAt: T0 + i * 100, score: i % 2 === 0 ? 4 : 3, deviceId: `fresh-${i}` });
      if (judgeQrRating(c, earlier).length === 0) counted.push(i);
      earlier.push({ ...c });
    }
    expect(counted).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('ratings a phone made offline hours ago and sends now are judged by when they were made as well as when they came', () => {
    // three citizens' phones, back online together: each rating made an hour apart, all arriving now
    const queued = [0, 1, 2].map((i) => use({ at: T0 - (i + 1) * 60 * MIN, receivedAt: T0 }));
    expect(judgeQrRating(candidate({ at: T0 - 4 * 60 * MIN }), queued)).toEqual([]);
  });

  it('a citizen who rates a window badly and then writes a complaint from the same phone is not a repeat', () => {
    const rating = use({ deviceId: 'phone-new', score: 1, at: T0 - MIN });
    expect(judgeQrRating(candidate({ score: null }), [rating])).toEqual([]);
    expect(judgeQrRating(candidate({ score: null }), [{ ...rating, score: null }])).toEqual(['qr_repeat_phone']);
  });

  it('complaints sent by a script through a poster are suspect past the window\'s rate', () => {
    const earlier: QrUse[] = [];
    const counted: number[] = [];
    for (let i = 0; i < 20; i++) {
      const c = candidate({ recordId: `c${i}`, score: null, receivedAt: T0, deviceId: `fresh-${i}` });
      if (judgeQrRating(c, earlier).length === 0) counted.push(i);
      earlier.push({ ...c });
    }
    expect(counted).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
