import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppDeps, AppEnv } from '../http/context';
import { fail, readJson } from '../http/errors';
import { clientAddress } from '../http/guards';
import { enrolKiosk } from '../auth/kiosks';
import { linkCodeToKiosk, redeemPairingCode } from '../auth/pairing';
import { AttemptGate } from '../auth/ratelimit';
import { PAIRING_RULES } from '../auth/attempts';
import { waitText } from './auth';
import { EnrolRequestSchema, firstIssue } from '../../shared/wire';
import { audit } from '../audit';

/** Kiosk enrolment: a pairing code from an admin, or the open flag of a demo site (never in production). */
export function enrolRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const wrongCodes = new AttemptGate(deps.store, 'pairing', PAIRING_RULES, deps.now);

  // Accepts: a pairing code; nothing at all only on an open-enrolment site outside production.
  app.post('/enrol', async (c) => {
    const parsed = v.safeParse(EnrolRequestSchema, await readJson(c.req.raw));
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.issues);
      throw fail(400, 'invalid', `${field} ${message}`, field);
    }
    const { windowId, code } = parsed.output;
    const now = deps.now();
    if (code) {
      const address = clientAddress(c);
      const limit = await wrongCodes.check('', address);
      if (limit.kind === 'limited') {
        return c.json({ error: 'too_many_attempts', message: `too many wrong pairing codes; try again in ${waitText(limit.retryAfterSeconds)}`, retryAfterSeconds: limit.retryAfterSeconds }, 429, { 'retry-after': String(limit.retryAfterSeconds) });
      }
      const r = await redeemPairingCode(deps.store, code, now);
      if (r.kind !== 'ok') {
        await wrongCodes.fail('', address);
        const message = r.kind === 'expired' ? 'this pairing code has expired; ask an admin for a new one'
          : r.kind === 'used' ? 'this pairing code was already used; ask an admin for a new one'
          : 'unknown pairing code; check it and try again';
        throw fail(r.kind === 'unknown' ? 401 : 410, `code_${r.kind}`, message, 'code');
      }
      if (windowId && windowId !== r.windowId) {
        throw fail(409, 'window_mismatch', `this code pairs with window "${r.windowId}", not "${windowId}"`, 'windowId');
      }
      const { kiosk, token } = await enrolKiosk(deps.store, r.siteId, r.windowId, now);
      await linkCodeToKiosk(deps.store, code, kiosk.id);
      await audit(deps.store, `kiosk:${kiosk.id}`, 'kiosk_enrolled', { windowId: r.windowId, byCode: true }, now, address);
      return c.json({ deviceId: kiosk.id, token, windowId: r.windowId, siteId: r.siteId });
    }
    if (!windowId) throw fail(400, 'invalid', 'a pairing code is required', 'code');
    const site = deps.config.siteOfWindow(windowId);
    if (!site) throw fail(404, 'unknown_window', `unknown window "${windowId}"`, 'windowId');
    if (!site.openEnrolment || deps.production) {
      throw fail(403, 'pairing_code_required', 'this site enrols kiosks with a pairing code from an admin', 'code');
    }
    const { kiosk, token } = await enrolKiosk(deps.store, site.id, windowId, now);
    await audit(deps.store, `kiosk:${kiosk.id}`, 'kiosk_enrolled', { windowId, open: true }, now);
    return c.json({ deviceId: kiosk.id, token, windowId, siteId: site.id });
  });

  return app;
}
