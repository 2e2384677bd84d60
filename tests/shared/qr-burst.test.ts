import { describe, it, expect } from 'vitest';
import { judgeQrRating, type QrCandidate, type QrUse } from '../../src/shared/qr-burst';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const MIN = 60_000;
let n = 0;
const use = (over: Partial<QrUse> = {}): QrUse => ({ recordId: `r${++n}`, at: T0 - 5 * MIN, score: 4, tokenId: 'poster-w03', deviceId: `phone-${n}`, address: null, ...over });
const candidate = (over: Partial<QrCandidate> = {}): QrCandidate => ({
  recordId: 'new', at: T0, score: 4, tokenId: 'poster-w03', tokenKind: 'poster', deviceId: 'phone-new', address: null, ...over,
});

describe('QR ballot stuffing', () => {
  it('a citizen scanning the poster at a quiet window is not suspect', () => {
    expect(judgeQrRating(candidate(), [use({ at: T0 - 4 * MIN, score: 5 })])).toEqual([]);
  });

  it('a script rating one window twenty times with 1 through a poster, with a fresh phone id each time, is caught after a few', () => {
    const earlier: QrUse[] = [];
    const counted: number[] = [];
    for (let i = 0; i < 20; i++) {
      const c = candidate({ recordId: `s${i}`, at: T0 + i * 10_000, score: 1, deviceId: `fresh-${i}` });
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
});
