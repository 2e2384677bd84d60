/** Query parameters read strictly: each is checked before use, and a bad one is a 400 that names it. */
import type { Context } from 'hono';
import { fail } from './errors';
import { isDay, MONTH_RE } from '../../shared/time';
import { QUERY_DAY_MAX, QUERY_DAY_MIN } from '../../shared/api/query';

type Ctx = Pick<Context, 'req'>;

/** A YYYY-MM-DD calendar day, or `fallback()` when the parameter is absent. */
export function dayParam(c: Ctx, name: string, fallback: () => string): string {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback();
  if (!isDay(raw)) throw fail(400, 'invalid', `${name} must be a day as YYYY-MM-DD`, name);
  return raw;
}

/** A yes/no switch: absent, `0` or `1`. */
export function flagParam(c: Ctx, name: string): boolean {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '' || raw === '0') return false;
  if (raw === '1') return true;
  throw fail(400, 'invalid', `${name} must be 0 or 1`, name);
}

/** A whole number within [min, max], or null when absent. */
export function intParam(c: Ctx, name: string, min: number, max: number): number | null {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return null;
  const n = /^-?\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw fail(400, 'invalid', `${name} must be a whole number from ${min} to ${max}`, name);
  return n;
}

const [MONTH_MIN, MONTH_MAX] = [QUERY_DAY_MIN.slice(0, 7), QUERY_DAY_MAX.slice(0, 7)];

/** A YYYY-MM month within the days a query may name, or `fallback()` when the parameter is absent. */
export function monthParam(c: Ctx, name: string, fallback: () => string): string {
  const month = c.req.query(name) ?? fallback();
  if (!MONTH_RE.test(month)) throw fail(400, 'invalid', `${name} must be YYYY-MM`, name);
  if (month < MONTH_MIN || month > MONTH_MAX) throw fail(400, 'invalid', `${name} must be from ${MONTH_MIN} to ${MONTH_MAX}`, name);
  return month;
}
