import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { fail } from '../http/errors';
import { jsonBody } from '../http/validate';
import { clientAddress } from '../http/guards';
import { enrolKiosk } from '../auth/kiosks';
import { linkCodeToKiosk, redeemPairingCode } from '../auth/pairing';
import { AttemptGate } from '../auth/ratelimit';
import { PAIRING_RULES } from '../auth/attempts';
import { waitText } from './auth';
import { EnrolRequestSchema } from '../../shared/wire';
import { audit } from '../audit';

/** Kiosk enrolment: a pairing code from an admin, or the open flag of a demo site (never in production). */
export function enrolRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const wrongCodes = new AttemptGate(deps.store, 'pairing', PAIRING_RULES, deps.now);

  // Accepts: a pairing code; nothing at all only on an open-enrolment site outside production.
  app.post('/enrol', jsonBody(EnrolRequestSchema), async (c) => {
    const { windowId, code } = c.req.valid('json');
    const now = deps.now();
    if (code) {
      const address = clientAddress(c);
      // Counted as a wrong code before the code is looked at, so codes kept in flight together cannot pass the limit.
      const attempt = await wrongCodes.attempt('', address);
      if (attempt.kind === 'limited') {
        return c.json({ error: 'too_many_attempts', message: `too many wrong pairing codes; try again in ${waitText(attempt.retryAfterSeconds)}`, retryAfterSeconds: attempt.retryAfterSeconds }, 429, { 'retry-after': String(attempt.retryAfterSeconds) });
      }
      // The code is used up only with its kiosk: one unit redeems, enrols, links and audits, or keeps none of it.
      const outcome = await deps.store.tx(async (t) => {
        const r = await redeemPairingCode(t, code, now);
        if (r.kind !== 'ok') return r;
        // Thrown inside the unit, so the code is not kept as used: it still pairs its own window.
        if (windowId && windowId !== r.windowId) throw fail(409, 'window_mismatch', `this code pairs with window "${r.windowId}", not "${windowId}"`, 'windowId');
        const { kiosk, token } = await enrolKiosk(t, r.siteId, r.windowId, now, r.name);
        await linkCodeToKiosk(t, code, kiosk.id);
        await audit(t, `kiosk:${kiosk.id}`, 'kiosk_enrolled', { windowId: r.windowId, byCode: true }, now, address);
        return { kind: 'enrolled' as const, kiosk, token, siteId: r.siteId, windowId: r.windowId };
      }).catch(async (e: unknown) => {
        await wrongCodes.release(attempt); // a right code for another window, or a failed write, is no wrong code
        throw e;
      });
      if (outcome.kind === 'enrolled') {
        await wrongCodes.release(attempt);
        return c.json({ deviceId: outcome.kiosk.id, token: outcome.token, windowId: outcome.windowId, siteId: outcome.siteId });
      }
      await wrongCodes.failed(attempt);
      const message = outcome.kind === 'expired' ? 'this pairing code has expired; ask an admin for a new one'
        : outcome.kind === 'used' ? 'this pairing code was already used; ask an admin for a new one'
        : 'unknown pairing code; check it and try again';
      throw fail(outcome.kind === 'unknown' ? 401 : 410, `code_${outcome.kind}`, message, 'code');
    }
    if (!windowId) throw fail(400, 'invalid', 'a pairing code is required', 'code');
    const site = deps.config.siteOfWindow(windowId);
    if (!site) throw fail(404, 'unknown_window', `unknown window "${windowId}"`, 'windowId');
    if (!site.openEnrolment || deps.production) {
      throw fail(403, 'pairing_code_required', 'this site enrols kiosks with a pairing code from an admin', 'code');
    }
    // The kiosk and its audit line are kept together or not at all.
    const { kiosk, token } = await deps.store.tx(async (t) => {
      const made = await enrolKiosk(t, site.id, windowId, now);
      await audit(t, `kiosk:${made.kiosk.id}`, 'kiosk_enrolled', { windowId, open: true }, now);
      return made;
    });
    return c.json({ deviceId: kiosk.id, token, windowId, siteId: site.id });
  });

  return app;
}
