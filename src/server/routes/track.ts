/** GET /api/v1/track/:code — the citizen's progress page data: states and the hall's answer, nothing personal. */
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import type { LimitKey } from '../store';
import { clientAddress } from '../http/guards';
import { fail } from '../http/errors';
import { normalizeTrackingCode } from '../../shared/cases/tracking';
import { trackHash } from '../cases/open';
import { trackView } from '../cases/view';

const WINDOW_MS = 10 * 60_000;
/** Misses allowed per address per window before lookups answer 429 (sites may lower it in config). */
export const TRACK_MISSES = 30;

export function trackRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // Accepts: anyone holding a tracking code (80 random bits); misses are counted per address and rate-limited.
  app.get('/track/:code', async (c) => {
    const now = deps.now();
    const address = clientAddress(c);
    // Counted as a miss before the lookup, so lookups kept in flight together cannot pass the limit.
    const misses: LimitKey[] = [{ scope: 'track', key: address }];
    const verdict = await deps.store.limits.reserve(misses, now - WINDOW_MS, ([recent = []]) => recent.length < TRACK_MISSES ? { kind: 'allowed' as const }
      : { kind: 'limited' as const, retry: Math.max(1, Math.ceil((recent[recent.length - TRACK_MISSES]! + WINDOW_MS - now) / 1000)) }, misses, now);
    if (verdict.kind === 'limited') {
      const limited = fail(429, 'too_many_lookups', `too many unknown codes from this address; try again in ${verdict.retry} s`);
      limited.res?.headers.set('retry-after', String(verdict.retry));
      throw limited;
    }
    const code = normalizeTrackingCode(c.req.param('code'));
    const row = code ? await deps.store.cases.byTrackHash(trackHash(code)) : null;
    if (!row) throw fail(404, 'unknown_code', 'no case has this tracking code', 'code');
    await deps.store.limits.release(misses, now);
    c.header('cache-control', 'no-store');
    return c.json(trackView(deps.config, row, await deps.store.cases.events(row.number)));
  });
  return app;
}
