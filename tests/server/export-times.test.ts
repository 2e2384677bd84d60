/** The export's own time text and parsing agree with Date for every instant, the forms devices send and any other text. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InstantBytes, InstantParser, InstantText, MAX_PLAIN } from '../../src/server/export/local-time';
import { csvCell } from '../../src/shared/csv';

describe('export times', () => {
  it('received times read exactly as toISOString writes them, rows in any order', () => {
    const text = new InstantText();
    fc.assert(fc.property(fc.array(fc.integer({ min: -62_200_000_000_000, max: 300_000_000_000_000 }), { minLength: 1, maxLength: 50 }), (xs) => {
      for (const ms of xs) expect(text.iso(ms)).toBe(new Date(ms).toISOString());
    }), { numRuns: 300 });
  });

  it('hall-local times read YYYY-MM-DD HH:mm:ss to the second, and an unknown time stays empty', () => {
    const text = new InstantText();
    fc.assert(fc.property(fc.array(fc.integer({ min: -1e13, max: 3e14 }), { minLength: 1, maxLength: 50 }), (xs) => {
      for (const ms of xs) {
        const iso = new Date(ms).toISOString();
        expect(text.wall(ms)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`);
      }
    }), { numRuns: 300 });
    expect(text.wall(NaN)).toBe('');
  });

  it('times written as bytes are the same texts, day after day and in any order', () => {
    const bytes = new InstantBytes();
    const b = Buffer.alloc(64);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: MAX_PLAIN - 1 }), { minLength: 1, maxLength: 50 }), (xs) => {
      for (const ms of xs) {
        const iso = new Date(ms).toISOString();
        // written after other bytes, as in a line
        expect(b.toString('latin1', 3, bytes.iso(b, 3, ms))).toBe(iso);
        expect(b.toString('latin1', 5, bytes.wall(b, 5, ms))).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`);
      }
    }), { numRuns: 300 });
  });

  it('device times parse as Date.parse parses them, in the usual form and in any other', () => {
    const parser = new InstantParser();
    const usual = fc.integer({ min: 0, max: 253_402_300_799_999 }).map((ms) => new Date(ms).toISOString());
    const odd = fc.oneof(
      fc.string(),
      usual.map((s) => s.replace('Z', '+08:00')),
      usual.map((s) => `${s.slice(0, 11)}24${s.slice(13)}`),
      usual.map((s) => `${s.slice(0, 14)}7${s.slice(15)}`),
      usual.map((s) => `${s.slice(0, 8)}3${s.slice(9)}`),
      fc.constantFrom('2026-02-30T01:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-01-01T00:00:00.00xZ', ''),
    );
    fc.assert(fc.property(fc.array(fc.oneof(usual, odd), { minLength: 1, maxLength: 30 }), (xs) => {
      for (const s of xs) expect(parser.parse(s)).toBe(Date.parse(s));
    }), { numRuns: 500 });
  });

  it('a CSV cell is written as csvCell writes it, formula signs and quotes included', async () => {
    // The writer's one-regex fast path must never let through what the guard or the quoting would change.
    const { encode } = await import('../../src/server/export/formats');
    const columns = [{ key: 'v', zh: 'v', type: 'text' as const, width: 1 }];
    const cell = fc.oneof(fc.string(), fc.constantFrom('=1+1', ' =x', '\u3000＝x', '+86', '-3', '@a', 'a,b', 'say "hi"', 'a\nb', '\tx', '', '01'));
    await fc.assert(fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 20 }), async (values) => {
      async function* pages() { yield values.map((v) => [v]); }
      let out = '';
      for await (const c of encode('csv', columns, pages(), { lang: 'en', sheetName: 'x' })) out += Buffer.from(c).toString();
      expect(out).toBe(`\uFEFFv\r\n${values.map((v) => csvCell(v) + '\r\n').join('')}`);
    }), { numRuns: 200 });
  });
});
